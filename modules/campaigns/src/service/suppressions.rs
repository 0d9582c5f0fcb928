//! The suppression lists: the tenant's (unsubscriptions, STOP replies, bounces, complaints,
//! additions by hand) and the platform's (operator staff), both of hashed addresses and
//! numbers. Every run consults both when it builds its ledger and again as each message leaves.

use crate::error::{CampaignsError, CampaignsResult};
use crate::model::{Channel, SuppressionReason, platform_suppression, suppression};
use crate::service::recipients;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::pagination::Page;
use crm360_kernel::values::{EmailAddress, PhoneNumber};
use crm360_kernel::{OperatorScope, Platform, TenantScope, TenantTxn, Unscoped, Why};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashSet;
use uuid::Uuid;

/// Checks and normalises an address or number typed by a person.
pub fn parse_value(channel: Channel, raw: &str) -> CampaignsResult<String> {
    match channel {
        Channel::Email => EmailAddress::parse(raw)
            .map(|e| e.as_str().to_owned())
            .map_err(|_| CampaignsError::InvalidEmail { field: "value" }),
        Channel::Sms => PhoneNumber::parse(raw)
            .map(|p| p.as_str().to_owned())
            .map_err(|_| CampaignsError::InvalidPhone { field: "value" }),
    }
}

