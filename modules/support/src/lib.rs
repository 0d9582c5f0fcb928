//! Support and service levels. Today: the operator's announcements to tenants (shown as a
//! banner in the web app), and the audience measurement of contract article 12 (page views,
//! visits, client activity and return frequency), with its retention.

pub mod error;
pub mod graphql;
pub mod jobs;
pub mod model;
pub mod paths;
pub mod service;

pub use graphql::{SupportMutation, SupportQuery};

use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use jobs::PurgePageViewsJob;

/// The support module: its recurring purge of old page views. Its resolvers need no
/// per-request data.
pub struct SupportModule;

impl Module for SupportModule {
    fn name(&self) -> &'static str {
        "support"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.recurring(PurgePageViewsJob, PurgePageViewsJob::EVERY, ());
    }
}
