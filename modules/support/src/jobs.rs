//! The support module's durable jobs.

use crate::SupportDeps;
use crate::service::{analytics, mailbox, tickets};
use chrono::Duration;
use crm360_kernel::jobs::{Job, JobContext, JobFailure};
use crm360_kernel::scope::OperatorScope;
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

/// The support mailbox read, every minute when one is configured.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Serialize, Deserialize)]
pub struct ReadSupportMailbox;

impl ReadSupportMailbox {
    pub const EVERY: Duration = Duration::minutes(1);
}

impl Job for ReadSupportMailbox {
    const KIND: &'static str = "support.read_mailbox";
    type Deps = SupportDeps;

    async fn run(self, ctx: JobContext, deps: SupportDeps) -> Result<(), JobFailure> {
        let Some(maildir) = &deps.mailbox else { return Ok(()) };
        let scope = OperatorScope::system(ctx.platform());
        let report = mailbox::read(&scope, &deps.data_dir, maildir).await?;
        if report != mailbox::MailboxReport::default() {
            tracing::info!(?report, "support mailbox read");
        }
        Ok(())
    }
}

/// The tickets the rules close by themselves (resolved and left unanswered, or silent after
/// a request for information), hourly: the delays are days.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Serialize, Deserialize)]
pub struct CloseDueTickets;

impl CloseDueTickets {
    pub const EVERY: Duration = Duration::hours(1);
}

impl Job for CloseDueTickets {
    const KIND: &'static str = "support.close_due_tickets";
    type Deps = SupportDeps;

    async fn run(self, ctx: JobContext, deps: SupportDeps) -> Result<(), JobFailure> {
        let scope = OperatorScope::system(ctx.platform());
        let mut closed = 0;
        for (tenant_id, ..) in crm360_identity::service::tenants::all_tenant_statuses(&scope).await? {
            closed +=
                tickets::close_due(&scope, tenant_id, deps.close_after_resolution, deps.close_after_silence).await?;
        }
        if closed > 0 {
            tracing::info!(closed, "support tickets closed by the rules");
        }
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
