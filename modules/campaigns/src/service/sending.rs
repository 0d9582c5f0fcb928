//! Sending one batch of a run's ledger (the [`crate::jobs::SendBatch`] job), and the rule that
//! makes a crash lose nothing and double nothing:
//!
//! 1. A worker takes at most `concurrency` due messages of its batch and, in one committed
//!    statement, moves them from `QUEUED` to `SENDING` (only rows still `QUEUED`: a message is
//!    claimed once). Consent, the suppression lists and the quiet hours are checked again just
//!    before, so a contact who unsubscribed since the run started gets nothing.
//! 2. It hands them to the transport, then records each outcome (`SENT`, `FAILED`, or back to
//!    `QUEUED` after a temporary failure) in one transaction, only on rows still `SENDING`.
//! 3. A worker that dies before step 1 commits leaves its messages `QUEUED`: the job is taken
//!    over after its lease and they are sent once. A worker that dies between steps 1 and 2
//!    leaves them `SENDING`: they may have reached the server, so the next worker on the batch
//!    marks them `UNCERTAIN` and never sends them again. At most `concurrency` messages per
//!    worker can end `UNCERTAIN`; the statistics count them.

use crate::error::{CampaignsError, CampaignsResult};
use crate::jobs::SendBatch;
use crate::model::{
    CampaignStatus, Channel, Exclusion, LedgerStatus, RunStatus, Variant, campaign, campaign_run, send_ledger, sender,
    template,
};
use crate::service::settings::{CampaignSettings, Transports};
use crate::service::templates::{self, Rendered};
use crate::service::{merge, recipients, runs, suppressions, tracking, unsubscribe};
use crate::throttle::Throttle;
use chrono::{DateTime, Duration, Utc};
use crm360_contacts::model::contact;
use crm360_contacts::service::contacts;
use crm360_delivery::quiet_hours::QuietRule;
use crm360_delivery::transport::{Mailbox, OutgoingEmail, OutgoingSms, SendError};
use crm360_kernel::model::usage_event::UsageKind;
use crm360_kernel::{Platform, TenantScope, TenantTxn};
use futures::future::join_all;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// The deterministic Message-ID of a campaign message (without angle brackets): the same
/// message always has the same id, and a bounce names the ledger row it answers.
pub fn message_id(tenant: Uuid, run: Uuid, contact: Uuid, domain: &str) -> String {
    format!("{}.{}.{}@{domain}", tenant.simple(), run.simple(), contact.simple())
}

/// The ledger row a Message-ID names: (tenant, run, contact).
pub fn parse_message_id(id: &str) -> Option<(Uuid, Uuid, Uuid)> {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, _) = id.split_once('@')?;
    let mut parts = local.split('.');
    let tenant = Uuid::parse_str(parts.next()?).ok()?;
    let run = Uuid::parse_str(parts.next()?).ok()?;
    let contact = Uuid::parse_str(parts.next()?).ok()?;
    parts.next().is_none().then_some((tenant, run, contact))
}

/// Makes sure a message carries a visible unsubscribe link: appended as a French footer
/// when the template does not place it itself (`append`).
pub fn ensure_unsubscribe_link(text: &mut String, html: Option<&mut String>, url: &str, append: bool) {
    if !append {
        return;
    }
    text.push_str(&format!(
        "\n\n--\nVous ne souhaitez plus recevoir nos e-mails ? Désabonnez-vous : {url}\nTo unsubscribe: {url}\n"
    ));
    if let Some(html) = html {
        let escaped = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        let footer = format!(
            "<p style=\"font-size:12px;color:#555\">Vous ne souhaitez plus recevoir nos e-mails ? \
             <a href=\"{escaped}\">Se désabonner</a> (<span lang=\"en\">unsubscribe</span>).</p>"
        );
        match html.rfind("</body>") {
            Some(at) => html.insert_str(at, &footer),
            None => html.push_str(&footer),
        }
    }
}

