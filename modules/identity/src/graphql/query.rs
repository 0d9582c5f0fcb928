//! Identity queries. Guarded fields say what they require in their doc comment, in the
//! words the end-to-end suite reads from introspection.

use super::types::*;
use crate::error::IdentityError;
use crate::model::{operator_staff, tenant, tenant_user};
use crate::policy::SessionPolicy;
use crate::service::{connection_log, networks, tenants, tokens, users};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use crm360_kernel::context::{Platform, ServerInfo, operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireTenantAdmin};
use crm360_kernel::ids::node_id;
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Actor, ActorKind, RequestContext, TenantScope};
use sea_orm::{ColumnTrait, QueryFilter};

#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
    /// The person or system behind this request; null when not logged in.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<Viewer>> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        let policy = ctx.data::<SessionPolicy>()?;
        viewer(platform, policy, &request.actor).await.gql()
    }

    /// The tenant's user accounts with their rights and last login. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, User>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = users::list_users(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(User::from).collect(), |u| node_id(&u.id)))
    }

    /// One user account of the tenant. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn user(&self, ctx: &Context<'_>, id: ID) -> Result<Option<User>> {
        let scope = tenant_scope(ctx)?;
        let id = users::parse_id(&id, "id").gql()?;
        Ok(users::find_user(&scope, id).await.gql()?.map(User::from))
    }

    /// The tenant's API tokens, newest first. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiToken>> {
        let scope = tenant_scope(ctx)?;
        Ok(tokens::list_tokens(&scope).await.gql()?.into_iter().map(ApiToken::from).collect())
    }

    /// How long API tokens live (the default expiry offered at creation). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn api_token_policy(&self, ctx: &Context<'_>) -> Result<ApiTokenPolicy> {
        let lifetime = ctx.data::<SessionPolicy>()?.api_tokens;
        let days = |d: chrono::Duration| i32::try_from(d.num_days()).unwrap_or(i32::MAX);
        Ok(ApiTokenPolicy { default_lifetime_days: days(lifetime.default), max_lifetime_days: days(lifetime.max) })
    }

    /// The CIDR ranges the tenant's users and API tokens may connect from (empty: from anywhere). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn allowed_networks(&self, ctx: &Context<'_>) -> Result<Vec<AllowedNetwork>> {
        let scope = tenant_scope(ctx)?;
        Ok(networks::list(&scope).await.gql()?.into_iter().map(AllowedNetwork::from).collect())
    }

    /// Logins and logouts of the tenant's users, newest first. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn connection_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ConnectionLogEntry>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = connection_log::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(ConnectionLogEntry::from).collect(), |e| node_id(&e.id)))
    }

    /// The tenant's audit trail, newest first, optionally searched.
    /// Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        search: Option<AuditSearchInput>,
    ) -> Result<Connection<String, AuditEntry>> {
        let scope = tenant_scope(ctx)?;
        let search = search.unwrap_or_default().into_search().gql()?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = connection_log::list_audit(&scope, &search, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(AuditEntry::from).collect(), |e| node_id(&e.id)))
    }

    /// The audit trail of one tenant (`tenantId`) or of every tenant and the platform, newest
    /// first, optionally searched: who did what to which object, when, without the entries'
    /// personal content (states before and after), which stays the tenant's.
    /// Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn platform_audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        tenant_id: Option<ID>,
        search: Option<AuditSearchInput>,
    ) -> Result<Connection<String, AuditEntry>> {
        let scope = operator_scope(ctx)?;
        let tenant_id = tenant_id.map(|id| users::parse_id(&id, "tenantId")).transpose().gql()?;
        let search = search.unwrap_or_default().into_search().gql()?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = connection_log::search_platform_audit(&scope, tenant_id, &search, &page).await.gql()?;
        let entries = rows.into_iter().map(|row| AuditEntry { before: None, after: None, ..AuditEntry::from(row) });
        Ok(page.connection(entries.collect(), |e| node_id(&e.id)))
    }

    /// Every tenant of the platform. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Tenant>> {
        let scope = operator_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = tenants::list_tenants(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(Tenant::from).collect(), |t| node_id(&t.id)))
    }

    /// One tenant. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn tenant(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Tenant>> {
        let scope = operator_scope(ctx)?;
        let id = users::parse_id(&id, "id").gql()?;
        Ok(tenants::find_tenant(&scope, id).await.gql()?.map(Tenant::from))
    }

    /// The platform's health at a glance. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn platform_health(&self, ctx: &Context<'_>) -> Result<PlatformHealth> {
        let scope = operator_scope(ctx)?;
        let platform = Platform::of(ctx)?;
        let info = ctx.data::<ServerInfo>()?;
        let database_ok = platform.database_ok().await;
        let figures = tenants::platform_figures(&scope).await.gql()?;
        Ok(PlatformHealth {
            version: info.version.to_owned(),
            database_backend: format!("{:?}", platform.backend()).to_lowercase(),
            database_ok,
            uptime_seconds: info.started.elapsed().as_secs() as i64,
            tenant_count: figures.tenant_count as i64,
            active_session_count: figures.active_session_count as i64,
        })
    }
}

