//! Postal quality runs over a tenant's contacts (all of them, or a saved segment), as durable
//! background jobs: RNVP of every address, then, on request, the normalised addresses written
//! back to the contacts; deduplication into groups to review, dismiss or merge.
//!
//! Runs resume after a crash: contacts are read in id order and each batch commits its
//! results, its progress cursor and its metered usage together, so nothing is done or billed
//! twice.

use crate::error::PostalServiceError;
use crate::model::{dedup_group, dedup_member, postal_run, rnvp_result};
use crm360_contacts::fields::ContactField;
use crm360_contacts::model::contact;
use crm360_contacts::service::contacts::{self as contact_service, ContactChanges};
use crm360_contacts::service::merge::by_ids;
use crm360_contacts::service::segments::{self, Node};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::context::Platform;
use crm360_kernel::ids::new_id;
use crm360_kernel::jobs::{self, JobRun};
use crm360_kernel::metering::{self, UsageKind};
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{ApiError, TenantScope};
use crm360_postal::dedup::{ContactRecord, Deduplicator};
use crm360_postal::{RnvpResult, rnvp};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

pub const RNVP_JOB: &str = "postal.rnvp_run";
pub const DEDUP_JOB: &str = "postal.dedup_run";
pub const KIND_RNVP: &str = "RNVP";
pub const KIND_DEDUP: &str = "DEDUP";
pub const STATUS_QUEUED: &str = "QUEUED";
pub const STATUS_RUNNING: &str = "RUNNING";
pub const STATUS_DONE: &str = "DONE";
pub const STATUS_FAILED: &str = "FAILED";
pub const GROUP_PENDING: &str = "PENDING";
pub const GROUP_MERGED: &str = "MERGED";
pub const GROUP_DISMISSED: &str = "DISMISSED";

/// Contacts read per batch.
const BATCH: u64 = 500;

type Result<T> = std::result::Result<T, PostalServiceError>;

fn contacts_error(err: crm360_contacts::error::ContactsError) -> PostalServiceError {
    PostalServiceError::Api(ApiError::from(err))
}

/// Queues a run of `kind` over the segment (or every contact).
pub async fn start(scope: &TenantScope, kind: &'static str, segment_id: Option<Uuid>) -> Result<postal_run::Model> {
    if let Some(segment_id) = segment_id {
        segments::get(scope, segment_id).await.map_err(contacts_error)?;
    }
    let now = scope.now();
    let txn = scope.db().begin().await?;
    let run = postal_run::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        id: Set(new_id()),
        kind: Set(kind.to_owned()),
        segment_id: Set(segment_id),
        status: Set(STATUS_QUEUED.to_owned()),
        total: Set(0),
        processed: Set(0),
        valid: Set(0),
        corrected: Set(0),
        invalid: Set(0),
        groups: Set(0),
        last_contact_id: Set(None),
        error: Set(None),
        created_by: Set(scope.actor().id()),
        created_at: Set(now),
        finished_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let job = if kind == KIND_RNVP { RNVP_JOB } else { DEDUP_JOB };
    jobs::enqueue(&txn, Some(scope.tenant_id()), job, json!({ "runId": run.id }), now).await?;
    let action = if kind == KIND_RNVP { "postal.rnvp.start" } else { "postal.dedup.start" };
    scope.audit(&txn, AuditChange::new(action, "postal_run", run.id).after(json!({ "segmentId": segment_id }))).await?;
    txn.commit().await?;
    Ok(run)
}

pub async fn find_run(scope: &TenantScope, id: Uuid) -> Result<Option<postal_run::Model>> {
    Ok(scope.find::<postal_run::Entity>().filter(postal_run::Column::Id.eq(id)).one(scope.db()).await?)
}

async fn get_run(scope: &TenantScope, id: Uuid) -> Result<postal_run::Model> {
    find_run(scope, id).await?.ok_or(PostalServiceError::NotFound("postal run"))
}

pub async fn list_runs(scope: &TenantScope, page: &Page) -> Result<Vec<postal_run::Model>> {
    Ok(page.apply(scope.find::<postal_run::Entity>(), postal_run::Column::Id).all(scope.db()).await?)
}

