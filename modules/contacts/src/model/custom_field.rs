use sea_orm::entity::prelude::*;

/// A tenant-defined field of its contacts ("data referential").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_field")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The stable key used by imports and segments (`loyalty_tier`).
    pub key: String,
    pub label: String,
    /// `TEXT`, `NUMBER`, `DATE`, `BOOLEAN` or `VALUE_LIST`.
    pub kind: String,
    /// The allowed values of a `VALUE_LIST` field (a JSON array of strings).
    pub options: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
