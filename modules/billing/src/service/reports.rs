//! What staff and tenants read: an invoice with its payments and standing, the operator's
//! invoices across tenants, revenue by month.

use super::followup::{self, Standing};
use super::invoices;
use crate::error::BillingResult;
use crate::model::invoice::{self, euros};
use crate::model::{InvoiceKind, InvoiceStatus, payment};
use crate::settings::BillingSettings;
use chrono::NaiveDate;
use crm360_kernel::TenantScope;
use crm360_kernel::scope::OperatorScope;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// An invoice with what was paid, its payments and where it stands today.
pub struct InvoiceView {
    pub invoice: invoice::Model,
    pub paid: Decimal,
    pub standing: Standing,
    pub payments: Vec<payment::Model>,
}

/// The views of `rows`, all of one tenant.
pub async fn views(
    scope: &TenantScope,
    settings: &BillingSettings,
    rows: Vec<invoice::Model>,
) -> BillingResult<Vec<InvoiceView>> {
    let today = scope.clock().today();
    let txn = scope.begin().await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let payments = txn
            .find::<payment::Entity>()
            .filter(payment::Column::InvoiceId.eq(row.id))
            .order_by_asc(payment::Column::PaidOn)
            .all(&txn)
            .await?;
        let paid = euros(payments.iter().map(|p| p.amount_cents).sum());
        let standing = followup::standing(&txn, settings, &row, today).await?;
        views.push(InvoiceView { invoice: row, paid, standing, payments });
    }
    txn.commit().await?;
    Ok(views)
}

pub async fn view(scope: &TenantScope, settings: &BillingSettings, id: Uuid) -> BillingResult<InvoiceView> {
    let row = invoices::get(scope, id).await?;
    Ok(views(scope, settings, vec![row]).await?.remove(0))
}

/// Invoices across tenants (operator staff), the latest first; only the unpaid overdue ones
/// when asked.
pub async fn operator_invoices(
    scope: &OperatorScope,
    settings: &BillingSettings,
    tenant_id: Option<Uuid>,
    overdue_only: bool,
    limit: u64,
) -> BillingResult<Vec<InvoiceView>> {
    let db = scope.unscoped();
    let today = scope.clock().today();
    let mut query = db.find::<invoice::Entity>();
    if let Some(tenant_id) = tenant_id {
        query = query.filter(invoice::Column::TenantId.eq(tenant_id));
    }
    if overdue_only {
        query = query
            .filter(invoice::Column::Kind.eq(InvoiceKind::Invoice))
            .filter(invoice::Column::Status.eq(InvoiceStatus::Issued))
            .filter(invoice::Column::DueDate.lt(today));
    }
    let rows =
        query.order_by_desc(invoice::Column::Id).limit(if overdue_only { 10_000 } else { limit }).all(&db).await?;
    let mut by_tenant: std::collections::BTreeMap<Uuid, Vec<invoice::Model>> = Default::default();
    let order: std::collections::HashMap<Uuid, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for row in rows {
        by_tenant.entry(row.tenant_id).or_default().push(row);
    }
    let mut all = Vec::new();
    for (tenant_id, rows) in by_tenant {
        all.extend(views(&scope.on_tenant(tenant_id), settings, rows).await?);
    }
    if overdue_only {
        all.retain(|v| v.standing.overdue);
    }
    all.sort_by_key(|v| order.get(&v.invoice.id).copied().unwrap_or(usize::MAX));
    all.truncate(limit as usize);
    Ok(all)
}

/// Net revenue excluding tax per month of the period invoiced, the latest `months`.
pub async fn revenue_by_month(scope: &OperatorScope, months: u32) -> BillingResult<Vec<(NaiveDate, i64, i64, i64)>> {
    let db = scope.unscoped();
    let today = scope.clock().today();
    let from = super::month_start(today) - chrono::Months::new(months);
    let rows: Vec<(NaiveDate, InvoiceKind, i64)> = db
        .find::<invoice::Entity>()
        .select_only()
        .column(invoice::Column::PeriodStart)
        .column(invoice::Column::Kind)
        .column(invoice::Column::TotalExcludingTaxCents)
        .filter(invoice::Column::Status.eq(InvoiceStatus::Issued))
        .filter(invoice::Column::PeriodStart.gte(from))
        .into_tuple()
        .all(&db)
        .await?;
    let mut by_month: std::collections::BTreeMap<NaiveDate, (i64, i64, i64)> = Default::default();
    for (month, kind, cents) in rows {
        let entry = by_month.entry(month).or_default();
        match kind {
            InvoiceKind::Invoice => {
                entry.0 += cents;
                entry.2 += 1;
            }
            InvoiceKind::CreditNote => entry.1 += cents,
        }
    }
    Ok(by_month.into_iter().rev().map(|(m, (inv, cred, n))| (m, inv, cred, n)).collect())
}
