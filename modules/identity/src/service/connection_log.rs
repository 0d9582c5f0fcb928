//! The connection log as the tenant administrator reads it, and its retention: IP addresses
//! are erased after one year (contract article 12) by a recurring job.

use crate::error::IdentityResult;
use crate::model::{connection_log, session};
use crate::policy::SessionPolicy;
use chrono::{DateTime, Duration, Utc};
use crm360_kernel::TenantScope;
use crm360_kernel::model::audit_entry;
use crm360_kernel::pagination::Page;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The job kind of the daily purge.
pub const PURGE_JOB: &str = "identity.purge_connection_ips";

pub async fn list(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<connection_log::Model>> {
    Ok(page.apply(scope.find::<connection_log::Entity>(), connection_log::Column::Id).all(scope.db()).await?)
}

pub async fn list_audit(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<audit_entry::Model>> {
    Ok(page.apply(scope.find::<audit_entry::Entity>(), audit_entry::Column::Id).all(scope.db()).await?)
}

/// What a purge did.
#[derive(Debug, Eq, PartialEq)]
pub struct Purged {
    pub connection_ips: u64,
    pub sessions: u64,
}

/// Erases IP addresses older than the retention period from the connection log and deletes
/// the sessions (which hold an IP too) that ended before it.
pub async fn purge_old_ips(
    db: &impl ConnectionTrait,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> IdentityResult<Purged> {
    let cutoff = now - policy.connection_ip_retention;
    let connection_ips = connection_log::Entity::update_many()
        .col_expr(connection_log::Column::Ip, Option::<String>::None.into())
        .filter(connection_log::Column::At.lt(cutoff))
        .filter(connection_log::Column::Ip.is_not_null())
        .exec(db)
        .await?
        .rows_affected;
    let sessions =
        session::Entity::delete_many().filter(session::Column::ExpiresAt.lt(cutoff)).exec(db).await?.rows_affected;
    Ok(Purged { connection_ips, sessions })
}

/// The purge runs daily.
pub const PURGE_EVERY: Duration = Duration::days(1);
