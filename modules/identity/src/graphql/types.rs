//! The identity module's GraphQL types.

use super::loaders::TenantUserCountLoader;
use crate::model::{allowed_network, api_token, connection_log, tenant, tenant_user};
use crate::service::users;
use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, ID, Json, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::model::audit_entry;
use crm360_kernel::{ActorKind, ApiError, Right, TenantScope};

// The states are the stored ones, typed in `model` (the GraphQL enums are the same types).
pub use crate::model::connection_log::ConnectionOutcome;
pub use crate::model::tenant::{TenantPlatform, TenantStatus};
pub use crate::model::tenant_user::UserStatus;

/// A client company of the operator.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct Tenant {
    pub id: ID,
    pub name: String,
    pub platform: TenantPlatform,
    pub status: TenantStatus,
    /// Why the tenant is suspended, when it is.
    pub suspended_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The scope of the viewer whose own tenant this is: its users are counted there.
    /// `None` for operator staff's tenants, counted across tenants by the loader.
    #[graphql(skip)]
    pub(crate) viewer_scope: Option<TenantScope>,
}

#[ComplexObject]
impl Tenant {
    /// How many user accounts the tenant has (open or closed).
    async fn user_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        if let Some(scope) = &self.viewer_scope {
            return Ok(users::count_users(scope).await.gql()? as i64);
        }
        let Some(loader) = ctx.data_opt::<DataLoader<TenantUserCountLoader>>() else {
            return Err(ApiError::forbidden("operator staff only").into());
        };
        let id = uuid::Uuid::parse_str(&self.id).map_err(|_| ApiError::internal("tenant id is not a uuid"))?;
        let count = loader.load_one(id).await.map_err(|err| async_graphql::Error::from((*err).clone()))?;
        Ok(count.unwrap_or(0))
    }
}

impl Tenant {
    /// The viewer's own tenant, read in the viewer's scope.
    pub(crate) fn of_viewer(t: tenant::Model, scope: TenantScope) -> Tenant {
        Tenant { viewer_scope: Some(scope), ..Tenant::from(t) }
    }
}

impl From<tenant::Model> for Tenant {
    fn from(t: tenant::Model) -> Tenant {
        Tenant {
            id: ID(t.id.to_string()),
            name: t.name,
            platform: t.platform,
            status: t.status,
            suspended_reason: t.suspended_reason,
            created_at: t.created_at,
            viewer_scope: None,
        }
    }
}

