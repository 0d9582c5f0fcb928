//! Reading the tenant's postal runs, their results and duplicate groups.

use super::types::{AddressStatus, ContactAddressResult, DuplicateGroup, PostalRun};
use crate::service::{dedup, rnvp, runs};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireRight;
use crm360_kernel::ids::{node_id, parse_id};
use crm360_kernel::pagination::{Order, Page};

#[derive(Default)]
pub struct PostalRunQuery;

#[Object]
impl PostalRunQuery {
    /// The tenant's postal runs, newest first. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn postal_runs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, PostalRun>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = runs::list_runs(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(PostalRun::from).collect(), |r| node_id(&r.id)))
    }

    /// One postal run with its progress. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn postal_run(&self, ctx: &Context<'_>, id: ID) -> Result<Option<PostalRun>> {
        let scope = tenant_scope(ctx)?;
        Ok(runs::find_run(&scope, parse_id(&id, "id")?).await.gql()?.map(PostalRun::from))
    }

    /// The normalised addresses of an RNVP run, by contact. Requires the `CONSULT` right.
    #[graphql(guard = "RequireRight(Right::Consult)")]
    async fn rnvp_results(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
        status: Option<AddressStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ContactAddressResult>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = rnvp::rnvp_results(&scope, parse_id(&run_id, "runId")?, status, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(ContactAddressResult::from).collect(), |r| node_id(&r.contact_id)))
    }

    /// The duplicate groups a deduplication run found. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn duplicate_groups(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, DuplicateGroup>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = dedup::groups(&scope, parse_id(&run_id, "runId")?, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(DuplicateGroup::from).collect(), |g| g.group_id))
    }
}
