use sea_orm::entity::prelude::*;

/// A message of the operator shown at the top of the web app while it is active. A platform
/// record: `tenant_id` is its audience, `None` for every tenant.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "announcement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    /// `INFO`, `WARNING` or `MAINTENANCE`.
    pub severity: String,
    pub text_fr: String,
    pub text_en: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    /// Set when the operator ends it by hand (before its planned end, if any).
    pub ended_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
