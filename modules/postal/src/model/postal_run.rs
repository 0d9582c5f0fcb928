use sea_orm::entity::prelude::*;

/// What a postal run does.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum PostalRunKind {
    /// Restructuring, normalisation and postal validation of every address.
    #[sea_orm(string_value = "RNVP")]
    Rnvp,
    /// Finding the same person at the same address.
    #[sea_orm(string_value = "DEDUP")]
    Dedup,
}

/// Where a run stands.
// No doc comment on the variants: they would become GraphQL descriptions.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum PostalRunStatus {
    #[sea_orm(string_value = "QUEUED")]
    Queued,
    #[sea_orm(string_value = "RUNNING")]
    Running,
    #[sea_orm(string_value = "DONE")]
    Done,
    #[sea_orm(string_value = "FAILED")]
    Failed,
}

/// An RNVP or deduplication run over a tenant's contacts (all, or a saved segment).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "postal_run")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: PostalRunKind,
    pub segment_id: Option<Uuid>,
    pub status: PostalRunStatus,
    pub total: i64,
    pub processed: i64,
    pub valid: i64,
    pub corrected: i64,
    pub invalid: i64,
    pub groups: i64,
    /// Where a resumed run picks up (contacts are read in id order).
    pub last_contact_id: Option<Uuid>,
    pub error: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
