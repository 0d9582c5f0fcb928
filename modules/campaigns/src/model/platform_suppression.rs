use super::{Channel, SuppressionReason};
use sea_orm::entity::prelude::*;

/// An address or number no tenant of the platform sends to (operator staff's list).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_suppression")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub channel: Channel,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_hash: String,
    pub masked: String,
    pub reason: SuppressionReason,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crm360_kernel::shared_table!(Entity);
