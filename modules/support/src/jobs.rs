//! The support module's durable jobs.

use crate::service::analytics;
use chrono::Duration;
use crm360_kernel::jobs::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};

/// The daily purge of the page views older than 13 months (platform work: no tenant, no
/// payload; its queued row holds `null`, as it always has).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Serialize, Deserialize)]
pub struct PurgePageViewsJob;

impl PurgePageViewsJob {
    /// How often it runs.
    pub const EVERY: Duration = Duration::days(1);
}

impl Job for PurgePageViewsJob {
    const KIND: &'static str = "support.purge_page_views";
    type Deps = ();

    async fn run(self, ctx: JobContext, _deps: ()) -> Result<(), JobFailure> {
        let purged = analytics::purge_old_page_views(ctx.platform()).await?;
        tracing::info!(page_views = purged, "purged page views older than 13 months");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queued_row_of_the_former_purge_still_runs() {
        // The recurring row was scheduled with a `null` payload under this kind.
        assert_eq!(PurgePageViewsJob::KIND, "support.purge_page_views");
        let job: PurgePageViewsJob = serde_json::from_value(serde_json::Value::Null).unwrap();
        assert_eq!(serde_json::to_value(job).unwrap(), serde_json::Value::Null);
    }
}
