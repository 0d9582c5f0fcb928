//! The identity module's GraphQL types.

use super::loaders::TenantUserCountLoader;
use crate::model::{api_token, connection_log, tenant, tenant_user};
use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, Enum, ID, Json, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_kernel::model::audit_entry;
use crm360_kernel::{ActorKind, ApiError, Right};

/// Whether a user account may log in.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum UserStatus {
    Active,
    Closed,
}

/// The contract status of a tenant.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TenantStatus {
    Active,
    /// Access refused (unpaid invoices, breach), data kept.
    Suspended,
    /// Termination notified, effective later; access continues until then.
    Terminating,
    Terminated,
}

/// Where a tenant runs: the shared ("mutualisée") platform or a dedicated one.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "Platform", rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TenantPlatform {
    Shared,
    Dedicated,
}

/// The outcome of a login attempt or a logout.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ConnectionOutcome {
    Success,
    WrongPassword,
    UnknownAccount,
    AccountClosed,
    TenantSuspended,
    Throttled,
    Logout,
}

fn parse_code<T: Copy>(code: &str, table: &[(&str, T)], fallback: T) -> T {
    table.iter().find(|(c, _)| *c == code).map_or(fallback, |(_, v)| *v)
}

impl UserStatus {
    fn from_code(code: &str) -> UserStatus {
        parse_code(code, &[("ACTIVE", UserStatus::Active), ("CLOSED", UserStatus::Closed)], UserStatus::Closed)
    }
}

impl TenantStatus {
    fn from_code(code: &str) -> TenantStatus {
        parse_code(
            code,
            &[
                ("ACTIVE", TenantStatus::Active),
                ("SUSPENDED", TenantStatus::Suspended),
                ("TERMINATING", TenantStatus::Terminating),
                ("TERMINATED", TenantStatus::Terminated),
            ],
            TenantStatus::Suspended,
        )
    }
}

impl TenantPlatform {
    fn from_code(code: &str) -> TenantPlatform {
        parse_code(code, &[("DEDICATED", TenantPlatform::Dedicated)], TenantPlatform::Shared)
    }

    pub fn code(self) -> &'static str {
        match self {
            TenantPlatform::Shared => crate::service::tenants::PLATFORM_SHARED,
            TenantPlatform::Dedicated => crate::service::tenants::PLATFORM_DEDICATED,
        }
    }
}

impl ConnectionOutcome {
    fn from_code(code: &str) -> ConnectionOutcome {
        parse_code(
            code,
            &[
                ("SUCCESS", ConnectionOutcome::Success),
                ("WRONG_PASSWORD", ConnectionOutcome::WrongPassword),
                ("UNKNOWN_ACCOUNT", ConnectionOutcome::UnknownAccount),
                ("ACCOUNT_CLOSED", ConnectionOutcome::AccountClosed),
                ("TENANT_SUSPENDED", ConnectionOutcome::TenantSuspended),
                ("THROTTLED", ConnectionOutcome::Throttled),
                ("LOGOUT", ConnectionOutcome::Logout),
            ],
            ConnectionOutcome::WrongPassword,
        )
    }
}

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
}

#[ComplexObject]
impl Tenant {
    /// How many user accounts the tenant has (open or closed).
    async fn user_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let loader = ctx.data::<DataLoader<TenantUserCountLoader>>()?;
        let id = uuid::Uuid::parse_str(&self.id).map_err(|_| ApiError::internal("tenant id is not a uuid"))?;
        let count = loader.load_one(id).await.map_err(|err| async_graphql::Error::from((*err).clone()))?;
        Ok(count.unwrap_or(0))
    }
}

impl From<tenant::Model> for Tenant {
    fn from(t: tenant::Model) -> Tenant {
        Tenant {
            id: ID(t.id.to_string()),
            name: t.name,
            platform: TenantPlatform::from_code(&t.platform),
            status: TenantStatus::from_code(&t.status),
            suspended_reason: t.suspended_reason,
            created_at: t.created_at,
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
            status: UserStatus::from_code(&u.status),
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
    pub last_used_at: Option<DateTime<Utc>>,
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
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
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
            outcome: ConnectionOutcome::from_code(&c.outcome),
            at: c.at,
            email: c.email,
            ip: c.ip,
            user_agent: c.user_agent,
        }
    }
}

/// One change in the audit trail.
#[derive(SimpleObject, Clone, Debug)]
pub struct AuditEntry {
    pub id: ID,
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
}

impl From<audit_entry::Model> for AuditEntry {
    fn from(a: audit_entry::Model) -> AuditEntry {
        AuditEntry {
            id: ID(a.id.to_string()),
            at: a.at,
            actor_kind: ActorKind::from_code(&a.actor_kind),
            actor_id: a.actor_id.map(|id| ID(id.to_string())),
            action: a.action,
            target_type: a.target_type,
            target_id: a.target_id,
            before: a.before.map(Json),
            after: a.after.map(Json),
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