/// Hands one rendered message to its transport.
pub async fn deliver(
    transports: &Transports,
    from: &sender::Model,
    to: &str,
    rendered: &Rendered,
    message_id: &str,
    headers: &[(String, String)],
) -> Result<(), SendError> {
    match from.channel {
        Channel::Email => {
            let transport =
                transports.email.as_ref().ok_or_else(|| SendError::Temporary("no SMTP transport".into()))?;
            let email = OutgoingEmail {
                from: Mailbox { name: from.display_name.clone(), address: from.address.clone() },
                reply_to: from.reply_to.clone().map(|address| Mailbox { name: from.display_name.clone(), address }),
                to: to.to_owned(),
                subject: rendered.subject.clone().unwrap_or_default(),
                html: rendered.html.clone(),
                text: rendered.text.clone(),
                message_id: message_id.to_owned(),
                headers: headers.to_vec(),
            };
            transport.send(&email).await
        }
        Channel::Sms => {
            let gateway = transports.sms.as_ref().ok_or_else(|| SendError::Temporary("no SMS gateway".into()))?;
            let sms = OutgoingSms {
                from: from.address.clone(),
                to: to.to_owned(),
                text: rendered.text.clone(),
                reference: message_id.to_owned(),
            };
            gateway.send(&sms).await.map(|_| ())
        }
    }
}

/// Everything a batch needs to send.
pub struct SendContext<'a> {
    pub scope: &'a TenantScope,
    pub platform: &'a Platform,
    pub settings: &'a CampaignSettings,
    pub transports: &'a Transports,
    pub throttle: &'a Throttle,
}

/// One message claimed for sending.
struct Claimed {
    contact_id: Uuid,
    to: String,
    rendered: Rendered,
    message_id: String,
    headers: Vec<(String, String)>,
    attempts: i32,
}

/// What became of one claimed message.
enum Outcome {
    Sent,
    Retry(String),
    Failed(String),
}

/// What a batch sends, read once when it starts.
struct Plan {
    campaign: campaign::Model,
    template: template::Model,
    /// An A/B test's variant B.
    variant_b: Option<template::Model>,
    from: sender::Model,
    /// Opens and clicks tracked (the tenant's switch, email only).
    tracking: bool,
    /// The quiet-hours rule, for marketing SMS.
    rule: Option<QuietRule>,
}

/// Sends what is due in one batch; returns when the batch has nothing due left (queuing
/// itself again for what waits: quiet hours, retries) or when its run is no longer sending.
pub async fn send_batch(cx: &SendContext<'_>, run_id: Uuid, batch: i32) -> CampaignsResult<()> {
    let Some(plan) = start_batch(cx, run_id, batch).await? else {
        return Ok(());
    };
    loop {
        match claim_chunk(cx, &plan, run_id, batch).await? {
            Some(claimed) => {
                let outcomes = send_all(cx, &plan, claimed).await;
                record(cx, &plan.campaign, run_id, outcomes).await?;
            }
            None => return Ok(()),
        }
    }
}

/// Whether the run still sends, with what it sends; and the rule's step 3: messages a dead
/// worker of this batch had in flight may have left, so they are never sent again.
async fn start_batch(cx: &SendContext<'_>, run_id: Uuid, batch: i32) -> CampaignsResult<Option<Plan>> {
    let txn = cx.scope.begin().await?;
    let now = txn.now();
    let Some(run) = txn.find::<campaign_run::Entity>().filter(campaign_run::Column::Id.eq(run_id)).one(&txn).await?
    else {
        txn.commit().await?;
        return Ok(None);
    };
    if run.status != RunStatus::Sending {
        txn.commit().await?;
        return Ok(None);
    }
    txn.update_many::<send_ledger::Entity>()
        .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Uncertain))
        .col_expr(send_ledger::Column::UpdatedAt, Expr::value(now))
        .filter(send_ledger::Column::RunId.eq(run_id))
        .filter(send_ledger::Column::Batch.eq(batch))
        .filter(send_ledger::Column::Status.eq(LedgerStatus::Sending))
        .exec(&txn)
        .await?;
    let campaign = txn
        .find::<campaign::Entity>()
        .filter(campaign::Column::Id.eq(run.campaign_id))
        .one(&txn)
        .await?
        .ok_or(CampaignsError::NotFound("campaign"))?;
    let template = templates::get_in(&txn, campaign.template_id).await?;
    let variant_b = match campaign.ab_template_id {
        Some(id) => Some(templates::get_in(&txn, id).await?),
        None => None,
    };
    let from = crate::service::senders::get_in(&txn, campaign.sender_id).await?;
    let tracking = campaign.channel == Channel::Email && tracking::enabled_in(&txn).await?;
    let rule = match (campaign.channel, campaign.marketing) {
        (Channel::Sms, true) => Some(runs::quiet_rule(&txn, now).await?),
        _ => None,
    };
    txn.commit().await?;
    Ok(Some(Plan { campaign, template, variant_b, from, tracking, rule }))
}

