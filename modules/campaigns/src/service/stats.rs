//! The figures of a run or a campaign, counted from the ledger.

use crate::error::CampaignsResult;
use crate::model::{Exclusion, LedgerStatus, campaign_run, send_ledger};
use crm360_kernel::TenantTxn;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

/// What became of a run's (or a campaign's) messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendStats {
    /// Contacts of the segment when the run started.
    pub targeted: i64,
    pub queued: i64,
    /// Queued SMS waiting for the end of the quiet hours.
    pub waiting_quiet_hours: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub bounced: i64,
    pub uncertain: i64,
    pub cancelled: i64,
    pub excluded_no_consent: i64,
    pub excluded_suppressed: i64,
    pub excluded_invalid_address: i64,
    pub excluded_duplicate: i64,
    pub unsubscribed: i64,
    pub opened: i64,
    pub clicked: i64,
}

/// The figures of some runs (one, or every run of a campaign) in two grouped queries.
pub async fn of_runs(txn: &TenantTxn, run_ids: &[Uuid]) -> CampaignsResult<SendStats> {
    let mut stats = SendStats::default();
    if run_ids.is_empty() {
        return Ok(stats);
    }
    let now = txn.now();
    let rows: Vec<(LedgerStatus, Option<Exclusion>, i64)> = txn
        .find::<send_ledger::Entity>()
        .select_only()
        .column(send_ledger::Column::Status)
        .column(send_ledger::Column::Exclusion)
        .column_as(Expr::col(send_ledger::Column::ContactId).count(), "n")
        .filter(send_ledger::Column::RunId.is_in(run_ids.iter().copied()))
        .group_by(send_ledger::Column::Status)
        .group_by(send_ledger::Column::Exclusion)
        .into_tuple()
        .all(txn)
        .await?;
    let count_where = |condition: sea_orm::Condition| {
        txn.find::<send_ledger::Entity>()
            .select_only()
            .column_as(Expr::col(send_ledger::Column::ContactId).count(), "n")
            .filter(send_ledger::Column::RunId.is_in(run_ids.iter().copied()))
            .filter(condition)
            .into_tuple::<i64>()
            .one(txn)
    };
    stats.waiting_quiet_hours = count_where(
        sea_orm::Condition::all()
            .add(send_ledger::Column::Status.eq(LedgerStatus::Queued))
            .add(send_ledger::Column::NotBefore.gt(now)),
    )
    .await?
    .unwrap_or(0);
    let not_null = |column: send_ledger::Column| sea_orm::Condition::all().add(column.is_not_null());
    stats.unsubscribed = count_where(not_null(send_ledger::Column::UnsubscribedAt)).await?.unwrap_or(0);
    stats.opened = count_where(not_null(send_ledger::Column::OpenedAt)).await?.unwrap_or(0);
    stats.clicked = count_where(not_null(send_ledger::Column::ClickedAt)).await?.unwrap_or(0);
    for (status, exclusion, n) in rows {
        stats.targeted += n;
        match status {
            LedgerStatus::Queued => stats.queued += n,
            LedgerStatus::Sending => stats.sending += n,
            LedgerStatus::Sent => stats.sent += n,
            LedgerStatus::Failed => stats.failed += n,
            LedgerStatus::Bounced => stats.bounced += n,
            LedgerStatus::Uncertain => stats.uncertain += n,
            LedgerStatus::Cancelled => stats.cancelled += n,
            LedgerStatus::Excluded => match exclusion {
                Some(Exclusion::NoConsent) => stats.excluded_no_consent += n,
                Some(Exclusion::Suppressed) => stats.excluded_suppressed += n,
                Some(Exclusion::InvalidAddress) | None => stats.excluded_invalid_address += n,
                Some(Exclusion::Duplicate) => stats.excluded_duplicate += n,
            },
        }
    }
    Ok(stats)
}

/// The ids of a campaign's runs.
pub async fn run_ids_of(txn: &TenantTxn, campaign_id: Uuid) -> CampaignsResult<Vec<Uuid>> {
    Ok(txn
        .find::<campaign_run::Entity>()
        .select_only()
        .column(campaign_run::Column::Id)
        .filter(campaign_run::Column::CampaignId.eq(campaign_id))
        .into_tuple()
        .all(txn)
        .await?)
}
