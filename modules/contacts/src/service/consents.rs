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
use async_graphql::Enum;
use chrono::{DateTime, Utc};
use crm360_kernel::TenantScope;
use crm360_kernel::audit::AuditChange;
use sea_orm::sea_query::{Condition, Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// A channel a contact can be reached on.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsentChannel {
    Email,
    Sms,
    Post,
}

impl ConsentChannel {
    pub const ALL: [ConsentChannel; 3] = [ConsentChannel::Email, ConsentChannel::Sms, ConsentChannel::Post];

    pub fn code(self) -> &'static str {
        match self {
            ConsentChannel::Email => "EMAIL",
            ConsentChannel::Sms => "SMS",
            ConsentChannel::Post => "POST",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentChannel> {
        ConsentChannel::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The contact's column holding its current status on this channel.
    pub fn summary_column(self) -> contact::Column {
        match self {
            ConsentChannel::Email => contact::Column::ConsentEmail,
            ConsentChannel::Sms => contact::Column::ConsentSms,
            ConsentChannel::Post => contact::Column::ConsentPost,
        }
    }
}

/// What the contact said.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsentStatus {
    /// The contact agreed (opt-in).
    Granted,
    /// The contact refused or withdrew (opt-out).
    Denied,
}

impl ConsentStatus {
    pub fn code(self) -> &'static str {
        match self {
            ConsentStatus::Granted => "GRANTED",
            ConsentStatus::Denied => "DENIED",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentStatus> {
        match code {
            "GRANTED" => Some(ConsentStatus::Granted),
            "DENIED" => Some(ConsentStatus::Denied),
            _ => None,
        }
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
        let status = consents.iter().rev().find(|(c, _)| *c == channel).map(|(_, granted)| {
            if *granted { ConsentStatus::Granted } else { ConsentStatus::Denied }.code().to_owned()
        });
        active.set(channel.summary_column(), status.into());
    }
}

/// Writes a contact's current status on a channel to its summary column (only if it differs,
/// so that an unchanged summary writes no new row version).
async fn write_summary(
    txn: &impl ConnectionTrait,
    tenant_id: Uuid,
    contact_id: Uuid,
    channel: ConsentChannel,
    status: ConsentStatus,
) -> ContactsResult<()> {
    let column = channel.summary_column();
    contact::Entity::update_many()
        .col_expr(column, Expr::value(status.code()))
        .filter(contact::Column::TenantId.eq(tenant_id))
        .filter(contact::Column::Id.eq(contact_id))
        .filter(Condition::any().add(column.is_null()).add(column.ne(status.code())))
        .exec(txn)
        .await?;
    Ok(())
}

/// Records a consent within `txn`; returns what it replaced. Unchanged proofs write nothing;
/// a written consent also brings the contact's summary column to its status.
pub async fn record(
    scope: &TenantScope,
    txn: &impl ConnectionTrait,
    contact_id: Uuid,
    proof: &ConsentProof,
) -> ContactsResult<Option<consent::Model>> {
    let before = scope
        .find::<consent::Entity>()
        .filter(consent::Column::ContactId.eq(contact_id))
        .filter(consent::Column::Channel.eq(proof.channel.code()))
        .one(txn)
        .await?;
    let row = consent::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        contact_id: Set(contact_id),
        channel: Set(proof.channel.code().to_owned()),
        status: Set(proof.status.code().to_owned()),
        collected_at: Set(proof.collected_at),
        source: Set(proof.source.clone()),
        wording: Set(proof.wording.clone()),
        ip: Set(proof.ip.clone()),
        updated_at: Set(scope.now()),
    };
    if let Some(old) = &before {
        let same = old.status == proof.status.code()
            && old.source == proof.source
            && old.wording == proof.wording
            && old.ip == proof.ip;
        if same {
            return Ok(before);
        }
    }
    consent::Entity::insert(row)
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
    write_summary(txn, scope.tenant_id(), contact_id, proof.channel, proof.status).await?;
    let after = consent::Model {
        tenant_id: scope.tenant_id(),
        contact_id,
        channel: proof.channel.code().to_owned(),
        status: proof.status.code().to_owned(),
        collected_at: proof.collected_at,
        source: proof.source.clone(),
        wording: proof.wording.clone(),
        ip: proof.ip.clone(),
        updated_at: scope.now(),
    };
    let mut change = AuditChange::new("contact.consent.set", "contact", contact_id).after(snapshot(&after));
    if let Some(old) = &before {
        change = change.before(snapshot(old));
    }
    scope.audit(txn, change).await?;
    Ok(before)
}

/// Sets one consent of a contact (API).
pub async fn set(scope: &TenantScope, contact_id: Uuid, proof: ConsentProof) -> ContactsResult<consent::Model> {
    let proof = check(proof, scope.now())?;
    let txn = scope.db().begin().await?;
    let exists = scope.find::<contact::Entity>().filter(contact::Column::Id.eq(contact_id)).one(&txn).await?;
    if exists.is_none() {
        return Err(ContactsError::NotFound("contact"));
    }
    record(scope, &txn, contact_id, &proof).await?;
    let after = scope
        .find::<consent::Entity>()
        .filter(consent::Column::ContactId.eq(contact_id))
        .filter(consent::Column::Channel.eq(proof.channel.code()))
        .one(&txn)
        .await?
        .ok_or_else(|| ContactsError::Internal("consent vanished".into()))?;
    txn.commit().await?;
    Ok(after)
}

/// The consents of many contacts of one tenant, in one query (for the DataLoader).
pub async fn of_contacts(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    contact_ids: &[Uuid],
) -> ContactsResult<HashMap<Uuid, Vec<consent::Model>>> {
    let rows = consent::Entity::find()
        .filter(consent::Column::TenantId.eq(tenant_id))
        .filter(consent::Column::ContactId.is_in(contact_ids.iter().copied()))
        .all(db)
        .await?;
    let mut by_contact: HashMap<Uuid, Vec<consent::Model>> = HashMap::new();
    for row in rows {
        by_contact.entry(row.contact_id).or_default().push(row);
    }
    Ok(by_contact)
}
