//! DataLoaders: a page of contacts resolves its consents and custom values in one query each,
//! whatever the page's length. Keys carry the tenant, and each query filters on it.

use crate::model::{consent, custom_field};
use crate::service::consents;
use crate::service::contacts::custom_values_of_contacts;
use crate::service::custom_fields::CustomValue;
use async_graphql::dataloader::Loader;
use crm360_kernel::ApiError;
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