/// The viewer of `actor`: the one of the request, or the one a login has just opened (the
/// request itself is then anonymous). Each reads its own account through its own scope.
pub(crate) async fn viewer(
    platform: &Platform,
    policy: &SessionPolicy,
    actor: &Actor,
) -> Result<Option<Viewer>, IdentityError> {
    let idle_timeout_seconds = policy.idle_timeout.num_seconds();
    let request = RequestContext { actor: actor.clone(), ..RequestContext::anonymous() };
    let viewer = match actor {
        Actor::Anonymous | Actor::System => return Ok(None),
        Actor::Operator { staff_id } => {
            let db = OperatorScope::for_request(platform, &request).map_err(not_a_viewer)?.unscoped();
            let staff =
                db.find::<operator_staff::Entity>().filter(operator_staff::Column::Id.eq(*staff_id)).one(&db).await?;
            let Some(staff) = staff else {
                return Ok(None);
            };
            Viewer {
                kind: ActorKind::OperatorStaff,
                email: Some(staff.email),
                first_name: Some(staff.first_name),
                last_name: Some(staff.last_name),
                tenant: None,
                rights: vec![],
                is_tenant_admin: false,
                is_operator: true,
                must_change_password: staff.must_change_password,
                idle_timeout_seconds,
            }
        }
        Actor::TenantUser { user_id, .. } => {
            let scope = TenantScope::for_request(platform, &request).map_err(not_a_viewer)?;
            let txn = scope.begin().await?;
            let user = txn.find::<tenant_user::Entity>().filter(tenant_user::Column::Id.eq(*user_id)).one(&txn).await?;
            let tenant = txn.find::<tenant::Entity>().one(&txn).await?;
            txn.commit().await?;
            let Some(user) = user else {
                return Ok(None);
            };
            Viewer {
                kind: if user.is_admin { ActorKind::TenantAdmin } else { ActorKind::TenantUser },
                rights: user.rights().to_list(),
                email: Some(user.email),
                first_name: Some(user.first_name),
                last_name: Some(user.last_name),
                tenant: tenant.map(|t| Tenant::of_viewer(t, scope)),
                is_tenant_admin: user.is_admin,
                is_operator: false,
                must_change_password: user.must_change_password,
                idle_timeout_seconds,
            }
        }
        Actor::ApiClient { rights, .. } => {
            let scope = TenantScope::for_request(platform, &request).map_err(not_a_viewer)?;
            let txn = scope.begin().await?;
            let tenant = txn.find::<tenant::Entity>().one(&txn).await?;
            txn.commit().await?;
            Viewer {
                kind: ActorKind::ApiClient,
                email: None,
                first_name: None,
                last_name: None,
                tenant: tenant.map(|t| Tenant::of_viewer(t, scope)),
                rights: rights.to_list(),
                is_tenant_admin: false,
                is_operator: false,
                must_change_password: false,
                idle_timeout_seconds,
            }
        }
    };
    Ok(Some(viewer))
}

/// A scope refused to the actor it was built for: cannot happen for the actors matched
/// above, so it is ours.
fn not_a_viewer(err: crm360_kernel::ApiError) -> IdentityError {
    IdentityError::Internal(format!("no scope for the viewer: {}", err.message))
}