/// Claims the batch's next due messages (step 1 of the rule); `None` when none is due, after
/// queuing the batch again for its next waiting message or closing the run.
async fn claim_chunk(
    cx: &SendContext<'_>,
    plan: &Plan,
    run_id: Uuid,
    batch: i32,
) -> CampaignsResult<Option<Vec<Claimed>>> {
    let c = &plan.campaign;
    let txn = cx.scope.begin().await?;
    let now = txn.now();
    let run = txn.find::<campaign_run::Entity>().filter(campaign_run::Column::Id.eq(run_id)).one(&txn).await?;
    let Some(run) = run.filter(|run| run.status == RunStatus::Sending) else {
        txn.commit().await?;
        return Ok(None);
    };
    let queued = || {
        txn.find::<send_ledger::Entity>()
            .filter(send_ledger::Column::RunId.eq(run_id))
            .filter(send_ledger::Column::Batch.eq(batch))
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Queued))
    };
    let chunk = queued()
        .filter(send_ledger::Column::NotBefore.is_null().or(send_ledger::Column::NotBefore.lte(now)))
        .order_by_asc(send_ledger::Column::ContactId)
        .limit(cx.settings.concurrency.max(1) as u64)
        .all(&txn)
        .await?;
    if chunk.is_empty() {
        let next: Option<DateTime<Utc>> = queued()
            .select_only()
            .column_as(send_ledger::Column::NotBefore.min(), "next")
            .into_tuple::<Option<DateTime<Utc>>>()
            .one(&txn)
            .await?
            .flatten();
        match next {
            Some(next) => {
                txn.enqueue_at(&SendBatch { run_id, batch }, next).await?;
            }
            None => finish_run_if_done(&txn, &run, c).await?,
        }
        txn.commit().await?;
        return Ok(None);
    }
    let ids: Vec<Uuid> = chunk.iter().map(|row| row.contact_id).collect();
    let people: HashMap<Uuid, contact::Model> =
        contacts::find_many_in(&txn, &ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let custom = contacts::custom_values_of_contacts(&txn, &ids).await?;
    let hashes: Vec<String> = chunk.iter().filter_map(|row| row.recipient_hash.clone()).collect();
    let suppressed = suppressions::suppressed_among(&txn, c.channel, &hashes).await?;
    let rule = plan.rule.as_ref();

    let mut claimed = Vec::new();
    let mut excluded: Vec<(Uuid, Exclusion)> = Vec::new();
    let mut postponed: Vec<(Uuid, DateTime<Utc>)> = Vec::new();
    for row in &chunk {
        let person = people.get(&row.contact_id);
        let to = person.and_then(|p| recipients::address_of(p, c.channel));
        let (Some(person), Some(to)) = (person, to) else {
            excluded.push((row.contact_id, Exclusion::InvalidAddress));
            continue;
        };
        if c.marketing && !recipients::consented(person, c.channel) {
            excluded.push((row.contact_id, Exclusion::NoConsent));
            continue;
        }
        if suppressed.contains(&recipients::hash(c.channel, &to)) {
            excluded.push((row.contact_id, Exclusion::Suppressed));
            continue;
        }
        if let Some(release) = rule.and_then(|rule| runs::sms_release(rule, now, &to)) {
            postponed.push((row.contact_id, release));
            continue;
        }
        let message_id = message_id(txn.tenant_id(), run_id, row.contact_id, &cx.settings.message_id_domain);
        let link = unsubscribe::link(cx.settings, txn.tenant_id(), run_id, row.contact_id, c.channel);
        let values = merge::values_of(
            person,
            custom.get(&row.contact_id).map(Vec::as_slice).unwrap_or_default(),
            (c.channel == Channel::Email).then_some(link.as_str()),
        );
        let t = match (row.variant, &plan.variant_b) {
            (Some(Variant::B), Some(b)) => b,
            _ => &plan.template,
        };
        let rendered = match templates::render_parts(t, &values, c.marketing, cx.settings) {
            Ok(mut rendered) => {
                if plan.tracking
                    && let Some(html) = rendered.html.as_mut()
                {
                    *html = tracking::rewrite(html, cx.settings, txn.tenant_id(), run_id, row.contact_id, &link);
                }
                rendered
            }
            Err(err) => {
                // A template that renders for no one (fuel) fails its message, not the batch.
                fail_now(&txn, run_id, row.contact_id, &err.to_string()).await?;
                continue;
            }
        };
        let headers = match c.channel {
            Channel::Email => vec![
                ("List-Unsubscribe".to_owned(), format!("<{link}>")),
                ("List-Unsubscribe-Post".to_owned(), "List-Unsubscribe=One-Click".to_owned()),
                ("Feedback-ID".to_owned(), format!("{}:{}:crm360", c.id.simple(), txn.tenant_id().simple())),
            ],
            Channel::Sms => Vec::new(),
        };
        claimed.push(Claimed { contact_id: row.contact_id, to, rendered, message_id, headers, attempts: row.attempts });
    }
    for (contact_id, exclusion) in excluded {
        txn.update_many::<send_ledger::Entity>()
            .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Excluded))
            .col_expr(send_ledger::Column::Exclusion, Expr::value(exclusion))
            .col_expr(send_ledger::Column::UpdatedAt, Expr::value(now))
            .filter(send_ledger::Column::RunId.eq(run_id))
            .filter(send_ledger::Column::ContactId.eq(contact_id))
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Queued))
            .exec(&txn)
            .await?;
    }
    for (contact_id, release) in postponed {
        txn.update_many::<send_ledger::Entity>()
            .col_expr(send_ledger::Column::NotBefore, Expr::value(release))
            .col_expr(send_ledger::Column::UpdatedAt, Expr::value(now))
            .filter(send_ledger::Column::RunId.eq(run_id))
            .filter(send_ledger::Column::ContactId.eq(contact_id))
            .exec(&txn)
            .await?;
    }
    // The claim: only rows still QUEUED move to SENDING, and only those are sent.
    let ids: Vec<Uuid> = claimed.iter().map(|m| m.contact_id).collect();
    let moved: Vec<send_ledger::Model> = if ids.is_empty() {
        Vec::new()
    } else {
        txn.update_many::<send_ledger::Entity>()
            .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Sending))
            .col_expr(send_ledger::Column::Attempts, Expr::col(send_ledger::Column::Attempts).add(1))
            .col_expr(send_ledger::Column::UpdatedAt, Expr::value(now))
            .filter(send_ledger::Column::RunId.eq(run_id))
            .filter(send_ledger::Column::ContactId.is_in(ids))
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Queued))
            .exec_with_returning(&txn)
            .await?
    };
    let moved: std::collections::HashSet<Uuid> = moved.into_iter().map(|row| row.contact_id).collect();
    claimed.retain(|m| moved.contains(&m.contact_id));
    for m in &mut claimed {
        m.attempts += 1;
    }
    txn.commit().await?;
    Ok(Some(claimed))
}

