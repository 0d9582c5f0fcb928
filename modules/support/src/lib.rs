//! Support and service levels: the operator's announcements to tenants (shown as a banner in
//! the web app), the audience measurement of contract article 12 (page views, visits, client
//! activity and return frequency), and the support desk of Annex 2 (tickets in the product
//! and by email, measured in business hours).

pub mod error;
pub mod graphql;
pub mod http;
pub mod jobs;
pub mod model;
pub mod paths;
pub mod service;

pub use graphql::tickets::{TicketsMutation, TicketsQuery};
pub use graphql::{SupportMutation, SupportQuery};

use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::{Platform, RequestContext};
use jobs::{CloseDueTickets, PurgePageViewsJob, ReadSupportMailbox};
use std::path::PathBuf;

/// What the support desk is configured with.
#[derive(Clone, Debug)]
pub struct SupportDeps {
    /// The data folder (attachments under `support/`).
    pub data_dir: PathBuf,
    /// The support inbox, a Maildir folder; unset: tickets are opened in the product only.
    pub mailbox: Option<PathBuf>,
    /// A resolved ticket closes by itself after this long without the user's reply.
    pub close_after_resolution: chrono::Duration,
    /// A ticket waiting for the user closes after this long of silence (Annex 2).
    pub close_after_silence: chrono::Duration,
}

/// The support module: its recurring jobs, its routes and request data.
pub struct SupportModule {
    pub deps: SupportDeps,
}

impl Module for SupportModule {
    fn name(&self) -> &'static str {
        "support"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.recurring(PurgePageViewsJob, PurgePageViewsJob::EVERY, ());
        runner.recurring(CloseDueTickets, CloseDueTickets::EVERY, self.deps.clone());
        if self.deps.mailbox.is_some() {
            runner.recurring(ReadSupportMailbox, ReadSupportMailbox::EVERY, self.deps.clone());
        } else {
            runner.register::<ReadSupportMailbox>(self.deps.clone());
        }
    }

    fn routes(&self) -> axum::Router {
        http::routes(self.deps.clone())
    }

    fn request_data(&self, _platform: &Platform, _request: &RequestContext, data: &mut async_graphql::Data) {
        data.insert(self.deps.clone());
    }
}
