//! The request context: who acts, from where, and the platform services a resolver may use.

use crate::actor::Actor;
use crate::clock::Clock;
use crate::database::Database;
use crate::error::ApiError;
use crate::scope::{OperatorScope, TenantScope};
use uuid::Uuid;

/// Platform services shared by every request: the database (private: reached through a
/// scope, or [`Platform::unscoped`] for the few deliberate exceptions) and the clock.
#[derive(Clone, Debug)]
pub struct Platform {
    database: Database,
    clock: Clock,
}

/// Facts about the running server, for the operator's platform-health screen.
#[derive(Clone, Debug)]
pub struct ServerInfo {
    pub version: &'static str,
    pub started: std::time::Instant,
}

/// What the HTTP layer learnt about a request before GraphQL runs.
#[derive(Clone, Debug)]
pub struct RequestContext {
    pub actor: Actor,
    /// The session behind the actor, for logout and password change.
    pub session_id: Option<Uuid>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    /// Why a credential the client sent was refused (`SESSION_EXPIRED`, ...): the request
    /// then runs anonymously, and a guard says why rather than just "log in".
    pub credential_refused: Option<&'static str>,
}

impl RequestContext {
    pub fn anonymous() -> RequestContext {
        RequestContext {
            actor: Actor::Anonymous,
            session_id: None,
            ip: None,
            user_agent: None,
            request_id: None,
            credential_refused: None,
        }
    }

    /// The error for a caller who must log in first.
    pub fn unauthenticated(&self) -> ApiError {
        match self.credential_refused {
            Some(reason) => ApiError::unauthenticated(reason, "the session has expired or the token is not valid"),
            None => ApiError::unauthenticated("NOT_LOGGED_IN", "authentication required"),
        }
    }

    /// The request context of a GraphQL call (an anonymous one if the server put none).
    pub fn of<'a>(ctx: &'a async_graphql::Context<'_>) -> &'a RequestContext {
        static ANONYMOUS: std::sync::OnceLock<RequestContext> = std::sync::OnceLock::new();
        ctx.data_opt::<RequestContext>().unwrap_or_else(|| ANONYMOUS.get_or_init(RequestContext::anonymous))
    }
}

impl Platform {
    pub fn new(database: Database, clock: Clock) -> Platform {
        Platform { database, clock }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn backend(&self) -> sea_orm::DatabaseBackend {
        self.database.backend()
    }

    pub(crate) fn database(&self) -> &Database {
        &self.database
    }

    /// Whether the database answers (the health check).
    pub async fn database_ok(&self) -> bool {
        self.database.ping().await
    }

    pub fn of<'a>(ctx: &'a async_graphql::Context<'_>) -> Result<&'a Platform, ApiError> {
        ctx.data::<Platform>().map_err(|_| ApiError::internal("platform services missing from schema data"))
    }
}

/// The tenant scope of a GraphQL call: the only way a resolver reaches tenant data.
/// Fails with `UNAUTHENTICATED` or `FORBIDDEN` when the actor acts for no tenant.
pub fn tenant_scope(ctx: &async_graphql::Context<'_>) -> Result<TenantScope, ApiError> {
    let request = RequestContext::of(ctx);
    let platform = Platform::of(ctx)?;
    TenantScope::for_request(platform, request)
}

/// The operator scope of a GraphQL call; only operator staff get one.
pub fn operator_scope(ctx: &async_graphql::Context<'_>) -> Result<OperatorScope, ApiError> {
    let request = RequestContext::of(ctx);
    let platform = Platform::of(ctx)?;
    OperatorScope::for_request(platform, request)
}
