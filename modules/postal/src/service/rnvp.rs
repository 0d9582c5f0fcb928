//! RNVP runs: every contact's address normalised, batch by batch, then, on request, the
//! corrected addresses written back to the contacts.
//!
//! A run resumes after a crash: contacts are read in id order and each batch commits its
//! results, its progress cursor and its metered usage together, so nothing is done or billed
//! twice. A contact without any address counts as processed, but has no result and is not
//! billed.

use crate::error::{PostalError, PostalResult};
use crate::model::postal_run::{self, PostalRunKind, PostalRunStatus};
use crate::model::rnvp_result::{self, AddressStatus};
use crate::service::addresses::is_blank;
use crate::service::runs::{self, BATCH, Progress, Underway, get_run_in};
use crm360_address::{RnvpResult, RnvpStatus, rnvp};
use crm360_contacts::error::ContactsError;
use crm360_contacts::fields::ContactField;
use crm360_contacts::model::contact;
use crm360_contacts::service::contacts::{self as contact_service, ContactChanges, FieldError, Validated};
use crm360_contacts::service::merge::by_ids;
use crm360_contacts::service::segments::Node;
use crm360_kernel::metering::UsageKind;
use crm360_kernel::pagination::Page;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, Set};
use std::collections::HashMap;
use uuid::Uuid;

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

/// The RNVP job's work: normalises every contact of the run, batch by batch, and records how
/// the run ended.
pub async fn run_rnvp(scope: &TenantScope, progress: &impl Progress, run_id: Uuid) -> PostalResult<()> {
    let outcome = rnvp_batches(scope, progress, run_id).await;
    runs::finish(scope, run_id, outcome).await
}

async fn rnvp_batches(scope: &TenantScope, progress: &impl Progress, run_id: Uuid) -> PostalResult<()> {
    let Underway { mut run, contacts } = runs::set_under_way(scope, run_id).await?;
    while rnvp_batch(scope, &mut run, contacts.as_ref()).await? {
        progress.report(run.processed, run.total).await;
    }
    Ok(())
}

