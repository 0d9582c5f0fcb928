use sea_orm::entity::prelude::*;

/// One throttled key of the login throttle (`crate::service::throttle`): the digest of an
/// account and address, an account, an address or a password change's owner, never the
/// e-mail or the IP in clear. Times are Unix seconds, so that the statement that counts an
/// attempt also computes when the next one may come.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttle")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Consecutive attempts not followed by a success (each counted before it is checked).
    pub failures: i64,
    /// The earliest time of the next attempt that is checked.
    pub next_attempt_at: i64,
    pub last_attempt_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
