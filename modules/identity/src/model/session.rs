use sea_orm::entity::prelude::*;

/// Whose session it is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum SubjectKind {
    /// A tenant user (the session has the user's tenant).
    #[sea_orm(string_value = "USER")]
    User,
    /// Operator staff (the session has no tenant).
    #[sea_orm(string_value = "OPERATOR")]
    Operator,
}

/// A server-side login session; the client holds only the token, we keep its digest.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub subject_kind: SubjectKind,
    pub tenant_id: Option<Uuid>,
    pub subject_id: Uuid,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    /// The absolute end of the session, whatever the activity.
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// A tenant user's sessions are their tenant's (an administrator closing an access ends them);
// operator staff's, without a tenant, are reached on the unscoped path only.
crm360_kernel::tenant_owned!(Entity, Column::TenantId);
