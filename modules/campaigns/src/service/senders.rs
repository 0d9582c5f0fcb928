//! The senders a tenant may use, configured by operator staff: email addresses (with a display
//! name and a reply-to) and SMS sender ids. A campaign names one of them; nothing else may
//! appear as its sender.

use crate::error::{CampaignsError, CampaignsResult};
use crate::model::{Channel, sender};
use crm360_delivery::sms::SenderId;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::values::EmailAddress;
use crm360_kernel::{OperatorScope, TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

/// A sender as operator staff declare it.
#[derive(Clone, Debug)]
pub struct SenderDraft {
    pub channel: Channel,
    pub address: String,
    pub display_name: Option<String>,
    pub reply_to: Option<String>,
}

fn validate(draft: SenderDraft) -> CampaignsResult<SenderDraft> {
    let address = match draft.channel {
        Channel::Email => EmailAddress::parse(&draft.address)
            .map_err(|_| CampaignsError::InvalidEmail { field: "address" })?
            .as_str()
            .to_owned(),
        Channel::Sms => SenderId::parse(&draft.address)
            .map_err(|e| CampaignsError::InvalidSenderId { field: "address", reason: e.to_string() })?
            .as_str()
            .to_owned(),
    };
    let reply_to = match draft.reply_to.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if draft.channel == Channel::Email => Some(
            EmailAddress::parse(r).map_err(|_| CampaignsError::InvalidEmail { field: "replyTo" })?.as_str().to_owned(),
        ),
        _ => None,
    };
    let display_name = draft.display_name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if display_name.as_ref().is_some_and(|n| n.chars().count() > 100) {
        return Err(CampaignsError::TooLong { field: "displayName", max: 100 });
    }
    Ok(SenderDraft { channel: draft.channel, address, display_name, reply_to })
}

/// Allows a sender for a tenant (operator staff).
pub async fn add(operator: &OperatorScope, tenant_id: Uuid, draft: SenderDraft) -> CampaignsResult<sender::Model> {
    let draft = validate(draft)?;
    let scope = operator.on_tenant(tenant_id);
    let txn = scope.begin().await?;
    let existing = txn
        .find::<sender::Entity>()
        .filter(sender::Column::Channel.eq(draft.channel))
        .filter(sender::Column::Address.eq(&draft.address))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(found) => {
            txn.update(sender::ActiveModel {
                tenant_id: Set(found.tenant_id),
                id: Set(found.id),
                display_name: Set(draft.display_name),
                reply_to: Set(draft.reply_to),
                ..Default::default()
            })
            .await?
        }
        None => txn
            .insert(sender::ActiveModel {
                channel: Set(draft.channel),
                address: Set(draft.address),
                display_name: Set(draft.display_name),
                reply_to: Set(draft.reply_to),
                ..Default::default()
            })
            .await
            .map_err(|err| match err.sql_err() {
                // The tenant named does not exist.
                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => CampaignsError::NotFound("tenant"),
                _ => err.into(),
            })?,
    };
    txn.audit(AuditChange::new("sender.allow", "sender", saved.id).after(serde_json::json!({
        "channel": saved.channel, "address": saved.address,
    })))
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Withdraws a sender (operator staff); campaigns that name it can no longer be launched.
pub async fn remove(operator: &OperatorScope, tenant_id: Uuid, id: Uuid) -> CampaignsResult<sender::Model> {
    let scope = operator.on_tenant(tenant_id);
    let txn = scope.begin().await?;
    let found = get_in(&txn, id).await?;
    if crate::service::campaigns::sender_in_use(&txn, id).await? {
        return Err(CampaignsError::InvalidState { action: "withdraw a sender used by", status: "a campaign".into() });
    }
    txn.delete_many::<sender::Entity>().filter(sender::Column::Id.eq(id)).exec(&txn).await?;
    txn.audit(AuditChange::new("sender.withdraw", "sender", id).before(serde_json::json!({
        "channel": found.channel, "address": found.address,
    })))
    .await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn list(scope: &TenantScope) -> CampaignsResult<Vec<sender::Model>> {
    let txn = scope.begin().await?;
    let rows = txn
        .find::<sender::Entity>()
        .order_by_asc(sender::Column::Channel)
        .order_by_asc(sender::Column::Address)
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(rows)
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> CampaignsResult<sender::Model> {
    txn.find::<sender::Entity>()
        .filter(sender::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(CampaignsError::SenderNotAllowed)
}
