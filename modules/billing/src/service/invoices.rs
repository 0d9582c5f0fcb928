//! Invoices: a draft per tenant and month priced from the month's usage under the plan and
//! grid in force on its first day, issued with a number taken at issue time, immutable once
//! issued (corrections only by credit note).

use super::{documents, grids, month_end, month_key, numbering, plans, profiles, usage};
use crate::error::{BillingError, BillingResult};
use crate::model::invoice::{self, cents, euros};
use crate::model::{InvoiceKind, InvoiceStatus, payment};
use crate::settings::BillingSettings;
use chrono::{Duration, NaiveDate};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::pagination::Page;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{TenantScope, TenantTxn};
use crm360_pricing::Quote;
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// A priced line as stored on the invoice (amounts as decimal strings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredLine {
    pub code: String,
    pub label: String,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    pub amount: Decimal,
}

fn stored_lines(quote: &Quote) -> Vec<StoredLine> {
    quote
        .lines
        .iter()
        .map(|line| StoredLine {
            code: serde_json::to_value(line.code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            label: line.label_fr.clone(),
            quantity: line.quantity,
            unit: line.unit_fr.clone(),
            unit_price: line.unit_price,
            amount: line.amount,
        })
        .collect()
}

pub fn lines_of(invoice: &invoice::Model) -> Vec<StoredLine> {
    serde_json::from_value(invoice.lines.clone()).unwrap_or_default()
}

/// Prices the month that starts on `start` for the tenant and keeps it as a draft; the
/// existing invoice of that month if there is one (idempotent: a retried run adds nothing).
pub async fn draft_month(
    scope: &OperatorScope,
    settings: &BillingSettings,
    tenant_id: Uuid,
    start: NaiveDate,
) -> BillingResult<invoice::Model> {
    let tenant_scope = scope.on_tenant(tenant_id);
    let (grid_version, grid) = grids::in_force(&scope.unscoped(), start).await?;
    let buyer = profiles::buyer(scope, tenant_id).await?;
    let txn = tenant_scope.begin().await?;
    if let Some(existing) = find_month(&txn, start).await? {
        txn.commit().await?;
        return Ok(existing);
    }
    let plan = plans::in_force(&txn, start).await?;
    let month = usage::month(&txn, start, &grid).await?;
    let quote = crm360_pricing::quote(&grid, &month.priced_under(&plan))?;
    let totals = crm360_pricing::with_vat(quote.total_excluding_tax, settings.vat_rate);
    let key = month_key(start);
    txn.insert_statement(invoice::ActiveModel {
        kind: Set(InvoiceKind::Invoice),
        status: Set(InvoiceStatus::Draft),
        period_key: Set(key),
        period_start: Set(start),
        period_end: Set(month_end(start)),
        series: Set(settings.invoice_prefix.clone()),
        sequence: Set(None),
        number: Set(None),
        issue_date: Set(None),
        due_date: Set(None),
        grid_version: Set(grid_version),
        plan: Set(json!(plan)),
        usage: Set(json!(month)),
        lines: Set(json!(stored_lines(&quote))),
        total_excluding_tax_cents: Set(cents(totals.total_excluding_tax)),
        vat_rate: Set(settings.vat_rate.normalize().to_string()),
        vat_cents: Set(cents(totals.vat_amount)),
        total_including_tax_cents: Set(cents(totals.total_including_tax)),
        seller: Set(json!(profiles::StoredParty::from(&settings.seller))),
        buyer: Set(json!(buyer)),
        corrects_invoice_id: Set(None),
        reason: Set(None),
        document_sha256: Set(None),
        formal_notice_at: Set(None),
        suspended_at: Set(None),
        ..Default::default()
    })
    .on_conflict(OnConflict::columns([invoice::Column::TenantId, invoice::Column::PeriodKey]).do_nothing().to_owned())
    .try_insert()
    .exec(&txn)
    .await?;
    let draft = find_month(&txn, start).await?.ok_or(BillingError::NotFound("invoice"))?;
    txn.audit(AuditChange::new("invoice.draft", "invoice", draft.id).after(json!({
        "period": draft.period_key, "totalExcludingTax": draft.total_excluding_tax().to_string()
    })))
    .await?;
    txn.commit().await?;
    Ok(draft)
}

async fn find_month(txn: &TenantTxn, start: NaiveDate) -> BillingResult<Option<invoice::Model>> {
    Ok(txn.find::<invoice::Entity>().filter(invoice::Column::PeriodKey.eq(month_key(start))).one(txn).await?)
}

/// Issues a draft: its number is taken now, its documents rendered and kept; from then on
/// it never changes.
pub async fn issue(
    scope: &OperatorScope,
    settings: &BillingSettings,
    renderer: &documents::Documents,
    tenant_id: Uuid,
    invoice_id: Uuid,
) -> BillingResult<invoice::Model> {
    // The buyer as its identity stands now (the legal mentions need its address).
    let buyer = profiles::buyer(scope, tenant_id).await?;
    if buyer.address_lines.is_empty()
        || buyer.postcode.trim().is_empty()
        || (buyer.country_code == "FR" && buyer.siren.is_none())
    {
        return Err(BillingError::Invalid {
            field: "billingProfile",
            reason: "BILLING_PROFILE_MISSING",
            message: "the tenant's billing identity (name, address, SIREN) must be set before an invoice is issued"
                .to_owned(),
        });
    }
    let db = scope.unscoped();
    let txn = db.begin().await?;
    let draft = txn
        .find::<invoice::Entity>()
        .filter(invoice::Column::TenantId.eq(tenant_id))
        .filter(invoice::Column::Id.eq(invoice_id))
        .one(&txn)
        .await?
        .ok_or(BillingError::NotFound("invoice"))?;
    if draft.status != InvoiceStatus::Draft {
        return Err(BillingError::AlreadyIssued);
    }
    let today = scope.clock().today();
    let prefix = match draft.kind {
        InvoiceKind::Invoice => &settings.invoice_prefix,
        InvoiceKind::CreditNote => &settings.credit_note_prefix,
    };
    let series = numbering::series(prefix, today);
    let (sequence, number) = numbering::take(&txn, &series, tenant_id, invoice_id, scope.now()).await?;
    let mut issued = draft.clone();
    if draft.kind == InvoiceKind::Invoice {
        issued.buyer = json!(buyer);
    }
    issued.status = InvoiceStatus::Issued;
    issued.series = series;
    issued.sequence = Some(sequence);
    issued.number = Some(number.clone());
    issued.issue_date = Some(today);
    issued.due_date = Some(match draft.kind {
        InvoiceKind::Invoice => today + Duration::days(settings.payment_days),
        InvoiceKind::CreditNote => today,
    });
    let corrects = match draft.corrects_invoice_id {
        Some(id) => txn
            .find::<invoice::Entity>()
            .filter(invoice::Column::TenantId.eq(tenant_id))
            .filter(invoice::Column::Id.eq(id))
            .one(&txn)
            .await?
            .and_then(|original| original.number.map(|number| (number, original.issue_date))),
        None => None,
    };
    // Only a draft still a draft moves: an issuer that read the same draft and waited on
    // the series' lock finds it issued, rolls back and gives its number back.
    let mut update: invoice::ActiveModel = draft.into();
    update.status = Set(issued.status);
    update.series = Set(issued.series.clone());
    update.sequence = Set(issued.sequence);
    update.number = Set(issued.number.clone());
    update.issue_date = Set(issued.issue_date);
    update.due_date = Set(issued.due_date);
    update.buyer = Set(issued.buyer.clone());
    update.updated_at = Set(scope.now());
    let moved = txn
        .update_many::<invoice::Entity>()
        .set(update)
        .filter(invoice::Column::TenantId.eq(tenant_id))
        .filter(invoice::Column::Id.eq(invoice_id))
        .filter(invoice::Column::Status.eq(InvoiceStatus::Draft))
        .exec(&txn)
        .await?
        .rows_affected;
    if moved != 1 {
        return Err(BillingError::AlreadyIssued);
    }
    issued.updated_at = scope.now();
    // A document that would not render keeps the invoice a draft.
    let check = documents::Documents::document(
        settings,
        &issued,
        corrects.as_ref().map(|(n, d)| (n.as_str(), *d)),
        Decimal::ZERO,
    );
    crm360_invoice_documents::validate(&check).map_err(|err| BillingError::Document(err.to_string()))?;
    let change = AuditChange::new("invoice.issue", "invoice", issued.id).after(json!({
        "number": number, "totalIncludingTax": issued.total_including_tax().to_string()
    }));
    scope.audit(&txn, Some(tenant_id), change).await?;
    txn.commit().await?;
    // Rendered once the number is taken and the lock released, so that issuers render side
    // by side; the document derives from the issued (immutable) invoice alone, and one that
    // is missing (a crash right here) is rendered again when first asked for.
    let corrects = corrects.as_ref().map(|(n, d)| (n.as_str(), *d));
    keep_document(scope, settings, renderer, &mut issued, corrects).await?;
    Ok(issued)
}

/// Renders and keeps an issued invoice's document, and records its SHA-256.
pub async fn keep_document(
    scope: &OperatorScope,
    settings: &BillingSettings,
    renderer: &documents::Documents,
    issued: &mut invoice::Model,
    corrects: documents::Corrects<'_>,
) -> BillingResult<()> {
    let sha256 = renderer.store(settings, issued, corrects)?;
    let db = scope.unscoped();
    db.update_many::<invoice::Entity>()
        .col_expr(invoice::Column::DocumentSha256, sea_orm::sea_query::Expr::value(Some(sha256.clone())))
        .filter(invoice::Column::TenantId.eq(issued.tenant_id))
        .filter(invoice::Column::Id.eq(issued.id))
        .exec(&db)
        .await?;
    issued.document_sha256 = Some(sha256);
    Ok(())
}

/// Corrects an issued invoice by a credit note for its whole amount, issued at once.
pub async fn credit_note(
    scope: &OperatorScope,
    settings: &BillingSettings,
    renderer: &documents::Documents,
    tenant_id: Uuid,
    invoice_id: Uuid,
    reason: &str,
) -> BillingResult<invoice::Model> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(BillingError::Invalid {
            field: "reason",
            reason: "REQUIRED",
            message: "a reason is required".to_owned(),
        });
    }
    let tenant = scope.on_tenant(tenant_id);
    let txn = tenant.begin().await?;
    let original = get_in(&txn, invoice_id).await?;
    if original.kind != InvoiceKind::Invoice || original.status != InvoiceStatus::Issued {
        return Err(BillingError::InvalidState {
            action: "credit",
            why: "only an issued invoice can be corrected by a credit note".to_owned(),
        });
    }
    if credited_cents(&txn, original.id).await? > 0 {
        return Err(BillingError::InvalidState {
            action: "credit",
            why: "this invoice is already credited".to_owned(),
        });
    }
    let id = crm360_kernel::ids::new_id();
    let note = txn
        .insert(invoice::ActiveModel {
            id: Set(id),
            kind: Set(InvoiceKind::CreditNote),
            status: Set(InvoiceStatus::Draft),
            period_key: Set(format!("credit:{id}")),
            period_start: Set(original.period_start),
            period_end: Set(original.period_end),
            series: Set(settings.credit_note_prefix.clone()),
            sequence: Set(None),
            number: Set(None),
            issue_date: Set(None),
            due_date: Set(None),
            grid_version: Set(original.grid_version),
            plan: Set(original.plan.clone()),
            usage: Set(original.usage.clone()),
            lines: Set(original.lines.clone()),
            total_excluding_tax_cents: Set(original.total_excluding_tax_cents),
            vat_rate: Set(original.vat_rate.clone()),
            vat_cents: Set(original.vat_cents),
            total_including_tax_cents: Set(original.total_including_tax_cents),
            seller: Set(original.seller.clone()),
            buyer: Set(original.buyer.clone()),
            corrects_invoice_id: Set(Some(original.id)),
            reason: Set(Some(reason.to_owned())),
            document_sha256: Set(None),
            formal_notice_at: Set(None),
            suspended_at: Set(None),
            ..Default::default()
        })
        .await?;
    txn.audit(
        AuditChange::new("invoice.credit", "invoice", original.id)
            .after(json!({ "creditNoteId": note.id, "reason": reason })),
    )
    .await?;
    txn.commit().await?;
    issue(scope, settings, renderer, tenant_id, note.id).await
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> BillingResult<invoice::Model> {
    txn.find::<invoice::Entity>()
        .filter(invoice::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(BillingError::NotFound("invoice"))
}

pub async fn get(scope: &TenantScope, id: Uuid) -> BillingResult<invoice::Model> {
    let txn = scope.begin().await?;
    let found = get_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

/// The tenant's invoices and credit notes, the latest period first. Tenants see issued
/// documents only; staff see drafts too.
pub async fn list(scope: &TenantScope, page: &Page, with_drafts: bool) -> BillingResult<Vec<invoice::Model>> {
    let txn = scope.begin().await?;
    let mut query = txn.find::<invoice::Entity>();
    if !with_drafts {
        query = query.filter(invoice::Column::Status.eq(InvoiceStatus::Issued));
    }
    // Ids are time-ordered: newest first is the latest document first.
    let rows = page.apply(query, invoice::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Credited so far, in cents (issued credit notes correcting `invoice_id`).
pub async fn credited_cents(txn: &TenantTxn, invoice_id: Uuid) -> BillingResult<i64> {
    let notes: Vec<i64> = txn
        .find::<invoice::Entity>()
        .select_only()
        .column(invoice::Column::TotalIncludingTaxCents)
        .filter(invoice::Column::CorrectsInvoiceId.eq(invoice_id))
        .filter(invoice::Column::Status.eq(InvoiceStatus::Issued))
        .into_tuple()
        .all(txn)
        .await?;
    Ok(notes.into_iter().sum())
}

/// Paid so far, in cents.
pub async fn paid_cents(txn: &TenantTxn, invoice_id: Uuid) -> BillingResult<i64> {
    let paid: Vec<i64> = txn
        .find::<payment::Entity>()
        .select_only()
        .column(payment::Column::AmountCents)
        .filter(payment::Column::InvoiceId.eq(invoice_id))
        .into_tuple()
        .all(txn)
        .await?;
    Ok(paid.into_iter().sum())
}

/// What remains to pay on an issued invoice (never below zero).
pub async fn outstanding(txn: &TenantTxn, invoice: &invoice::Model) -> BillingResult<Decimal> {
    if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
        return Ok(Decimal::ZERO);
    }
    let left = invoice.total_including_tax_cents
        - paid_cents(txn, invoice.id).await?
        - credited_cents(txn, invoice.id).await?;
    Ok(euros(left.max(0)))
}
