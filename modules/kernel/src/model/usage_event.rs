use sea_orm::entity::prelude::*;

/// What the contract bills per unit (Annex 1).
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum UsageKind {
    /// An email handed to the routing platform.
    #[sea_orm(string_value = "EMAIL_SENT")]
    EmailSent,
    /// An SMS handed to the gateway.
    #[sea_orm(string_value = "SMS_SENT")]
    SmsSent,
    /// A postal address restructured and normalised (RNVP).
    #[sea_orm(string_value = "RNVP_ADDRESS")]
    RnvpAddress,
    /// An address read by a deduplication run.
    #[sea_orm(string_value = "DEDUP_ADDRESS_READ")]
    DedupAddressRead,
}

/// Billable units consumed by a tenant.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "usage_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: UsageKind,
    pub quantity: i64,
    pub at: DateTimeUtc,
    pub reference: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_owned!(Entity, Column::TenantId);
