use sea_orm::entity::prelude::*;

/// A contact's consent on one channel (`EMAIL`, `SMS`, `POST`), with its proof.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_consent")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub channel: String,
    /// `GRANTED` or `DENIED`.
    pub status: String,
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
