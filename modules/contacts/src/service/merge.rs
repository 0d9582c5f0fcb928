//! Merging duplicate contacts (postal deduplication's outcome), in one transaction.
//!
//! Survivorship: the surviving contact keeps its identity (the one the reviewer chose, or the
//! most complete); every field takes the most recent non-empty value among the duplicates
//! (contacts ordered by last update), custom fields likewise; each channel keeps the
//! strictest consent (a refusal anywhere wins over any agreement, the most recent of each kind
//! with its proof). The others are deleted; the audit trail keeps every state before.

use crate::error::{ContactsError, ContactsResult};
use crate::fields::{ContactField, FieldValue};
use crate::model::{consent, contact, custom_field, custom_value};
use crate::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crate::service::contacts::{self, Validated, snapshot};
use crate::service::custom_fields::CustomValue;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Contacts by id, in one query (missing ids are simply absent).
pub async fn by_ids(txn: &TenantTxn, ids: &[Uuid]) -> ContactsResult<Vec<contact::Model>> {
    Ok(txn.find::<contact::Entity>().filter(contact::Column::Id.is_in(ids.iter().copied())).all(txn).await?)
}

fn completeness(c: &contact::Model) -> usize {
    ContactField::ALL.iter().filter(|f| f.get(c).is_some()).count()
}

/// Merges `ids` (at least two contacts of the tenant) into one; returns the survivor.
pub async fn merge(scope: &TenantScope, ids: &[Uuid], survivor: Option<Uuid>) -> ContactsResult<contact::Model> {
    let txn = scope.begin().await?;
    let survivor = merge_within(&txn, ids, survivor).await?;
    txn.commit().await?;
    Ok(survivor)
}

/// [`merge`] within the caller's transaction, so that it commits with the caller's own record
/// of the decision.
pub async fn merge_within(txn: &TenantTxn, ids: &[Uuid], survivor: Option<Uuid>) -> ContactsResult<contact::Model> {
    let mut group = by_ids(txn, ids).await?;
    if group.len() < 2 || group.len() != ids.len() {
        return Err(ContactsError::NotFound("contact"));
    }
    // Most recent first: the order in which values survive.
    group.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
    let survivor_id = match survivor {
        Some(id) if group.iter().any(|c| c.id == id) => id,
        Some(_) => {
            return Err(ContactsError::invalid(
                "survivorId",
                "NOT_IN_GROUP",
                "the survivor must be one of the duplicates",
            ));
        }
        None => group.iter().max_by_key(|c| (completeness(c), c.updated_at)).map(|c| c.id).unwrap_or(group[0].id),
    };
    let keeper = group.iter().find(|c| c.id == survivor_id).cloned().ok_or(ContactsError::NotFound("contact"))?;

    let fields: Vec<(ContactField, Option<FieldValue>)> =
        ContactField::ALL.iter().map(|f| (*f, group.iter().find_map(|c| f.get(c)))).collect();
    let definitions = crate::service::custom_fields::list_on(txn).await?;
    let custom = surviving_custom_values(txn, &group, &definitions).await?;
    let proofs = strictest_consents(txn, &group).await?;

    let mut befores = Vec::new();
    for duplicate in group.iter().filter(|c| c.id != survivor_id) {
        befores.push(snapshot(duplicate, &BTreeMap::new()));
        txn.delete_many::<custom_value::Entity>()
            .filter(custom_value::Column::ContactId.eq(duplicate.id))
            .exec(txn)
            .await?;
        txn.delete_many::<consent::Entity>().filter(consent::Column::ContactId.eq(duplicate.id)).exec(txn).await?;
        txn.delete_many::<contact::Entity>().filter(contact::Column::Id.eq(duplicate.id)).exec(txn).await?;
        let change = AuditChange::new("contact.merge.delete", "contact", duplicate.id)
            .before(snapshot(duplicate, &BTreeMap::new()))
            .after(serde_json::json!({ "mergedInto": survivor_id }));
        txn.audit(change).await?;
    }
    let valid = Validated { fields, custom, corrections: vec![] };
    let written = contacts::write(txn, Some(keeper), &valid, "api").await?;
    for proof in &proofs {
        consents::record(txn, survivor_id, proof).await?;
    }
    let merged: Vec<Uuid> = group.iter().map(|c| c.id).filter(|id| *id != survivor_id).collect();
    let change = AuditChange::new("contact.merge", "contact", survivor_id)
        .before(serde_json::json!({ "duplicates": befores }))
        .after(serde_json::json!({ "survivor": survivor_id, "merged": merged }));
    txn.audit(change).await?;
    Ok(written.contact().clone())
}

/// Per custom field, the value of the most recent contact that has one.
async fn surviving_custom_values(
    txn: &TenantTxn,
    group: &[contact::Model],
    definitions: &[custom_field::Model],
) -> ContactsResult<Vec<(custom_field::Model, Option<CustomValue>)>> {
    let ids: Vec<Uuid> = group.iter().map(|c| c.id).collect();
    let values = contacts::custom_values_of_contacts(txn, &ids).await?;
    Ok(definitions
        .iter()
        .map(|definition| {
            let value = group.iter().find_map(|c| {
                values.get(&c.id).and_then(|vs| vs.iter().find(|(f, _)| f.id == definition.id).map(|(_, v)| v.clone()))
            });
            (definition.clone(), value)
        })
        .collect())
}

/// Per channel, the strictest consent of the group: the most recent refusal if any, else the
/// most recent agreement.
async fn strictest_consents(txn: &TenantTxn, group: &[contact::Model]) -> ContactsResult<Vec<ConsentProof>> {
    let ids: Vec<Uuid> = group.iter().map(|c| c.id).collect();
    let by_contact = consents::of_contacts(txn, &ids).await?;
    let mut proofs = Vec::new();
    for channel in ConsentChannel::ALL {
        let mut of_channel: Vec<&consent::Model> =
            by_contact.values().flatten().filter(|c| c.channel == channel).collect();
        of_channel.sort_by_key(|c| std::cmp::Reverse(c.collected_at));
        let chosen = of_channel
            .iter()
            .find(|c| c.status == ConsentStatus::Denied)
            .or_else(|| of_channel.iter().find(|c| c.status == ConsentStatus::Granted));
        if let Some(c) = chosen {
            proofs.push(ConsentProof {
                channel,
                status: c.status,
                collected_at: c.collected_at,
                source: c.source.clone(),
                wording: c.wording.clone(),
                ip: c.ip.clone(),
            });
        }
    }
    Ok(proofs)
}
