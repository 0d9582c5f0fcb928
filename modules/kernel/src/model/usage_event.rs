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
    /// The contacts in the tenant's database, sampled once a day (a level, not a count of
    /// events: the month's figure comes from the day's samples, see the billing rules).
    #[sea_orm(string_value = "CONTACTS_SAMPLED")]
    ContactsSampled,
    /// The tenant's active users, sampled once a day.
    #[sea_orm(string_value = "ACTIVE_USERS_SAMPLED")]
    ActiveUsersSampled,
}

impl UsageKind {
    /// Whether the kind is a daily sample of a level (contacts, users) rather than units
    /// consumed (emails, SMS, addresses), which add up.
    pub fn is_sample(self) -> bool {
        matches!(self, UsageKind::ContactsSampled | UsageKind::ActiveUsersSampled)
    }
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
    /// Unique per tenant: recording the same unit of work twice (a retried job) is a no-op.
    pub idempotency_key: Option<String>,
    /// The calendar day (platform time zone) the units are billed on.
    pub day: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_owned!(Entity, Column::TenantId);
