//! Bounces and complaints from the bounce mailbox (a Maildir folder that the mail relay
//! delivers delivery status notifications and feedback reports to): each names the message
//! it answers by its Message-ID, hence its tenant, run and contact. A hard bounce or a
//! complaint suppresses the address at once; soft bounces do when `soft_bounce_limit` of
//! them in a row reached the same address.

use crate::error::CampaignsResult;
use crate::model::{Channel, LedgerStatus, SuppressionReason, send_ledger};
use crate::service::settings::CampaignSettings;
use crate::service::{recipients, sending, suppressions};
use crm360_contacts::service::contacts;
use crm360_delivery::bounce::{self, Feedback, FeedbackKind};
use crm360_kernel::{Platform, TenantScope};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

/// Reads what waits in the bounce mailbox; how many messages were applied.
pub async fn process_mailbox(platform: &Platform, settings: &CampaignSettings) -> CampaignsResult<usize> {
    let Some(dir) = settings.bounce_maildir.as_deref() else {
        return Ok(0);
    };
    let waiting =
        bounce::waiting(dir).map_err(|err| crate::error::CampaignsError::Internal(format!("bounce mailbox: {err}")))?;
    let mut applied = 0;
    for (path, raw) in waiting {
        if let Some(feedback) = bounce::parse(&raw)
            && apply(platform, settings, &feedback).await?
        {
            applied += 1;
        }
        // Read once: an unknown or foreign message is not retried for ever.
        bounce::mark_processed(&path)
            .map_err(|err| crate::error::CampaignsError::Internal(format!("bounce mailbox: {err}")))?;
    }
    Ok(applied)
}

/// Applies one feedback to the ledger row it answers; false when it answers none of ours.
pub async fn apply(platform: &Platform, settings: &CampaignSettings, feedback: &Feedback) -> CampaignsResult<bool> {
    let Some((tenant, run, contact)) = feedback.original_message_id.as_deref().and_then(sending::parse_message_id)
    else {
        return Ok(false);
    };
    let scope = TenantScope::system(platform, tenant);
    let txn = scope.begin().await?;
    let Some(row) = txn
        .find::<send_ledger::Entity>()
        .filter(send_ledger::Column::RunId.eq(run))
        .filter(send_ledger::Column::ContactId.eq(contact))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    let (label, reason) = match feedback.kind {
        FeedbackKind::HardBounce => ("hard", Some(SuppressionReason::HardBounce)),
        FeedbackKind::SoftBounce => ("soft", None),
        FeedbackKind::Complaint => ("complaint", Some(SuppressionReason::Complaint)),
    };
    let detail = [feedback.status.as_deref(), feedback.diagnostic.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let error: String = format!("{label}: {detail}").chars().take(300).collect();
    txn.update_many::<send_ledger::Entity>()
        .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Bounced))
        .col_expr(send_ledger::Column::Error, Expr::value(error))
        .col_expr(send_ledger::Column::UpdatedAt, Expr::value(txn.now()))
        .filter(send_ledger::Column::RunId.eq(run))
        .filter(send_ledger::Column::ContactId.eq(contact))
        .filter(send_ledger::Column::Status.is_in([LedgerStatus::Sent, LedgerStatus::Uncertain, LedgerStatus::Bounced]))
        .exec(&txn)
        .await?;
    let reason = match (reason, &row.recipient_hash) {
        (Some(reason), _) => Some(reason),
        (None, Some(hash)) if soft_bounces_in_a_row(&txn, hash).await? >= u64::from(settings.soft_bounce_limit) => {
            Some(SuppressionReason::SoftBounces)
        }
        (None, _) => None,
    };
    if let Some(reason) = reason {
        let address = match contacts::find_in(&txn, contact).await? {
            Some(person) => recipients::address_of(&person, Channel::Email),
            None => feedback.recipient.clone(),
        };
        if let Some(address) = address.or_else(|| feedback.recipient.clone()) {
            suppressions::add_in(&txn, Channel::Email, &address, reason, Some(row.campaign_id)).await?;
        }
    }
    txn.commit().await?;
    Ok(true)
}

/// How many of the latest messages to this address bounced softly, before the last one that
/// did not.
async fn soft_bounces_in_a_row(txn: &crm360_kernel::TenantTxn, hash: &str) -> CampaignsResult<u64> {
    let latest: Vec<(LedgerStatus, Option<String>)> = txn
        .find::<send_ledger::Entity>()
        .select_only()
        .column(send_ledger::Column::Status)
        .column(send_ledger::Column::Error)
        .filter(send_ledger::Column::RecipientHash.eq(hash))
        .filter(send_ledger::Column::Status.is_in([LedgerStatus::Sent, LedgerStatus::Bounced]))
        .order_by_desc(send_ledger::Column::UpdatedAt)
        .limit(20)
        .into_tuple()
        .all(txn)
        .await?;
    Ok(latest
        .iter()
        .take_while(|(status, error)| {
            *status == LedgerStatus::Bounced && error.as_deref().is_some_and(|e| e.starts_with("soft"))
        })
        .count() as u64)
}
