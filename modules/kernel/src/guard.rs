//! Field guards: every field that exposes tenant data declares what it needs.
//!
//! The doc comment of a guarded field says so in words the schema keeps ("Requires the
//! `CONSULT` right.", "Tenant administrators only.", "Operator staff only."); the end-to-end
//! suite reads those words from introspection and checks that the guard really enforces them.

use crate::actor::{Actor, Right};
use crate::audit::AuditChange;
use crate::context::{Platform, RequestContext};
use crate::error::ApiError;
use async_graphql::{Context, Guard, Result};

/// Requires the actor to hold a right of its tenant.
pub struct RequireRight(pub Right);

/// Requires the tenant's referent user (administrator).
pub struct RequireTenantAdmin;

/// Requires operator staff.
pub struct RequireOperator;

/// Requires any authenticated actor of a tenant (user, administrator or API client).
pub struct RequireTenantMember;

impl Guard for RequireRight {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let actor = &RequestContext::of(ctx).actor;
        let allowed = actor.tenant_id().is_some() && actor.has_right(self.0);
        decide(ctx, allowed, || format!("the {} right is required", self.0.code())).await
    }
}

impl Guard for RequireTenantAdmin {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let allowed = RequestContext::of(ctx).actor.is_tenant_admin();
        decide(ctx, allowed, || "tenant administrators only".to_owned()).await
    }
}

impl Guard for RequireOperator {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let allowed = RequestContext::of(ctx).actor.is_operator();
        decide(ctx, allowed, || "operator staff only".to_owned()).await
    }
}

impl Guard for RequireTenantMember {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let allowed = RequestContext::of(ctx).actor.tenant_id().is_some();
        decide(ctx, allowed, || "tenant users only".to_owned()).await
    }
}

/// Lets the call through, or refuses it: `UNAUTHENTICATED` for an anonymous caller,
/// otherwise `FORBIDDEN`, recorded in the audit trail.
async fn decide(ctx: &Context<'_>, allowed: bool, why: impl FnOnce() -> String) -> Result<()> {
    if allowed {
        return Ok(());
    }
    let request = RequestContext::of(ctx);
    if request.actor == Actor::Anonymous {
        return Err(request.unauthenticated().into());
    }
    let message = why();
    if let Ok(platform) = Platform::of(ctx) {
        let field = ctx.path_node.map(|node| node.field_name().to_owned()).unwrap_or_default();
        let change = AuditChange { target_id: Some(field), ..AuditChange::new("access.denied", "field", "") }
            .after(serde_json::json!({ "reason": message }));
        let scope = crate::scope::Acting {
            actor: request.actor.clone(),
            db: platform.db.clone(),
            clock: platform.clock.clone(),
            ip: request.ip.clone(),
            request_id: request.request_id.clone(),
        };
        // A failed audit write must not turn a denial into an internal error.
        if let Err(err) = scope.audit(&platform.db, request.actor.tenant_id(), change).await {
            tracing::warn!(error = ?err, "could not audit an access denial");
        }
    }
    Err(ApiError::forbidden(message).into())
}
