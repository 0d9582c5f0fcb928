//! Billing (Annex 1 and article 10 of the contract): versioned price grids and their
//! revisions, each tenant's level and commitments, the usage metered by the work itself and
//! sampled daily, the monthly invoices and credit notes with gapless numbers, their legal
//! documents (PDF and Factur-X), payments and the follow-up of overdue invoices.
//!
//! The pricing itself is `crm360_pricing` (no database); the documents `crm360_invoice_documents`.

pub mod error;
pub mod format;
pub mod graphql;
pub mod http;
pub mod jobs;
pub mod model;
pub mod service;
pub mod settings;

pub use graphql::{BillingMutation, BillingQuery};

use crate::jobs::{BillingCycle, BillingDeps};
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::{Platform, RequestContext};

/// The billing module, with its settings and the document renderer.
#[derive(Clone)]
pub struct BillingModule {
    pub deps: BillingDeps,
}

impl Module for BillingModule {
    fn name(&self) -> &'static str {
        "billing"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.recurring(BillingCycle, BillingCycle::EVERY, self.deps.clone());
    }

    fn routes(&self) -> axum::Router {
        http::routes(self.deps.clone())
    }

    fn request_data(&self, _platform: &Platform, _request: &RequestContext, data: &mut async_graphql::Data) {
        data.insert(self.deps.clone());
    }
}
