//! The identity module's durable jobs.

use crate::policy::SessionPolicy;
use crate::service::connection_log;
use chrono::Duration;
use crm360_kernel::jobs::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};

/// The daily erasure of connection IP addresses older than the retention period (contract
/// article 12), with the sessions that ended before it. Platform work: no tenant, no
/// payload; its queued row holds `null`, as it always has.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Serialize, Deserialize)]
pub struct PurgeConnectionIpsJob;

impl PurgeConnectionIpsJob {
    /// How often it runs.
    pub const EVERY: Duration = Duration::days(1);
}

impl Job for PurgeConnectionIpsJob {
    const KIND: &'static str = "identity.purge_connection_ips";
    type Deps = SessionPolicy;

    async fn run(self, ctx: JobContext, policy: SessionPolicy) -> Result<(), JobFailure> {
        let purged = connection_log::purge_old_ips(ctx.platform(), &policy).await?;
        tracing::info!(
            connection_ips = purged.connection_ips,
            sessions = purged.sessions,
            token_ips = purged.token_ips,
            password_links = purged.password_links,
            "purged old IPs"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queued_row_of_the_former_purge_still_runs() {
        // The recurring row was scheduled with a `null` payload under this kind.
        assert_eq!(PurgeConnectionIpsJob::KIND, "identity.purge_connection_ips");
        let job: PurgeConnectionIpsJob = serde_json::from_value(serde_json::Value::Null).unwrap();
        assert_eq!(serde_json::to_value(job).unwrap(), serde_json::Value::Null);
    }
}
