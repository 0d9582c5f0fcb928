//! Billing queries. Guarded fields say what they require in their doc comment, in the
//! words the end-to-end isolation walk reads.

use super::types::*;
use crate::jobs::BillingDeps;
use crate::service::{grids, plans, profiles, quotes, reports, usage};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use chrono::{Months, NaiveDate};
use crm360_kernel::context::{operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireRight, RequireTenantAdmin};
use crm360_kernel::ids::{gql_id, node_id, parse_id};
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{ApiError, Right};

#[derive(Default)]
pub struct BillingQuery;

fn deps<'a>(ctx: &'a Context<'_>) -> Result<&'a BillingDeps> {
    ctx.data::<BillingDeps>().map_err(|_| ApiError::internal("billing settings missing").into())
}

/// The views of invoices as GraphQL objects.
fn invoices_of(views: Vec<reports::InvoiceView>) -> Vec<Invoice> {
    views.into_iter().map(|v| Invoice::of(v.invoice, v.paid, v.standing, v.payments)).collect()
}

const MAX_DAYS: i64 = 400;

#[Object]
impl BillingQuery {
    /// Prices a month's usage under the grid in force today (the simulator).
    /// Tenant administrators and operator staff only.
    #[graphql(guard = "RequireTenantAdmin.or(RequireOperator)")]
    async fn price_quote(&self, ctx: &Context<'_>, usage: UsageInput) -> Result<PriceQuote> {
        let deps = deps(ctx)?;
        let platform = crm360_kernel::Platform::of(ctx)?;
        let operator = crm360_kernel::scope::OperatorScope::system(platform);
        let (version, quote) = quotes::simulate(
            &operator.unscoped(),
            platform.clock().today(),
            &usage.usage().map_err(crate::error::BillingError::from).gql()?,
        )
        .await
        .gql()?;
        Ok(PriceQuote::of(version, &quote, deps.settings.vat_rate))
    }

