//! Contacts subscriptions: an import's progress pushed as it moves.

use super::types::Import;
use crate::service::{imports, parse_id};
use async_graphql::{Context, ID, Result, Subscription};
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireRight;
use futures::Stream;
use std::time::Duration;

/// How often a subscribed import is read again.
const POLL: Duration = Duration::from_millis(300);

#[derive(Default)]
pub struct ContactsSubscription;

#[Subscription]
impl ContactsSubscription {
    /// The import's state now, then each time its progress changes, until it is done or
    /// failed. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn import_progress(&self, ctx: &Context<'_>, id: ID) -> Result<impl Stream<Item = Import> + use<>> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&id, "id").gql()?;
        let first = imports::get(&scope, id).await.gql()?;
        let stream = futures::stream::unfold(Some((scope, first, true)), move |state| async move {
            let (scope, last, first_time) = state?;
            if first_time {
                return Some((Import(last.clone()), Some((scope, last, false))));
            }
            if last.status.is_finished() {
                return None;
            }
            loop {
                tokio::time::sleep(POLL).await;
                match imports::find(&scope, id).await {
                    Ok(Some(now)) if now != last => return Some((Import(now.clone()), Some((scope, now, false)))),
                    Ok(Some(_)) => continue,
                    Ok(None) => return None,
                    Err(err) => {
                        tracing::warn!(error = %err, "import progress read failed");
                        return None;
                    }
                }
            }
        });
        Ok(stream)
    }
}
