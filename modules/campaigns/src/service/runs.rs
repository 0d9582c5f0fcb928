//! Starting a run: the campaign's ledger is built from its segment as it is now, in one
//! transaction with the run, its send batches (durable jobs) and the campaign's next
//! occurrence. A crash while building rolls everything back, and the retried job starts
//! afresh; a second job for the same occurrence finds the run and does nothing (one run per
//! occurrence, a unique key).

use crate::error::{CampaignsError, CampaignsResult};
use crate::jobs::{DecideAbTest, SendBatch, StartRun};
use crate::model::{
    CampaignStatus, Channel, Exclusion, LedgerStatus, RunPlan, RunStatus, Variant, campaign, campaign_run,
    quiet_hours_rule, send_ledger,
};
use crate::service::recipients;
use crate::service::settings::CampaignSettings;
use crate::service::suppressions;
use chrono::{DateTime, Utc};
use crm360_contacts::service::segments::{self, SegmentMembers};
use crm360_delivery::quiet_hours::{QuietRule, Zone};
use crm360_delivery::schedule::Recurrence;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

/// Contacts read from the segment at a time while building a ledger.
const PAGE: u64 = 2_000;

/// The quiet-hours rule in force at `at` (the latest version effective by then).
pub async fn quiet_rule(txn: &TenantTxn, at: DateTime<Utc>) -> CampaignsResult<QuietRule> {
    // On the transaction's own connection (`SharedTable`): it may hold SQLite's write lock.
    let row = txn
        .find_shared::<quiet_hours_rule::Entity>()
        .filter(quiet_hours_rule::Column::EffectiveFrom.lte(at))
        .order_by_desc(quiet_hours_rule::Column::Version)
        .one(txn)
        .await?;
    match row {
        Some(row) => serde_json::from_value(row.rule)
            .map_err(|err| CampaignsError::Internal(format!("quiet-hours rule {} does not read: {err}", row.version))),
        None => Ok(QuietRule::default()),
    }
}

/// When a marketing SMS to `number` may leave, at or after `now`.
pub fn sms_release(rule: &QuietRule, now: DateTime<Utc>, number: &str) -> Option<DateTime<Utc>> {
    let at = rule.next_allowed(now, Zone::of_number(number));
    (at > now).then_some(at)
}

/// The run plan's next occurrence strictly after `after`, for a recurring campaign.
pub fn next_occurrence(c: &campaign::Model, after: DateTime<Utc>) -> CampaignsResult<Option<DateTime<Utc>>> {
    match (c.plan, c.cron.as_deref()) {
        (RunPlan::Recurring, Some(cron)) => {
            let recurrence = Recurrence::parse(cron, chrono_tz::Europe::Paris)
                .map_err(|e| CampaignsError::InvalidCron { message: e.to_string() })?;
            Ok(recurrence.next_after(after))
        }
        _ => Ok(None),
    }
}

/// The first batch number of the rows an A/B test holds back until its winner is known.
pub const HELD_FROM_BATCH: i32 = 1_000_000;

/// What a ledger build found.
#[derive(Debug, Default)]
struct Built {
    queued: usize,
    /// Rows held back for the winner of an A/B test.
    held: usize,
    /// The earliest time each batch to send now has something to send.
    batch_due: BTreeMap<i32, DateTime<Utc>>,
}

/// Of an A/B test's share, which side a contact is on; `None` when it waits for the winner.
/// Decided by the contact's id, so that a retried build decides the same.
pub fn ab_side(contact_id: Uuid, share_percent: i32) -> Option<Variant> {
    let bits = contact_id.as_u128();
    let (draw, side) = (bits % 100, (bits / 100) % 2);
    (draw < share_percent.clamp(0, 100) as u128).then_some(if side == 0 { Variant::A } else { Variant::B })
}

/// Runs the occurrence `due_at` of a campaign (the [`StartRun`] job).
pub async fn start(
    scope: &TenantScope,
    settings: &CampaignSettings,
    campaign_id: Uuid,
    due_at: DateTime<Utc>,
) -> CampaignsResult<Option<campaign_run::Model>> {
    let txn = scope.begin().await?;
    let now = txn.now();
    let Some(c) = txn.find::<campaign::Entity>().filter(campaign::Column::Id.eq(campaign_id)).one(&txn).await? else {
        return Ok(None);
    };
    // Paused, cancelled or rescheduled since this job was queued: resume queues it again.
    // Compared to the microsecond: PostgreSQL keeps microseconds, the job's JSON nanoseconds.
    let planned = c.next_run_at.map(|at| at.timestamp_micros()) == Some(due_at.timestamp_micros());
    if !matches!(c.status, CampaignStatus::Scheduled | CampaignStatus::Sending) || !planned {
        txn.commit().await?;
        return Ok(None);
    }
    let existing = txn
        .find::<campaign_run::Entity>()
        .filter(campaign_run::Column::CampaignId.eq(campaign_id))
        .filter(campaign_run::Column::DueAt.eq(due_at))
        .one(&txn)
        .await?;
    if existing.is_some() {
        txn.commit().await?;
        return Ok(existing);
    }
    let run_id = Uuid::now_v7();
    let run = txn
        .insert(campaign_run::ActiveModel {
            id: Set(run_id),
            campaign_id: Set(campaign_id),
            number: Set(c.runs_started + 1),
            status: Set(RunStatus::Preparing),
            due_at: Set(due_at),
            started_at: Set(Some(now)),
            finished_at: Set(None),
            batches: Set(0),
            ..Default::default()
        })
        .await?;
    let built = build_ledger(&txn, settings, &c, run_id, now).await?;
    let batches = built.batch_due.len() as i32;
    for (batch, at) in &built.batch_due {
        txn.enqueue_at(&SendBatch { run_id, batch: *batch }, (*at).max(now)).await?;
    }
    let held_from_batch = (built.held > 0).then_some(HELD_FROM_BATCH);
    if held_from_batch.is_some() {
        let wait = chrono::Duration::minutes(i64::from(c.ab_decide_after_minutes.unwrap_or(60).max(0)));
        txn.enqueue_at(&DecideAbTest { run_id }, now + wait).await?;
    }
    let next = next_occurrence(&c, now.max(due_at))?;
    if let Some(next) = next {
        txn.enqueue_at(&StartRun { campaign_id, due_at: next }, next).await?;
    }
    let finished = built.queued + built.held == 0;
    let run = txn
        .update(campaign_run::ActiveModel {
            tenant_id: Set(run.tenant_id),
            id: Set(run_id),
            status: Set(if finished { RunStatus::Finished } else { RunStatus::Sending }),
            batches: Set(batches),
            held_from_batch: Set(held_from_batch),
            finished_at: Set(finished.then_some(now)),
            ..Default::default()
        })
        .await?;
    let status = match (finished, next) {
        (false, _) => CampaignStatus::Sending,
        (true, Some(_)) => CampaignStatus::Scheduled,
        (true, None) => CampaignStatus::Sent,
    };
    txn.update(campaign::ActiveModel {
        tenant_id: Set(c.tenant_id),
        id: Set(c.id),
        status: Set(status),
        runs_started: Set(c.runs_started + 1),
        next_run_at: Set(next),
        // Each run decides its own test.
        ab_winner: Set(None),
        ..Default::default()
    })
    .await?;
    txn.audit(AuditChange::new("campaign.run_start", "campaign", c.id).after(serde_json::json!({
        "run": run_id, "number": run.number, "queued": built.queued,
    })))
    .await?;
    txn.commit().await?;
    Ok(Some(run))
}

