//! Consent per channel, with the proof a controller must keep: status, date, source, the
//! wording shown and the IP address. Each change is in the audit trail, before and after.
//!
//! The contact row carries a summary of its consents, the current status per channel
//! (`contact.consent_email`, `consent_sms`, `consent_post`), so that a segment tests a column
//! instead of joining every consent of the tenant. Every writer of `contact_consent` keeps it:
//! [`record`] (the API, the import's update path, merges, the demo data) brings the contact's
//! column to the status it writes (an UPDATE that writes the row only when it differs), and
//! the import's bulk path sets it on the contacts it inserts with [`summarise`]. Deleting a
//! contact deletes its consents with it.

use crate::error::{ContactsError, ContactsResult};
use crate::model::{consent, contact};
use crate::values;
use chrono::{DateTime, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::sea_query::{Condition, Expr, OnConflict};
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

pub use crate::model::consent::{ConsentChannel, ConsentStatus};

impl ConsentChannel {
    pub const ALL: [ConsentChannel; 3] = [ConsentChannel::Email, ConsentChannel::Sms, ConsentChannel::Post];

    /// The contact's column holding its current status on this channel.
    pub fn summary_column(self) -> contact::Column {
        match self {
            ConsentChannel::Email => contact::Column::ConsentEmail,
            ConsentChannel::Sms => contact::Column::ConsentSms,
            ConsentChannel::Post => contact::Column::ConsentPost,
        }
    }
}

/// The channel's stored code (`EMAIL`, `SMS`, `POST`).
impl std::fmt::Display for ConsentChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_value())
    }
}

impl ConsentStatus {
    /// The status of a yes/no answer (an import's consent column).
    pub fn of_answer(granted: bool) -> ConsentStatus {
        if granted { ConsentStatus::Granted } else { ConsentStatus::Denied }
    }
}

/// A consent and its proof, as recorded.
#[derive(Clone, Debug)]
pub struct ConsentProof {
    pub channel: ConsentChannel,
    pub status: ConsentStatus,
    pub collected_at: DateTime<Utc>,
    pub source: Option<String>,
    pub wording: Option<String>,
    pub ip: Option<String>,
}

pub fn snapshot(c: &consent::Model) -> serde_json::Value {
    serde_json::json!({ "channel": c.channel, "status": c.status, "collectedAt": c.collected_at,
        "source": c.source, "wording": c.wording, "ip": c.ip })
}

fn optional_text(raw: Option<&str>, field: &str, max: usize) -> ContactsResult<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Ok(Some(values::text(v, max).map_err(|r| ContactsError::invalid(field, r.reason, r.message))?)),
    }
}

/// Checks a proof's free texts and IP address.
pub fn check(mut proof: ConsentProof, now: DateTime<Utc>) -> ContactsResult<ConsentProof> {
    proof.source = optional_text(proof.source.as_deref(), "source", 200)?;
    proof.wording = optional_text(proof.wording.as_deref(), "wording", 2000)?;
    proof.ip = match proof.ip.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(ip) => Some(
            ip.parse::<std::net::IpAddr>()
                .map_err(|_| ContactsError::invalid("ip", "INVALID_IP", format!("{ip:?} is not an IP address")))?
                .to_string(),
        ),
    };
    if proof.collected_at > now {
        return Err(ContactsError::invalid(
            "collectedAt",
            "IN_THE_FUTURE",
            "a consent cannot be collected in the future",
        ));
    }
    Ok(proof)
}

/// Sets a new contact's consent summary (all three channels) from the consents it is
/// created with, `(channel, granted)` as the import reads them (the last one of a channel wins,
/// as in the consent rows written beside it).
pub fn summarise(active: &mut contact::ActiveModel, consents: &[(ConsentChannel, bool)]) {
    for channel in ConsentChannel::ALL {
        let status =
            consents.iter().rev().find(|(c, _)| *c == channel).map(|(_, granted)| ConsentStatus::of_answer(*granted));
        active.set(channel.summary_column(), status.into());
    }
}

/// Writes a contact's current status on a channel to its summary column (only if it differs,
/// so that an unchanged summary writes no new row version).
async fn write_summary(
    txn: &TenantTxn,
    contact_id: Uuid,
    channel: ConsentChannel,
    status: ConsentStatus,
) -> ContactsResult<()> {
    let column = channel.summary_column();
    txn.update_many::<contact::Entity>()
        .col_expr(column, Expr::value(status))
        .filter(contact::Column::Id.eq(contact_id))
        .filter(Condition::any().add(column.is_null()).add(column.ne(status)))
        .exec(txn)
        .await?;
    Ok(())
}

