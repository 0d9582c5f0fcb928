//! The connection log as the tenant administrator reads it, and its retention: IP addresses
//! are erased after one year (contract article 12) by a recurring job
//! ([`crate::jobs::PurgeConnectionIpsJob`]).

use crate::error::{IdentityError, IdentityResult};
use crate::model::{api_token, connection_log, session};
use crate::policy::SessionPolicy;
use crate::service::throttle;
use chrono::{DateTime, Utc};
use crm360_kernel::context::Platform;
use crm360_kernel::model::audit_entry;
use crm360_kernel::pagination::Page;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::text::escape_like;
use crm360_kernel::{TenantScope, Why};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

pub async fn list(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<connection_log::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<connection_log::Entity>(), connection_log::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// What the audit log is searched by; each part optional, all of them together.
#[derive(Clone, Debug, Default)]
pub struct AuditSearch {
    /// An action or the start of one (`contact.` for every change to contacts).
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub actor_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    /// Exclusive.
    pub to: Option<DateTime<Utc>>,
}

const SEARCH_TEXT_MAX: usize = 200;

impl AuditSearch {
    /// Checks the search and trims its texts (empty ones are no filter).
    pub fn checked(self) -> IdentityResult<AuditSearch> {
        let text = |value: Option<String>, field: &'static str| -> IdentityResult<Option<String>> {
            let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
            match value {
                Some(v) if v.chars().count() > SEARCH_TEXT_MAX => {
                    Err(IdentityError::TooLong { field, max: SEARCH_TEXT_MAX })
                }
                other => Ok(other),
            }
        };
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            return Err(IdentityError::EndsBeforeStart);
        }
        Ok(AuditSearch {
            // Actions are lower-case ASCII: folding the search gives one answer on both databases.
            action: text(self.action, "action")?.map(|a| a.to_lowercase()),
            target_type: text(self.target_type, "targetType")?.map(|t| t.to_lowercase()),
            target_id: text(self.target_id, "targetId")?,
            ..self
        })
    }

    pub fn apply<Q: QueryFilter>(&self, query: Q) -> Q {
        let mut query = query;
        if let Some(action) = &self.action {
            let pattern = LikeExpr::new(format!("{}%", escape_like(action))).escape('\\');
            query = query.filter(Expr::col(audit_entry::Column::Action).like(pattern));
        }
        if let Some(target_type) = &self.target_type {
            query = query.filter(audit_entry::Column::TargetType.eq(target_type.clone()));
        }
        if let Some(target_id) = &self.target_id {
            query = query.filter(audit_entry::Column::TargetId.eq(target_id.clone()));
        }
        if let Some(actor_id) = self.actor_id {
            query = query.filter(audit_entry::Column::ActorId.eq(actor_id));
        }
        if let Some(from) = self.from {
            query = query.filter(audit_entry::Column::At.gte(from));
        }
        if let Some(to) = self.to {
            query = query.filter(audit_entry::Column::At.lt(to));
        }
        query
    }
}

pub async fn list_audit(
    scope: &TenantScope,
    search: &AuditSearch,
    page: &Page,
) -> IdentityResult<Vec<audit_entry::Model>> {
    let txn = scope.begin().await?;
    let query = search.apply(txn.find::<audit_entry::Entity>());
    let rows = page.apply(query, audit_entry::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Operator staff's search of the audit trail: one tenant's, or across every tenant and the
/// platform's own entries.
pub async fn search_platform_audit(
    scope: &OperatorScope,
    tenant_id: Option<Uuid>,
    search: &AuditSearch,
    page: &Page,
) -> IdentityResult<Vec<audit_entry::Model>> {
    let db = scope.unscoped();
    let mut query = search.apply(db.find::<audit_entry::Entity>());
    if let Some(tenant_id) = tenant_id {
        query = query.filter(audit_entry::Column::TenantId.eq(tenant_id));
    }
    Ok(page.apply(query, audit_entry::Column::Id).all(&db).await?)
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
