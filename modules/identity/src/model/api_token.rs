use crm360_kernel::Rights;
use sea_orm::entity::prelude::*;

/// An API token of a tenant's technical user (BI tools, integrations).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// The first characters of the token, shown to tell tokens apart.
    pub prefix: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub can_import: bool,
    pub can_consult: bool,
    pub can_communicate: bool,
    pub can_analyse: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// Written at most once a minute per token, with the address it came from.
    pub last_used_at: Option<DateTimeUtc>,
    /// Erased after one year, like the connection log's addresses.
    pub last_used_ip: Option<String>,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

impl Model {
    pub fn rights(&self) -> Rights {
        Rights {
            import: self.can_import,
            consult: self.can_consult,
            communicate: self.can_communicate,
            analyse: self.can_analyse,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
