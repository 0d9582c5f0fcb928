//! One shape for every module: besides its GraphQL roots (merged by type in `app/`), a
//! module declares what it brings to the platform through [`Module`], and `app/` keeps the
//! one list of modules (`app/src/modules.rs`).

use crate::context::{Platform, RequestContext};
use crate::jobs::JobRunner;

/// What a module registers: its jobs and recurring work, its plain HTTP routes, and the
/// per-request data its resolvers read (DataLoaders built from the request's scope,
/// policies).
pub trait Module: Send + Sync + 'static {
    /// The module's name, for logs.
    fn name(&self) -> &'static str;

    /// Registers its job kinds and recurring work.
    fn jobs(&self, _runner: &mut JobRunner) {}

    /// Its plain HTTP routes. Handlers read the request's [`Platform`] and
    /// [`RequestContext`] from the request's extensions (the app authenticates every request
    /// first) and authorize with [`crate::http::authorize`].
    fn routes(&self) -> axum::Router {
        axum::Router::new()
    }

    /// Adds what its resolvers need to one GraphQL request (built per request, so that a
    /// DataLoader never outlives its request or crosses tenants).
    fn request_data(&self, _platform: &Platform, _request: &RequestContext, _data: &mut async_graphql::Data) {}
}

/// The kernel's own recurring work: the purge of finished jobs.
pub struct KernelModule;

impl Module for KernelModule {
    fn name(&self) -> &'static str {
        "kernel"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        use crate::jobs::PurgeFinishedJobsJob;
        runner.recurring(PurgeFinishedJobsJob, PurgeFinishedJobsJob::EVERY, ());
    }
}
