//! The postal module's durable jobs: an RNVP run and a deduplication run, queued by
//! `service::runs::start`. Each runs with the system scope of its own tenant (the job row's),
//! never one named in its payload.

use crate::service::runs::Progress;
use crate::service::{dedup, rnvp};
use crm360_kernel::jobs::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Normalises the addresses of one RNVP run's contacts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RnvpRun {
    pub run_id: Uuid,
}

impl Job for RnvpRun {
    const KIND: &'static str = "postal.rnvp_run";
    type Deps = ();

    async fn run(self, ctx: JobContext, _: ()) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        rnvp::run_rnvp(&scope, &ctx, self.run_id).await?;
        Ok(())
    }
}

/// Finds the duplicate groups of one deduplication run's contacts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DedupRun {
    pub run_id: Uuid,
}

impl Job for DedupRun {
    const KIND: &'static str = "postal.dedup_run";
    type Deps = ();

    async fn run(self, ctx: JobContext, _: ()) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        dedup::run_dedup(&scope, &ctx, self.run_id).await?;
        Ok(())
    }
}

/// A run's progress, on its job's row for operator staff. It is informational: a run does
/// not fail because its progress could not be written (its own row keeps the counts).
impl Progress for JobContext {
    async fn report(&self, done: i64, total: i64) {
        if let Err(err) = self.progress(done, total).await {
            tracing::warn!(job = %self.id, code = err.code.as_str(), "could not record the job's progress");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_queued_before_the_job_types_still_read() {
        // Rows queued by the former handlers carried the run id only; the tenant is the row's.
        let run_id = Uuid::from_u128(7);
        let rnvp: RnvpRun = serde_json::from_value(serde_json::json!({ "runId": run_id })).unwrap();
        assert_eq!(rnvp, RnvpRun { run_id });
        let dedup: DedupRun = serde_json::from_value(serde_json::json!({ "runId": run_id })).unwrap();
        assert_eq!(dedup, DedupRun { run_id });
        assert_eq!(serde_json::to_value(&rnvp).unwrap(), serde_json::json!({ "runId": run_id }));
    }

    #[test]
    fn kinds_are_those_of_the_queued_rows() {
        assert_eq!((RnvpRun::KIND, DedupRun::KIND), ("postal.rnvp_run", "postal.dedup_run"));
    }
}
