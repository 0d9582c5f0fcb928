//! Billing mutations: staff's work (grids, plans, invoices, payments, follow-up) and the
//! tenant administrator's billing identity.

use super::types::*;
use crate::jobs::BillingDeps;
use crate::model::PaymentMethod;
use crate::service::{cycle, followup, grids, invoices, plans, profiles, reports};
use async_graphql::{Context, ID, Object, Result};
use chrono::NaiveDate;
use crm360_kernel::ApiError;
use crm360_kernel::context::{operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireTenantAdmin};
use crm360_kernel::ids::parse_id;
use rust_decimal::Decimal;

#[derive(Default)]
pub struct BillingMutation;

fn deps<'a>(ctx: &'a Context<'_>) -> Result<&'a BillingDeps> {
    ctx.data::<BillingDeps>().map_err(|_| ApiError::internal("billing settings missing").into())
}

async fn invoice_out(
    operator: &crm360_kernel::scope::OperatorScope,
    deps: &BillingDeps,
    tenant_id: uuid::Uuid,
    id: uuid::Uuid,
) -> Result<Invoice> {
    let view = reports::view(&operator.on_tenant(tenant_id), &deps.settings, id).await.gql()?;
    Ok(Invoice::of(view.invoice, view.paid, view.standing, view.payments))
}

