use sea_orm::entity::prelude::*;

/// An RNVP or deduplication run over a tenant's contacts (all, or a saved segment).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "postal_run")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `RNVP` or `DEDUP`.
    pub kind: String,
    pub segment_id: Option<Uuid>,
    /// `QUEUED`, `RUNNING`, `DONE` or `FAILED`.
    pub status: String,
    pub total: i64,
    pub processed: i64,
    pub valid: i64,
    pub corrected: i64,
    pub invalid: i64,
    pub groups: i64,
    /// Where a resumed run picks up (contacts are read in id order).
    pub last_contact_id: Option<Uuid>,
    pub error: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
