use super::{Channel, SuppressionReason};
use sea_orm::entity::prelude::*;

/// An address or number the tenant never sends to again, stored hashed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "suppression")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub channel: Channel,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_hash: String,
    /// What the screen shows instead of the address ("j•••@exemple.fr", "+33 6 •• •• •• 78").
    pub masked: String,
    pub reason: SuppressionReason,
    pub campaign_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
