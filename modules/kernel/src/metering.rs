//! Usage metering: every billable unit (email, SMS, RNVP address, dedup address read) is
//! recorded as it is consumed, in the transaction of the work it measures
//! ([`crate::scope::TenantTxn::meter`]), so that billing reads facts, never estimates.

use crate::ids::new_id;
use crate::model::usage_event;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

pub use crate::model::usage_event::UsageKind;

pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    kind: UsageKind,
    quantity: i64,
    at: DateTime<Utc>,
    reference: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    #[allow(clippy::disallowed_methods)] // the kernel's own table, in the scope's transaction
    usage_event::ActiveModel {
        tenant_id: Set(tenant_id),
        id: Set(new_id()),
        kind: Set(kind),
        quantity: Set(quantity),
        at: Set(at),
        reference: Set(reference),
    }
    .insert(conn)
    .await?;
    Ok(())
}