/// Writes one ledger row per contact of the segment: queued, or excluded with its reason.
async fn build_ledger(
    txn: &TenantTxn,
    settings: &CampaignSettings,
    c: &campaign::Model,
    run_id: Uuid,
    now: DateTime<Utc>,
) -> CampaignsResult<Built> {
    let segment = segments::get_in(txn, c.segment_id).await?;
    let definition = segments::definition_of(&segment)?;
    let mut members = SegmentMembers::of(txn, &definition).await?;
    let rule = match (c.channel, c.marketing) {
        (Channel::Sms, true) => Some(quiet_rule(txn, now).await?),
        _ => None,
    };
    // Hashes already queued in this run, as 128-bit prefixes: one message per address.
    let mut seen: HashSet<u128> = HashSet::new();
    let mut built = Built::default();
    let batch_size = settings.batch_size.max(1);
    loop {
        let page = members.next_page(txn, PAGE).await?;
        if page.is_empty() {
            break;
        }
        let addresses: Vec<Option<String>> =
            page.iter().map(|contact| recipients::address_of(contact, c.channel)).collect();
        let hashes: Vec<Option<String>> =
            addresses.iter().map(|a| a.as_deref().map(|a| recipients::hash(c.channel, a))).collect();
        let candidates: Vec<String> = hashes.iter().flatten().cloned().collect();
        let suppressed = suppressions::suppressed_among(txn, c.channel, &candidates).await?;
        let mut rows = Vec::with_capacity(page.len());
        for ((contact, address), hash) in page.iter().zip(&addresses).zip(hashes) {
            let exclusion = match (&address, &hash) {
                (None, _) | (_, None) => Some(Exclusion::InvalidAddress),
                _ if c.marketing && !recipients::consented(contact, c.channel) => Some(Exclusion::NoConsent),
                (_, Some(h)) if suppressed.contains(h) => Some(Exclusion::Suppressed),
                (_, Some(h)) if !seen.insert(prefix(h)) => Some(Exclusion::Duplicate),
                _ => None,
            };
            let side = c.ab_template_id.and(c.ab_share_percent).map(|share| ab_side(contact.id, share));
            let (status, batch, not_before, variant) = match exclusion {
                Some(_) => (LedgerStatus::Excluded, -1, None, None),
                // Held back for the winner: its batch is queued when the test is decided.
                None if side == Some(None) => {
                    let batch = HELD_FROM_BATCH + (built.held / batch_size) as i32;
                    built.held += 1;
                    (LedgerStatus::Queued, batch, None, None)
                }
                None => {
                    let batch = (built.queued / batch_size) as i32;
                    built.queued += 1;
                    let not_before = match (&rule, address) {
                        (Some(rule), Some(number)) => sms_release(rule, now, number),
                        _ => None,
                    };
                    let due = not_before.unwrap_or(now);
                    built.batch_due.entry(batch).and_modify(|at| *at = (*at).min(due)).or_insert(due);
                    (LedgerStatus::Queued, batch, not_before, side.flatten())
                }
            };
            rows.push(send_ledger::ActiveModel {
                tenant_id: Default::default(),
                run_id: Set(run_id),
                contact_id: Set(contact.id),
                campaign_id: Set(c.id),
                batch: Set(batch),
                status: Set(status),
                exclusion: Set(exclusion),
                recipient_hash: Set(hash),
                attempts: Set(0),
                not_before: Set(not_before),
                variant: Set(variant),
                error: Set(None),
                sent_at: Set(None),
                unsubscribed_at: Set(None),
                opened_at: Set(None),
                clicked_at: Set(None),
                updated_at: Set(now),
            });
        }
        txn.insert_rows(rows).await?;
    }
    Ok(built)
}

fn prefix(hex: &str) -> u128 {
    u128::from_str_radix(&hex[..32.min(hex.len())], 16).unwrap_or_default()
}
