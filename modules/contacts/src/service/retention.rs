//! The retention of import files: an uploaded file and an import's error report are kept
//! `files_retention_days` (default 90), then purged by a daily job, across every tenant. The
//! upload's row and the import's figures stay (the history reads them); a purged file cannot
//! be imported again and a purged report cannot be downloaded (`FILE_PURGED`).

use crate::error::ContactsResult;
use crate::model::import::{self, ImportStatus};
use crate::model::{import_row_error, upload};
use crate::service::uploads::FileSettings;
use chrono::{DateTime, Utc};
use crm360_kernel::{Platform, Why};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};

/// Rows handled per statement.
const BATCH: u64 = 500;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub files: u64,
    pub bytes: u64,
    pub error_reports: u64,
}

/// Purges the files uploaded and the error reports of imports finished before `before`.
/// A file that an unfinished import still reads is kept until it ends.
pub async fn purge_expired(platform: &Platform, files: &FileSettings, before: DateTime<Utc>) -> ContactsResult<Purged> {
    let db = platform.unscoped(Why::RetentionPurge);
    let mut purged = Purged::default();
    loop {
        let busy = db
            .find::<import::Entity>()
            .select_only()
            .column(import::Column::UploadId)
            .filter(import::Column::Status.is_in([ImportStatus::Queued, ImportStatus::Running]));
        let expired = db
            .find::<upload::Entity>()
            .filter(upload::Column::PurgedAt.is_null())
            .filter(upload::Column::CreatedAt.lt(before))
            .filter(upload::Column::Id.not_in_subquery(sea_orm::QueryTrait::into_query(busy)))
            .limit(BATCH)
            .all(&db)
            .await?;
        if expired.is_empty() {
            break;
        }
        for file in &expired {
            // The row says the file is gone only once it is.
            match tokio::fs::remove_file(files.data_dir.join(&file.path)).await {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => return Err(crate::error::ContactsError::Internal(format!("purging an upload: {err}"))),
            }
            db.update_many::<upload::Entity>()
                .col_expr(upload::Column::PurgedAt, Expr::value(db.now()))
                .col_expr(upload::Column::SizeBytes, Expr::value(0i64))
                .filter(upload::Column::TenantId.eq(file.tenant_id))
                .filter(upload::Column::Id.eq(file.id))
                .exec(&db)
                .await?;
            purged.files += 1;
            purged.bytes += u64::try_from(file.size_bytes).unwrap_or(0);
        }
    }
    loop {
        let finished: Vec<(uuid::Uuid, uuid::Uuid)> = db
            .find::<import::Entity>()
            .select_only()
            .column(import::Column::TenantId)
            .column(import::Column::Id)
            .filter(import::Column::ErrorsPurgedAt.is_null())
            .filter(import::Column::FinishedAt.lt(before))
            .limit(BATCH)
            .into_tuple()
            .all(&db)
            .await?;
        if finished.is_empty() {
            break;
        }
        for (tenant_id, import_id) in finished {
            let txn = db.begin().await?;
            txn.delete_many::<import_row_error::Entity>()
                .filter(import_row_error::Column::TenantId.eq(tenant_id))
                .filter(import_row_error::Column::ImportId.eq(import_id))
                .exec(&txn)
                .await?;
            txn.update_many::<import::Entity>()
                .col_expr(import::Column::ErrorsPurgedAt, Expr::value(txn.now()))
                .filter(import::Column::TenantId.eq(tenant_id))
                .filter(import::Column::Id.eq(import_id))
                .exec(&txn)
                .await?;
            txn.commit().await?;
            purged.error_reports += 1;
        }
    }
    Ok(purged)
}
