//! The contacts module's durable jobs: an import's run, and a feed's scheduled run. Each runs
//! with the system scope of its own tenant (the job row's), never one named in its payload.

use crate::service::uploads::FileSettings;
use crate::service::{feeds, imports};
use crm360_kernel::jobs::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Runs one import (queued by `service::imports::start`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportJob {
    pub import_id: Uuid,
}

impl Job for ImportJob {
    const KIND: &'static str = "contacts.import";
    type Deps = FileSettings;

    async fn run(self, ctx: JobContext, files: FileSettings) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        imports::run_import(&scope, &files, self.import_id).await?;
        Ok(())
    }
}

/// Runs one feed when it is due; each run queues the next one at the feed's next time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedRun {
    pub feed_id: Uuid,
}

impl Job for FeedRun {
    const KIND: &'static str = "contacts.feed";
    type Deps = FileSettings;

    async fn run(self, ctx: JobContext, files: FileSettings) -> Result<(), JobFailure> {
        let scope = ctx.scope()?;
        feeds::run_job(&scope, &files, self.feed_id).await?;
        Ok(())
    }
}

/// Purges the import files and error reports older than the retention delay, every day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeExpiredFiles;

impl PurgeExpiredFiles {
    pub const EVERY: chrono::Duration = chrono::Duration::days(1);
}

impl Job for PurgeExpiredFiles {
    const KIND: &'static str = "contacts.purge_files";
    type Deps = FileSettings;

    async fn run(self, ctx: JobContext, files: FileSettings) -> Result<(), JobFailure> {
        let before = ctx.clock().now() - chrono::Duration::days(files.retention_days);
        let purged = crate::service::retention::purge_expired(ctx.platform(), &files, before).await?;
        tracing::info!(
            files = purged.files,
            bytes = purged.bytes,
            reports = purged.error_reports,
            "purged import files"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_queued_before_the_job_types_still_read() {
        // Rows queued by the former handlers also named the tenant: it is ignored now.
        let import: ImportJob = serde_json::from_value(serde_json::json!({
            "tenantId": Uuid::nil(), "importId": Uuid::from_u128(1) }))
        .unwrap();
        assert_eq!(import, ImportJob { import_id: Uuid::from_u128(1) });
        let feed: FeedRun =
            serde_json::from_value(serde_json::json!({ "tenantId": Uuid::nil(), "feedId": Uuid::from_u128(2) }))
                .unwrap();
        assert_eq!(feed, FeedRun { feed_id: Uuid::from_u128(2) });
        assert_eq!(serde_json::to_value(&feed).unwrap(), serde_json::json!({ "feedId": Uuid::from_u128(2) }));
    }
}
