//! The background jobs of every module, registered on one runner.

use chrono::Duration;
use crm360_contacts::service::feeds::{self, FEED_JOB};
use crm360_contacts::service::imports::{self, IMPORT_JOB};
use crm360_contacts::service::uploads::FileSettings;
use crm360_identity::SessionPolicy;
use crm360_identity::service::connection_log::{PURGE_EVERY, PURGE_JOB, purge_old_ips};
use crm360_kernel::context::Platform;
use crm360_kernel::jobs::{JobRunner, ensure_recurring};
use crm360_postal_service::runs::{DEDUP_JOB, RNVP_JOB, run_dedup, run_rnvp};
use crm360_support::service::analytics;

/// The runner with every handler, and the recurring jobs scheduled.
pub async fn runner(platform: &Platform, session: &SessionPolicy, files: &FileSettings) -> anyhow::Result<JobRunner> {
    let mut runner = JobRunner::new(platform.db.clone(), platform.clock.clone());
    let import_files = files.clone();
    runner.register(IMPORT_JOB, move |run| {
        let files = import_files.clone();
        async move { imports::run(run.db, run.clock, files, &run.payload).await }
    });
    let feed_files = files.clone();
    runner.register(FEED_JOB, move |run| {
        let files = feed_files.clone();
        async move { feeds::run_job(run.db, run.clock, &files, &run.payload).await }
    });
    runner.register(RNVP_JOB, run_rnvp);
    runner.register(DEDUP_JOB, run_dedup);
    let policy = session.clone();
    runner.register(PURGE_JOB, move |run| {
        let policy = policy.clone();
        async move {
            let purged = purge_old_ips(&run.db, &policy, run.clock.now()).await.map_err(|err| err.to_string())?;
            tracing::info!(connection_ips = purged.connection_ips, sessions = purged.sessions, "purged old IPs");
            Ok(())
        }
    });
    runner.register(analytics::PURGE_JOB, |run| async move {
        let purged = analytics::purge_old_page_views(&run.db, run.clock.now()).await.map_err(|err| format!("{err}"))?;
        tracing::info!(page_views = purged, "purged page views older than 13 months");
        Ok(())
    });
    let first_run = platform.clock.now() + Duration::minutes(1);
    ensure_recurring(&platform.db, PURGE_JOB, PURGE_EVERY, first_run)
        .await
        .map_err(|err| anyhow::anyhow!("cannot schedule {PURGE_JOB}: {}", err.message))?;
    ensure_recurring(&platform.db, analytics::PURGE_JOB, analytics::PURGE_EVERY, first_run)
        .await
        .map_err(|err| anyhow::anyhow!("cannot schedule {}: {}", analytics::PURGE_JOB, err.message))?;
    Ok(runner)
}
