//! Related data of contacts in one query per kind, whatever the number of contacts. A page of
//! contacts loads what its selection asks for up front (`PageRelated`): a fixed number of
//! statements, which the DataLoaders' batching window cannot split. Contacts reached any other
//! way go through the DataLoaders. Keys carry the tenant, and each query filters on it.

use crate::error::ContactsResult;
use crate::model::{consent, contact, custom_field};
use crate::service::consents;
use crate::service::contacts::custom_values_of_contacts;
use crate::service::custom_fields::CustomValue;
use async_graphql::Context;
use async_graphql::dataloader::Loader;
use crm360_kernel::{ApiError, TenantScope};
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// `(tenant id, contact id)`.
pub type ContactKey = (Uuid, Uuid);

fn by_tenant(keys: &[ContactKey]) -> HashMap<Uuid, Vec<Uuid>> {
    let mut grouped: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (tenant, contact) in keys {
        grouped.entry(*tenant).or_default().push(*contact);
    }
    grouped
}

/// Loads `Contact.consents`.
pub struct ConsentLoader {
    pub db: DatabaseConnection,
}

impl Loader<ContactKey> for ConsentLoader {
    type Value = Vec<consent::Model>;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[ContactKey]) -> Result<HashMap<ContactKey, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        for (tenant, contacts) in by_tenant(keys) {
            let found = consents::of_contacts(&self.db, tenant, &contacts).await.map_err(|e| Arc::new(e.into()))?;
            out.extend(found.into_iter().map(|(contact, rows)| ((tenant, contact), rows)));
        }
        Ok(out)
    }
}

/// Loads `Contact.customValues`.
pub struct CustomValueLoader {
    pub db: DatabaseConnection,
}

impl Loader<ContactKey> for CustomValueLoader {
    type Value = Vec<(custom_field::Model, CustomValue)>;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[ContactKey]) -> Result<HashMap<ContactKey, Self::Value>, Self::Error> {
        let mut out = HashMap::new();
        for (tenant, contacts) in by_tenant(keys) {
            let found = custom_values_of_contacts(&self.db, tenant, &contacts).await.map_err(|e| Arc::new(e.into()))?;
            out.extend(found.into_iter().map(|(contact, rows)| ((tenant, contact), rows)));
        }
        Ok(out)
    }
}

/// The related data of one page of contacts, loaded once for the whole page; a kind the
/// query does not select is not loaded.
#[derive(Debug, Default)]
pub struct PageRelated {
    consents: Option<HashMap<Uuid, Vec<consent::Model>>>,
    custom_values: Option<HashMap<Uuid, Vec<(custom_field::Model, CustomValue)>>>,
}

impl PageRelated {
    /// Loads, for the contacts of a connection, the related data its `edges.node` or `nodes`
    /// selection asks for.
    pub async fn load(
        ctx: &Context<'_>,
        scope: &TenantScope,
        contacts: &[contact::Model],
    ) -> ContactsResult<Arc<PageRelated>> {
        let contact_ids: Vec<Uuid> = contacts.iter().map(|c| c.id).collect();
        let look = ctx.look_ahead();
        let selects = |field: &str| {
            look.field("edges").field("node").field(field).exists() || look.field("nodes").field(field).exists()
        };
        let mut related = PageRelated::default();
        if contact_ids.is_empty() {
            return Ok(Arc::new(related));
        }
        if selects("consents") {
            related.consents = Some(consents::of_contacts(scope.db(), scope.tenant_id(), &contact_ids).await?);
        }
        if selects("customValues") {
            related.custom_values = Some(custom_values_of_contacts(scope.db(), scope.tenant_id(), &contact_ids).await?);
        }
        Ok(Arc::new(related))
    }

    /// The contact's consents, if this page loaded them.
    pub fn consents_of(&self, contact_id: Uuid) -> Option<Vec<consent::Model>> {
        self.consents.as_ref().map(|all| all.get(&contact_id).cloned().unwrap_or_default())
    }

    /// The contact's custom values, if this page loaded them.
    pub fn custom_values_of(&self, contact_id: Uuid) -> Option<Vec<(custom_field::Model, CustomValue)>> {
        self.custom_values.as_ref().map(|all| all.get(&contact_id).cloned().unwrap_or_default())
    }
}
