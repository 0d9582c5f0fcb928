//! Field guards: every field that exposes tenant data declares what it needs.
//!
//! The doc comment of a guarded field says so in words the schema keeps ("Requires the
//! `CONSULT` right.", "Tenant administrators only.", "Operator staff only."); the end-to-end
//! suite reads those words from introspection and checks that the guard really enforces them.

use crate::actor::{Actor, Right};
use crate::audit::AuditChange;
use crate::context::{Platform, RequestContext};
use crate::error::ApiError;
use crate::unscoped::Why;
use async_graphql::{Context, Guard, Result};

/// Requires the actor to hold a right of its tenant.
pub struct RequireRight(pub Right);

/// Requires the actor to hold at least one of several rights of its tenant (documented as
/// "Requires one of the rights `IMPORT`, `ANALYSE`.").
pub struct RequireAnyRight(pub &'static [Right]);

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

impl Guard for RequireAnyRight {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let actor = &RequestContext::of(ctx).actor;
        let allowed = actor.tenant_id().is_some() && self.0.iter().any(|r| actor.has_right(*r));
        decide(ctx, allowed, || {
            let codes: Vec<&str> = self.0.iter().map(|r| r.code()).collect();
            format!("one of the rights {} is required", codes.join(", "))
        })
        .await
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
        // The field's name, not its alias: aliases of one field are one denial.
        let field = ctx.item.node.name.node.to_string();
        let first = ctx.data_opt::<DenialLedger>().is_none_or(|ledger| ledger.first(&field, &message));
        if first {
            audit_denial(platform, request, "field", &field, &message).await;
        }
    }
    Err(ApiError::forbidden(message).into())
}

/// The access denials already audited in one request (or one WebSocket connection): a
/// request of 1 000 aliases of a refused field writes one audit entry, not 1 000. The
/// server puts one in each request's data; without one, every denial is audited.
#[derive(Debug, Default)]
pub struct DenialLedger(std::sync::Mutex<std::collections::HashSet<(String, String)>>);

impl DenialLedger {
    /// Whether this denial (field and reason) is the request's first.
    pub fn first(&self, field: &str, why: &str) -> bool {
        let mut seen = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() >= 1_000 {
            return false;
        }
        seen.insert((field.to_owned(), why.to_owned()))
    }
}

/// Records a refused access (a field or an endpoint) in the audit trail of the actor's
/// tenant, or the platform's. A failed write must not turn a denial into an internal error.
pub(crate) async fn audit_denial(
    platform: &Platform,
    request: &RequestContext,
    kind: &'static str,
    target: &str,
    why: &str,
) {
    let change = AuditChange { target_id: Some(target.to_owned()), ..AuditChange::new("access.denied", kind, "") }
        .after(serde_json::json!({ "reason": why }));
    let db = platform.unscoped(Why::AccessDenialAudit);
    let now = db.now();
    let ip = request.ip.clone();
    let recorded = crate::audit::record(
        &db,
        request.actor.tenant_id(),
        &request.actor,
        now,
        ip,
        request.request_id.clone(),
        change,
    );
    if let Err(err) = recorded.await {
        tracing::warn!(error = ?err, "could not audit an access denial");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Rights;
    use crate::context::RequestContext;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
    use uuid::Uuid;

    struct Query;

    #[Object]
    impl Query {
        #[graphql(guard = "RequireRight(Right::Import)")]
        async fn import(&self) -> bool {
            true
        }
        #[graphql(guard = "RequireRight(Right::Consult)")]
        async fn consult(&self) -> bool {
            true
        }
        #[graphql(guard = "RequireRight(Right::Communicate)")]
        async fn communicate(&self) -> bool {
            true
        }
        #[graphql(guard = "RequireRight(Right::Analyse)")]
        async fn analyse(&self) -> bool {
            true
        }
        #[graphql(guard = "RequireTenantAdmin")]
        async fn admin(&self) -> bool {
            true
        }
        #[graphql(guard = "RequireOperator")]
        async fn operator(&self) -> bool {
            true
        }
    }

    async fn call(actor: Actor, field: &str) -> Option<String> {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let request = async_graphql::Request::new(format!("{{ {field} }}"))
            .data(RequestContext { actor, ..RequestContext::anonymous() });
        let response = schema.execute(request).await;
        response.errors.first().map(|e| {
            let code = e.extensions.as_ref().and_then(|ext| ext.get("code")).cloned();
            code.map(|c| c.to_string().trim_matches('"').to_owned()).unwrap_or_default()
        })
    }

    fn user(rights: Rights, is_admin: bool) -> Actor {
        Actor::TenantUser { tenant_id: Uuid::nil(), user_id: Uuid::nil(), is_admin, rights }
    }

    #[tokio::test]
    async fn each_right_opens_its_fields_only() {
        for right in Right::ALL {
            let field = right.code().to_lowercase();
            let only = user(Rights::from_list(&[right]), false);
            assert_eq!(call(only.clone(), &field).await, None, "{field} refused to its holder");
            let others: Vec<Right> = Right::ALL.into_iter().filter(|r| *r != right).collect();
            let lacking = user(Rights::from_list(&others), true);
            assert_eq!(call(lacking, &field).await.as_deref(), Some("FORBIDDEN"), "{field} let in a user without it");
            let token =
                Actor::ApiClient { tenant_id: Uuid::nil(), token_id: Uuid::nil(), rights: Rights::from_list(&[right]) };
            assert_eq!(call(token, &field).await, None, "API tokens carry their rights");
            assert_eq!(call(Actor::Anonymous, &field).await.as_deref(), Some("UNAUTHENTICATED"));
            // Operator staff hold no tenant rights.
            let operator = Actor::Operator { staff_id: Uuid::nil() };
            assert_eq!(call(operator, &field).await.as_deref(), Some("FORBIDDEN"));
        }
    }

    #[tokio::test]
    async fn roles_open_their_fields_only() {
        assert_eq!(call(user(Rights::NONE, true), "admin").await, None);
        assert_eq!(call(user(Rights::ALL, false), "admin").await.as_deref(), Some("FORBIDDEN"));
        assert_eq!(call(Actor::Operator { staff_id: Uuid::nil() }, "operator").await, None);
        assert_eq!(call(user(Rights::ALL, true), "operator").await.as_deref(), Some("FORBIDDEN"));
        assert_eq!(call(Actor::Operator { staff_id: Uuid::nil() }, "admin").await.as_deref(), Some("FORBIDDEN"));
    }
}
