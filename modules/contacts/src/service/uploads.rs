//! Uploaded files: streamed to the data directory under a size cap and the tenant's storage
//! quota, hashed, recorded.

use crate::error::{ContactsError, ContactsResult};
use crate::model::{import_row_error, upload};
use crate::values;
use crm360_kernel::TenantScope;
use crm360_kernel::TenantTxn;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use futures::{Stream, StreamExt};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect, Set};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

/// Where uploads and feeds live, how large a file may be, and how much each tenant may keep.
#[derive(Clone, Debug)]
pub struct FileSettings {
    pub data_dir: PathBuf,
    pub max_upload_bytes: u64,
    /// Each tenant's quota of stored uploads and import error reports, in bytes
    /// ([`stored_bytes`]): an upload that would pass it is refused with `QUOTA_EXCEEDED`.
    pub quota_bytes: u64,
    /// Days an uploaded file and an import's error report are kept (`service::retention`).
    pub retention_days: i64,
}

/// What one import error row counts for beside its texts (its line, keys and the report's
/// separators): the error report is kept as these rows and written out on demand.
const ERROR_ROW_OVERHEAD_BYTES: i64 = 32;

/// The bytes a tenant keeps against its quota: its uploaded files, and its import error
/// reports (the characters of their stored rows, plus a fixed overhead a row).
pub async fn stored_bytes(txn: &TenantTxn) -> ContactsResult<u64> {
    // `CAST(COALESCE(SUM(x), 0) AS BIGINT)`: PostgreSQL sums a BIGINT into a NUMERIC.
    let total = |x: Expr| -> Expr {
        Func::cast_as(Func::coalesce([Func::sum(x).into(), Expr::val(0)]), Alias::new("BIGINT")).into()
    };
    let uploads: Option<i64> = txn
        .find::<upload::Entity>()
        .select_only()
        .column_as(total(Expr::col(upload::Column::SizeBytes)), "n")
        .into_tuple()
        .one(txn)
        .await?;
    let text = |column: import_row_error::Column| -> Expr {
        Func::coalesce([Func::char_length(Expr::col(column)).into(), Expr::val(0)]).into()
    };
    let row = text(import_row_error::Column::Column)
        .add(text(import_row_error::Column::Reason))
        .add(text(import_row_error::Column::Message))
        .add(ERROR_ROW_OVERHEAD_BYTES);
    let reports: Option<i64> =
        txn.find::<import_row_error::Entity>().select_only().column_as(total(row), "n").into_tuple().one(txn).await?;
    Ok(u64::try_from(uploads.unwrap_or(0)).unwrap_or(0) + u64::try_from(reports.unwrap_or(0)).unwrap_or(0))
}

/// The tenant's usage, for display and for the checks below.
pub async fn usage(scope: &TenantScope) -> ContactsResult<u64> {
    let txn = scope.begin().await?;
    let used = stored_bytes(&txn).await?;
    txn.commit().await?;
    Ok(used)
}

fn clean_filename(raw: &str) -> ContactsResult<String> {
    let name = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name = values::text(name, 200).map_err(|r| ContactsError::invalid("filename", r.reason, r.message))?;
    if name.is_empty() {
        return Err(ContactsError::invalid("filename", "REQUIRED", "the upload needs a file name"));
    }
    Ok(name)
}

