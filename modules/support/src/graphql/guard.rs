//! A guard for fields open to every signed-in person, tenant users and operator staff alike.

use async_graphql::{Context, Guard, Result};
use crm360_kernel::{Actor, RequestContext};

/// Requires a signed-in actor of any kind (documented as "Signed-in users only."): an anonymous
/// caller gets `UNAUTHENTICATED`; nobody signed in is refused.
pub struct RequireSignedIn;

impl Guard for RequireSignedIn {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        let request = RequestContext::of(ctx);
        match request.actor {
            Actor::Anonymous => Err(request.unauthenticated().into()),
            _ => Ok(()),
        }
    }
}
