//! The billing cycle's job: hourly, idempotent (see `service::cycle`).

use crate::service::cycle;
use crate::service::documents::Documents;
use crate::settings::BillingSettings;
use crm360_kernel::jobs::{Job, JobContext, JobFailure};
use crm360_kernel::scope::OperatorScope;
use serde::{Deserialize, Serialize};

/// What the cycle needs: the settings and the renderer built once.
#[derive(Clone)]
pub struct BillingDeps {
    pub settings: BillingSettings,
    pub documents: Documents,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct BillingCycle;

impl BillingCycle {
    pub const EVERY: chrono::Duration = chrono::Duration::hours(1);
}

impl Job for BillingCycle {
    const KIND: &'static str = "billing.cycle";
    type Deps = BillingDeps;

    async fn run(self, ctx: JobContext, deps: BillingDeps) -> Result<(), JobFailure> {
        let scope = OperatorScope::system(ctx.platform());
        let report = cycle::tick(&scope, &deps.settings, &deps.documents).await?;
        tracing::info!(?report, "billing cycle");
        Ok(())
    }
}
