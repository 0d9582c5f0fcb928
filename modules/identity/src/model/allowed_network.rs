use sea_orm::entity::prelude::*;

/// One CIDR range a tenant's users and API tokens may connect from. A tenant without any
/// is not filtered.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allowed_network")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Normalised (`10.0.0.0/8`, `2001:db8::/32`): host bits dropped, a bare address `/32`
    /// or `/128`.
    pub cidr: String,
    pub description: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
