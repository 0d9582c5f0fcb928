use sea_orm::entity::prelude::*;

/// A client company of the operator.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenant")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// `SHARED` or `DEDICATED`.
    pub platform: String,
    /// `ACTIVE`, `SUSPENDED`, `TERMINATING` or `TERMINATED`.
    pub status: String,
    pub suspended_reason: Option<String>,
    pub accepted_terms_version: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