async fn fail_now(txn: &TenantTxn, run_id: Uuid, contact_id: Uuid, error: &str) -> CampaignsResult<()> {
    txn.update_many::<send_ledger::Entity>()
        .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Failed))
        .col_expr(send_ledger::Column::Error, Expr::value(truncate(error)))
        .col_expr(send_ledger::Column::UpdatedAt, Expr::value(txn.now()))
        .filter(send_ledger::Column::RunId.eq(run_id))
        .filter(send_ledger::Column::ContactId.eq(contact_id))
        .exec(txn)
        .await?;
    Ok(())
}

fn truncate(error: &str) -> String {
    error.chars().take(300).collect()
}

async fn send_all(cx: &SendContext<'_>, plan: &Plan, claimed: Vec<Claimed>) -> Vec<(Claimed, Outcome)> {
    let (c, from) = (&plan.campaign, &plan.from);
    let (rate, transport_rate) = match c.channel {
        Channel::Email => (cx.settings.email_per_second, cx.settings.email_transport_per_second),
        Channel::Sms => (cx.settings.sms_per_second, cx.settings.sms_transport_per_second),
    };
    let tenant = cx.scope.tenant_id();
    let max_attempts = cx.settings.max_attempts;
    join_all(claimed.into_iter().map(|m| async move {
        cx.throttle.acquire(tenant, c.channel, rate).await;
        cx.throttle.acquire_transport(c.channel, transport_rate).await;
        let outcome = match deliver(cx.transports, from, &m.to, &m.rendered, &m.message_id, &m.headers).await {
            Ok(()) => Outcome::Sent,
            Err(SendError::Temporary(why)) if m.attempts < max_attempts => Outcome::Retry(why),
            Err(err) => Outcome::Failed(err.to_string()),
        };
        (m, outcome)
    }))
    .await
}