/// Adds `value` (already normalised) to the tenant's list within `txn`; nothing when it is
/// there already (the first reason stays).
pub async fn add_in(
    txn: &TenantTxn,
    channel: Channel,
    value: &str,
    reason: SuppressionReason,
    campaign_id: Option<Uuid>,
) -> CampaignsResult<()> {
    let row = suppression::ActiveModel {
        tenant_id: Default::default(),
        channel: Set(channel),
        value_hash: Set(recipients::hash(channel, value)),
        masked: Set(recipients::mask(channel, value)),
        reason: Set(reason),
        campaign_id: Set(campaign_id),
        created_at: Default::default(),
    };
    txn.insert_statement(row)
        .on_conflict(
            OnConflict::columns([
                suppression::Column::TenantId,
                suppression::Column::Channel,
                suppression::Column::ValueHash,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Adds an address or number by hand (a person asked by phone, a complaint by letter).
pub async fn add(scope: &TenantScope, channel: Channel, raw: &str) -> CampaignsResult<suppression::Model> {
    let value = parse_value(channel, raw)?;
    let txn = scope.begin().await?;
    add_in(&txn, channel, &value, SuppressionReason::Manual, None).await?;
    let hash = recipients::hash(channel, &value);
    let row = find_in(&txn, channel, &hash).await?.ok_or(CampaignsError::NotFound("suppression"))?;
    txn.audit(AuditChange::new("suppression.add", "suppression", Uuid::nil()).after(serde_json::json!({
        "channel": channel, "masked": row.masked, "reason": row.reason,
    })))
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Removes an entry (a person who opted back in through a new, proven consent).
pub async fn remove(scope: &TenantScope, channel: Channel, value_hash: &str) -> CampaignsResult<suppression::Model> {
    let txn = scope.begin().await?;
    let row = find_in(&txn, channel, value_hash).await?.ok_or(CampaignsError::NotFound("suppression"))?;
    txn.delete_many::<suppression::Entity>()
        .filter(suppression::Column::Channel.eq(channel))
        .filter(suppression::Column::ValueHash.eq(value_hash))
        .exec(&txn)
        .await?;
    txn.audit(AuditChange::new("suppression.remove", "suppression", Uuid::nil()).before(serde_json::json!({
        "channel": channel, "masked": row.masked, "reason": row.reason,
    })))
    .await?;
    txn.commit().await?;
    Ok(row)
}

async fn find_in(txn: &TenantTxn, channel: Channel, value_hash: &str) -> CampaignsResult<Option<suppression::Model>> {
    Ok(txn
        .find::<suppression::Entity>()
        .filter(suppression::Column::Channel.eq(channel))
        .filter(suppression::Column::ValueHash.eq(value_hash))
        .one(txn)
        .await?)
}

/// Whether a typed address or number is on the tenant's list (the screen's search: the list
/// itself holds no address).
pub async fn lookup(scope: &TenantScope, channel: Channel, raw: &str) -> CampaignsResult<Option<suppression::Model>> {
    let value = parse_value(channel, raw)?;
    let txn = scope.begin().await?;
    let found = find_in(&txn, channel, &recipients::hash(channel, &value)).await?;
    txn.commit().await?;
    Ok(found)
}

/// A page of the tenant's list, newest first (keyset on the hash within a creation time is
/// not needed: the screen pages by offset over a list that only grows slowly).
pub async fn list(
    scope: &TenantScope,
    channel: Option<Channel>,
    page: &Page,
    offset: u64,
) -> CampaignsResult<Vec<suppression::Model>> {
    let txn = scope.begin().await?;
    let mut select = txn.find::<suppression::Entity>();
    if let Some(channel) = channel {
        select = select.filter(suppression::Column::Channel.eq(channel));
    }
    let rows = select
        .order_by_desc(suppression::Column::CreatedAt)
        .order_by_asc(suppression::Column::ValueHash)
        .offset(offset)
        .limit(page.limit)
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(rows)
}

/// Of `hashes`, those suppressed for the tenant of `txn` or for the whole platform.
pub async fn suppressed_among(
    txn: &TenantTxn,
    channel: Channel,
    hashes: &[String],
) -> CampaignsResult<HashSet<String>> {
    let mut found = HashSet::new();
    for chunk in hashes.chunks(500) {
        let own: Vec<String> = txn
            .find::<suppression::Entity>()
            .select_only()
            .column(suppression::Column::ValueHash)
            .filter(suppression::Column::Channel.eq(channel))
            .filter(suppression::Column::ValueHash.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(txn)
            .await?;
        found.extend(own);
        // On the transaction's own connection (`SharedTable`): it may hold SQLite's write lock.
        let shared: Vec<String> = txn
            .find_shared::<platform_suppression::Entity>()
            .select_only()
            .column(platform_suppression::Column::ValueHash)
            .filter(platform_suppression::Column::Channel.eq(channel))
            .filter(platform_suppression::Column::ValueHash.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(txn)
            .await?;
        found.extend(shared);
    }
    Ok(found)
}

/// Adds `value` (normalised) to the platform's list on `db`; nothing when it is there.
pub async fn add_platform_in<C: sea_orm::ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    channel: Channel,
    value: &str,
    reason: SuppressionReason,
) -> CampaignsResult<()> {
    let row = platform_suppression::ActiveModel {
        channel: Set(channel),
        value_hash: Set(recipients::hash(channel, value)),
        masked: Set(recipients::mask(channel, value)),
        reason: Set(reason),
        created_at: Set(db.now()),
    };
    db.insert_statement(row)
        .on_conflict(
            OnConflict::columns([platform_suppression::Column::Channel, platform_suppression::Column::ValueHash])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Adds an address or number to the platform's list (operator staff).
pub async fn add_platform(
    operator: &OperatorScope,
    platform: &Platform,
    channel: Channel,
    raw: &str,
) -> CampaignsResult<platform_suppression::Model> {
    let value = parse_value(channel, raw)?;
    let db = platform.unscoped(Why::Suppression).begin().await?;
    add_platform_in(&db, channel, &value, SuppressionReason::Manual).await?;
    let row = db
        .find::<platform_suppression::Entity>()
        .filter(platform_suppression::Column::Channel.eq(channel))
        .filter(platform_suppression::Column::ValueHash.eq(recipients::hash(channel, &value)))
        .one(&db)
        .await?
        .ok_or(CampaignsError::NotFound("suppression"))?;
    operator
        .audit(
            &db,
            None,
            AuditChange::new("platform_suppression.add", "suppression", Uuid::nil()).after(serde_json::json!({
                "channel": channel, "masked": row.masked,
            })),
        )
        .await?;
    db.commit().await?;
    Ok(row)
}
