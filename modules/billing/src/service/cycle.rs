//! The billing cycle, run by an hourly job and idempotent at every step, so that a missed
//! hour (or day) is caught up: each tenant's samples of the day; on the first days of a
//! month, the invoice of the month before (drafted, then issued unless staff issue by
//! hand); and the suspensions due after unanswered formal notices.

use super::{documents::Documents, followup, invoices, month_start, usage};
use crate::error::BillingResult;
use crate::model::InvoiceStatus;
use crate::settings::BillingSettings;
use chrono::{Months, NaiveDate};
use crm360_identity::model::tenant::TenantStatus;
use crm360_kernel::scope::OperatorScope;
use futures::stream::{self, StreamExt};
use uuid::Uuid;

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CycleReport {
    pub sampled: usize,
    pub drafted: usize,
    pub issued: usize,
    pub suspended: usize,
    pub failed: usize,
    /// The first failures' messages (tenant and error), for the operator.
    pub errors: Vec<String>,
}

/// Tenants billed for a period ending on `until`: every one not terminated that existed by
/// then (a tenant is billed from the day it gets its access, article 10).
async fn billed_tenants(scope: &OperatorScope, until: NaiveDate) -> BillingResult<Vec<Uuid>> {
    Ok(crm360_identity::service::tenants::all_tenant_statuses(scope)
        .await?
        .into_iter()
        .filter(|(_, status, created_at)| {
            *status != TenantStatus::Terminated && scope.clock().date_of(*created_at) <= until
        })
        .map(|(id, ..)| id)
        .collect())
}

/// One pass of the cycle on `scope`'s clock.
pub async fn tick(
    scope: &OperatorScope,
    settings: &BillingSettings,
    documents: &Documents,
) -> BillingResult<CycleReport> {
    let today = scope.clock().today();
    let mut report = CycleReport::default();
    for tenant_id in billed_tenants(scope, today).await? {
        match usage::sample_day(&scope.on_tenant(tenant_id), today).await {
            Ok(()) => report.sampled += 1,
            Err(err) => {
                tracing::warn!(%tenant_id, error = %err, "billing: daily sample failed");
                report.failed += 1;
            }
        }
        match followup::suspend_unanswered(scope, settings, tenant_id).await {
            Ok(true) => report.suspended += 1,
            Ok(false) => {}
            Err(err) => {
                tracing::warn!(%tenant_id, error = %err, "billing: suspension check failed");
                report.failed += 1;
            }
        }
    }
    let previous = month_start(today) - Months::new(1);
    let run = run_month(scope, settings, documents, previous).await?;
    report.drafted += run.drafted;
    report.issued += run.issued;
    report.failed += run.failed;
    report.errors = run.errors;
    Ok(report)
}

/// Drafts (and issues, when configured) the invoice of the month starting on `start` for
/// every billed tenant; already invoiced tenants are left as they are. Tenants are priced
/// a few at a time; numbers are taken one at a time under the series' lock.
pub async fn run_month(
    scope: &OperatorScope,
    settings: &BillingSettings,
    documents: &Documents,
    start: NaiveDate,
) -> BillingResult<CycleReport> {
    let start = month_start(start);
    let tenants = billed_tenants(scope, super::month_end(start)).await?;
    let results: Vec<Result<bool, (Uuid, crate::error::BillingError)>> = stream::iter(tenants)
        .map(|tenant_id| async move {
            let run = async {
                let draft = invoices::draft_month(scope, settings, tenant_id, start).await?;
                if draft.status == InvoiceStatus::Draft && settings.auto_issue {
                    return match invoices::issue(scope, settings, documents, tenant_id, draft.id).await {
                        Ok(_) => Ok(true),
                        // Another instance issued it meanwhile.
                        Err(crate::error::BillingError::AlreadyIssued) => Ok(false),
                        Err(err) => Err(err),
                    };
                }
                Ok(false)
            };
            run.await.map_err(|err| (tenant_id, err))
        })
        .buffer_unordered(8)
        .collect()
        .await;
    let mut report = CycleReport::default();
    for result in results {
        match result {
            Ok(issued) => {
                report.drafted += 1;
                report.issued += usize::from(issued);
            }
            Err((tenant_id, err)) => {
                tracing::warn!(%tenant_id, error = %err, "billing: monthly invoice failed");
                report.failed += 1;
                if report.errors.len() < 10 {
                    report.errors.push(format!("{tenant_id}: {err}"));
                }
            }
        }
    }
    Ok(report)
}
