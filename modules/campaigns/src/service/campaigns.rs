//! Campaigns: written as drafts, launched on their run plan (now, at a time, or recurring),
//! paused, resumed and cancelled. Each run's ledger is built when the run starts
//! (`service::runs`) and sent batch by batch (`service::sending`).

use crate::error::{CampaignsError, CampaignsResult};
use crate::jobs::{SendBatch, StartRun};
use crate::model::{
    AbWinnerBy, CampaignStatus, Channel, LedgerStatus, RunPlan, RunStatus, campaign, campaign_run, send_ledger,
};
use crate::service::{ab_tests, runs, senders, templates, tracking};
use chrono::{DateTime, SubsecRound, Utc};
use crm360_contacts::service::segments;
use crm360_delivery::schedule::Recurrence;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::error::UniqueKey;
use crm360_kernel::pagination::Page;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

const NAME_MAX: usize = 200;
const CAMPAIGN_NAME: UniqueKey =
    UniqueKey { name: "campaign_name", table: "campaign", columns: &["tenant_id", "name"] };

/// A campaign as written.
#[derive(Clone, Debug)]
pub struct CampaignDraft {
    pub name: String,
    pub channel: Channel,
    pub segment_id: Uuid,
    pub template_id: Uuid,
    pub sender_id: Uuid,
    pub marketing: bool,
    pub plan: RunPlan,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub cron: Option<String>,
    pub ab_test: Option<AbTestDraft>,
}

/// An A/B test of a campaign: `template_id` (variant B) against the campaign's template
/// (variant A), on `share_percent` % of the segment, the winner sent to the rest
/// `decide_after_minutes` later.
#[derive(Clone, Debug)]
pub struct AbTestDraft {
    pub template_id: Uuid,
    pub share_percent: i32,
    pub winner_by: AbWinnerBy,
    pub decide_after_minutes: i32,
}

/// The test's share of the segment: enough on each side to compare, some left for the winner.
const AB_SHARE: std::ops::RangeInclusive<i32> = 2..=90;
/// At most a week between the test and the rest.
const AB_DELAY_MINUTES: std::ops::RangeInclusive<i32> = 1..=7 * 24 * 60;

fn snapshot(c: &campaign::Model) -> serde_json::Value {
    serde_json::json!({
        "name": c.name, "channel": c.channel, "status": c.status, "segment": c.segment_id,
        "template": c.template_id, "sender": c.sender_id, "marketing": c.marketing, "plan": c.plan,
        "scheduledAt": c.scheduled_at, "cron": c.cron, "abTemplate": c.ab_template_id,
        "abSharePercent": c.ab_share_percent, "abWinnerBy": c.ab_winner_by,
        "abDecideAfterMinutes": c.ab_decide_after_minutes,
    })
}

/// Checks a draft against the tenant's segments, templates and allowed senders.
async fn validate_in(txn: &TenantTxn, mut draft: CampaignDraft) -> CampaignsResult<CampaignDraft> {
    draft.name = draft.name.trim().to_owned();
    if draft.name.is_empty() {
        return Err(CampaignsError::Required { field: "name" });
    }
    if draft.name.chars().count() > NAME_MAX {
        return Err(CampaignsError::TooLong { field: "name", max: NAME_MAX });
    }
    segments::get_in(txn, draft.segment_id).await.map_err(|_| CampaignsError::NotFound("segment"))?;
    let t = templates::get_in(txn, draft.template_id).await?;
    if t.channel != draft.channel {
        return Err(CampaignsError::ChannelMismatch {
            field: "templateId",
            what: "template",
            expected: format!("{:?}", draft.channel),
            found: format!("{:?}", t.channel),
        });
    }
    let sender = senders::get_in(txn, draft.sender_id).await?;
    if sender.channel != draft.channel {
        return Err(CampaignsError::SenderNotAllowed);
    }
    if let Some(ab) = &draft.ab_test {
        let b = templates::get_in(txn, ab.template_id).await?;
        if b.channel != draft.channel {
            return Err(CampaignsError::ChannelMismatch {
                field: "abTest.templateId",
                what: "template",
                expected: format!("{:?}", draft.channel),
                found: format!("{:?}", b.channel),
            });
        }
        if b.id == t.id {
            return Err(CampaignsError::AbTest {
                field: "abTest.templateId",
                message: "variant B must be another template",
            });
        }
        if !AB_SHARE.contains(&ab.share_percent) {
            return Err(CampaignsError::AbTest {
                field: "abTest.sharePercent",
                message: "the test's share is between 2 and 90 %",
            });
        }
        if !AB_DELAY_MINUTES.contains(&ab.decide_after_minutes) {
            return Err(CampaignsError::AbTest {
                field: "abTest.decideAfterMinutes",
                message: "the winner is decided between 1 minute and 7 days after the test",
            });
        }
        let measured = matches!(ab.winner_by, AbWinnerBy::Opens | AbWinnerBy::Clicks);
        if measured && (draft.channel != Channel::Email || !tracking::enabled_in(txn).await?) {
            return Err(CampaignsError::AbTest {
                field: "abTest.winnerBy",
                message: "a winner by opens or clicks needs email and the tenant's tracking on; choose it yourself instead",
            });
        }
    }
    match draft.plan {
        RunPlan::Now => {
            draft.scheduled_at = None;
            draft.cron = None;
        }
        RunPlan::At => {
            let at = draft.scheduled_at.ok_or(CampaignsError::Required { field: "scheduledAt" })?;
            if at <= txn.now() {
                return Err(CampaignsError::InThePast { field: "scheduledAt" });
            }
            draft.cron = None;
        }
        RunPlan::Recurring => {
            let cron = draft.cron.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let cron = cron.ok_or(CampaignsError::Required { field: "cron" })?.to_owned();
            Recurrence::parse(&cron, chrono_tz::Europe::Paris)
                .map_err(|e| CampaignsError::InvalidCron { message: e.to_string() })?;
            draft.cron = Some(cron);
            draft.scheduled_at = None;
        }
    }
    Ok(draft)
}

