//! Campaigns: message templates, email and SMS campaigns to segments (one-off, scheduled,
//! recurring), the send ledger, suppression and unsubscription, and the platform's
//! notifications.

pub mod error;
pub mod graphql;
pub mod http;
pub mod jobs;
pub mod model;
pub mod notifications;
pub mod service;
pub mod throttle;

use crate::jobs::{CampaignDeps, DecideAbTest, ReadBounces, SendBatch, StartRun};
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::{Platform, RequestContext};

pub use graphql::{CampaignsMutation, CampaignsQuery};

/// The campaigns module, with its settings and transports.
#[derive(Clone)]
pub struct CampaignsModule {
    pub deps: CampaignDeps,
}

impl Module for CampaignsModule {
    fn name(&self) -> &'static str {
        "campaigns"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.register::<StartRun>(self.deps.clone());
        runner.register::<SendBatch>(self.deps.clone());
        runner.register::<DecideAbTest>(self.deps.clone());
        if self.deps.settings.bounce_maildir.is_some() {
            runner.recurring(ReadBounces, chrono::Duration::minutes(1), self.deps.clone());
        } else {
            runner.register::<ReadBounces>(self.deps.clone());
        }
        runner.register::<notifications::SendNotification>(notifications::NotificationDeps {
            transport: self.deps.transports.email.clone(),
            from: self.deps.transports.notifications_from.clone(),
            public_url: self.deps.settings.public_url.clone(),
        });
    }

    fn routes(&self) -> axum::Router {
        http::routes(self.deps.clone())
    }

    fn request_data(&self, _platform: &Platform, _request: &RequestContext, data: &mut async_graphql::Data) {
        // Read by the preview and test-send resolvers (`ctx.data::<CampaignDeps>()`).
        data.insert(self.deps.clone());
    }
}
