//! Usage metering: every billable unit (email, SMS, RNVP address, dedup address read) is
//! recorded as it is consumed, so that billing reads facts, never estimates.

use crate::error::ApiResult;
use crate::ids::new_id;
use crate::model::usage_event;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

/// What the contract bills per unit (Annex 1).
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum UsageKind {
    EmailSent,
    SmsSent,
    RnvpAddress,
    DedupAddressRead,
}

impl UsageKind {
    pub fn code(self) -> &'static str {
        match self {
            UsageKind::EmailSent => "EMAIL_SENT",
            UsageKind::SmsSent => "SMS_SENT",
            UsageKind::RnvpAddress => "RNVP_ADDRESS",
            UsageKind::DedupAddressRead => "DEDUP_ADDRESS_READ",
        }
    }
}

/// Records `quantity` units of `kind` for a tenant, within `conn` so that the usage commits
/// with the work it measures.
pub async fn record(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    kind: UsageKind,
    quantity: i64,
    at: DateTime<Utc>,
    reference: Option<String>,
) -> ApiResult<()> {
    usage_event::ActiveModel {
        tenant_id: Set(tenant_id),
        id: Set(new_id()),
        kind: Set(kind.code().to_owned()),
        quantity: Set(quantity),
        at: Set(at),
        reference: Set(reference),
    }
    .insert(conn)
    .await?;
    Ok(())
}