/// The consent of a contact on a channel, as stored.
async fn find_in(txn: &TenantTxn, contact_id: Uuid, channel: ConsentChannel) -> ContactsResult<Option<consent::Model>> {
    Ok(txn
        .find::<consent::Entity>()
        .filter(consent::Column::ContactId.eq(contact_id))
        .filter(consent::Column::Channel.eq(channel))
        .one(txn)
        .await?)
}

/// Records a consent within `txn`; returns what it replaced. Unchanged proofs write nothing;
/// a written consent also brings the contact's summary column to its status.
pub async fn record(txn: &TenantTxn, contact_id: Uuid, proof: &ConsentProof) -> ContactsResult<Option<consent::Model>> {
    let before = find_in(txn, contact_id, proof.channel).await?;
    if let Some(old) = &before {
        let same = old.status == proof.status
            && old.source == proof.source
            && old.wording == proof.wording
            && old.ip == proof.ip;
        if same {
            return Ok(before);
        }
    }
    let after = consent::Model {
        tenant_id: txn.tenant_id(),
        contact_id,
        channel: proof.channel,
        status: proof.status,
        collected_at: proof.collected_at,
        source: proof.source.clone(),
        wording: proof.wording.clone(),
        ip: proof.ip.clone(),
        updated_at: txn.now(),
    };
    txn.insert_statement(consent::ActiveModel::from(after.clone()))
        .on_conflict(
            OnConflict::columns([consent::Column::TenantId, consent::Column::ContactId, consent::Column::Channel])
                .update_columns([
                    consent::Column::Status,
                    consent::Column::CollectedAt,
                    consent::Column::Source,
                    consent::Column::Wording,
                    consent::Column::Ip,
                    consent::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    // Always, not only when `before` had another status: `before` was read without a lock,
    // and a concurrent transaction may have committed another status since (on PostgreSQL
    // the upsert above then overwrites it); the guarded UPDATE writes nothing when equal.
    write_summary(txn, contact_id, proof.channel, proof.status).await?;
    let mut change = AuditChange::new("contact.consent.set", "contact", contact_id).after(snapshot(&after));
    if let Some(old) = &before {
        change = change.before(snapshot(old));
    }
    txn.audit(change).await?;
    Ok(before)
}

/// Sets one consent of a contact (API).
pub async fn set(scope: &TenantScope, contact_id: Uuid, proof: ConsentProof) -> ContactsResult<consent::Model> {
    let proof = check(proof, scope.now())?;
    let txn = scope.begin().await?;
    let exists = txn.find::<contact::Entity>().filter(contact::Column::Id.eq(contact_id)).one(&txn).await?;
    if exists.is_none() {
        return Err(ContactsError::NotFound("contact"));
    }
    record(&txn, contact_id, &proof).await?;
    let after = find_in(&txn, contact_id, proof.channel)
        .await?
        .ok_or_else(|| ContactsError::Internal("consent vanished".into()))?;
    txn.commit().await?;
    Ok(after)
}

/// The consents of many contacts, in one query (a page, the DataLoader).
pub async fn of_contacts(txn: &TenantTxn, contact_ids: &[Uuid]) -> ContactsResult<HashMap<Uuid, Vec<consent::Model>>> {
    let rows = txn
        .find::<consent::Entity>()
        .filter(consent::Column::ContactId.is_in(contact_ids.iter().copied()))
        .all(txn)
        .await?;
    let mut by_contact: HashMap<Uuid, Vec<consent::Model>> = HashMap::new();
    for row in rows {
        by_contact.entry(row.contact_id).or_default().push(row);
    }
    Ok(by_contact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ActiveValue::Set;

    #[test]
    fn the_summary_holds_the_last_answer_of_each_channel() {
        let mut active = contact::ActiveModel { ..Default::default() };
        summarise(
            &mut active,
            &[(ConsentChannel::Email, true), (ConsentChannel::Sms, true), (ConsentChannel::Email, false)],
        );
        assert_eq!(active.consent_email, Set(Some(ConsentStatus::Denied)));
        assert_eq!(active.consent_sms, Set(Some(ConsentStatus::Granted)));
        assert_eq!(active.consent_post, Set(None));
        assert_eq!(ConsentChannel::Post.to_string(), "POST");
    }
}
