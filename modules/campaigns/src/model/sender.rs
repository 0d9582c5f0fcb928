use super::Channel;
use sea_orm::entity::prelude::*;

/// A sender a tenant may use, configured by operator staff: an email address (with its
/// display name and reply-to) or an SMS sender id.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_sender")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub channel: Channel,
    pub address: String,
    pub display_name: Option<String>,
    pub reply_to: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
