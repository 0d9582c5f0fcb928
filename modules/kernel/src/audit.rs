//! The audit trail: who changed what, when, from where, with the state before and after.

use crate::actor::Actor;
use crate::ids::new_id;
use crate::model::audit_entry;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

/// One change to record.
#[derive(Clone, Debug)]
pub struct AuditChange {
    /// A stable verb: `user.create`, `user.rights.set`, `tenant.suspend`, ...
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl AuditChange {
    pub fn new(action: &'static str, target_type: &'static str, target_id: impl ToString) -> AuditChange {
        AuditChange { action, target_type, target_id: Some(target_id.to_string()), before: None, after: None }
    }

    pub fn before(mut self, state: impl serde::Serialize) -> AuditChange {
        self.before = serde_json::to_value(state).ok();
        self
    }

    pub fn after(mut self, state: impl serde::Serialize) -> AuditChange {
        self.after = serde_json::to_value(state).ok();
        self
    }

    /// The state after, already as JSON (no copy: bulk work builds many).
    pub fn after_json(mut self, state: serde_json::Value) -> AuditChange {
        self.after = Some(state);
        self
    }
}

/// Records many changes in one statement (bulk work such as imports).
pub(crate) async fn record_many(
    conn: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    actor: &Actor,
    at: DateTime<Utc>,
    ip: Option<String>,
    request_id: Option<String>,
    changes: Vec<AuditChange>,
) -> Result<(), sea_orm::DbErr> {
    if changes.is_empty() {
        return Ok(());
    }
    let rows = entry_rows(tenant_id, actor, at, ip, request_id, changes);
    crate::bulk::insert_in_chunks(conn, rows).await?;
    Ok(())
}

/// The audit rows of changes made by one actor at one time.
pub(crate) fn entry_rows(
    tenant_id: Option<Uuid>,
    actor: &Actor,
    at: DateTime<Utc>,
    ip: Option<String>,
    request_id: Option<String>,
    changes: Vec<AuditChange>,
) -> Vec<audit_entry::ActiveModel> {
    let rows = changes.into_iter().map(|change| audit_entry::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id),
        at: Set(at),
        actor_kind: Set(audit_entry::AuditActorKind::of(actor)),
        actor_id: Set(actor.id()),
        action: Set(change.action.to_owned()),
        target_type: Set(change.target_type.to_owned()),
        target_id: Set(change.target_id),
        before: Set(change.before),
        after: Set(change.after),
        ip: Set(ip.clone()),
        request_id: Set(request_id.clone()),
        ..Default::default()
    });
    rows.collect()
}

pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    actor: &Actor,
    at: DateTime<Utc>,
    ip: Option<String>,
    request_id: Option<String>,
    change: AuditChange,
) -> Result<(), sea_orm::DbErr> {
    audit_entry::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id),
        at: Set(at),
        actor_kind: Set(audit_entry::AuditActorKind::of(actor)),
        actor_id: Set(actor.id()),
        action: Set(change.action.to_owned()),
        target_type: Set(change.target_type.to_owned()),
        target_id: Set(change.target_id),
        before: Set(change.before),
        after: Set(change.after),
        ip: Set(ip),
        request_id: Set(request_id),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Clears the personal content (states before and after, IP) of a tenant's entries about one
/// object and dates it: the sealed content hash stays, so the chain still verifies.
pub(crate) async fn redact_target(
    conn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    tenant_id: Uuid,
    target_type: &str,
    target_id: &str,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    #[allow(clippy::disallowed_methods)] // the kernel's own table, filtered by tenant here
    let done = audit_entry::Entity::update_many()
        .col_expr(audit_entry::Column::Before, Expr::value(Option::<serde_json::Value>::None))
        .col_expr(audit_entry::Column::After, Expr::value(Option::<serde_json::Value>::None))
        .col_expr(audit_entry::Column::Ip, Expr::value(Option::<String>::None))
        .col_expr(audit_entry::Column::RedactedAt, Expr::value(at))
        .filter(audit_entry::Column::TenantId.eq(tenant_id))
        .filter(audit_entry::Column::TargetType.eq(target_type))
        .filter(audit_entry::Column::TargetId.eq(target_id))
        .exec(conn)
        .await?;
    Ok(done.rows_affected)
}
