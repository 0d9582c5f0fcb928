//! Deduplication runs: every contact of the run read (metered per address read), the duplicate
//! groups found stored for review, then each group dismissed or merged.

use crate::error::{PostalError, PostalResult};
use crate::model::dedup_group::{self, DuplicateGroupStatus};
use crate::model::{dedup_member, postal_run};
use crate::service::runs::{self, Progress, Underway, get_run_in};
use crm360_address::dedup::{ContactRecord, Deduplicator, DuplicateGroup};
use crm360_contacts::model::contact;
use crm360_contacts::service::merge::merge_within;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::metering::UsageKind;
use crm360_kernel::pagination::Page;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, Set};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// The deduplication job's work: reads every contact of the run, stores the duplicate groups
/// found, and records how the run ended.
pub async fn run_dedup(scope: &TenantScope, progress: &impl Progress, run_id: Uuid) -> PostalResult<()> {
    let outcome = dedup(scope, progress, run_id).await;
    runs::finish(scope, run_id, outcome).await
}

async fn dedup(scope: &TenantScope, progress: &impl Progress, run_id: Uuid) -> PostalResult<()> {
    // A crashed run starts over: its groups are only written at the end, in one transaction.
    let Underway { run, contacts } = runs::set_under_way(scope, run_id).await?;
    let capacity = run.total.max(0) as usize;
    let mut deduplicator = Deduplicator::new();
    deduplicator.reserve(capacity);
    // The contact of each record, by the record's id (its position). A contact without any
    // address is read but not deduplicated (no address to share) and not billed.
    let mut ids: Vec<Uuid> = Vec::with_capacity(capacity);
    let mut read: i64 = 0;
    let mut after = None;
    loop {
        let batch = runs::batch_after(scope, contacts.as_ref(), after).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id);
        for c in &batch {
            if has_address(c) {
                push(&mut deduplicator, ids.len() as u64, c);
                ids.push(c.id);
            }
        }
        read += batch.len() as i64;
        progress.report(read, run.total).await;
    }
    let groups = deduplicator.finish();
    let txn = scope.begin().await?;
    store_groups(&txn, run.id, &groups, &ids).await?;
    let mut update: postal_run::ActiveModel = run.into();
    update.processed = Set(read);
    update.groups = Set(groups.len() as i64);
    let run = txn.update(update).await?;
    if !ids.is_empty() {
        txn.meter(UsageKind::DedupAddressRead, ids.len() as i64, format!("dedup:{}", run.id)).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether a contact has any part of a postal address (lines, postal code or city).
fn has_address(c: &contact::Model) -> bool {
    [&c.address_line2, &c.address_line3, &c.address_line4, &c.address_line5, &c.address_line6, &c.postal_code, &c.city]
        .into_iter()
        .any(|field| field.as_deref().is_some_and(|v| !v.trim().is_empty()))
}

/// Hands one contact to the deduplicator as record `id`.
fn push(deduplicator: &mut Deduplicator, id: u64, c: &contact::Model) {
    let lines: Vec<&str> = [&c.address_line2, &c.address_line3, &c.address_line4, &c.address_line5]
        .into_iter()
        .filter_map(|l| l.as_deref())
        .collect();
    deduplicator.push(&ContactRecord {
        id,
        first_name: c.first_name.as_deref().unwrap_or(""),
        last_name: c.last_name.as_deref().unwrap_or(""),
        address_lines: &lines,
        postal_code: c.postal_code.as_deref().unwrap_or(""),
        city: c.city.as_deref().unwrap_or(""),
    });
}

/// Stores the groups found, pending review, with their members (`contact_of` maps a record
/// id to its contact).
async fn store_groups(
    txn: &TenantTxn,
    run_id: Uuid,
    groups: &[DuplicateGroup],
    contact_of: &[Uuid],
) -> PostalResult<()> {
    let mut group_rows = Vec::with_capacity(groups.len());
    let mut member_rows = Vec::new();
    for group in groups {
        let group_id = new_id();
        group_rows.push(dedup_group::ActiveModel {
            id: Set(group_id),
            run_id: Set(run_id),
            confidence: Set(group.confidence),
            status: Set(DuplicateGroupStatus::Pending),
            survivor_id: Set(None),
            decided_at: Set(None),
            ..Default::default()
        });
        member_rows.extend(group.ids.iter().map(|record| dedup_member::ActiveModel {
            group_id: Set(group_id),
            contact_id: Set(contact_of[*record as usize]),
            ..Default::default()
        }));
    }
    txn.insert_rows(group_rows).await?;
    txn.insert_rows(member_rows).await?;
    Ok(())
}

/// The duplicate groups of a run.
pub async fn groups(scope: &TenantScope, run_id: Uuid, page: &Page) -> PostalResult<Vec<dedup_group::Model>> {
    let txn = scope.begin().await?;
    get_run_in(&txn, run_id).await?;
    let query = txn.find::<dedup_group::Entity>().filter(dedup_group::Column::RunId.eq(run_id));
    let groups = page.apply(query, dedup_group::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(groups)
}

pub async fn find_group(scope: &TenantScope, id: Uuid) -> PostalResult<Option<dedup_group::Model>> {
    let txn = scope.begin().await?;
    let found = find_group_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn find_group_in(txn: &TenantTxn, id: Uuid) -> PostalResult<Option<dedup_group::Model>> {
    Ok(txn.find::<dedup_group::Entity>().filter(dedup_group::Column::Id.eq(id)).one(txn).await?)
}

/// A group still awaiting review, within `txn`.
async fn pending_group_in(txn: &TenantTxn, id: Uuid) -> PostalResult<dedup_group::Model> {
    let group = find_group_in(txn, id).await?.ok_or(PostalError::NotFound("duplicate group"))?;
    match group.status {
        DuplicateGroupStatus::Pending => Ok(group),
        DuplicateGroupStatus::Merged | DuplicateGroupStatus::Dismissed => Err(PostalError::GroupDecided),
    }
}

/// The member contact ids of several groups, in one query (for the DataLoader).
pub async fn members_of(txn: &TenantTxn, group_ids: &[Uuid]) -> PostalResult<HashMap<Uuid, Vec<Uuid>>> {
    let rows = txn
        .find::<dedup_member::Entity>()
        .filter(dedup_member::Column::GroupId.is_in(group_ids.iter().copied()))
        .all(txn)
        .await?;
    let mut by_group: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for row in rows {
        by_group.entry(row.group_id).or_default().push(row.contact_id);
    }
    Ok(by_group)
}

/// Marks a group as not duplicates.
pub async fn dismiss_group(scope: &TenantScope, group_id: Uuid) -> PostalResult<dedup_group::Model> {
    let txn = scope.begin().await?;
    let mut update: dedup_group::ActiveModel = pending_group_in(&txn, group_id).await?.into();
    update.status = Set(DuplicateGroupStatus::Dismissed);
    update.decided_at = Set(Some(txn.now()));
    let group = txn.update(update).await?;
    txn.audit(AuditChange::new("postal.dedup.dismiss", "dedup_group", group.id)).await?;
    txn.commit().await?;
    Ok(group)
}

/// Merges a pending group's contacts into one (survivorship in the contacts module) and
/// records the decision, in one transaction.
pub async fn merge_group(
    scope: &TenantScope,
    group_id: Uuid,
    survivor: Option<Uuid>,
) -> PostalResult<(dedup_group::Model, contact::Model)> {
    let txn = scope.begin().await?;
    let group = pending_group_in(&txn, group_id).await?;
    let members = members_of(&txn, &[group_id]).await?.remove(&group_id).unwrap_or_default();
    let merged = merge_within(&txn, &members, survivor).await?;
    let mut update: dedup_group::ActiveModel = group.into();
    update.status = Set(DuplicateGroupStatus::Merged);
    update.survivor_id = Set(Some(merged.id));
    update.decided_at = Set(Some(txn.now()));
    let group = txn.update(update).await?;
    let change = AuditChange::new("postal.dedup.merge", "dedup_group", group.id)
        .after(json!({ "survivor": merged.id, "members": members }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok((group, merged))
}
