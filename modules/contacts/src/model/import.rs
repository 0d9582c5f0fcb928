use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Where an import is.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum, Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ImportStatus {
    #[sea_orm(string_value = "QUEUED")]
    Queued,
    #[sea_orm(string_value = "RUNNING")]
    Running,
    /// Finished; some rows may have been refused (see `rowsFailed` and `errors`).
    #[sea_orm(string_value = "DONE")]
    Done,
    /// The file was refused whole (see `failure`).
    #[sea_orm(string_value = "FAILED")]
    Failed,
}

impl ImportStatus {
    /// Whether the import has ended (its job has nothing left to do).
    pub fn is_finished(self) -> bool {
        matches!(self, ImportStatus::Done | ImportStatus::Failed)
    }
}

/// The key rows are matched on: an existing contact with the same key is updated.
#[derive(
    Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UpsertKey {
    /// The tenant's external id (`EXTERNAL_ID` field).
    #[sea_orm(string_value = "EXTERNAL_ID")]
    ExternalId,
    /// The personal email address.
    #[sea_orm(string_value = "EMAIL")]
    Email,
}

/// A file's character encoding.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum FileEncoding {
    #[sea_orm(string_value = "UTF-8")]
    Utf8,
    /// What Excel and most French business tools write ("ANSI").
    #[sea_orm(string_value = "WINDOWS-1252")]
    Windows1252,
}

/// One run of an import over an uploaded file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_import")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub upload_id: Uuid,
    pub filename: String,
    pub columns: Json,
    pub upsert_key: UpsertKey,
    pub dry_run: bool,
    pub status: ImportStatus,
    /// Why the whole file was refused (`BINARY_FILE`, ...), when it was.
    pub failure: Option<String>,
    /// The encoding the file was read in.
    pub encoding: Option<FileEncoding>,
    pub delimiter: Option<String>,
    pub bytes_total: i64,
    pub bytes_done: i64,
    pub rows_done: i64,
    pub rows_created: i64,
    pub rows_updated: i64,
    pub rows_unchanged: i64,
    pub rows_failed: i64,
    pub job_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    /// When the retention purge deleted the error report's rows.
    pub errors_purged_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