/// The segment of a run; `None` for every contact.
async fn definition(scope: &TenantScope, run: &postal_run::Model) -> Result<Option<Node>> {
    match run.segment_id {
        Some(id) => {
            let segment = segments::get(scope, id).await.map_err(contacts_error)?;
            segments::definition_of(&segment).map(Some).map_err(contacts_error)
        }
        None => Ok(None),
    }
}

async fn count(scope: &TenantScope, node: &Option<Node>) -> Result<i64> {
    let total = match node {
        Some(node) => segments::count(scope, node).await,
        None => contact_service::count_all(scope).await,
    };
    Ok(total.map_err(contacts_error)? as i64)
}

/// The job's view: the run and a system scope on its tenant.
async fn claim(run: &JobRun) -> std::result::Result<(TenantScope, postal_run::Model), String> {
    let tenant_id = run.tenant_id.ok_or("a postal run belongs to a tenant")?;
    let run_id = run.payload["runId"].as_str().and_then(|id| Uuid::parse_str(id).ok()).ok_or("no run id")?;
    let platform = Platform { db: run.db.clone(), clock: run.clock.clone() };
    let scope = TenantScope::system(&platform, tenant_id);
    let found = find_run(&scope, run_id).await.map_err(|e| e.to_string())?.ok_or("the run is gone")?;
    Ok((scope, found))
}

async fn set_status(scope: &TenantScope, run: &postal_run::Model, status: &str, error: Option<String>) -> Result<()> {
    let mut update: postal_run::ActiveModel = run.clone().into();
    update.status = Set(status.to_owned());
    update.error = Set(error);
    if status == STATUS_DONE || status == STATUS_FAILED {
        update.finished_at = Set(Some(scope.now()));
    }
    update.update(scope.db()).await?;
    Ok(())
}

/// The page of contacts after `after`, in id order.
async fn batch_after(scope: &TenantScope, node: &Option<Node>, after: Option<Uuid>) -> Result<Vec<contact::Model>> {
    // `Page::apply` reads one row more than the page to tell whether another follows.
    let page = Page { limit: BATCH - 1, after, order: Order::OldestFirst };
    contact_service::list(scope, &page, None, node.as_ref()).await.map_err(contacts_error)
}

/// A contact's address as RNVP input: its six lines, and the postal code and city when no
/// line carries them.
pub fn address_of(c: &contact::Model) -> Vec<String> {
    let lines =
        [&c.address_line1, &c.address_line2, &c.address_line3, &c.address_line4, &c.address_line5, &c.address_line6];
    let mut address: Vec<String> = lines.iter().map(|l| l.as_deref().unwrap_or_default().to_owned()).collect();
    let has_code = c.postal_code.as_deref().is_some_and(|code| address.iter().any(|l| l.contains(code)));
    if !has_code && (c.postal_code.is_some() || c.city.is_some()) && address[5].trim().is_empty() {
        address[5] =
            format!("{} {}", c.postal_code.as_deref().unwrap_or(""), c.city.as_deref().unwrap_or("")).trim().to_owned();
    }
    address
}

/// The RNVP job: normalises every contact of the run, batch by batch.
pub async fn run_rnvp(job: JobRun) -> std::result::Result<(), String> {
    let (scope, run) = claim(&job).await?;
    let outcome = rnvp_batches(&scope, &job, run.clone()).await;
    finish(&scope, &run, outcome).await
}

