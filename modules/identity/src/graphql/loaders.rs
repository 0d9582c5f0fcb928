//! DataLoaders: related data of a list resolved in one query, whatever the list's length.

use crate::service::tenants;
use async_graphql::dataloader::Loader;
use crm360_kernel::scope::OperatorScope;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Loads `Tenant.userCount` for a page of tenants at once: operator staff's lists, across
/// tenants, so it exists only for an operator's request (built by `IdentityModule`).
pub struct TenantUserCountLoader {
    scope: OperatorScope,
}

impl TenantUserCountLoader {
    pub fn new(scope: OperatorScope) -> TenantUserCountLoader {
        TenantUserCountLoader { scope }
    }
}

impl Loader<Uuid> for TenantUserCountLoader {
    type Value = i64;
    type Error = Arc<crm360_kernel::ApiError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, i64>, Self::Error> {
        tenants::user_counts(&self.scope, keys).await.map_err(|err| Arc::new(err.into()))
    }
}
