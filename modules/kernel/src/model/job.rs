use sea_orm::entity::prelude::*;

/// Where a durable job stands.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum JobStatus {
    /// Waiting for its time, or for a worker.
    #[sea_orm(string_value = "QUEUED")]
    Queued,
    /// Claimed by a worker, under a lease.
    #[sea_orm(string_value = "RUNNING")]
    Running,
    /// Finished.
    #[sea_orm(string_value = "DONE")]
    Done,
    /// Failed on its last attempt, or cannot run: waits for operator staff.
    #[sea_orm(string_value = "DEAD")]
    Dead,
}

/// A durable job (see `crate::jobs`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub kind: String,
    pub payload: Json,
    pub status: JobStatus,
    pub run_at: DateTimeUtc,
    pub attempts: i32,
    pub max_attempts: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub progress_done: i64,
    pub progress_total: i64,
    #[sea_orm(unique)]
    pub schedule_key: Option<String>,
    pub every_seconds: Option<i64>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_owned!(Entity, Column::TenantId);