async fn rnvp_batches(scope: &TenantScope, job: &JobRun, mut run: postal_run::Model) -> Result<()> {
    let node = definition(scope, &run).await?;
    run.total = count(scope, &node).await?;
    run.status = STATUS_RUNNING.to_owned();
    let mut update: postal_run::ActiveModel = run.clone().into();
    update.total = Set(run.total);
    update.status = Set(run.status.clone());
    update.update(scope.db()).await?;
    loop {
        let contacts = batch_after(scope, &node, run.last_contact_id).await?;
        let Some(last) = contacts.last() else { break };
        let last_id = last.id;
        let results: Vec<(Uuid, RnvpResult)> = contacts.iter().map(|c| (c.id, rnvp(&address_of(c)))).collect();
        let txn = scope.db().begin().await?;
        let rows = results.iter().map(|(contact_id, result)| rnvp_result::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            run_id: Set(run.id),
            contact_id: Set(*contact_id),
            line1: Set(result.lines[0].clone()),
            line2: Set(result.lines[1].clone()),
            line3: Set(result.lines[2].clone()),
            line4: Set(result.lines[3].clone()),
            line5: Set(result.lines[4].clone()),
            line6: Set(result.lines[5].clone()),
            status: Set(result.status.code().to_owned()),
            reasons: Set(result.reasons.join("|")),
            applied_at: Set(None),
        });
        rnvp_result::Entity::insert_many(rows).exec_without_returning(&txn).await?;
        for (_, result) in &results {
            match result.status.code() {
                "VALID" => run.valid += 1,
                "CORRECTED" => run.corrected += 1,
                _ => run.invalid += 1,
            }
        }
        run.processed += results.len() as i64;
        run.last_contact_id = Some(last_id);
        let mut update: postal_run::ActiveModel = run.clone().into();
        update.processed = Set(run.processed);
        update.valid = Set(run.valid);
        update.corrected = Set(run.corrected);
        update.invalid = Set(run.invalid);
        update.last_contact_id = Set(run.last_contact_id);
        update.update(&txn).await?;
        metering::record(
            &txn,
            scope.tenant_id(),
            UsageKind::RnvpAddress,
            results.len() as i64,
            scope.now(),
            Some(run.id.to_string()),
        )
        .await?;
        txn.commit().await?;
        job.progress(run.processed, run.total).await?;
    }
    Ok(())
}

async fn finish(scope: &TenantScope, run: &postal_run::Model, outcome: Result<()>) -> std::result::Result<(), String> {
    let fresh = find_run(scope, run.id).await.map_err(|e| e.to_string())?.unwrap_or_else(|| run.clone());
    match outcome {
        Ok(()) => set_status(scope, &fresh, STATUS_DONE, None).await.map_err(|e| e.to_string()),
        Err(err) => {
            let message = err.to_string();
            set_status(scope, &fresh, STATUS_FAILED, Some(message.clone())).await.map_err(|e| e.to_string())?;
            Err(message)
        }
    }
}

pub async fn rnvp_results(
    scope: &TenantScope,
    run_id: Uuid,
    status: Option<&str>,
    page: &Page,
) -> Result<Vec<rnvp_result::Model>> {
    get_run(scope, run_id).await?;
    let mut query = scope.find::<rnvp_result::Entity>().filter(rnvp_result::Column::RunId.eq(run_id));
    if let Some(status) = status {
        query = query.filter(rnvp_result::Column::Status.eq(status));
    }
    Ok(page.apply(query, rnvp_result::Column::ContactId).all(scope.db()).await?)
}

