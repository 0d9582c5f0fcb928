//! The sealing job, every minute.

use crate::AuditDeps;
use crm360_kernel::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub struct SealAuditJob;

impl SealAuditJob {
    pub const EVERY: chrono::Duration = chrono::Duration::minutes(1);
}

impl Job for SealAuditJob {
    const KIND: &'static str = "audit.seal";
    type Deps = AuditDeps;

    async fn run(self, ctx: JobContext, deps: AuditDeps) -> Result<(), JobFailure> {
        let report = crate::service::seal::seal_all(ctx.platform(), &deps.key).await?;
        if report.entries > 0 {
            tracing::info!(chains = report.chains, entries = report.entries, "audit entries sealed");
        }
        Ok(())
    }
}
