//! The campaigns module's durable jobs: starting a run (building its ledger) and sending one
//! batch of it.

use crate::service::runs;
use crate::service::sending::{self, SendContext};
use crate::service::settings::{CampaignSettings, Transports};
use crate::throttle::Throttle;
use chrono::{DateTime, Utc};
use crm360_kernel::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use uuid::Uuid;

/// What the campaign jobs need: the settings, the transports and the shared pacing.
#[derive(Clone)]
pub struct CampaignDeps {
    pub settings: Arc<CampaignSettings>,
    pub transports: Transports,
    pub throttle: Arc<Throttle>,
}

/// Starts the occurrence `due_at` of a campaign: its ledger from the segment as it is then.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StartRun {
    pub campaign_id: Uuid,
    pub due_at: DateTime<Utc>,
}

impl Job for StartRun {
    const KIND: &'static str = "campaign.start_run";
    type Deps = CampaignDeps;

    async fn run(self, ctx: JobContext, deps: CampaignDeps) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        runs::start(&scope, &deps.settings, self.campaign_id, self.due_at)
            .await
            .map_err(|err| JobFailure::new(err.to_string()))?;
        Ok(())
    }
}

/// Sends what is due in one batch of a run's ledger.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SendBatch {
    pub run_id: Uuid,
    pub batch: i32,
}

impl Job for SendBatch {
    const KIND: &'static str = "campaign.send_batch";
    type Deps = CampaignDeps;

    async fn run(self, ctx: JobContext, deps: CampaignDeps) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        let cx = SendContext {
            scope: &scope,
            platform: ctx.platform(),
            settings: &deps.settings,
            transports: &deps.transports,
            throttle: &deps.throttle,
        };
        sending::send_batch(&cx, self.run_id, self.batch).await.map_err(|err| JobFailure::new(err.to_string()))
    }
}

/// Reads the bounce mailbox (platform work, every minute when one is configured).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ReadBounces;

impl Job for ReadBounces {
    const KIND: &'static str = "campaign.read_bounces";
    type Deps = CampaignDeps;

    async fn run(self, ctx: JobContext, deps: CampaignDeps) -> Result<(), JobFailure> {
        let applied = crate::service::bounces::process_mailbox(ctx.platform(), &deps.settings)
            .await
            .map_err(|err| JobFailure::new(err.to_string()))?;
        if applied > 0 {
            tracing::info!(applied, "bounces and complaints applied");
        }
        Ok(())
    }
}

/// Decides the A/B test of a run once its delay has passed, and sends the rest.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DecideAbTest {
    pub run_id: Uuid,
}

impl Job for DecideAbTest {
    const KIND: &'static str = "campaign.decide_ab_test";
    type Deps = CampaignDeps;

    async fn run(self, ctx: JobContext, _deps: CampaignDeps) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        crate::service::ab_tests::decide(&scope, self.run_id).await.map_err(|err| JobFailure::new(err.to_string()))
    }
}
