use sea_orm::entity::prelude::*;

/// One version of the quiet-hours rule of marketing SMS (`crm360_delivery::quiet_hours::QuietRule`
/// as JSON), in force from `effective_from`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quiet_hours_rule")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i64,
    pub rule: Json,
    pub effective_from: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crm360_kernel::shared_table!(Entity);