/// A user account of the tenant (a person; technical users hold API tokens).
#[derive(SimpleObject, Clone, Debug)]
pub struct User {
    pub id: ID,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// The company of a contractor given access by the tenant.
    pub organization: Option<String>,
    /// The tenant's referent user: manages accesses and data referentials.
    pub is_tenant_admin: bool,
    pub rights: Vec<Right>,
    pub status: UserStatus,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<tenant_user::Model> for User {
    fn from(u: tenant_user::Model) -> User {
        User {
            id: ID(u.id.to_string()),
            rights: u.rights().to_list(),
            status: u.status,
            email: u.email,
            first_name: u.first_name,
            last_name: u.last_name,
            organization: u.organization,
            is_tenant_admin: u.is_admin,
            last_login_at: u.last_login_at,
            created_at: u.created_at,
        }
    }
}

/// An API token of a technical user. The secret itself is shown only once, at creation.
#[derive(SimpleObject, Clone, Debug)]
pub struct ApiToken {
    pub id: ID,
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    pub rights: Vec<Right>,
    pub created_at: DateTime<Utc>,
    /// When it was last used (to the minute: written at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// The address it was last used from; erased after one year.
    pub last_used_ip: Option<String>,
    /// Every token expires (90 days after its creation by default); null only for tokens
    /// made before expiries were required.
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for ApiToken {
    fn from(t: api_token::Model) -> ApiToken {
        ApiToken {
            id: ID(t.id.to_string()),
            rights: t.rights().to_list(),
            name: t.name,
            prefix: t.prefix,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            last_used_ip: t.last_used_ip,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// A CIDR range the tenant's users and API tokens may connect from.
#[derive(SimpleObject, Clone, Debug)]
pub struct AllowedNetwork {
    pub id: ID,
    /// Normalised: `192.0.2.0/24`, `2001:db8::/32` (a single address is `/32` or `/128`).
    pub cidr: String,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<allowed_network::Model> for AllowedNetwork {
    fn from(n: allowed_network::Model) -> AllowedNetwork {
        AllowedNetwork { id: ID(n.id.to_string()), cidr: n.cidr, description: n.description, created_at: n.created_at }
    }
}

/// How long API tokens live, to show when creating one.
#[derive(SimpleObject, Clone, Debug)]
pub struct ApiTokenPolicy {
    /// A token created without an expiry expires after this many days.
    pub default_lifetime_days: i32,
    /// No token lives longer than this many days.
    pub max_lifetime_days: i32,
}

/// One login attempt or logout.
#[derive(SimpleObject, Clone, Debug)]
pub struct ConnectionLogEntry {
    pub id: ID,
    pub at: DateTime<Utc>,
    /// The login attempted.
    pub email: String,
    /// Erased after one year.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub outcome: ConnectionOutcome,
}

impl From<connection_log::Model> for ConnectionLogEntry {
    fn from(c: connection_log::Model) -> ConnectionLogEntry {
        ConnectionLogEntry {
            id: ID(c.id.to_string()),
            outcome: c.outcome,
            at: c.at,
            email: c.email,
            ip: c.ip,
            user_agent: c.user_agent,
        }
    }
}

/// What the audit log is searched by; each part optional, all of them together.
#[derive(async_graphql::InputObject, Clone, Debug, Default)]
pub struct AuditSearchInput {
    /// An action, or the start of one (`contact.` for every change to contacts).
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub actor_id: Option<ID>,
    pub from: Option<DateTime<Utc>>,
    /// Exclusive.
    pub to: Option<DateTime<Utc>>,
}

impl AuditSearchInput {
    pub fn into_search(self) -> crate::error::IdentityResult<crate::service::connection_log::AuditSearch> {
        let actor_id = match self.actor_id {
            Some(id) => Some(
                uuid::Uuid::parse_str(&id).map_err(|_| crate::error::IdentityError::InvalidId { field: "actorId" })?,
            ),
            None => None,
        };
        crate::service::connection_log::AuditSearch {
            action: self.action,
            target_type: self.target_type,
            target_id: self.target_id,
            actor_id,
            from: self.from,
            to: self.to,
        }
        .checked()
    }
}

/// One change in the audit trail.
#[derive(SimpleObject, Clone, Debug)]
pub struct AuditEntry {
    pub id: ID,
    /// The tenant it belongs to; absent for the platform's own entries.
    pub tenant_id: Option<ID>,
    pub at: DateTime<Utc>,
    /// Who acted; absent for a caller who was not logged in.
    pub actor_kind: Option<ActorKind>,
    pub actor_id: Option<ID>,
    /// A stable verb such as `user.rights.set`.
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub before: Option<Json<serde_json::Value>>,
    pub after: Option<Json<serde_json::Value>>,
    /// Its place in the tenant's sealed chain; absent until the seal (within a minute).
    pub sealed_position: Option<i64>,
    /// When an erasure cleared its personal content (the entry stays, still verifiable).
    pub redacted_at: Option<DateTime<Utc>>,
}

impl From<audit_entry::Model> for AuditEntry {
    fn from(a: audit_entry::Model) -> AuditEntry {
        AuditEntry {
            id: ID(a.id.to_string()),
            tenant_id: a.tenant_id.map(|id| ID(id.to_string())),
            at: a.at,
            actor_kind: a.actor_kind.kind(),
            actor_id: a.actor_id.map(|id| ID(id.to_string())),
            action: a.action,
            target_type: a.target_type,
            target_id: a.target_id,
            before: a.before.map(Json),
            after: a.after.map(Json),
            sealed_position: a.chain_position,
            redacted_at: a.redacted_at,
        }
    }
}

/// The person or system behind the current request.
#[derive(SimpleObject, Clone, Debug)]
pub struct Viewer {
    pub kind: ActorKind,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// The tenant acted for; absent for operator staff.
    pub tenant: Option<Tenant>,
    pub rights: Vec<Right>,
    pub is_tenant_admin: bool,
    pub is_operator: bool,
    /// The first password was chosen by an administrator: the user must replace it.
    pub must_change_password: bool,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_seconds: i64,
}

/// Figures of the platform for the operator's console.
#[derive(SimpleObject, Clone, Debug)]
pub struct PlatformHealth {
    pub version: String,
    /// `sqlite` or `postgres`.
    pub database_backend: String,
    pub database_ok: bool,
    pub uptime_seconds: i64,
    pub tenant_count: i64,
    pub active_session_count: i64,
}