#[Object]
impl BillingMutation {
    /// Records a revision of the price grid, applicable on the first day of next month and
    /// announced to every tenant administrator; refused (the grid unchanged) beyond two
    /// ordinary revisions a calendar year or +15 % on a price, unless flagged as a structure
    /// change. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn revise_price_grid(
        &self,
        ctx: &Context<'_>,
        grid: async_graphql::Json<serde_json::Value>,
        #[graphql(default)] structure_change: bool,
        note: Option<String>,
    ) -> Result<GridRevision> {
        let operator = operator_scope(ctx)?;
        let grid: crm360_pricing::Grid = serde_json::from_value(grid.0)
            .map_err(|err| ApiError::invalid("grid", "INVALID_GRID", format!("not a price grid: {err}")))?;
        let kind = if structure_change {
            crm360_pricing::RevisionKind::StructureChange
        } else {
            crm360_pricing::RevisionKind::Ordinary
        };
        let (version, report, notified) = grids::revise(&operator, grids::Revision { grid, kind, note }).await.gql()?;
        Ok(GridRevision {
            version: version.into(),
            changes: report.changes.iter().map(<GridPriceChange as From<&crm360_pricing::PriceChange>>::from).collect(),
            notified: notified as i32,
        })
    }

    /// Records a tenant's new level and commitments at its request; it applies from the
    /// first day of the month after the request. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn set_tenant_plan(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        level: i32,
        #[graphql(default)] email_commitment: i64,
        #[graphql(default)] sms_commitment: i64,
        requested_on: Option<NaiveDate>,
    ) -> Result<BillingPlanChange> {
        let operator = operator_scope(ctx)?;
        let tenant_id = parse_id(&tenant_id, "tenantId")?;
        let level = u8::try_from(level).map_err(|_| ApiError::invalid("level", "PRICING", "a level is 2 to 5"))?;
        let change = plans::PlanChange { level, email_commitment, sms_commitment, requested_on };
        Ok(plans::change(&operator, tenant_id, change).await.gql()?.into())
    }

    /// Saves the tenant's identity as printed on its invoices (SIREN and VAT number
    /// checked). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn update_billing_profile(&self, ctx: &Context<'_>, input: BillingProfileInput) -> Result<BillingProfile> {
        let scope = tenant_scope(ctx)?;
        Ok(profiles::save(&scope, input.into()).await.gql()?.into())
    }

    /// Saves a tenant's billing identity on its behalf. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn set_tenant_billing_profile(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        input: BillingProfileInput,
    ) -> Result<BillingProfile> {
        let operator = operator_scope(ctx)?;
        let scope = operator.on_tenant(parse_id(&tenant_id, "tenantId")?);
        Ok(profiles::save(&scope, input.into()).await.gql()?.into())
    }

    /// Drafts, and issues unless the platform issues by hand, every tenant's invoice for
    /// the month of `month` (any day of it); tenants already invoiced are left as they
    /// are. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn run_monthly_invoices(&self, ctx: &Context<'_>, month: NaiveDate) -> Result<InvoiceRunReport> {
        let operator = operator_scope(ctx)?;
        if crate::service::month_start(month) >= crate::service::month_start(operator.clock().today()) {
            return Err(
                ApiError::invalid("month", "MONTH_NOT_OVER", "only a month that is over can be invoiced").into()
            );
        }
        let deps = deps(ctx)?;
        let report = cycle::run_month(&operator, &deps.settings, &deps.documents, month).await.gql()?;
        Ok(InvoiceRunReport {
            drafted: report.drafted as i32,
            issued: report.issued as i32,
            failed: report.failed as i32,
            errors: report.errors,
        })
    }

    /// Issues a draft: its number is taken now and it never changes again. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn issue_invoice(&self, ctx: &Context<'_>, tenant_id: ID, invoice_id: ID) -> Result<Invoice> {
        let operator = operator_scope(ctx)?;
        let deps = deps(ctx)?;
        let (tenant_id, invoice_id) = (parse_id(&tenant_id, "tenantId")?, parse_id(&invoice_id, "invoiceId")?);
        invoices::issue(&operator, &deps.settings, &deps.documents, tenant_id, invoice_id).await.gql()?;
        invoice_out(&operator, deps, tenant_id, invoice_id).await
    }

    /// Corrects an issued invoice by a credit note for its whole amount. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn create_credit_note(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        invoice_id: ID,
        reason: String,
    ) -> Result<Invoice> {
        let operator = operator_scope(ctx)?;
        let deps = deps(ctx)?;
        let (tenant_id, invoice_id) = (parse_id(&tenant_id, "tenantId")?, parse_id(&invoice_id, "invoiceId")?);
        let note = invoices::credit_note(&operator, &deps.settings, &deps.documents, tenant_id, invoice_id, &reason)
            .await
            .gql()?;
        invoice_out(&operator, deps, tenant_id, note.id).await
    }

    /// Records a payment (full or partial); a tenant suspended for non-payment gets its
    /// access back once its noticed invoices are paid. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    #[allow(clippy::too_many_arguments)]
    async fn record_payment(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        invoice_id: ID,
        amount: Decimal,
        paid_on: NaiveDate,
        #[graphql(default_with = "PaymentMethod::Transfer")] method: PaymentMethod,
        reference: Option<String>,
    ) -> Result<Invoice> {
        let operator = operator_scope(ctx)?;
        let (tenant_id, invoice_id) = (parse_id(&tenant_id, "tenantId")?, parse_id(&invoice_id, "invoiceId")?);
        let payment = followup::NewPayment { amount, paid_on, method, reference };
        followup::record_payment(&operator, tenant_id, invoice_id, payment).await.gql()?;
        invoice_out(&operator, deps(ctx)?, tenant_id, invoice_id).await
    }

    /// Sends the formal notice of an overdue invoice (dated, notified to the tenant's
    /// administrators); access is suspended if it goes unanswered. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn send_formal_notice(&self, ctx: &Context<'_>, tenant_id: ID, invoice_id: ID) -> Result<Invoice> {
        let operator = operator_scope(ctx)?;
        let deps = deps(ctx)?;
        let (tenant_id, invoice_id) = (parse_id(&tenant_id, "tenantId")?, parse_id(&invoice_id, "invoiceId")?);
        followup::formal_notice(&operator, &deps.settings, tenant_id, invoice_id).await.gql()?;
        invoice_out(&operator, deps, tenant_id, invoice_id).await
    }

    /// Terminates a tenant's contract for non-payment, at least 15 days after a formal
    /// notice still unanswered (notified). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn terminate_for_non_payment(&self, ctx: &Context<'_>, tenant_id: ID) -> Result<bool> {
        let operator = operator_scope(ctx)?;
        followup::terminate(&operator, &deps(ctx)?.settings, parse_id(&tenant_id, "tenantId")?).await.gql()?;
        Ok(true)
    }
}
