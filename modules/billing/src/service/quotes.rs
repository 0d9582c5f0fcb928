//! The price simulator: a month's usage priced under the grid in force, the current month's
//! estimate, and which level and commitments would have cost least over the last months.

use super::{grids, month_start, plans, usage};
use crate::error::BillingResult;
use crate::model::InvoiceKind;
use crate::model::invoice;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{TenantScope, Unscoped};
use crm360_pricing::{PlanAdvice, Quote, Usage};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

/// Prices `usage` under the grid in force today.
pub async fn simulate<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    today: chrono::NaiveDate,
    usage: &Usage,
) -> BillingResult<(i64, Quote)> {
    let (version, grid) = grids::in_force(db, today).await?;
    Ok((version, crm360_pricing::quote(&grid, usage)?))
}

/// The current month so far, priced under today's plan and grid (the minimum included: it
/// is what would be invoiced if the month ended today).
pub async fn estimate(operator: &OperatorScope, scope: &TenantScope) -> BillingResult<(usage::MonthUsage, Quote)> {
    let today = scope.clock().today();
    let start = month_start(today);
    let (_, grid) = grids::in_force(&operator.unscoped(), today).await?;
    let txn = scope.begin().await?;
    let plan = plans::in_force(&txn, start).await?;
    let month = usage::month(&txn, start, &grid).await?;
    txn.commit().await?;
    let (_, quote) = simulate(&operator.unscoped(), today, &month.priced_under(&plan)).await?;
    Ok((month, quote))
}

/// Over the tenant's last `months` invoiced months (their usage as invoiced), the plan that
/// would have cost least.
pub async fn advice(operator: &OperatorScope, scope: &TenantScope, months: u64) -> BillingResult<Option<PlanAdvice>> {
    let txn = scope.begin().await?;
    let invoices = txn
        .find::<invoice::Entity>()
        .filter(invoice::Column::Kind.eq(InvoiceKind::Invoice))
        .order_by_desc(invoice::Column::PeriodStart)
        .limit(months)
        .all(&txn)
        .await?;
    txn.commit().await?;
    let history: Vec<Usage> = invoices
        .iter()
        .filter_map(|i| {
            let plan: plans::Plan = serde_json::from_value(i.plan.clone()).ok()?;
            let month: usage::MonthUsage = serde_json::from_value(i.usage.clone()).ok()?;
            Some(month.priced_under(&plan))
        })
        .collect();
    if history.is_empty() {
        return Ok(None);
    }
    let (_, grid) = grids::in_force(&operator.unscoped(), scope.clock().today()).await?;
    Ok(Some(crm360_pricing::cheapest_plan(&grid, &history)?))
}
