//! Automatic feeds ("intégration automatique des flux"): a tenant defines a feed (a saved
//! mapping, its key, a schedule); files dropped in the feed's inbox folder are imported when
//! the feed is due, then moved to `done/` (or `failed/` when the file was refused whole)
//! beside their per-row error report.
//!
//! Folders, under the data directory: `feeds/<tenant id>/<feed id>/{inbox,done,failed}/`.
//! Files whose name starts with `.` are being written and are left for the next run.

use crate::error::{ContactsError, ContactsResult};
use crate::model::feed;
use crate::service::imports::{self, STATUS_FAILED, StartImport};
use crate::service::uploads::{self, FileSettings};
use crate::values;
use chrono::{DateTime, Duration, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::context::Platform;
use crm360_kernel::ids::new_id;
use crm360_kernel::jobs::enqueue;
use crm360_kernel::{Clock, TenantScope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The job that runs one feed; each run queues the next one at the feed's next time.
pub const FEED_JOB: &str = "contacts.feed";

pub fn folder(files: &FileSettings, tenant_id: Uuid, feed_id: Uuid, name: &str) -> PathBuf {
    files.data_dir.join("feeds").join(tenant_id.to_string()).join(feed_id.to_string()).join(name)
}

/// The inbox, relative to the data directory (what the tenant's administrator is told).
pub fn inbox_path(tenant_id: Uuid, feed_id: Uuid) -> String {
    format!("feeds/{tenant_id}/{feed_id}/inbox")
}

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
    imports::get_mapping(scope, mapping_id).await?;
    let now = scope.now();
    let id = new_id();
    for sub in ["inbox", "done", "failed"] {
        tokio::fs::create_dir_all(folder(files, scope.tenant_id(), id, sub)).await?;
    }
    let txn = scope.db().begin().await?;
    let saved = feed::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        id: Set(id),
        name: Set(name),
        mapping_id: Set(mapping_id),
        every_minutes: Set(every_minutes),
        next_run_at: Set(now + Duration::minutes(every_minutes as i64)),
        last_run_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    schedule(&txn, &saved).await?;
    let change = AuditChange::new("feed.create", "feed", id)
        .after(serde_json::json!({ "name": saved.name, "mappingId": mapping_id, "everyMinutes": every_minutes }));
    scope.audit(&txn, change).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn list(scope: &TenantScope) -> ContactsResult<Vec<feed::Model>> {
    Ok(scope.find::<feed::Entity>().order_by_asc(feed::Column::Name).all(scope.db()).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<feed::Model> {
    scope
        .find::<feed::Entity>()
        .filter(feed::Column::Id.eq(id))
        .one(scope.db())
        .await?
        .ok_or(ContactsError::NotFound("feed"))
}

/// Deletes a feed; its folders and the files in them are kept.
pub async fn delete(scope: &TenantScope, id: Uuid) -> ContactsResult<feed::Model> {
    let before = get(scope, id).await?;
    let txn = scope.db().begin().await?;
    scope.delete_many::<feed::Entity>().filter(feed::Column::Id.eq(id)).exec(&txn).await?;
    let change = AuditChange::new("feed.delete", "feed", id).before(serde_json::json!({ "name": before.name }));
    scope.audit(&txn, change).await?;
    txn.commit().await?;
    Ok(before)
}

async fn schedule(conn: &impl ConnectionTrait, feed: &feed::Model) -> ContactsResult<()> {
    let payload = serde_json::json!({ "tenantId": feed.tenant_id, "feedId": feed.id });
    enqueue(conn, Some(feed.tenant_id), FEED_JOB, payload, feed.next_run_at).await?;
    Ok(())
}

/// Runs one feed (its job), then queues its next run; a deleted feed stops there.
pub async fn run_job(
    db: DatabaseConnection,
    clock: Clock,
    files: &FileSettings,
    payload: &serde_json::Value,
) -> Result<(), String> {
    let tenant_id = payload["tenantId"].as_str().and_then(|s| Uuid::parse_str(s).ok()).ok_or("no tenantId")?;
    let feed_id = payload["feedId"].as_str().and_then(|s| Uuid::parse_str(s).ok()).ok_or("no feedId")?;
    let now = clock.now();
    let scope = TenantScope::system(&Platform { db, clock }, tenant_id);
    let feed = match get(&scope, feed_id).await {
        Ok(feed) => feed,
        Err(ContactsError::NotFound(_)) => return Ok(()),
        Err(err) => return Err(err.to_string()),
    };
    run_feed(&scope, files, &feed, now).await.map_err(|err| err.to_string())?;
    let next = get(&scope, feed_id).await.map_err(|err| err.to_string())?;
    schedule(scope.db(), &next).await.map_err(|err| err.to_string())
}

/// Imports the files waiting in one feed's inbox, oldest name first.
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
    update.update(scope.db()).await?;
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
    let outcome = if import.status == STATUS_FAILED { "failed" } else { "done" };
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
