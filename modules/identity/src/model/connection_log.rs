use sea_orm::entity::prelude::*;

/// The outcome of a login attempt or a logout.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ConnectionOutcome {
    #[sea_orm(string_value = "SUCCESS")]
    Success,
    #[sea_orm(string_value = "WRONG_PASSWORD")]
    WrongPassword,
    #[sea_orm(string_value = "UNKNOWN_ACCOUNT")]
    UnknownAccount,
    #[sea_orm(string_value = "ACCOUNT_CLOSED")]
    AccountClosed,
    #[sea_orm(string_value = "TENANT_SUSPENDED")]
    TenantSuspended,
    #[sea_orm(string_value = "THROTTLED")]
    Throttled,
    /// From an address outside the allow-list (the tenant's, or the operator's for staff): a
    /// login with the right password, or a session or API token used from there.
    #[sea_orm(string_value = "ADDRESS_NOT_ALLOWED")]
    AddressNotAllowed,
    #[sea_orm(string_value = "LOGOUT")]
    Logout,
}

impl ConnectionOutcome {
    /// The outcomes that count towards throttling.
    pub const FAILURES: [ConnectionOutcome; 2] = [ConnectionOutcome::WrongPassword, ConnectionOutcome::UnknownAccount];
}

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
    pub outcome: ConnectionOutcome,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crm360_kernel::tenant_owned!(Entity, Column::TenantId);