/// Normalises the next batch of the run's contacts and commits its results, the run's counts
/// and cursor, and its usage together; `false` when no contact was left.
async fn rnvp_batch(scope: &TenantScope, run: &mut postal_run::Model, contacts: Option<&Node>) -> PostalResult<bool> {
    let txn = scope.begin().await?;
    let batch = runs::batch_after_in(&txn, contacts, run.last_contact_id).await?;
    let Some(last) = batch.last() else { return Ok(false) };
    let last_id = last.id;
    // A contact without any address has nothing to normalise: no result, nothing billed.
    let results: Vec<(Uuid, RnvpResult)> = batch
        .iter()
        .map(|c| (c.id, address_of(c)))
        .filter(|(_, address)| !is_blank(address))
        .map(|(id, address)| (id, rnvp(&address)))
        .collect();
    let tally = Tally::of(results.iter().map(|(_, result)| result.status));
    if !results.is_empty() {
        txn.insert_rows(results.iter().map(|(contact_id, result)| result_row(run.id, *contact_id, result)).collect())
            .await?;
    }
    let mut update: postal_run::ActiveModel = run.clone().into();
    update.processed = Set(run.processed + batch.len() as i64);
    update.valid = Set(run.valid + tally.valid);
    update.corrected = Set(run.corrected + tally.corrected);
    update.invalid = Set(run.invalid + tally.invalid);
    update.last_contact_id = Set(Some(last_id));
    *run = txn.update(update).await?;
    if !results.is_empty() {
        txn.meter(UsageKind::RnvpAddress, results.len() as i64, format!("rnvp:{}:{last_id}", run.id)).await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// How many addresses of a batch came out valid, corrected and invalid.
#[derive(Debug, Default, PartialEq)]
struct Tally {
    valid: i64,
    corrected: i64,
    invalid: i64,
}

impl Tally {
    fn of(statuses: impl Iterator<Item = RnvpStatus>) -> Tally {
        let mut tally = Tally::default();
        for status in statuses {
            match status {
                RnvpStatus::Valid => tally.valid += 1,
                RnvpStatus::Corrected => tally.corrected += 1,
                RnvpStatus::Invalid => tally.invalid += 1,
            }
        }
        tally
    }
}

fn result_row(run_id: Uuid, contact_id: Uuid, result: &RnvpResult) -> rnvp_result::ActiveModel {
    let [line1, line2, line3, line4, line5, line6] = result.lines.clone();
    rnvp_result::ActiveModel {
        run_id: Set(run_id),
        contact_id: Set(contact_id),
        line1: Set(line1),
        line2: Set(line2),
        line3: Set(line3),
        line4: Set(line4),
        line5: Set(line5),
        line6: Set(line6),
        status: Set(result.status.into()),
        reasons: Set(result.reasons.join("|")),
        applied_at: Set(None),
        ..Default::default()
    }
}

/// The results of a run, by contact, optionally of one status only.
pub async fn rnvp_results(
    scope: &TenantScope,
    run_id: Uuid,
    status: Option<AddressStatus>,
    page: &Page,
) -> PostalResult<Vec<rnvp_result::Model>> {
    let txn = scope.begin().await?;
    get_run_in(&txn, run_id).await?;
    let mut query = txn.find::<rnvp_result::Entity>().filter(rnvp_result::Column::RunId.eq(run_id));
    if let Some(status) = status {
        query = query.filter(rnvp_result::Column::Status.eq(status));
    }
    let results = page.apply(query, rnvp_result::Column::ContactId).all(&txn).await?;
    txn.commit().await?;
    Ok(results)
}

/// Writes the normalised addresses of a finished run's corrected results (all, or the listed
/// contacts) to the contacts, each change audited by the contacts module. Invalid addresses are
/// never written; results already applied are skipped. Returns how many contacts changed.
pub async fn apply_rnvp(scope: &TenantScope, run_id: Uuid, contact_ids: Option<&[Uuid]>) -> PostalResult<u64> {
    let results = corrections_to_apply(scope, run_id, contact_ids).await?;
    let mut applied = 0;
    // A transaction a batch: a large run is written quickly, and a failure loses one batch
    // at most (applied results are marked in the same transaction, so a retry resumes).
    for batch in results.chunks(BATCH as usize) {
        let txn = scope.begin().await?;
        applied += apply_batch(&txn, run_id, batch).await?;
        txn.commit().await?;
    }
    Ok(applied)
}

/// The corrected results of a finished RNVP run not yet applied (of the listed contacts only,
/// when listed).
async fn corrections_to_apply(
    scope: &TenantScope,
    run_id: Uuid,
    contact_ids: Option<&[Uuid]>,
) -> PostalResult<Vec<rnvp_result::Model>> {
    let txn = scope.begin().await?;
    let run = get_run_in(&txn, run_id).await?;
    if run.kind != PostalRunKind::Rnvp || run.status != PostalRunStatus::Done {
        return Err(PostalError::RunNotFinished);
    }
    let mut query = txn
        .find::<rnvp_result::Entity>()
        .filter(rnvp_result::Column::RunId.eq(run_id))
        .filter(rnvp_result::Column::Status.eq(AddressStatus::Corrected))
        .filter(rnvp_result::Column::AppliedAt.is_null());
    if let Some(ids) = contact_ids {
        query = query.filter(rnvp_result::Column::ContactId.is_in(ids.iter().copied()));
    }
    let results = query.all(&txn).await?;
    txn.commit().await?;
    Ok(results)
}

/// Writes one batch of corrections to its contacts and marks them applied, within `txn`.
async fn apply_batch(txn: &TenantTxn, run_id: Uuid, batch: &[rnvp_result::Model]) -> PostalResult<u64> {
    let today = txn.scope().clock().today();
    let ids: Vec<Uuid> = batch.iter().map(|r| r.contact_id).collect();
    let mut contacts: HashMap<Uuid, contact::Model> = by_ids(txn, &ids).await?.into_iter().map(|c| (c.id, c)).collect();
    let mut applied = 0;
    for result in batch {
        // Deleted since the run: nothing to correct.
        let Some(existing) = contacts.remove(&result.contact_id) else { continue };
        let valid = validated(&address_changes(result), existing.country.as_deref(), today)?;
        contact_service::write(txn, Some(existing), &valid, "api").await?;
        applied += 1;
    }
    txn.update_many::<rnvp_result::Entity>()
        .col_expr(rnvp_result::Column::AppliedAt, Some(txn.now()).into())
        .filter(rnvp_result::Column::RunId.eq(run_id))
        .filter(rnvp_result::Column::ContactId.is_in(ids))
        .exec(txn)
        .await?;
    Ok(applied)
}

/// The corrected address as the contacts module validates it (the first refusal, if any).
fn validated(changes: &ContactChanges, country: Option<&str>, today: chrono::NaiveDate) -> PostalResult<Validated> {
    contact_service::validate(changes, country, &HashMap::new(), today).map_err(|refusals| {
        let first = refusals.into_iter().next().map(FieldError::into_error);
        PostalError::Contacts(
            first.unwrap_or_else(|| ContactsError::Internal("validation failed without an error".to_owned())),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_counted_once() {
        let statuses = [RnvpStatus::Valid, RnvpStatus::Corrected, RnvpStatus::Invalid, RnvpStatus::Corrected];
        assert_eq!(Tally::of(statuses.into_iter()), Tally { valid: 1, corrected: 2, invalid: 1 });
    }

    #[test]
    fn stored_statuses_are_the_librarys_codes() {
        for status in [RnvpStatus::Valid, RnvpStatus::Corrected, RnvpStatus::Invalid] {
            let stored: AddressStatus = status.into();
            assert_eq!(sea_orm::ActiveEnum::to_value(&stored), status.code());
        }
    }
}
