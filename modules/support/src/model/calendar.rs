use sea_orm::entity::prelude::*;

/// One version of the support desk's business-hours calendar (platform data).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_calendar")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i64,
    /// A `crm360_sla::Calendar` as JSON.
    pub calendar: Json,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crm360_kernel::shared_table!(Entity);
