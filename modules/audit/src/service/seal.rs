//! Sealing: each chain's new entries, in the order they are found (time, then id), get their
//! position and hashes, and a signed checkpoint records the chain's new size and root. The
//! tree's right edge is kept with the checkpoint, so a seal reads only the new entries.

use crate::error::AuditResult;
use crate::model::checkpoint;
use chrono::{DateTime, SecondsFormat, Utc};
use crm360_audit_ledger::{
    Checkpoint, CheckpointKey, EntryContent, EntryRecord, Frontier, GENESIS, chain_next, from_hex, to_hex,
};
use crm360_kernel::model::audit_entry;
use crm360_kernel::{Platform, Why, ids::new_id};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr};
use uuid::Uuid;

/// Entries sealed per transaction (and per checkpoint).
const BATCH: u64 = 2_000;

/// The chain of a tenant, or `platform` for operator work that names no tenant.
pub fn chain_name(tenant_id: Option<Uuid>) -> String {
    tenant_id.map_or_else(|| "platform".to_owned(), |id| id.to_string())
}

/// Instants as the ledger records them: RFC 3339, UTC, microseconds (what both databases keep).
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// An entry's record and content as the ledger hashes them, at `position` in its chain.
pub fn record_of(entry: &audit_entry::Model, position: u64, content_hash: String) -> EntryRecord {
    EntryRecord {
        id: entry.id.to_string(),
        chain: chain_name(entry.tenant_id),
        position,
        at: timestamp(entry.at),
        // The stored value (`TENANT_ADMIN`, ...), as the table holds it.
        actor_kind: entry.actor_kind.to_value(),
        actor_id: entry.actor_id.map(|id| id.to_string()),
        action: entry.action.clone(),
        target_type: entry.target_type.clone(),
        target_id: entry.target_id.clone(),
        request_id: entry.request_id.clone(),
        content_hash,
    }
}

pub fn content_of(entry: &audit_entry::Model) -> EntryContent {
    EntryContent { before: entry.before.clone(), after: entry.after.clone(), ip: entry.ip.clone() }
}

/// Filters rows of one chain (`tenant_id IS NULL` for the platform's).
pub fn of_chain<Q: QueryFilter>(query: Q, column: impl ColumnTrait, tenant_id: Option<Uuid>) -> Q {
    match tenant_id {
        Some(id) => query.filter(column.eq(id)),
        None => query.filter(column.is_null()),
    }
}

/// The latest checkpoint of a chain.
pub async fn latest_checkpoint(
    db: &impl ConnectionTrait,
    find: sea_orm::Select<checkpoint::Entity>,
    tenant_id: Option<Uuid>,
) -> AuditResult<Option<checkpoint::Model>> {
    let query = of_chain(find, checkpoint::Column::TenantId, tenant_id);
    Ok(query.order_by_desc(checkpoint::Column::Size).one(db).await?)
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SealReport {
    pub chains: usize,
    pub entries: u64,
}

/// Seals every chain's new entries.
pub async fn seal_all(platform: &Platform, key: &CheckpointKey) -> AuditResult<SealReport> {
    let db = platform.unscoped(Why::AuditSeal);
    let chains: Vec<Option<Uuid>> = db
        .find::<audit_entry::Entity>()
        .select_only()
        .column(audit_entry::Column::TenantId)
        .distinct()
        .filter(audit_entry::Column::ChainPosition.is_null())
        .into_tuple()
        .all(&db)
        .await?;
    let mut report = SealReport::default();
    for tenant_id in chains {
        let sealed = seal_chain(platform, key, tenant_id).await?;
        report.chains += usize::from(sealed > 0);
        report.entries += sealed;
    }
    Ok(report)
}

/// Seals one chain's new entries, a batch per transaction; how many.
pub async fn seal_chain(platform: &Platform, key: &CheckpointKey, tenant_id: Option<Uuid>) -> AuditResult<u64> {
    let mut sealed = 0;
    loop {
        let txn = platform.unscoped(Why::AuditSeal).begin().await?;
        txn.serialize("audit.seal").await?;
        let last = latest_checkpoint(&txn, txn.find::<checkpoint::Entity>(), tenant_id).await?;
        let (mut size, mut head, mut frontier) = match &last {
            Some(c) => (
                c.size as u64,
                from_hex(&c.chain_head, "chain head")?,
                serde_json::from_value::<Frontier>(c.frontier.clone())
                    .map_err(|e| crate::error::AuditError::Key(format!("a stored frontier: {e}")))?,
            ),
            None => (0, GENESIS, Frontier::default()),
        };
        let query = of_chain(txn.find::<audit_entry::Entity>(), audit_entry::Column::TenantId, tenant_id);
        let entries = query
            .filter(audit_entry::Column::ChainPosition.is_null())
            .order_by_asc(audit_entry::Column::At)
            .order_by_asc(audit_entry::Column::Id)
            .limit(BATCH)
            .all(&txn)
            .await?;
        if entries.is_empty() {
            // Ended, not dropped: on SQLite a dropped transaction keeps the write lock.
            txn.commit().await?;
            return Ok(sealed);
        }
        for entry in &entries {
            size += 1;
            let content_hash = to_hex(&content_of(entry).hash());
            let leaf = record_of(entry, size, content_hash.clone()).leaf();
            head = chain_next(&head, &leaf);
            frontier.push(leaf)?;
            txn.update_many::<audit_entry::Entity>()
                .col_expr(audit_entry::Column::ChainPosition, Expr::value(size as i64))
                .col_expr(audit_entry::Column::ContentHash, Expr::value(content_hash))
                .col_expr(audit_entry::Column::LeafHash, Expr::value(to_hex(&leaf)))
                .col_expr(audit_entry::Column::ChainHash, Expr::value(to_hex(&head)))
                .filter(audit_entry::Column::Id.eq(entry.id))
                .exec(&txn)
                .await?;
        }
        let now = txn.now();
        let signed = key.sign(Checkpoint {
            chain: chain_name(tenant_id),
            size,
            root: to_hex(&frontier.root()?),
            sealed_at: timestamp(now),
        });
        txn.insert(checkpoint::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id),
            chain: Set(signed.checkpoint.chain.clone()),
            size: Set(size as i64),
            root: Set(signed.checkpoint.root.clone()),
            chain_head: Set(to_hex(&head)),
            frontier: Set(serde_json::to_value(&frontier).expect("plain data")),
            signature: Set(signed.signature),
            public_key: Set(signed.public_key),
            sealed_at: Set(now),
        })
        .await?;
        txn.commit().await?;
        sealed += entries.len() as u64;
    }
}
