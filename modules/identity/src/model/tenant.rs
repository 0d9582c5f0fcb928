use sea_orm::entity::prelude::*;

/// The contract status of a tenant.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TenantStatus {
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    /// Access refused (unpaid invoices, breach), data kept.
    #[sea_orm(string_value = "SUSPENDED")]
    Suspended,
    /// Termination notified, effective later; access continues until then.
    #[sea_orm(string_value = "TERMINATING")]
    Terminating,
    #[sea_orm(string_value = "TERMINATED")]
    Terminated,
}

impl TenantStatus {
    /// Whether the tenant's users and tokens may get in: the contract keeps access until a
    /// termination takes effect.
    pub fn allows_login(self) -> bool {
        match self {
            TenantStatus::Active | TenantStatus::Terminating => true,
            TenantStatus::Suspended | TenantStatus::Terminated => false,
        }
    }
}

/// Where a tenant runs: the shared ("mutualisée") platform or a dedicated one.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(name = "Platform", rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TenantPlatform {
    #[sea_orm(string_value = "SHARED")]
    Shared,
    #[sea_orm(string_value = "DEDICATED")]
    Dedicated,
}

/// A client company of the operator.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenant")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub platform: TenantPlatform,
    pub status: TenantStatus,
    pub suspended_reason: Option<String>,
    pub accepted_terms_version: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// A tenant's own row is its tenant's (row-level security keys `tenant` on `id`): its users
// read their tenant's name and status through their scope.
crm360_kernel::tenant_owned!(Entity, Column::Id);
