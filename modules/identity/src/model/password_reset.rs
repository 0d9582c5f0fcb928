use sea_orm::entity::prelude::*;

/// Whose password a link sets.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AccountKind {
    /// A tenant user (the link has the user's tenant).
    #[sea_orm(string_value = "TENANT_USER")]
    TenantUser,
    /// Operator staff (no tenant).
    #[sea_orm(string_value = "OPERATOR_STAFF")]
    OperatorStaff,
}

/// Why the link was sent.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ResetPurpose {
    /// The lost-password flow (valid 30 minutes).
    #[sea_orm(string_value = "RESET")]
    Reset,
    /// A new user chooses their first password (valid 7 days).
    #[sea_orm(string_value = "INVITATION")]
    Invitation,
}

/// One single-use link that sets an account's password; we keep the digest of its token only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_reset")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub account_kind: AccountKind,
    pub account_id: Uuid,
    /// The tenant of a tenant user's account; none for operator staff.
    pub account_tenant_id: Option<Uuid>,
    pub purpose: ResetPurpose,
    pub expires_at: DateTimeUtc,
    /// When it was used, or invalidated by a newer link of the same account.
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// An invitation is written with the new user, in their tenant's transaction (the door stamps
// the account's tenant); every other access is on the unscoped path (`Why::PasswordReset`).
crm360_kernel::tenant_owned!(Entity, Column::AccountTenantId);
