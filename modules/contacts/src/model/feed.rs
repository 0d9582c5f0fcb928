use sea_orm::entity::prelude::*;

/// An automatic feed: files dropped in the tenant's inbox folder are imported on schedule with
/// a saved mapping, then moved to `done/` or `failed/` with their report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_feed")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub mapping_id: Uuid,
    pub every_minutes: i32,
    pub next_run_at: DateTimeUtc,
    pub last_run_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
