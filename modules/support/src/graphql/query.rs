//! Support queries. Guarded fields say what they require in their doc comment, in the words
//! the end-to-end suite reads from introspection.

use super::guard::RequireSignedIn;
use super::types::*;
use crate::service::{analytics, announcements};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use chrono::NaiveDate;
use crm360_kernel::RequestContext;
use crm360_kernel::context::{Platform, operator_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireOperator;
use crm360_kernel::ids::{node_id, parse_id};
use crm360_kernel::pagination::{Order, Page};

#[derive(Default)]
pub struct SupportQuery;

#[Object]
impl SupportQuery {
    /// The announcements active now for the caller: those addressed to every tenant and, for
    /// a tenant's users, those addressed to their tenant; the most serious first, then by
    /// start. Signed-in users only.
    #[graphql(guard = "RequireSignedIn")]
    async fn active_announcements(&self, ctx: &Context<'_>) -> Result<Vec<Announcement>> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        let now = platform.clock().now();
        let rows = announcements::active_for(platform, request.actor.tenant_id(), now).await.gql()?;
        Ok(rows.into_iter().map(|a| Announcement::new(a, now)).collect())
    }

    /// Every announcement, newest first. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn announcements(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Announcement>> {
        let scope = operator_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let now = scope.now();
        let rows = announcements::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(|a| Announcement::new(a, now)).collect(), |a| node_id(&a.id)))
    }

    /// The audience measurement over the days `from` to `to` included (at most 366 days) of
    /// the platform's calendar (Europe/Paris), for every tenant or one: page views and visits
    /// per day, unique visitors, top pages, activity per tenant and return frequency.
    /// Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn usage_analytics(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
        tenant_id: Option<ID>,
    ) -> Result<UsageAnalytics> {
        let platform = Platform::of(ctx)?;
        let scope = operator_scope(ctx)?;
        let tenant_id = tenant_id.map(|id| parse_id(&id, "tenantId")).transpose()?;
        Ok(analytics::usage(platform, &scope, from, to, tenant_id).await.gql()?.into())
    }
}
