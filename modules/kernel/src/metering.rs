//! Usage metering: every billable unit (email, SMS, RNVP address, dedup address read) is
//! recorded as it is consumed, in the transaction of the work it measures
//! ([`crate::scope::TenantTxn::meter`]), so that billing reads facts, never estimates.
//! Each recording carries an idempotency key (Lago's `transaction_id`): the same key twice
//! for a tenant counts once, so a retried job never bills twice.

use crate::ids::new_id;
use crate::model::usage_event;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

pub use crate::model::usage_event::UsageKind;

/// One recording: what, how much, and the key of the unit of work it measures.
#[derive(Clone, Debug)]
pub struct Usage {
    pub kind: UsageKind,
    pub quantity: i64,
    /// Unique for the tenant per unit of work: `"<what>:<id>[:<part>]"`, never personal data.
    pub key: String,
}

impl Usage {
    pub fn new(kind: UsageKind, quantity: i64, key: impl Into<String>) -> Usage {
        Usage { kind, quantity, key: key.into() }
    }
}

/// Records `usage` unless its key was recorded before; whether it was new.
pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    usage: Usage,
    at: DateTime<Utc>,
    day: NaiveDate,
) -> Result<bool, sea_orm::DbErr> {
    let row = usage_event::ActiveModel {
        tenant_id: Set(tenant_id),
        id: Set(new_id()),
        kind: Set(usage.kind),
        quantity: Set(usage.quantity),
        at: Set(at),
        reference: Set(Some(usage.key.clone())),
        idempotency_key: Set(Some(usage.key)),
        day: Set(Some(day)),
    };
    #[allow(clippy::disallowed_methods)] // the kernel's own table, in the scope's transaction
    let inserted = usage_event::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([usage_event::Column::TenantId, usage_event::Column::IdempotencyKey])
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec_without_returning(conn)
        .await?;
    Ok(matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0))
}

/// Records usage on a given day (demo data and back-filled history); once per key.
pub async fn record_on(
    txn: &crate::scope::TenantTxn,
    kind: UsageKind,
    quantity: i64,
    key: impl Into<String>,
    day: NaiveDate,
) -> Result<bool, sea_orm::DbErr> {
    record(txn, txn.tenant_id(), Usage::new(kind, quantity, key), txn.now(), day).await
}