    /// The tenant's level and commitments: in force, recorded for next month, history.
    /// Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn billing_plan(&self, ctx: &Context<'_>) -> Result<BillingPlanOverview> {
        let scope = tenant_scope(ctx)?;
        let (current, next) = plans::current_and_next(&scope).await.gql()?;
        let history = plans::history(&scope).await.gql()?;
        Ok(BillingPlanOverview {
            current: current.into(),
            next: next.map(Into::into),
            history: history.into_iter().map(Into::into).collect(),
        })
    }

    /// The tenant's consumption day by day from `from` to `to` (at most 400 days).
    /// Requires the `ANALYSE` right (tenant administrators are let in too).
    #[graphql(guard = "RequireRight(Right::Analyse).or(RequireTenantAdmin)")]
    async fn consumption_by_day(&self, ctx: &Context<'_>, from: NaiveDate, to: NaiveDate) -> Result<Vec<Consumption>> {
        if to < from || (to - from).num_days() > MAX_DAYS {
            return Err(ApiError::invalid("to", "PERIOD_OUT_OF_RANGE", "from must precede to, at most 400 days").into());
        }
        let scope = tenant_scope(ctx)?;
        let txn = scope.begin().await.map_err(ApiError::from)?;
        let days = usage::daily(&txn, from, to).await.gql()?;
        txn.commit().await.map_err(ApiError::from)?;
        Ok(days.iter().filter_map(Consumption::of_day).collect())
    }

    /// The tenant's consumption month by month, as billed (the latest `months`, this one
    /// included, at most 24). Requires the `ANALYSE` right (tenant administrators are let in too).
    #[graphql(guard = "RequireRight(Right::Analyse).or(RequireTenantAdmin)")]
    async fn consumption_by_month(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 12)] months: i32,
    ) -> Result<Vec<Consumption>> {
        if !(1..=24).contains(&months) {
            return Err(ApiError::invalid("months", "OUT_OF_RANGE", "between 1 and 24").into());
        }
        let scope = tenant_scope(ctx)?;
        let this_month = crate::service::month_start(scope.clock().today());
        let operator = crm360_kernel::scope::OperatorScope::system(crm360_kernel::Platform::of(ctx)?);
        let mut grids = Vec::new();
        for back in (0..months as u32).rev() {
            let start = this_month - Months::new(back);
            grids.push((start, grids::in_force(&operator.unscoped(), start).await.gql()?.1));
        }
        let txn = scope.begin().await.map_err(ApiError::from)?;
        let mut all = Vec::new();
        for (start, grid) in &grids {
            all.push(Consumption::of_month(*start, &usage::month(&txn, *start, grid).await.gql()?));
        }
        txn.commit().await.map_err(ApiError::from)?;
        Ok(all)
    }

    /// The current month so far, priced as if it ended today.
    /// Requires the `ANALYSE` right (tenant administrators are let in too).
    #[graphql(guard = "RequireRight(Right::Analyse).or(RequireTenantAdmin)")]
    async fn billing_estimate(&self, ctx: &Context<'_>) -> Result<BillingEstimate> {
        let scope = tenant_scope(ctx)?;
        let deps = deps(ctx)?;
        let operator = crm360_kernel::scope::OperatorScope::system(crm360_kernel::Platform::of(ctx)?);
        let (month, quote) = quotes::estimate(&operator, &scope).await.gql()?;
        let (version, _) = grids::in_force(&operator.unscoped(), scope.clock().today()).await.gql()?;
        Ok(BillingEstimate {
            month: Consumption::of_month(crate::service::month_start(scope.clock().today()), &month),
            days_sampled: month.days_sampled,
            quote: PriceQuote::of(version, &quote, deps.settings.vat_rate),
        })
    }

    /// Which level and commitments would have cost least over the last invoiced months
    /// (null before a first invoice). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn plan_advice(&self, ctx: &Context<'_>, #[graphql(default = 6)] months: i32) -> Result<Option<PlanAdvice>> {
        if !(1..=24).contains(&months) {
            return Err(ApiError::invalid("months", "OUT_OF_RANGE", "between 1 and 24").into());
        }
        let scope = tenant_scope(ctx)?;
        let operator = crm360_kernel::scope::OperatorScope::system(crm360_kernel::Platform::of(ctx)?);
        let advice = quotes::advice(&operator, &scope, months as u64).await.gql()?;
        Ok(advice.map(|a| a.into()))
    }

    /// The tenant's issued invoices and credit notes, the latest first.
    /// Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn invoices(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Invoice>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = crate::service::invoices::list(&scope, &page, false).await.gql()?;
        let views = reports::views(&scope, &deps(ctx)?.settings, rows).await.gql()?;
        Ok(page.connection(invoices_of(views), |i| node_id(&i.id)))
    }

    /// One issued invoice or credit note of the tenant. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn invoice(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Invoice>> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&id, "id")?;
        match reports::view(&scope, &deps(ctx)?.settings, id).await {
            Ok(view) if view.invoice.status == crate::model::InvoiceStatus::Issued => Ok(invoices_of(vec![view]).pop()),
            Ok(_) | Err(crate::error::BillingError::NotFound(_)) => Ok(None),
            Err(err) => Err(ApiError::from(err).into()),
        }
    }

    /// The tenant's identity as printed on its invoices. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn billing_profile(&self, ctx: &Context<'_>) -> Result<Option<BillingProfile>> {
        let scope = tenant_scope(ctx)?;
        Ok(profiles::find(&scope).await.gql()?.map(Into::into))
    }

    /// The price grid in force today, with its rules. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn price_grid(&self, ctx: &Context<'_>) -> Result<PriceGridVersion> {
        let platform = crm360_kernel::Platform::of(ctx)?;
        let operator = crm360_kernel::scope::OperatorScope::system(platform);
        let today = platform.clock().today();
        let all = grids::versions(&operator.unscoped()).await.gql()?;
        let in_force = all.into_iter().find(|v| v.effective_from <= today).unwrap_or_else(grids::first_version);
        Ok(in_force.into())
    }

    /// Every version of the price grid, the latest first. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn price_grids(&self, ctx: &Context<'_>) -> Result<Vec<PriceGridVersion>> {
        let operator = operator_scope(ctx)?;
        Ok(grids::versions(&operator.unscoped()).await.gql()?.into_iter().map(Into::into).collect())
    }

    /// Every tenant's level, status and what it owes. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn tenant_billing(&self, ctx: &Context<'_>, tenant_id: Option<ID>) -> Result<Vec<TenantBilling>> {
        let operator = operator_scope(ctx)?;
        let settings = &deps(ctx)?.settings;
        let only = tenant_id.map(|id| parse_id(&id, "tenantId")).transpose()?;
        let tenants = crm360_identity::service::tenants::list_tenants(
            &operator,
            &Page { limit: 10_000, after: None, order: Order::OldestFirst },
        )
        .await
        .map_err(ApiError::from)?;
        let mut all = Vec::new();
        for tenant in tenants.into_iter().filter(|t| only.is_none_or(|id| id == t.id)) {
            let scope = operator.on_tenant(tenant.id);
            let (current, next) = plans::current_and_next(&scope).await.gql()?;
            let rows = crate::service::invoices::list(
                &scope,
                &Page { limit: 1000, after: None, order: Order::NewestFirst },
                false,
            )
            .await
            .gql()?;
            let views = reports::views(&scope, settings, rows).await.gql()?;
            all.push(TenantBilling {
                tenant_id: gql_id(&tenant.id),
                tenant_name: tenant.name,
                tenant_status: tenant.status,
                suspended_reason: tenant.suspended_reason,
                plan: current.into(),
                next_plan: next.map(Into::into),
                outstanding: views.iter().map(|v| v.standing.outstanding).sum(),
                overdue_invoices: views.iter().filter(|v| v.standing.overdue).count() as i32,
            });
        }
        Ok(all)
    }

    /// Invoices and credit notes across tenants (drafts included), the latest first; only
    /// overdue unpaid invoices when `overdueOnly`. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn operator_invoices(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        #[graphql(default)] overdue_only: bool,
        #[graphql(default = 100)] first: i32,
    ) -> Result<Vec<Invoice>> {
        if !(1..=500).contains(&first) {
            return Err(ApiError::invalid("first", "PAGE_SIZE_OUT_OF_RANGE", "between 1 and 500").into());
        }
        let operator = operator_scope(ctx)?;
        let tenant_id = tenant_id.map(|id| parse_id(&id, "tenantId")).transpose()?;
        let views = reports::operator_invoices(&operator, &deps(ctx)?.settings, tenant_id, overdue_only, first as u64)
            .await
            .gql()?;
        Ok(invoices_of(views))
    }

    /// Net revenue excluding tax by month invoiced, the latest first. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn revenue_by_month(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 12)] months: i32,
    ) -> Result<Vec<MonthRevenue>> {
        if !(1..=60).contains(&months) {
            return Err(ApiError::invalid("months", "OUT_OF_RANGE", "between 1 and 60").into());
        }
        let operator = operator_scope(ctx)?;
        let rows = reports::revenue_by_month(&operator, months as u32).await.gql()?;
        Ok(rows
            .into_iter()
            .map(|(month, invoiced, credited, n)| MonthRevenue {
                month,
                invoiced_excluding_tax: crate::model::invoice::euros(invoiced),
                credited_excluding_tax: crate::model::invoice::euros(credited),
                net_excluding_tax: crate::model::invoice::euros(invoiced - credited),
                invoices: n as i32,
            })
            .collect())
    }
}
