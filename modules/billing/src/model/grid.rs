use super::GridKind;
use sea_orm::entity::prelude::*;

/// One version of the platform's price grid (platform data, no tenant).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "billing_grid")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i64,
    pub kind: GridKind,
    /// A `crm360_pricing::Grid` as JSON.
    pub grid: Json,
    pub effective_from: Date,
    pub announced_at: DateTimeUtc,
    pub note: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