fn name_taken(err: sea_orm::DbErr) -> CampaignsError {
    if CAMPAIGN_NAME.violated_by(&err) { CampaignsError::NameTaken { field: "name" } } else { err.into() }
}

pub async fn create(scope: &TenantScope, draft: CampaignDraft) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let draft = validate_in(&txn, draft).await?;
    let row = campaign::ActiveModel {
        name: Set(draft.name),
        channel: Set(draft.channel),
        status: Set(CampaignStatus::Draft),
        segment_id: Set(draft.segment_id),
        template_id: Set(draft.template_id),
        sender_id: Set(draft.sender_id),
        marketing: Set(draft.marketing),
        plan: Set(draft.plan),
        scheduled_at: Set(draft.scheduled_at),
        cron: Set(draft.cron),
        next_run_at: Set(None),
        runs_started: Set(0),
        ab_winner: Set(None),
        ..ab_columns(draft.ab_test.as_ref())
    };
    let saved = txn.insert(row).await.map_err(name_taken)?;
    txn.audit(AuditChange::new("campaign.create", "campaign", saved.id).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Changes a draft (a launched campaign is cancelled and copied instead).
pub async fn update(scope: &TenantScope, id: Uuid, draft: CampaignDraft) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    if before.status != CampaignStatus::Draft {
        return Err(invalid_state("edit", before.status));
    }
    let draft = validate_in(&txn, draft).await?;
    let saved = txn
        .update(campaign::ActiveModel {
            tenant_id: Set(before.tenant_id),
            id: Set(id),
            name: Set(draft.name),
            channel: Set(draft.channel),
            segment_id: Set(draft.segment_id),
            template_id: Set(draft.template_id),
            sender_id: Set(draft.sender_id),
            marketing: Set(draft.marketing),
            plan: Set(draft.plan),
            scheduled_at: Set(draft.scheduled_at),
            cron: Set(draft.cron),
            ..ab_columns(draft.ab_test.as_ref())
        })
        .await
        .map_err(name_taken)?;
    txn.audit(AuditChange::new("campaign.update", "campaign", id).before(snapshot(&before)).after(snapshot(&saved)))
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The A/B columns of a draft (all none without a test).
fn ab_columns(ab: Option<&AbTestDraft>) -> campaign::ActiveModel {
    campaign::ActiveModel {
        ab_template_id: Set(ab.map(|t| t.template_id)),
        ab_share_percent: Set(ab.map(|t| t.share_percent)),
        ab_winner_by: Set(ab.map(|t| t.winner_by)),
        ab_decide_after_minutes: Set(ab.map(|t| t.decide_after_minutes)),
        ..Default::default()
    }
}

/// The draft a stored campaign was saved from.
fn draft_of(c: &campaign::Model) -> CampaignDraft {
    let ab_test = match (c.ab_template_id, c.ab_share_percent, c.ab_winner_by, c.ab_decide_after_minutes) {
        (Some(template_id), Some(share_percent), Some(winner_by), Some(decide_after_minutes)) => {
            Some(AbTestDraft { template_id, share_percent, winner_by, decide_after_minutes })
        }
        _ => None,
    };
    CampaignDraft {
        name: c.name.clone(),
        channel: c.channel,
        segment_id: c.segment_id,
        template_id: c.template_id,
        sender_id: c.sender_id,
        marketing: c.marketing,
        plan: c.plan,
        scheduled_at: c.scheduled_at,
        cron: c.cron.clone(),
        ab_test,
    }
}

fn invalid_state(action: &'static str, status: CampaignStatus) -> CampaignsError {
    CampaignsError::InvalidState { action, status: format!("{status:?}").to_uppercase() }
}

async fn set_status(
    txn: &TenantTxn,
    c: &campaign::Model,
    status: CampaignStatus,
    next: Option<DateTime<Utc>>,
) -> CampaignsResult<campaign::Model> {
    Ok(txn
        .update(campaign::ActiveModel {
            tenant_id: Set(c.tenant_id),
            id: Set(c.id),
            status: Set(status),
            next_run_at: Set(next),
            ..Default::default()
        })
        .await?)
}

/// Launches a draft on its plan: the first run is queued for its time.
pub async fn launch(scope: &TenantScope, id: Uuid) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let c = get_in(&txn, id).await?;
    if c.status != CampaignStatus::Draft {
        return Err(invalid_state("launch", c.status));
    }
    let draft = validate_in(&txn, draft_of(&c)).await?;
    let segment = segments::get_in(&txn, draft.segment_id).await?;
    let definition = segments::definition_of(&segment)?;
    let mut members = segments::SegmentMembers::of(&txn, &definition).await?;
    if members.next_page(&txn, 1).await?.is_empty() {
        return Err(CampaignsError::EmptySegment);
    }
    // Whole seconds: the due time is stored and carried by the job's payload alike.
    let now = txn.now().trunc_subsecs(0);
    let due = match c.plan {
        RunPlan::Now => now,
        RunPlan::At => c.scheduled_at.ok_or(CampaignsError::Required { field: "scheduledAt" })?,
        RunPlan::Recurring => runs::next_occurrence(&c, now)?
            .ok_or(CampaignsError::InvalidCron { message: "the plan never runs".into() })?,
    };
    let saved = set_status(&txn, &c, CampaignStatus::Scheduled, Some(due)).await?;
    txn.enqueue_at(&StartRun { campaign_id: id, due_at: due }, due).await?;
    txn.audit(AuditChange::new("campaign.launch", "campaign", id).before(snapshot(&c)).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Suspends sending: batches stop after their current messages; a planned run waits.
pub async fn pause(scope: &TenantScope, id: Uuid) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let c = get_in(&txn, id).await?;
    if !matches!(c.status, CampaignStatus::Scheduled | CampaignStatus::Sending) {
        return Err(invalid_state("pause", c.status));
    }
    runs_in(&txn, id, RunStatus::Sending, RunStatus::Paused).await?;
    let saved = set_status(&txn, &c, CampaignStatus::Paused, c.next_run_at).await?;
    txn.audit(AuditChange::new("campaign.pause", "campaign", id).before(snapshot(&c)).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn runs_in(txn: &TenantTxn, campaign_id: Uuid, from: RunStatus, to: RunStatus) -> CampaignsResult<Vec<Uuid>> {
    let ids: Vec<Uuid> = txn
        .find::<campaign_run::Entity>()
        .select_only()
        .column(campaign_run::Column::Id)
        .filter(campaign_run::Column::CampaignId.eq(campaign_id))
        .filter(campaign_run::Column::Status.eq(from))
        .into_tuple()
        .all(txn)
        .await?;
    if !ids.is_empty() {
        txn.update_many::<campaign_run::Entity>()
            .col_expr(campaign_run::Column::Status, Expr::value(to))
            .col_expr(campaign_run::Column::UpdatedAt, Expr::value(txn.now()))
            .filter(campaign_run::Column::Id.is_in(ids.clone()))
            .exec(txn)
            .await?;
    }
    Ok(ids)
}

/// Resumes a paused campaign where it stopped.
pub async fn resume(scope: &TenantScope, id: Uuid) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let c = get_in(&txn, id).await?;
    if c.status != CampaignStatus::Paused {
        return Err(invalid_state("resume", c.status));
    }
    let now = txn.now().trunc_subsecs(0);
    let resumed = runs_in(&txn, id, RunStatus::Paused, RunStatus::Sending).await?;
    for run_id in &resumed {
        let run = txn
            .find::<campaign_run::Entity>()
            .filter(campaign_run::Column::Id.eq(*run_id))
            .one(&txn)
            .await?
            .ok_or(CampaignsError::NotFound("run"))?;
        let batches: Vec<i32> = txn
            .find::<send_ledger::Entity>()
            .select_only()
            .column(send_ledger::Column::Batch)
            .distinct()
            .filter(send_ledger::Column::RunId.eq(*run_id))
            .filter(send_ledger::Column::Status.is_in([LedgerStatus::Queued, LedgerStatus::Sending]))
            .into_tuple()
            .all(&txn)
            .await?;
        // An undecided A/B test keeps the rest back: its decision queues them.
        for batch in batches.into_iter().filter(|b| !ab_tests::is_held(&run, &c, *b)) {
            txn.enqueue(&SendBatch { run_id: *run_id, batch }).await?;
        }
    }
    // A run whose time came while paused starts now; a later one keeps its time.
    let next = c.next_run_at.map(|at| at.max(now));
    if let Some(next) = next {
        txn.enqueue_at(&StartRun { campaign_id: id, due_at: next }, next).await?;
    }
    let status = if resumed.is_empty() { CampaignStatus::Scheduled } else { CampaignStatus::Sending };
    let status = if resumed.is_empty() && next.is_none() { CampaignStatus::Sent } else { status };
    let saved = set_status(&txn, &c, status, next).await?;
    txn.audit(AuditChange::new("campaign.resume", "campaign", id).before(snapshot(&c)).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Stops a campaign for good: what was not sent never will be.
pub async fn cancel(scope: &TenantScope, id: Uuid) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let c = get_in(&txn, id).await?;
    if matches!(c.status, CampaignStatus::Cancelled | CampaignStatus::Sent) {
        return Err(invalid_state("cancel", c.status));
    }
    let now = txn.now();
    let mut open = runs_in(&txn, id, RunStatus::Sending, RunStatus::Cancelled).await?;
    open.extend(runs_in(&txn, id, RunStatus::Paused, RunStatus::Cancelled).await?);
    if !open.is_empty() {
        txn.update_many::<send_ledger::Entity>()
            .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Cancelled))
            .col_expr(send_ledger::Column::UpdatedAt, Expr::value(now))
            .filter(send_ledger::Column::RunId.is_in(open))
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Queued))
            .exec(&txn)
            .await?;
    }
    let saved = set_status(&txn, &c, CampaignStatus::Cancelled, None).await?;
    txn.audit(AuditChange::new("campaign.cancel", "campaign", id).before(snapshot(&c)).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> CampaignsResult<campaign::Model> {
    txn.find::<campaign::Entity>()
        .filter(campaign::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(CampaignsError::NotFound("campaign"))
}

pub async fn find(scope: &TenantScope, id: Uuid) -> CampaignsResult<Option<campaign::Model>> {
    let txn = scope.begin().await?;
    let found = txn.find::<campaign::Entity>().filter(campaign::Column::Id.eq(id)).one(&txn).await?;
    txn.commit().await?;
    Ok(found)
}

/// A page of campaigns, newest first.
pub async fn list(scope: &TenantScope, page: &Page) -> CampaignsResult<Vec<campaign::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<campaign::Entity>(), campaign::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// A campaign's runs, newest first.
pub async fn runs_of(scope: &TenantScope, campaign_id: Uuid) -> CampaignsResult<Vec<campaign_run::Model>> {
    let txn = scope.begin().await?;
    let rows = txn
        .find::<campaign_run::Entity>()
        .filter(campaign_run::Column::CampaignId.eq(campaign_id))
        .order_by_desc(campaign_run::Column::Number)
        .limit(100)
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(rows)
}

pub async fn template_in_use(txn: &TenantTxn, template_id: Uuid) -> CampaignsResult<bool> {
    Ok(txn.find::<campaign::Entity>().filter(campaign::Column::TemplateId.eq(template_id)).count(txn).await? > 0)
}

pub async fn sender_in_use(txn: &TenantTxn, sender_id: Uuid) -> CampaignsResult<bool> {
    Ok(txn.find::<campaign::Entity>().filter(campaign::Column::SenderId.eq(sender_id)).count(txn).await? > 0)
}
