//! Retention: connection IP addresses are erased after one year by the recurring purge job.

use chrono::Duration;
use crm360_identity::model::connection_log;
use crm360_suite::{PASSWORD, find_all, spawn_app};

#[tokio::test]
async fn connection_ips_are_purged_after_one_year_by_the_scheduled_job() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    app.login(&tenant.admin_email).await;
    assert!(app.try_login(&tenant.admin_email, "wrong-password-here").await.is_err());

    // The job is scheduled, but not due yet: nothing happens.
    app.clock.advance(Duration::days(2));
    assert!(app.jobs.run_due().await.unwrap() >= 1);
    let entries = find_all::<connection_log::Entity>(&app.db).await;
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.ip.as_deref() == Some("127.0.0.1")), "IPs younger than a year are kept");

    // Six months later a new login happens; a year after the first ones, only they lose their IP.
    app.clock.advance(Duration::days(180));
    app.try_login(&tenant.admin_email, PASSWORD).await.unwrap();
    app.clock.advance(Duration::days(184));
    assert!(app.jobs.run_due().await.unwrap() >= 1);
    let entries = find_all::<connection_log::Entity>(&app.db).await;
    let (old, recent): (Vec<_>, Vec<_>) = entries.iter().partition(|e| app.clock.now() - e.at > Duration::days(365));
    assert_eq!(old.len(), 2);
    assert!(old.iter().all(|e| e.ip.is_none()), "IPs older than a year are erased");
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].ip.as_deref(), Some("127.0.0.1"));
    // The rest of the log stays: who, when, outcome.
    assert!(old.iter().all(|e| e.email == tenant.admin_email));

    // The job is recurring: it is queued again for tomorrow (with the daily purge of old page
    // views, of finished jobs and of import files; the hourly billing cycle, ticket closing and the audit seal run too).
    assert_eq!(app.jobs.run_due().await.unwrap(), 0);
    app.clock.advance(Duration::days(1));
    assert_eq!(app.jobs.run_due().await.unwrap(), 7);
}
