//! Contacts: the tenant's consumer database (contract fields, custom fields, consent with its
//! proof), its consultation, imports of French CSV files, and counting and targeting.

pub mod error;
pub mod fields;
pub mod graphql;
pub mod http;
pub mod jobs;
pub mod model;
pub mod service;
pub mod values;

pub use graphql::{ContactsMutation, ContactsQuery, ContactsSubscription, loaders};

use crate::jobs::{FeedRun, ImportJob, PurgeExpiredFiles};
use crate::loaders::{ConsentLoader, CustomValueLoader};
use crate::service::uploads::FileSettings;
use async_graphql::dataloader::DataLoader;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::{Platform, RequestContext, TenantScope};

/// The contacts module, configured with where its files live (uploads, feeds).
#[derive(Clone, Debug)]
pub struct ContactsModule {
    pub files: FileSettings,
}

impl Module for ContactsModule {
    fn name(&self) -> &'static str {
        "contacts"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.register::<ImportJob>(self.files.clone());
        runner.register::<FeedRun>(self.files.clone());
        runner.recurring(PurgeExpiredFiles, PurgeExpiredFiles::EVERY, self.files.clone());
    }

    fn routes(&self) -> axum::Router {
        http::routes(self.files.clone())
    }

    fn request_data(&self, platform: &Platform, request: &RequestContext, data: &mut async_graphql::Data) {
        // Read by the import and feed resolvers (`ctx.data::<FileSettings>()`).
        data.insert(self.files.clone());
        // A loader works for the request's tenant only: none for actors without one.
        if let Ok(scope) = TenantScope::for_request(platform, request) {
            data.insert(DataLoader::new(ConsentLoader::new(scope.clone()), tokio::spawn));
            data.insert(DataLoader::new(CustomValueLoader::new(scope), tokio::spawn));
        }
    }
}
