//! A/B tests: a run of a campaign with a variant template sends variant A (the campaign's
//! template) and variant B to `ab_share_percent` % of the segment, half each, and holds the
//! rest back (`campaign_run.held_from_batch`). After `ab_decide_after_minutes` the winner is
//! the variant with the higher share of opens or clicks (A on a tie), or the one a person
//! chose; the held messages then go out with it.

use crate::error::{CampaignsError, CampaignsResult};
use crate::jobs::SendBatch;
use crate::model::{AbWinnerBy, CampaignStatus, LedgerStatus, RunStatus, Variant, campaign, campaign_run, send_ledger};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// The figures of one side of a test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SideFigures {
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
}

/// The figures of a run's side in the test (not the rest, sent the winner afterwards).
pub async fn side_figures(txn: &TenantTxn, run_id: Uuid, variant: Variant) -> CampaignsResult<SideFigures> {
    let side = || {
        txn.find::<send_ledger::Entity>()
            .filter(send_ledger::Column::RunId.eq(run_id))
            .filter(send_ledger::Column::Batch.lt(crate::service::runs::HELD_FROM_BATCH))
            .filter(send_ledger::Column::Variant.eq(variant))
            .filter(send_ledger::Column::Status.is_in([LedgerStatus::Sent, LedgerStatus::Bounced]))
    };
    Ok(SideFigures {
        sent: side().count(txn).await?,
        opened: side().filter(send_ledger::Column::OpenedAt.is_not_null()).count(txn).await?,
        clicked: side().filter(send_ledger::Column::ClickedAt.is_not_null()).count(txn).await?,
    })
}

/// The better side by `by` (A on a tie, and when nothing was sent).
pub fn better(by: AbWinnerBy, a: &SideFigures, b: &SideFigures) -> Variant {
    let rate = |hits: u64, sent: u64| if sent == 0 { 0.0 } else { hits as f64 / sent as f64 };
    let (ra, rb) = match by {
        AbWinnerBy::Clicks => (rate(a.clicked, a.sent), rate(b.clicked, b.sent)),
        AbWinnerBy::Opens | AbWinnerBy::Chosen => (rate(a.opened, a.sent), rate(b.opened, b.sent)),
    };
    if rb > ra { Variant::B } else { Variant::A }
}

async fn latest_held_run(txn: &TenantTxn, campaign_id: Uuid) -> CampaignsResult<Option<campaign_run::Model>> {
    Ok(txn
        .find::<campaign_run::Entity>()
        .filter(campaign_run::Column::CampaignId.eq(campaign_id))
        .filter(campaign_run::Column::HeldFromBatch.is_not_null())
        .order_by_desc(campaign_run::Column::Number)
        .one(txn)
        .await?)
}

/// Sends the held messages of `run` with `winner` (once: later calls change nothing).
async fn release(
    txn: &TenantTxn,
    c: &campaign::Model,
    run: &campaign_run::Model,
    winner: Variant,
) -> CampaignsResult<bool> {
    let Some(held_from) = run.held_from_batch else {
        return Ok(false);
    };
    let held = || {
        txn.update_many::<send_ledger::Entity>()
            .filter(send_ledger::Column::RunId.eq(run.id))
            .filter(send_ledger::Column::Batch.gte(held_from))
            .filter(send_ledger::Column::Variant.is_null())
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Queued))
    };
    let moved = held().col_expr(send_ledger::Column::Variant, Expr::value(winner)).exec(txn).await?;
    if moved.rows_affected == 0 {
        return Ok(false);
    }
    txn.update_many::<campaign::Entity>()
        .col_expr(campaign::Column::AbWinner, Expr::value(winner))
        .filter(campaign::Column::Id.eq(c.id))
        .exec(txn)
        .await?;
    if run.status == RunStatus::Sending {
        let batches: Vec<i32> = txn
            .find::<send_ledger::Entity>()
            .select_only()
            .column(send_ledger::Column::Batch)
            .distinct()
            .filter(send_ledger::Column::RunId.eq(run.id))
            .filter(send_ledger::Column::Batch.gte(held_from))
            .filter(send_ledger::Column::Status.eq(LedgerStatus::Queued))
            .into_tuple()
            .all(txn)
            .await?;
        for batch in batches {
            txn.enqueue(&SendBatch { run_id: run.id, batch }).await?;
        }
    }
    txn.audit(AuditChange::new("campaign.ab_winner", "campaign", c.id).after(serde_json::json!({
        "run": run.id, "winner": winner,
    })))
    .await?;
    Ok(true)
}

/// The test's time has come (the `DecideAbTest` job): by opens or clicks, the winner is
/// computed and sent; a chosen winner waits for the person's choice.
pub async fn decide(scope: &TenantScope, run_id: Uuid) -> CampaignsResult<()> {
    let txn = scope.begin().await?;
    let Some(run) = txn.find::<campaign_run::Entity>().filter(campaign_run::Column::Id.eq(run_id)).one(&txn).await?
    else {
        return Ok(());
    };
    let c = txn
        .find::<campaign::Entity>()
        .filter(campaign::Column::Id.eq(run.campaign_id))
        .one(&txn)
        .await?
        .ok_or(CampaignsError::NotFound("campaign"))?;
    let by = c.ab_winner_by.unwrap_or(AbWinnerBy::Opens);
    if by != AbWinnerBy::Chosen {
        let a = side_figures(&txn, run_id, Variant::A).await?;
        let b = side_figures(&txn, run_id, Variant::B).await?;
        release(&txn, &c, &run, better(by, &a, &b)).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A person chooses the winner of the campaign's latest test (any time before it is decided).
pub async fn choose(scope: &TenantScope, campaign_id: Uuid, winner: Variant) -> CampaignsResult<campaign::Model> {
    let txn = scope.begin().await?;
    let c = crate::service::campaigns::get_in(&txn, campaign_id).await?;
    if matches!(c.status, CampaignStatus::Cancelled | CampaignStatus::Draft) {
        return Err(CampaignsError::InvalidState {
            action: "choose the winner of",
            status: format!("{:?}", c.status).to_uppercase(),
        });
    }
    let run = latest_held_run(&txn, campaign_id).await?.ok_or(CampaignsError::NotFound("A/B test"))?;
    if !release(&txn, &c, &run, winner).await? {
        return Err(CampaignsError::InvalidState { action: "choose the winner of", status: "DECIDED".to_owned() });
    }
    txn.commit().await?;
    crate::service::campaigns::find(scope, campaign_id).await?.ok_or(CampaignsError::NotFound("campaign"))
}

/// Whether a batch of `run` waits for its test's winner (resume must not send it).
pub fn is_held(run: &campaign_run::Model, c: &campaign::Model, batch: i32) -> bool {
    run.held_from_batch.is_some_and(|from| batch >= from) && c.ab_winner.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_better_side_wins_and_a_wins_ties() {
        let a = SideFigures { sent: 100, opened: 20, clicked: 5 };
        let b = SideFigures { sent: 50, opened: 15, clicked: 1 };
        assert_eq!(better(AbWinnerBy::Opens, &a, &b), Variant::B);
        assert_eq!(better(AbWinnerBy::Clicks, &a, &b), Variant::A);
        assert_eq!(better(AbWinnerBy::Opens, &SideFigures::default(), &SideFigures::default()), Variant::A);
    }
}
