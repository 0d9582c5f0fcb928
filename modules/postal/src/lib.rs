//! The postal module: RNVP of submitted addresses, metered per address for billing
//! (contract, Annex 1: RNVP per 1 000 addresses), and RNVP and deduplication runs over a
//! tenant's contacts, as durable jobs, over the pure `crm360-address` library.

pub mod error;
pub mod graphql;
pub mod jobs;
pub mod model;
pub mod service;

pub use graphql::{DedupMembersLoader, PostalMutation, PostalRunMutation, PostalRunQuery};

use crate::jobs::{DedupRun, RnvpRun};
use async_graphql::dataloader::DataLoader;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::{Platform, RequestContext, TenantScope};

/// The postal module (nothing to configure).
#[derive(Clone, Copy, Debug, Default)]
pub struct PostalModule;

impl Module for PostalModule {
    fn name(&self) -> &'static str {
        "postal"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.register::<RnvpRun>(());
        runner.register::<DedupRun>(());
    }

    fn request_data(&self, platform: &Platform, request: &RequestContext, data: &mut async_graphql::Data) {
        // A loader works for the request's tenant only: none for actors without one.
        if let Ok(scope) = TenantScope::for_request(platform, request) {
            data.insert(DataLoader::new(DedupMembersLoader::new(scope), tokio::spawn));
        }
    }
}
