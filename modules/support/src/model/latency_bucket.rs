use sea_orm::entity::prelude::*;

/// Request latencies of one tenant (the nil id: requests without a tenant) in one hour,
/// counted per histogram bucket; every instance adds its own counts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "latency_bucket")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub hour: DateTimeUtc,
    /// The bucket's upper bound in milliseconds, inclusive (`i64::MAX`: the overflow).
    #[sea_orm(primary_key, auto_increment = false)]
    pub le_ms: i64,
    pub count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
