use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A channel a contact can be reached on.
#[derive(
    Copy, Clone, Debug, Eq, PartialEq, Hash, EnumIter, DeriveActiveEnum, async_graphql::Enum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsentChannel {
    #[sea_orm(string_value = "EMAIL")]
    Email,
    #[sea_orm(string_value = "SMS")]
    Sms,
    #[sea_orm(string_value = "POST")]
    Post,
}

/// What the contact said.
#[derive(
    Copy, Clone, Debug, Eq, PartialEq, Hash, EnumIter, DeriveActiveEnum, async_graphql::Enum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsentStatus {
    /// The contact agreed (opt-in).
    #[sea_orm(string_value = "GRANTED")]
    Granted,
    /// The contact refused or withdrew (opt-out).
    #[sea_orm(string_value = "DENIED")]
    Denied,
}

/// A contact's consent on one channel, with its proof.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_consent")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub channel: ConsentChannel,
    pub status: ConsentStatus,
    pub collected_at: DateTimeUtc,
    pub source: Option<String>,
    pub wording: Option<String>,
    pub ip: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
