//! DataLoaders: the contacts of a page of duplicate groups in two queries, whatever its size.

use crate::runs::members_of;
use async_graphql::dataloader::Loader;
use crm360_contacts::model::contact;
use crm360_contacts::service::merge::by_ids;
use crm360_kernel::ApiError;
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Loads the contacts of duplicate groups, keyed by (tenant, group).
pub struct DedupMembersLoader {
    pub db: DatabaseConnection,
}

impl Loader<(Uuid, Uuid)> for DedupMembersLoader {
    type Value = Vec<contact::Model>;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[(Uuid, Uuid)]) -> Result<HashMap<(Uuid, Uuid), Vec<contact::Model>>, Self::Error> {
        let mut loaded = HashMap::new();
        let mut by_tenant: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (tenant_id, group_id) in keys {
            by_tenant.entry(*tenant_id).or_default().push(*group_id);
        }
        for (tenant_id, groups) in by_tenant {
            let members = members_of(&self.db, tenant_id, &groups).await.map_err(|e| Arc::new(ApiError::from(e)))?;
            let ids: Vec<Uuid> = members.values().flatten().copied().collect();
            let contacts: HashMap<Uuid, contact::Model> = by_ids(&self.db, tenant_id, &ids)
                .await
                .map_err(|e| Arc::new(ApiError::from(e)))?
                .into_iter()
                .map(|c| (c.id, c))
                .collect();
            for (group_id, member_ids) in members {
                let mut group: Vec<contact::Model> =
                    member_ids.iter().filter_map(|id| contacts.get(id).cloned()).collect();
                group.sort_by_key(|c| c.id);
                loaded.insert((tenant_id, group_id), group);
            }
        }
        Ok(loaded)
    }
}
