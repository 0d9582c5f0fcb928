use sea_orm::entity::prelude::*;

/// One login attempt or logout (contract article 12: connection logs).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "connection_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `None` for operator staff and unknown accounts.
    pub tenant_id: Option<Uuid>,
    pub subject_id: Option<Uuid>,
    /// The login attempted, lower-cased.
    pub email: String,
    /// Purged after one year.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub outcome: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crm360_kernel::tenant_owned!(Entity, Column::TenantId);
