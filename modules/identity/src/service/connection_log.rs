//! The connection log as the tenant administrator reads it, and its retention: IP addresses
//! are erased after one year (contract article 12) by a recurring job
//! ([`crate::jobs::PurgeConnectionIpsJob`]).

use crate::error::IdentityResult;
use crate::model::{api_token, connection_log, session};
use crate::policy::SessionPolicy;
use crate::service::throttle;
use crm360_kernel::context::Platform;
use crm360_kernel::model::audit_entry;
use crm360_kernel::pagination::Page;
use crm360_kernel::{TenantScope, Why};
use sea_orm::{ColumnTrait, QueryFilter};

pub async fn list(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<connection_log::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<connection_log::Entity>(), connection_log::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

pub async fn list_audit(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<audit_entry::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<audit_entry::Entity>(), audit_entry::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// What a purge did.
#[derive(Debug, Eq, PartialEq)]
pub struct Purged {
    pub connection_ips: u64,
    pub sessions: u64,
    /// API tokens' last-use addresses.
    pub token_ips: u64,
    pub throttle_keys: u64,
    /// Password links (reset and invitation) expired for a day or more.
    pub password_links: u64,
}

/// Erases IP addresses older than the retention period from the connection log and deletes
/// the sessions (which hold an IP too) that ended before it, and API tokens' last-use
/// addresses of that age, across every tenant, the login throttle's idle keys, and the
/// password links expired for a day.
pub async fn purge_old_ips(platform: &Platform, policy: &SessionPolicy) -> IdentityResult<Purged> {
    let db = platform.unscoped(Why::RetentionPurge);
    let cutoff = db.now() - policy.connection_ip_retention;
    let connection_ips = db
        .update_many::<connection_log::Entity>()
        .col_expr(connection_log::Column::Ip, Option::<String>::None.into())
        .filter(connection_log::Column::At.lt(cutoff))
        .filter(connection_log::Column::Ip.is_not_null())
        .exec(&db)
        .await?
        .rows_affected;
    let sessions = db
        .delete_many::<session::Entity>()
        .filter(session::Column::ExpiresAt.lt(cutoff))
        .exec(&db)
        .await?
        .rows_affected;
    let token_ips = db
        .update_many::<api_token::Entity>()
        .col_expr(api_token::Column::LastUsedIp, Option::<String>::None.into())
        .filter(api_token::Column::LastUsedAt.lt(cutoff))
        .filter(api_token::Column::LastUsedIp.is_not_null())
        .exec(&db)
        .await?
        .rows_affected;
    // The login throttle's keys (digests of e-mails and addresses) once every rule forgot them.
    let rules = &policy.throttle;
    let longest = [rules.per_account_and_address, rules.per_address, rules.account_lock, rules.password_change]
        .iter()
        .map(|rule| rule.forget_after)
        .max()
        .unwrap_or(policy.connection_ip_retention);
    let throttle_keys = throttle::purge_idle(&db, db.now() - longest).await?;
    // A used or expired link proves nothing the audit trail does not (`password.reset`).
    let password_links = db
        .delete_many::<crate::model::password_reset::Entity>()
        .filter(crate::model::password_reset::Column::ExpiresAt.lt(db.now() - chrono::Duration::days(1)))
        .exec(&db)
        .await?
        .rows_affected;
    Ok(Purged { connection_ips, sessions, token_ips, throttle_keys, password_links })
}
