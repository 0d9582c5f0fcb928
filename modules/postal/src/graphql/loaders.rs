//! DataLoaders: the contacts of a page of duplicate groups in two queries, whatever its size.
//! Built per request on the request's tenant scope (`PostalModule::request_data`).

use crate::error::{PostalError, PostalResult};
use crate::service::dedup::members_of;
use async_graphql::dataloader::Loader;
use crm360_contacts::model::contact;
use crm360_contacts::service::merge::by_ids;
use crm360_kernel::{ApiError, TenantScope, TenantTxn};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Loads the contacts of duplicate groups, by group id, for one request's tenant.
pub struct DedupMembersLoader {
    scope: TenantScope,
}

impl DedupMembersLoader {
    pub fn new(scope: TenantScope) -> DedupMembersLoader {
        DedupMembersLoader { scope }
    }
}

impl Loader<Uuid> for DedupMembersLoader {
    type Value = Vec<contact::Model>;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Vec<contact::Model>>, Self::Error> {
        let load = async {
            let txn = self.scope.begin().await?;
            let found = members_by_group(&txn, keys).await?;
            txn.commit().await?;
            Ok::<_, PostalError>(found)
        };
        load.await.map_err(|err| Arc::new(err.into()))
    }
}

/// The member contacts of each group, in id order.
async fn members_by_group(txn: &TenantTxn, group_ids: &[Uuid]) -> PostalResult<HashMap<Uuid, Vec<contact::Model>>> {
    let members = members_of(txn, group_ids).await?;
    let ids: Vec<Uuid> = members.values().flatten().copied().collect();
    let contacts: HashMap<Uuid, contact::Model> = by_ids(txn, &ids).await?.into_iter().map(|c| (c.id, c)).collect();
    Ok(members
        .into_iter()
        .map(|(group_id, member_ids)| {
            let mut group: Vec<contact::Model> = member_ids.iter().filter_map(|id| contacts.get(id).cloned()).collect();
            group.sort_by_key(|c| c.id);
            (group_id, group)
        })
        .collect())
}
