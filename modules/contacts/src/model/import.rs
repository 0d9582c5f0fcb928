use sea_orm::entity::prelude::*;

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
    pub upsert_key: String,
    pub dry_run: bool,
    /// `QUEUED`, `RUNNING`, `DONE` or `FAILED`.
    pub status: String,
    /// Why the whole file was refused (`BINARY_FILE`, ...), when it was.
    pub failure: Option<String>,
    pub encoding: Option<String>,
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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
