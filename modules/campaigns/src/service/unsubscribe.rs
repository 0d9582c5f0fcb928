//! Unsubscription: every campaign email carries a link with a signed token naming the
//! tenant, the run, the contact and the channel. Following it (a page, then a button) or
//! the one-click `POST` of RFC 8058 records the opt-out with its proof (a denied consent
//! with the time, the campaign and the channel; the address on the tenant's suppression list),
//! with no session. A forged or altered token is refused.

use crate::error::CampaignsResult;
use crate::model::{Channel, SuppressionReason, campaign, campaign_run, send_ledger};
use crate::service::settings::CampaignSettings;
use crate::service::{recipients, suppressions};
use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crm360_contacts::service::contacts;
use crm360_delivery::token;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{Platform, TenantScope};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const PURPOSE: &str = "unsubscribe";

/// What an unsubscribe token says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    #[serde(rename = "t")]
    pub tenant: Uuid,
    #[serde(rename = "r")]
    pub run: Uuid,
    #[serde(rename = "c")]
    pub contact: Uuid,
    #[serde(rename = "s")]
    pub sms: bool,
}

/// The unsubscribe link of one message.
pub fn link(settings: &CampaignSettings, tenant: Uuid, run: Uuid, contact: Uuid, channel: Channel) -> String {
    let ticket = Ticket { tenant, run, contact, sms: channel == Channel::Sms };
    format!(
        "{}/desabonnement/{}",
        settings.public_url.trim_end_matches('/'),
        token::sign(&settings.signing_key, PURPOSE, &ticket)
    )
}

/// Reads a token; `None` when forged, altered or malformed.
pub fn read(settings: &CampaignSettings, raw: &str) -> Option<Ticket> {
    token::verify(&settings.signing_key, PURPOSE, raw).ok()
}

/// What the confirmation page says.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsubscribed {
    /// The campaign's name, when it still exists.
    pub campaign: Option<String>,
    pub channel: Channel,
}

/// Records the opt-out a ticket asks for (idempotent: a second request confirms again).
pub async fn apply(platform: &Platform, ticket: &Ticket, ip: Option<String>) -> CampaignsResult<Unsubscribed> {
    let channel = if ticket.sms { Channel::Sms } else { Channel::Email };
    let scope = TenantScope::system(platform, ticket.tenant);
    let txn = scope.begin().await?;
    let now = txn.now();
    let run = txn.find::<campaign_run::Entity>().filter(campaign_run::Column::Id.eq(ticket.run)).one(&txn).await?;
    let c = match &run {
        Some(run) => txn.find::<campaign::Entity>().filter(campaign::Column::Id.eq(run.campaign_id)).one(&txn).await?,
        None => None,
    };
    if let Some(person) = contacts::find_in(&txn, ticket.contact).await? {
        let consent_channel = match channel {
            Channel::Email => ConsentChannel::Email,
            Channel::Sms => ConsentChannel::Sms,
        };
        let source = match &c {
            Some(c) => format!("Désabonnement, campagne « {} »", c.name),
            None => "Désabonnement".to_owned(),
        };
        let proof = ConsentProof {
            channel: consent_channel,
            status: ConsentStatus::Denied,
            collected_at: now,
            source: Some(source),
            wording: Some("Lien de désabonnement du message (RFC 8058)".to_owned()),
            ip,
        };
        consents::record(&txn, person.id, &proof).await?;
        if let Some(address) = recipients::address_of(&person, channel) {
            suppressions::add_in(&txn, channel, &address, SuppressionReason::Unsubscribed, c.as_ref().map(|c| c.id))
                .await?;
        }
    }
    txn.update_many::<send_ledger::Entity>()
        .col_expr(send_ledger::Column::UnsubscribedAt, Expr::value(now))
        .filter(send_ledger::Column::RunId.eq(ticket.run))
        .filter(send_ledger::Column::ContactId.eq(ticket.contact))
        .filter(send_ledger::Column::UnsubscribedAt.is_null())
        .exec(&txn)
        .await?;
    txn.audit(AuditChange::new("contact.unsubscribe", "contact", ticket.contact).after(serde_json::json!({
        "channel": channel, "run": ticket.run, "campaign": c.as_ref().map(|c| c.id),
    })))
    .await?;
    txn.commit().await?;
    Ok(Unsubscribed { campaign: c.map(|c| c.name), channel })
}
