use sea_orm::entity::prelude::*;

/// The type of a custom field's values.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CustomFieldKind {
    #[sea_orm(string_value = "TEXT")]
    Text,
    #[sea_orm(string_value = "NUMBER")]
    Number,
    #[sea_orm(string_value = "DATE")]
    Date,
    #[sea_orm(string_value = "BOOLEAN")]
    Boolean,
    /// One value of a closed list (`options`).
    #[sea_orm(string_value = "VALUE_LIST")]
    ValueList,
}

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
    pub kind: CustomFieldKind,
    /// The allowed values of a `VALUE_LIST` field (a JSON array of strings).
    pub options: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