async fn record(
    cx: &SendContext<'_>,
    c: &campaign::Model,
    run_id: Uuid,
    outcomes: Vec<(Claimed, Outcome)>,
) -> CampaignsResult<()> {
    let txn = cx.scope.begin().await?;
    let now = txn.now();
    let sent: Vec<Uuid> =
        outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Sent)).map(|(m, _)| m.contact_id).collect();
    let still_sending = || {
        txn.update_many::<send_ledger::Entity>()
            .filter(send_ledger::Column::RunId.eq(run_id))
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Sending))
            .col_expr(send_ledger::Column::UpdatedAt, Expr::value(now))
    };
    // Each contact is sent once per run, so the smallest contact of a batch names it.
    let batch_key = sent.iter().min().map(|first| format!("send:{run_id}:{first}"));
    let mut recorded_sent = 0;
    if !sent.is_empty() {
        recorded_sent = still_sending()
            .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Sent))
            .col_expr(send_ledger::Column::SentAt, Expr::value(now))
            .filter(send_ledger::Column::ContactId.is_in(sent))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    for (m, outcome) in &outcomes {
        match outcome {
            Outcome::Sent => {}
            Outcome::Retry(why) => {
                let wait = Duration::minutes(5 * i64::from(m.attempts));
                still_sending()
                    .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Queued))
                    .col_expr(send_ledger::Column::NotBefore, Expr::value(now + wait))
                    .col_expr(send_ledger::Column::Error, Expr::value(truncate(why)))
                    .filter(send_ledger::Column::ContactId.eq(m.contact_id))
                    .exec(&txn)
                    .await?;
            }
            Outcome::Failed(why) => {
                still_sending()
                    .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Failed))
                    .col_expr(send_ledger::Column::Error, Expr::value(truncate(why)))
                    .filter(send_ledger::Column::ContactId.eq(m.contact_id))
                    .exec(&txn)
                    .await?;
            }
        }
    }
    if let (true, Some(key)) = (recorded_sent > 0, batch_key) {
        let kind = match c.channel {
            Channel::Email => UsageKind::EmailSent,
            Channel::Sms => UsageKind::SmsSent,
        };
        txn.meter(kind, recorded_sent as i64, key).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Closes a run whose every message has an outcome, and moves its campaign on.
pub async fn finish_run_if_done(
    txn: &TenantTxn,
    run: &campaign_run::Model,
    c: &campaign::Model,
) -> CampaignsResult<()> {
    let open: Option<Uuid> = txn
        .find::<send_ledger::Entity>()
        .select_only()
        .column(send_ledger::Column::ContactId)
        .filter(send_ledger::Column::RunId.eq(run.id))
        .filter(send_ledger::Column::Status.is_in([LedgerStatus::Queued, LedgerStatus::Sending]))
        .into_tuple()
        .one(txn)
        .await?;
    if open.is_some() {
        return Ok(());
    }
    let now = txn.now();
    let closed = txn
        .update_many::<campaign_run::Entity>()
        .col_expr(campaign_run::Column::Status, Expr::value(RunStatus::Finished))
        .col_expr(campaign_run::Column::FinishedAt, Expr::value(now))
        .col_expr(campaign_run::Column::UpdatedAt, Expr::value(now))
        .filter(campaign_run::Column::Id.eq(run.id))
        .filter(campaign_run::Column::Status.eq(RunStatus::Sending))
        .exec(txn)
        .await?;
    if closed.rows_affected == 0 {
        return Ok(());
    }
    let next = if c.next_run_at.is_some() { CampaignStatus::Scheduled } else { CampaignStatus::Sent };
    txn.update_many::<campaign::Entity>()
        .col_expr(campaign::Column::Status, Expr::value(next))
        .col_expr(campaign::Column::UpdatedAt, Expr::value(now))
        .filter(campaign::Column::Id.eq(c.id))
        .filter(campaign::Column::Status.eq(CampaignStatus::Sending))
        .exec(txn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_name_their_ledger_row() {
        let (t, r, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let id = message_id(t, r, c, "crm360.example");
        assert_eq!(parse_message_id(&format!("<{id}>")), Some((t, r, c)));
        assert_eq!(message_id(t, r, c, "crm360.example"), id);
        assert_eq!(parse_message_id("abc@example.com"), None);
    }

    #[test]
    fn the_footer_is_added_only_when_missing() {
        let mut text = "Bonjour".to_owned();
        let mut html = "<html><body><p>Bonjour</p></body></html>".to_owned();
        ensure_unsubscribe_link(&mut text, Some(&mut html), "https://x.fr/d/a&b", true);
        assert!(text.contains("https://x.fr/d/a&b"));
        assert!(html.contains("href=\"https://x.fr/d/a&amp;b\"") && html.ends_with("</body></html>"));
        let mut kept = "Lien : {{ unsubscribe_url }}".to_owned();
        ensure_unsubscribe_link(&mut kept, None, "https://x.fr", false);
        assert_eq!(kept, "Lien : {{ unsubscribe_url }}");
    }
}