/// Streams a body to disk; refuses it past `max_upload_bytes`, or past what the tenant's
/// quota leaves (`QUOTA_EXCEEDED`, checked before the first byte, while streaming, and again
/// in the transaction that records the file). A refused or failed upload leaves nothing
/// behind: no file, no row.
pub async fn store<S, B, E>(
    scope: &TenantScope,
    settings: &FileSettings,
    filename: &str,
    mut body: S,
) -> ContactsResult<upload::Model>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
    E: std::fmt::Display,
{
    let filename = clean_filename(filename)?;
    let used = usage(scope).await?;
    let quota = settings.quota_bytes;
    if used >= quota {
        return Err(ContactsError::QuotaExceeded { quota_bytes: quota, used_bytes: used });
    }
    let allowance = quota - used;
    let id = new_id();
    let relative = format!("uploads/{}/{}.csv", scope.tenant_id(), id);
    let path = settings.data_dir.join(&relative);
    let partial = path.with_extension("part");
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    let mut file = tokio::fs::File::create(&partial).await?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let outcome: ContactsResult<()> = async {
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|err| ContactsError::invalid("body", "UPLOAD_INTERRUPTED", err.to_string()))?;
            let bytes = chunk.as_ref();
            size += bytes.len() as u64;
            if size > settings.max_upload_bytes {
                return Err(ContactsError::invalid(
                    "body",
                    "FILE_TOO_LARGE",
                    format!("the file exceeds {} bytes", settings.max_upload_bytes),
                ));
            }
            if size > allowance {
                return Err(ContactsError::QuotaExceeded { quota_bytes: quota, used_bytes: used });
            }
            hasher.update(bytes);
            file.write_all(bytes).await?;
        }
        file.flush().await?;
        Ok(())
    }
    .await;
    drop(file);
    if let Err(err) = outcome {
        let _ = tokio::fs::remove_file(&partial).await;
        return Err(err);
    }
    tokio::fs::rename(&partial, &path).await?;
    let sha256: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    match record(scope, quota, id, filename, relative, size, sha256).await {
        Ok(saved) => Ok(saved),
        Err(err) => {
            // Not recorded (the quota was taken meanwhile, or the database failed): the file goes.
            let _ = tokio::fs::remove_file(&path).await;
            Err(err)
        }
    }
}

/// Records a stored file, if the tenant's quota still has room for it (another upload may
/// have been recorded while this one streamed).
async fn record(
    scope: &TenantScope,
    quota: u64,
    id: Uuid,
    filename: String,
    relative: String,
    size: u64,
    sha256: String,
) -> ContactsResult<upload::Model> {
    let txn = scope.begin().await?;
    // Two uploads finishing at once must not both fit in the same room.
    txn.serialize("upload-quota").await?;
    let used = stored_bytes(&txn).await?;
    if used.saturating_add(size) > quota {
        return Err(ContactsError::QuotaExceeded { quota_bytes: quota, used_bytes: used });
    }
    // The id is the stored file's name: set here, not stamped.
    let upload = upload::ActiveModel {
        id: Set(id),
        filename: Set(filename),
        path: Set(relative),
        size_bytes: Set(size as i64),
        sha256: Set(sha256),
        ..Default::default()
    };
    let saved = txn.insert(upload).await?;
    let change = AuditChange::new("upload.create", "upload", id).after(
        serde_json::json!({ "filename": saved.filename, "sizeBytes": saved.size_bytes, "sha256": saved.sha256 }),
    );
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<upload::Model> {
    let txn = scope.begin().await?;
    let found = get_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<upload::Model> {
    let found = txn
        .find::<upload::Entity>()
        .filter(upload::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(ContactsError::NotFound("upload"))?;
    if found.purged_at.is_some() {
        return Err(ContactsError::invalid(
            "uploadId",
            "FILE_PURGED",
            "ce fichier a été supprimé à la fin de sa durée de conservation : déposez-le à nouveau",
        ));
    }
    Ok(found)
}

pub fn path_of(settings: &FileSettings, upload: &upload::Model) -> PathBuf {
    settings.data_dir.join(&upload.path)
}

pub fn exists(path: &Path) -> bool {
    path.is_file()
}

/// Records a file already on disk (a feed's inbox) as an upload: copied under the uploads
/// folder and hashed, the original left for the caller to move. No size cap, but the
/// tenant's quota holds: past it the file waits in the inbox.
pub async fn register_file(
    scope: &TenantScope,
    settings: &FileSettings,
    source: &Path,
    filename: &str,
) -> ContactsResult<upload::Model> {
    let file = tokio::fs::File::open(source).await?;
    let stream = futures::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buffer = vec![0u8; 256 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok::<_, std::io::Error>(buffer), file))
            }
            Err(err) => Some((Err(err), file)),
        }
    });
    let unlimited = FileSettings { max_upload_bytes: u64::MAX, ..settings.clone() };
    store(scope, &unlimited, filename, Box::pin(stream)).await
}
