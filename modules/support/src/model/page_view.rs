use sea_orm::entity::prelude::*;

/// One page view of the audience measurement (contract article 12), recorded only with the
/// user's consent. Holds no user id, IP address or user agent: the visitor is the random id
/// of the measurement cookie, the page is a route pattern (`/contacts/:id`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "page_view")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub visitor_id: Uuid,
    pub path: String,
    pub at: DateTimeUtc,
    /// The day of `at` on the platform's calendar (`clock.date_of`, Europe/Paris by default),
    /// stored so that every database groups by the same day.
    pub day: Date,
    /// The first page view after 30 minutes without any from this visitor.
    pub new_visit: bool,
    /// For a new visit: whole days since the visitor's previous one; `None` for a first visit.
    pub days_since_last_visit: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);
