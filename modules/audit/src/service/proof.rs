//! The proof bundle a tenant administrator downloads: the latest checkpoint of the tenant's
//! chain and chosen entries with their audit paths, checked offline with the platform's
//! public key (`crm360 audit verify-proof`, `docs/audit-verification.md`).

use crate::error::{AuditError, AuditResult};
use crate::model::checkpoint;
use crate::service::seal::{content_of, record_of};
use crm360_audit_ledger::{ProofBundle, ProvenEntry, Tree, from_hex, to_hex};
use crm360_kernel::TenantScope;
use crm360_kernel::model::audit_entry;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// The most entries one bundle proves.
pub const MAX_ENTRIES: usize = 100;

/// The tenant's latest checkpoint.
pub async fn latest(scope: &TenantScope) -> AuditResult<Option<checkpoint::Model>> {
    let txn = scope.begin().await?;
    let found = txn.find::<checkpoint::Entity>().order_by_desc(checkpoint::Column::Size).one(&txn).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn bundle(scope: &TenantScope, entry_ids: &[Uuid]) -> AuditResult<ProofBundle> {
    if entry_ids.is_empty() || entry_ids.len() > MAX_ENTRIES {
        return Err(AuditError::TooManyEntries { max: MAX_ENTRIES });
    }
    let txn = scope.begin().await?;
    let checkpoint = txn
        .find::<checkpoint::Entity>()
        .order_by_desc(checkpoint::Column::Size)
        .one(&txn)
        .await?
        .ok_or(AuditError::NotSealedYet)?;
    let entries = txn
        .find::<audit_entry::Entity>()
        .filter(audit_entry::Column::Id.is_in(entry_ids.iter().copied()))
        .all(&txn)
        .await?;
    for id in entry_ids {
        let Some(entry) = entries.iter().find(|e| e.id == *id) else {
            return Err(AuditError::UnknownEntry(id.to_string()));
        };
        if entry.chain_position.is_none_or(|p| p > checkpoint.size) {
            return Err(AuditError::EntryNotSealed(id.to_string()));
        }
    }
    let leaves: Vec<Option<String>> = txn
        .find::<audit_entry::Entity>()
        .select_only()
        .column(audit_entry::Column::LeafHash)
        .filter(audit_entry::Column::ChainPosition.lte(checkpoint.size))
        .order_by_asc(audit_entry::Column::ChainPosition)
        .into_tuple()
        .all(&txn)
        .await?;
    txn.commit().await?;
    let leaves = leaves
        .iter()
        .map(|leaf| from_hex(leaf.as_deref().unwrap_or_default(), "leaf"))
        .collect::<Result<Vec<_>, _>>()?;
    let tree = Tree::new(leaves);
    let proven = entry_ids
        .iter()
        .filter_map(|id| entries.iter().find(|e| e.id == *id))
        .map(|entry| {
            let position = entry.chain_position.unwrap_or_default() as u64;
            let record = record_of(entry, position, entry.content_hash.clone().unwrap_or_default());
            let content = entry.redacted_at.is_none().then(|| content_of(entry));
            let proof = tree.proof(position as usize - 1).iter().map(to_hex).collect();
            ProvenEntry { record, content, proof }
        })
        .collect();
    Ok(ProofBundle { format: ProofBundle::FORMAT.to_owned(), checkpoint: checkpoint.signed(), entries: proven })
}
