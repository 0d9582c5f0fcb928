//! Related data of contacts in one query per kind, whatever the number of contacts. A page of
//! contacts loads what its selection asks for up front (`PageRelated`), in the transaction
//! that read the page: a fixed number of statements, which the DataLoaders' batching window
//! cannot split. Contacts reached any other way go through the DataLoaders, built per request
//! on the request's tenant scope (`ContactsModule::request_data`).

use crate::error::{ContactsError, ContactsResult};
use crate::model::{consent, contact, custom_field};
use crate::service::consents;
use crate::service::contacts::custom_values_of_contacts;
use crate::service::custom_fields::CustomValue;
use async_graphql::Context;
use async_graphql::dataloader::Loader;
use crm360_kernel::{ApiError, TenantScope, TenantTxn};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Loads `Contact.consents`, by contact id, for one request's tenant.
pub struct ConsentLoader {
    scope: TenantScope,
}

impl ConsentLoader {
    pub fn new(scope: TenantScope) -> ConsentLoader {
        ConsentLoader { scope }
    }
}

impl Loader<Uuid> for ConsentLoader {
    type Value = Vec<consent::Model>;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let load = async {
            let txn = self.scope.begin().await?;
            let found = consents::of_contacts(&txn, keys).await?;
            txn.commit().await?;
            Ok::<_, ContactsError>(found)
        };
        load.await.map_err(|err| Arc::new(err.into()))
    }
}

/// Loads `Contact.customValues`, by contact id, for one request's tenant.
pub struct CustomValueLoader {
    scope: TenantScope,
}

impl CustomValueLoader {
    pub fn new(scope: TenantScope) -> CustomValueLoader {
        CustomValueLoader { scope }
    }
}

impl Loader<Uuid> for CustomValueLoader {
    type Value = Vec<(custom_field::Model, CustomValue)>;
    type Error = Arc<ApiError>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let load = async {
            let txn = self.scope.begin().await?;
            let found = custom_values_of_contacts(&txn, keys).await?;
            txn.commit().await?;
            Ok::<_, ContactsError>(found)
        };
        load.await.map_err(|err| Arc::new(err.into()))
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
    /// Loads within `txn` (the page's own), for the contacts of a connection, the related
    /// data its `edges.node` or `nodes` selection asks for.
    pub async fn load(
        ctx: &Context<'_>,
        txn: &TenantTxn,
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
            related.consents = Some(consents::of_contacts(txn, &contact_ids).await?);
        }
        if selects("customValues") {
            related.custom_values = Some(custom_values_of_contacts(txn, &contact_ids).await?);
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
