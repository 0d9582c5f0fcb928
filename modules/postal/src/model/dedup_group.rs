use sea_orm::entity::prelude::*;

/// The review decision on a duplicate group.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum DuplicateGroupStatus {
    /// Awaiting review.
    #[sea_orm(string_value = "PENDING")]
    Pending,
    /// Merged into one contact.
    #[sea_orm(string_value = "MERGED")]
    Merged,
    /// Reviewed: not duplicates.
    #[sea_orm(string_value = "DISMISSED")]
    Dismissed,
}

/// Contacts that a deduplication run found to be one person at one address.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dedup_group")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    /// In [0, 1].
    pub confidence: f64,
    pub status: DuplicateGroupStatus,
    pub survivor_id: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
