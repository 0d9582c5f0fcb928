//! Automatic feeds ("intégration automatique des flux"): a tenant defines a feed (a saved
//! mapping, its key, a schedule); files dropped in the feed's inbox folder are imported when
//! the feed is due, then moved to `done/` (or `failed/` when the file was refused whole)
//! beside their per-row error report.
//!
//! Folders, under the data directory: `feeds/<tenant id>/<feed id>/{inbox,done,failed}/`.
//! Files whose name starts with `.` are being written and are left for the next run.

use crate::error::{ContactsError, ContactsResult};
use crate::jobs::FeedRun;
use crate::model::feed;
use crate::model::import::ImportStatus;
use crate::service::imports::{self, StartImport};
use crate::service::uploads::{self, FileSettings};
use crate::values;
use chrono::{DateTime, Duration, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub fn folder(files: &FileSettings, tenant_id: Uuid, feed_id: Uuid, name: &str) -> PathBuf {
    files.data_dir.join("feeds").join(tenant_id.to_string()).join(feed_id.to_string()).join(name)
}

/// The inbox, relative to the data directory (what the tenant's administrator is told).
pub fn inbox_path(tenant_id: Uuid, feed_id: Uuid) -> String {
    format!("feeds/{tenant_id}/{feed_id}/inbox")
}

/// Defines a feed, with its folders, and queues its first run.
pub async fn create(
    scope: &TenantScope,
    files: &FileSettings,
    name: &str,
    mapping_id: Uuid,
    every_minutes: i32,
) -> ContactsResult<feed::Model> {
    let name = values::text(name, 200).map_err(|r| ContactsError::invalid("name", r.reason, r.message))?;
    if name.is_empty() {
        return Err(ContactsError::invalid("name", "REQUIRED", "a feed needs a name"));
    }
    if !(1..=7 * 24 * 60).contains(&every_minutes) {
        return Err(ContactsError::invalid("everyMinutes", "OUT_OF_RANGE", "a feed runs every 1 minute to 7 days"));
    }
    let txn = scope.begin().await?;
    imports::get_mapping_in(&txn, mapping_id).await?;
    let id = new_id();
    for sub in ["inbox", "done", "failed"] {
        tokio::fs::create_dir_all(folder(files, scope.tenant_id(), id, sub)).await?;
    }
    let feed = feed::ActiveModel {
        id: Set(id),
        name: Set(name),
        mapping_id: Set(mapping_id),
        every_minutes: Set(every_minutes),
        next_run_at: Set(txn.now() + Duration::minutes(every_minutes as i64)),
        last_run_at: Set(None),
        ..Default::default()
    };
    let saved = txn.insert(feed).await?;
    schedule(&txn, &saved).await?;
    let change = AuditChange::new("feed.create", "feed", id)
        .after(serde_json::json!({ "name": saved.name, "mappingId": mapping_id, "everyMinutes": every_minutes }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn list(scope: &TenantScope) -> ContactsResult<Vec<feed::Model>> {
    let txn = scope.begin().await?;
    let feeds = txn.find::<feed::Entity>().order_by_asc(feed::Column::Name).all(&txn).await?;
    txn.commit().await?;
    Ok(feeds)
}

pub async fn find(scope: &TenantScope, id: Uuid) -> ContactsResult<Option<feed::Model>> {
    let txn = scope.begin().await?;
    let found = find_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

async fn find_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<Option<feed::Model>> {
    Ok(txn.find::<feed::Entity>().filter(feed::Column::Id.eq(id)).one(txn).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<feed::Model> {
    find(scope, id).await?.ok_or(ContactsError::NotFound("feed"))
}

/// Deletes a feed; its folders and the files in them are kept.
pub async fn delete(scope: &TenantScope, id: Uuid) -> ContactsResult<feed::Model> {
    let txn = scope.begin().await?;
    let before = find_in(&txn, id).await?.ok_or(ContactsError::NotFound("feed"))?;
    txn.delete_many::<feed::Entity>().filter(feed::Column::Id.eq(id)).exec(&txn).await?;
    let change = AuditChange::new("feed.delete", "feed", id).before(serde_json::json!({ "name": before.name }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(before)
}

/// Queues the feed's run at its next time.
async fn schedule(txn: &TenantTxn, feed: &feed::Model) -> ContactsResult<()> {
    txn.enqueue_at(&FeedRun { feed_id: feed.id }, feed.next_run_at).await?;
    Ok(())
}

/// Runs one feed (its job [`FeedRun`]), which queues its next run; a deleted feed stops there.
pub async fn run_job(scope: &TenantScope, files: &FileSettings, feed_id: Uuid) -> ContactsResult<()> {
    let now = scope.now();
    let Some(feed) = find(scope, feed_id).await? else {
        return Ok(());
    };
    run_feed(scope, files, &feed, now).await?;
    Ok(())
}

/// Imports the files waiting in one feed's inbox, oldest name first, then records the run
/// and queues the next one (in one transaction).
pub async fn run_feed(
    scope: &TenantScope,
    files: &FileSettings,
    feed: &feed::Model,
    now: DateTime<Utc>,
) -> ContactsResult<usize> {
    let inbox = folder(files, feed.tenant_id, feed.id, "inbox");
    let mut waiting = Vec::new();
    if let Ok(mut entries) = tokio::fs::read_dir(&inbox).await {
        while let Some(entry) = entries.next_entry().await? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().await?.is_file() && !name.starts_with('.') {
                waiting.push((name, entry.path()));
            }
        }
    }
    waiting.sort();
    for (name, path) in &waiting {
        import_one(scope, files, feed, name, path, now).await?;
    }
    let mut update: feed::ActiveModel = feed.clone().into();
    update.last_run_at = Set(Some(now));
    update.next_run_at = Set(now + Duration::minutes(feed.every_minutes as i64));
    let txn = scope.begin().await?;
    let next = txn.update(update).await?;
    schedule(&txn, &next).await?;
    txn.commit().await?;
    Ok(waiting.len())
}

async fn import_one(
    scope: &TenantScope,
    files: &FileSettings,
    feed: &feed::Model,
    name: &str,
    path: &Path,
    now: DateTime<Utc>,
) -> ContactsResult<()> {
    let upload = uploads::register_file(scope, files, path, name).await?;
    let start = StartImport {
        upload_id: upload.id,
        columns: None,
        mapping_id: Some(feed.mapping_id),
        key: None,
        dry_run: false,
    };
    let import = imports::start(scope, files, start).await?;
    imports::run_import(scope, files, import.id).await?;
    let import = imports::get(scope, import.id).await?;
    let outcome = if import.status == ImportStatus::Failed { "failed" } else { "done" };
    let stamp = now.format("%Y%m%dT%H%M%S");
    let target = folder(files, feed.tenant_id, feed.id, outcome);
    tokio::fs::create_dir_all(&target).await?;
    tokio::fs::rename(path, target.join(format!("{stamp}-{name}"))).await?;
    let mut report = imports::error_report(scope, import.id).await?;
    if let Some(failure) = &import.failure {
        report.extend(format!("0;;FILE;{}\n", failure.replace(['\n', ';'], " ")).as_bytes());
    }
    tokio::fs::write(target.join(format!("{stamp}-{name}.report.csv")), report).await?;
    Ok(())
}
