//! Postal quality runs over a tenant's contacts (all of them, or a saved segment), as durable
//! background jobs: RNVP of every address ([`crate::service::rnvp`]), then, on request, the
//! normalised addresses written back to the contacts; deduplication into groups to review,
//! dismiss or merge ([`crate::service::dedup`]).
//!
//! This file holds what both kinds share: starting a run, reading runs, and a run's life in
//! its job (under way with its total, batches of contacts in id order, its outcome).

use crate::error::{PostalError, PostalResult};
use crate::jobs::{DedupRun, RnvpRun};
use crate::model::postal_run::{self, PostalRunKind, PostalRunStatus};
use crm360_contacts::model::contact;
use crm360_contacts::service::contacts as contact_service;
use crm360_contacts::service::segments::{self, Node};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, Set};
use serde_json::json;
use std::future::Future;
use uuid::Uuid;

/// Contacts read per batch.
pub(crate) const BATCH: u64 = 500;

/// Queues a run of `kind` over the segment (or every contact), with its job, in one
/// transaction.
pub async fn start(
    scope: &TenantScope,
    kind: PostalRunKind,
    segment_id: Option<Uuid>,
) -> PostalResult<postal_run::Model> {
    let txn = scope.begin().await?;
    if let Some(segment_id) = segment_id {
        segments::get_in(&txn, segment_id).await?;
    }
    let run = txn.insert(new_run(scope, kind, segment_id)).await?;
    let action = match kind {
        PostalRunKind::Rnvp => {
            txn.enqueue(&RnvpRun { run_id: run.id }).await?;
            "postal.rnvp.start"
        }
        PostalRunKind::Dedup => {
            txn.enqueue(&DedupRun { run_id: run.id }).await?;
            "postal.dedup.start"
        }
    };
    txn.audit(AuditChange::new(action, "postal_run", run.id).after(json!({ "segmentId": segment_id }))).await?;
    txn.commit().await?;
    Ok(run)
}

/// A queued run (its tenant, id and creation time come from the transaction).
fn new_run(scope: &TenantScope, kind: PostalRunKind, segment_id: Option<Uuid>) -> postal_run::ActiveModel {
    postal_run::ActiveModel {
        kind: Set(kind),
        segment_id: Set(segment_id),
        status: Set(PostalRunStatus::Queued),
        total: Set(0),
        processed: Set(0),
        valid: Set(0),
        corrected: Set(0),
        invalid: Set(0),
        groups: Set(0),
        last_contact_id: Set(None),
        error: Set(None),
        created_by: Set(scope.actor().id()),
        finished_at: Set(None),
        ..Default::default()
    }
}

pub async fn find_run(scope: &TenantScope, id: Uuid) -> PostalResult<Option<postal_run::Model>> {
    let txn = scope.begin().await?;
    let found = find_run_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn find_run_in(txn: &TenantTxn, id: Uuid) -> PostalResult<Option<postal_run::Model>> {
    Ok(txn.find::<postal_run::Entity>().filter(postal_run::Column::Id.eq(id)).one(txn).await?)
}

pub(crate) async fn get_run_in(txn: &TenantTxn, id: Uuid) -> PostalResult<postal_run::Model> {
    find_run_in(txn, id).await?.ok_or(PostalError::NotFound("postal run"))
}

pub async fn list_runs(scope: &TenantScope, page: &Page) -> PostalResult<Vec<postal_run::Model>> {
    let txn = scope.begin().await?;
    let runs = page.apply(txn.find::<postal_run::Entity>(), postal_run::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(runs)
}

/// Told how far a run has got as it goes (its job reports it on the job's row).
pub trait Progress: Sync {
    fn report(&self, done: i64, total: i64) -> impl Future<Output = ()> + Send;
}

/// No one to tell.
impl Progress for () {
    async fn report(&self, _done: i64, _total: i64) {}
}

/// A run its job has started: the run's row, and the contacts it covers (`None`: all).
pub(crate) struct Underway {
    pub run: postal_run::Model,
    pub contacts: Option<Node>,
}

/// Marks the run `RUNNING`, with the number of contacts it covers now.
pub(crate) async fn set_under_way(scope: &TenantScope, run_id: Uuid) -> PostalResult<Underway> {
    let txn = scope.begin().await?;
    let run = get_run_in(&txn, run_id).await?;
    let contacts = segment_of(&txn, &run).await?;
    txn.commit().await?;
    let total = count(scope, contacts.as_ref()).await?;
    let txn = scope.begin().await?;
    let mut update: postal_run::ActiveModel = run.into();
    update.total = Set(total);
    update.status = Set(PostalRunStatus::Running);
    let run = txn.update(update).await?;
    txn.commit().await?;
    Ok(Underway { run, contacts })
}

/// The segment of a run; `None` for every contact.
async fn segment_of(txn: &TenantTxn, run: &postal_run::Model) -> PostalResult<Option<Node>> {
    let Some(segment_id) = run.segment_id else { return Ok(None) };
    let segment = segments::get_in(txn, segment_id).await?;
    Ok(Some(segments::definition_of(&segment)?))
}

async fn count(scope: &TenantScope, contacts: Option<&Node>) -> PostalResult<i64> {
    let total = match contacts {
        Some(node) => segments::count(scope, node).await?,
        None => contact_service::count_all(scope).await?,
    };
    Ok(total as i64)
}

/// The contacts after `after` in id order, a batch at most.
fn batch_page(after: Option<Uuid>) -> Page {
    // `Page::apply` reads one row more than the page to tell whether another follows.
    Page { limit: BATCH - 1, after, order: Order::OldestFirst }
}

/// The batch of contacts after `after`, within `txn` (read with the writes it leads to).
pub(crate) async fn batch_after_in(
    txn: &TenantTxn,
    contacts: Option<&Node>,
    after: Option<Uuid>,
) -> PostalResult<Vec<contact::Model>> {
    Ok(contact_service::list_in(txn, &batch_page(after), None, contacts).await?)
}

/// The batch of contacts after `after`, in a transaction of its own.
pub(crate) async fn batch_after(
    scope: &TenantScope,
    contacts: Option<&Node>,
    after: Option<Uuid>,
) -> PostalResult<Vec<contact::Model>> {
    Ok(contact_service::list(scope, &batch_page(after), None, contacts).await?)
}

/// Records how the run ended (`DONE`, or `FAILED` with why) and hands the outcome back, so
/// that a failed job is retried.
pub(crate) async fn finish(scope: &TenantScope, run_id: Uuid, outcome: PostalResult<()>) -> PostalResult<()> {
    let (status, error) = match &outcome {
        Ok(()) => (PostalRunStatus::Done, None),
        Err(err) => (PostalRunStatus::Failed, Some(err.to_string())),
    };
    let txn = scope.begin().await?;
    let mut update: postal_run::ActiveModel = get_run_in(&txn, run_id).await?.into();
    update.status = Set(status);
    update.error = Set(error);
    update.finished_at = Set(Some(txn.now()));
    txn.update(update).await?;
    txn.commit().await?;
    outcome
}