/// Writes the normalised addresses of a finished run's corrected results (all, or the listed
/// contacts) to the contacts, each change audited by the contacts module. Invalid addresses are
/// never written; results already applied are skipped. Returns how many contacts changed.
pub async fn apply_rnvp(scope: &TenantScope, run_id: Uuid, contact_ids: Option<&[Uuid]>) -> Result<u64> {
    let run = get_run(scope, run_id).await?;
    if run.kind != KIND_RNVP || run.status != STATUS_DONE {
        return Err(PostalServiceError::RunNotFinished);
    }
    let mut query = scope
        .find::<rnvp_result::Entity>()
        .filter(rnvp_result::Column::RunId.eq(run_id))
        .filter(rnvp_result::Column::Status.eq("CORRECTED"))
        .filter(rnvp_result::Column::AppliedAt.is_null());
    if let Some(ids) = contact_ids {
        query = query.filter(rnvp_result::Column::ContactId.is_in(ids.iter().copied()));
    }
    let results = query.all(scope.db()).await?;
    let today = scope.now().date_naive();
    let mut applied = 0;
    // A transaction a batch: a large run is written quickly, and a failure loses one batch
    // at most (applied results are marked in the same transaction, so a retry resumes).
    for batch in results.chunks(BATCH as usize) {
        let txn = scope.db().begin().await?;
        let ids: Vec<Uuid> = batch.iter().map(|r| r.contact_id).collect();
        let mut contacts: HashMap<Uuid, contact::Model> = by_ids(&txn, scope.tenant_id(), &ids)
            .await
            .map_err(contacts_error)?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        for result in batch {
            // Deleted since the run: nothing to correct.
            let Some(existing) = contacts.remove(&result.contact_id) else { continue };
            let valid = contact_service::validate(
                &address_changes(result),
                existing.country.as_deref(),
                &HashMap::new(),
                today,
            )
            .map_err(|errors| match errors.into_iter().next() {
                Some(error) => contacts_error(error.into_error()),
                None => PostalServiceError::Api(ApiError::internal("validation failed without an error")),
            })?;
            contact_service::write(scope, &txn, Some(existing), &valid, "api").await.map_err(contacts_error)?;
            applied += 1;
        }
        scope
            .update_many::<rnvp_result::Entity>()
            .col_expr(rnvp_result::Column::AppliedAt, Some(scope.now()).into())
            .filter(rnvp_result::Column::RunId.eq(run_id))
            .filter(rnvp_result::Column::ContactId.is_in(ids))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(applied)
}

/// The contact fields an RNVP result sets: the six lines, and the postal code and locality
/// read from line 6.
fn address_changes(result: &rnvp_result::Model) -> ContactChanges {
    let fields = [
        ContactField::AddressLine1,
        ContactField::AddressLine2,
        ContactField::AddressLine3,
        ContactField::AddressLine4,
        ContactField::AddressLine5,
        ContactField::AddressLine6,
    ];
    let mut changes: Vec<(ContactField, Option<String>)> = fields
        .into_iter()
        .zip(result.lines())
        .map(|(field, line)| (field, (!line.is_empty()).then(|| line.to_owned())))
        .collect();
    if let Some((code, city)) = result.line6.split_once(' ')
        && code.len() == 5
        && code.chars().all(|c| c.is_ascii_digit())
    {
        changes.push((ContactField::PostalCode, Some(code.to_owned())));
        changes.push((ContactField::City, Some(city.to_owned())));
    }
    ContactChanges { fields: changes, custom: vec![] }
}

/// The deduplication job: reads every contact of the run (metered per address read), then
/// stores the duplicate groups found.
pub async fn run_dedup(job: JobRun) -> std::result::Result<(), String> {
    let (scope, run) = claim(&job).await?;
    let outcome = dedup(&scope, &job, run.clone()).await;
    finish(&scope, &run, outcome).await
}

async fn dedup(scope: &TenantScope, job: &JobRun, mut run: postal_run::Model) -> Result<()> {
    // A crashed run starts over: its groups are only written at the end, in one transaction.
    let node = definition(scope, &run).await?;
    run.total = count(scope, &node).await?;
    let mut update: postal_run::ActiveModel = run.clone().into();
    update.total = Set(run.total);
    update.status = Set(STATUS_RUNNING.to_owned());
    update.update(scope.db()).await?;

    let mut deduplicator = Deduplicator::new();
    deduplicator.reserve(run.total.max(0) as usize);
    let mut ids: Vec<Uuid> = Vec::with_capacity(run.total.max(0) as usize);
    let mut after = None;
    loop {
        let contacts = batch_after(scope, &node, after).await?;
        let Some(last) = contacts.last() else { break };
        after = Some(last.id);
        for c in &contacts {
            let lines: Vec<&str> = [&c.address_line2, &c.address_line3, &c.address_line4, &c.address_line5]
                .into_iter()
                .filter_map(|l| l.as_deref())
                .collect();
            deduplicator.push(&ContactRecord {
                id: ids.len() as u64,
                first_name: c.first_name.as_deref().unwrap_or(""),
                last_name: c.last_name.as_deref().unwrap_or(""),
                address_lines: &lines,
                postal_code: c.postal_code.as_deref().unwrap_or(""),
                city: c.city.as_deref().unwrap_or(""),
            });
            ids.push(c.id);
        }
        job.progress(ids.len() as i64, run.total).await?;
    }
    let groups = deduplicator.finish();
    let txn = scope.db().begin().await?;
    for group in &groups {
        let group_id = new_id();
        dedup_group::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            id: Set(group_id),
            run_id: Set(run.id),
            confidence: Set(group.confidence),
            status: Set(GROUP_PENDING.to_owned()),
            survivor_id: Set(None),
            decided_at: Set(None),
        }
        .insert(&txn)
        .await?;
        let members = group.ids.iter().map(|index| dedup_member::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            group_id: Set(group_id),
            contact_id: Set(ids[*index as usize]),
        });
        dedup_member::Entity::insert_many(members).exec_without_returning(&txn).await?;
    }
    let mut update: postal_run::ActiveModel = run.clone().into();
    update.processed = Set(ids.len() as i64);
    update.groups = Set(groups.len() as i64);
    update.update(&txn).await?;
    metering::record(
        &txn,
        scope.tenant_id(),
        UsageKind::DedupAddressRead,
        ids.len() as i64,
        scope.now(),
        Some(run.id.to_string()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn groups(scope: &TenantScope, run_id: Uuid, page: &Page) -> Result<Vec<dedup_group::Model>> {
    get_run(scope, run_id).await?;
    let query = scope.find::<dedup_group::Entity>().filter(dedup_group::Column::RunId.eq(run_id));
    Ok(page.apply(query, dedup_group::Column::Id).all(scope.db()).await?)
}

pub async fn find_group(scope: &TenantScope, id: Uuid) -> Result<Option<dedup_group::Model>> {
    Ok(scope.find::<dedup_group::Entity>().filter(dedup_group::Column::Id.eq(id)).one(scope.db()).await?)
}

/// The member contact ids of several groups, in one query (for the DataLoader).
pub async fn members_of(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: Uuid,
    group_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<Uuid>>> {
    let rows = dedup_member::Entity::find()
        .filter(dedup_member::Column::TenantId.eq(tenant_id))
        .filter(dedup_member::Column::GroupId.is_in(group_ids.iter().copied()))
        .all(db)
        .await?;
    let mut by_group: std::collections::HashMap<Uuid, Vec<Uuid>> = std::collections::HashMap::new();
    for row in rows {
        by_group.entry(row.group_id).or_default().push(row.contact_id);
    }
    Ok(by_group)
}

/// Marks a group as not duplicates.
pub async fn dismiss_group(scope: &TenantScope, group_id: Uuid) -> Result<dedup_group::Model> {
    let group = find_group(scope, group_id).await?.ok_or(PostalServiceError::NotFound("duplicate group"))?;
    if group.status != GROUP_PENDING {
        return Err(PostalServiceError::GroupDecided);
    }
    let txn = scope.db().begin().await?;
    let mut update: dedup_group::ActiveModel = group.into();
    update.status = Set(GROUP_DISMISSED.to_owned());
    update.decided_at = Set(Some(scope.now()));
    let group = update.update(&txn).await?;
    scope.audit(&txn, AuditChange::new("postal.dedup.dismiss", "dedup_group", group.id)).await?;
    txn.commit().await?;
    Ok(group)
}

/// Merges a pending group's contacts into one (survivorship in the contacts module) and
/// records the decision, in one transaction.
pub async fn merge_group(
    scope: &TenantScope,
    group_id: Uuid,
    survivor: Option<Uuid>,
) -> Result<(dedup_group::Model, contact::Model)> {
    let group = find_group(scope, group_id).await?.ok_or(PostalServiceError::NotFound("duplicate group"))?;
    if group.status != GROUP_PENDING {
        return Err(PostalServiceError::GroupDecided);
    }
    let members = members_of(scope.db(), scope.tenant_id(), &[group_id]).await?.remove(&group_id).unwrap_or_default();
    let txn = scope.db().begin().await?;
    let merged =
        crm360_contacts::service::merge::merge_within(scope, &txn, &members, survivor).await.map_err(contacts_error)?;
    let mut update: dedup_group::ActiveModel = group.into();
    update.status = Set(GROUP_MERGED.to_owned());
    update.survivor_id = Set(Some(merged.id));
    update.decided_at = Set(Some(scope.now()));
    let group = update.update(&txn).await?;
    scope
        .audit(
            &txn,
            AuditChange::new("postal.dedup.merge", "dedup_group", group.id)
                .after(json!({ "survivor": merged.id, "members": members })),
        )
        .await?;
    txn.commit().await?;
    Ok((group, merged))
}
