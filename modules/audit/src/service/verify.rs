//! Verification: every sealed entry is reread in its chain's order and its hashes computed
//! again from what the table holds now; each checkpoint's root and signature is checked as
//! the recomputed tree reaches its size. A changed field, a removed or moved entry, or a
//! rewritten hash each show up as a finding with the entry's position.

use crate::error::AuditResult;
use crate::model::checkpoint;
use crate::service::seal::{chain_name, content_of, of_chain, record_of};
use crm360_audit_ledger::{Frontier, GENESIS, chain_next, to_hex};
use crm360_kernel::model::audit_entry;
use crm360_kernel::{Platform, Why};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

const PAGE: u64 = 5_000;

/// Something that does not hold, where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub chain: String,
    pub position: u64,
    pub entry_id: Option<Uuid>,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Positions jump: entries were removed (or two share a position).
    Missing { expected: u64 },
    /// The personal content is not the one sealed.
    ContentAltered,
    /// The entry's other fields (or its position) are not the ones sealed.
    EntryAltered,
    /// The stored chain hash is not the chain recomputed up to this entry.
    ChainBroken,
    /// A checkpoint's root is not the root of the entries as they are now.
    RootMismatch { size: u64 },
    /// A checkpoint's signature does not verify with the platform's public key.
    BadSignature { size: u64 },
    /// A checkpoint counts more entries than the chain holds: the last ones were removed.
    Truncated { size: u64, held: u64 },
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = format!("chain {} position {}", self.chain, self.position);
        let id = self.entry_id.map(|id| format!(" (entry {id})")).unwrap_or_default();
        match &self.problem {
            Problem::Missing { expected } => write!(f, "{at}{id}: entries missing, expected position {expected}"),
            Problem::ContentAltered => write!(f, "{at}{id}: content altered since it was sealed"),
            Problem::EntryAltered => write!(f, "{at}{id}: entry altered or moved since it was sealed"),
            Problem::ChainBroken => write!(f, "{at}{id}: chain hash does not follow from the entries before"),
            Problem::RootMismatch { size } => {
                write!(f, "{at}: the checkpoint of size {size} does not match the entries")
            }
            Problem::BadSignature { size } => write!(f, "{at}: the checkpoint of size {size} has a bad signature"),
            Problem::Truncated { size, held } => {
                write!(f, "{at}: the checkpoint of size {size} counts entries that are gone ({held} held)")
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct VerifyReport {
    pub chains: usize,
    pub entries: u64,
    pub checkpoints: u64,
    pub findings: Vec<Finding>,
}

/// Verifies every chain (or one tenant's) with the platform's public key (base64).
pub async fn verify(platform: &Platform, public_key: &str, only: Option<Option<Uuid>>) -> AuditResult<VerifyReport> {
    let db = platform.unscoped(Why::AuditSeal);
    let mut chains: Vec<Option<Uuid>> = match only {
        Some(chain) => vec![chain],
        None => {
            let mut from_entries: Vec<Option<Uuid>> = db
                .find::<audit_entry::Entity>()
                .select_only()
                .column(audit_entry::Column::TenantId)
                .distinct()
                .filter(audit_entry::Column::ChainPosition.is_not_null())
                .into_tuple()
                .all(&db)
                .await?;
            let from_checkpoints: Vec<Option<Uuid>> = db
                .find::<checkpoint::Entity>()
                .select_only()
                .column(checkpoint::Column::TenantId)
                .distinct()
                .into_tuple()
                .all(&db)
                .await?;
            from_entries.extend(from_checkpoints);
            from_entries
        }
    };
    chains.sort();
    chains.dedup();
    let mut report = VerifyReport::default();
    for tenant_id in chains {
        verify_chain(platform, public_key, tenant_id, &mut report).await?;
        report.chains += 1;
    }
    Ok(report)
}

async fn verify_chain(
    platform: &Platform,
    public_key: &str,
    tenant_id: Option<Uuid>,
    report: &mut VerifyReport,
) -> AuditResult<()> {
    let db = platform.unscoped(Why::AuditSeal);
    let chain = chain_name(tenant_id);
    let checkpoints = of_chain(db.find::<checkpoint::Entity>(), checkpoint::Column::TenantId, tenant_id)
        .order_by_asc(checkpoint::Column::Size)
        .all(&db)
        .await?;
    let mut checkpoints = checkpoints.into_iter().peekable();
    let finding = |position, entry_id, problem| Finding { chain: chain.clone(), position, entry_id, problem };
    let (mut head, mut frontier, mut expected, mut last) = (GENESIS, Frontier::default(), 1u64, 0i64);
    loop {
        let page = of_chain(db.find::<audit_entry::Entity>(), audit_entry::Column::TenantId, tenant_id)
            .filter(audit_entry::Column::ChainPosition.gt(last))
            .order_by_asc(audit_entry::Column::ChainPosition)
            .order_by_asc(audit_entry::Column::Id)
            .limit(PAGE)
            .all(&db)
            .await?;
        let Some(end) = page.last() else { break };
        last = end.chain_position.unwrap_or(last);
        for entry in &page {
            let position = entry.chain_position.unwrap_or_default() as u64;
            report.entries += 1;
            if position != expected {
                report.findings.push(finding(position, Some(entry.id), Problem::Missing { expected }));
            }
            expected = position + 1;
            let stored_content = entry.content_hash.clone().unwrap_or_default();
            let content_holds = match entry.redacted_at {
                // An erasure may only clear the content, never change it.
                Some(_) => entry.before.is_none() && entry.after.is_none() && entry.ip.is_none(),
                None => to_hex(&content_of(entry).hash()) == stored_content,
            };
            if !content_holds {
                report.findings.push(finding(position, Some(entry.id), Problem::ContentAltered));
            }
            let leaf = record_of(entry, position, stored_content).leaf();
            if entry.leaf_hash.as_deref() != Some(to_hex(&leaf).as_str()) {
                report.findings.push(finding(position, Some(entry.id), Problem::EntryAltered));
            }
            head = chain_next(&head, &leaf);
            if entry.chain_hash.as_deref() != Some(to_hex(&head).as_str()) {
                report.findings.push(finding(position, Some(entry.id), Problem::ChainBroken));
            }
            frontier.push(leaf)?;
            while let Some(c) = checkpoints.next_if(|c| c.size as u64 <= frontier.size()) {
                check_checkpoint(&c, &frontier, public_key, report, &finding);
            }
        }
    }
    for c in checkpoints {
        let problem = Problem::Truncated { size: c.size as u64, held: frontier.size() };
        report.findings.push(finding(frontier.size(), None, problem));
        report.checkpoints += 1;
    }
    Ok(())
}

fn check_checkpoint(
    c: &checkpoint::Model,
    frontier: &Frontier,
    public_key: &str,
    report: &mut VerifyReport,
    finding: &impl Fn(u64, Option<Uuid>, Problem) -> Finding,
) {
    report.checkpoints += 1;
    let size = c.size as u64;
    // Two checkpoints of one size, or one whose size was skipped: the tree is not at it.
    let root_holds = frontier.size() == size && frontier.root().is_ok_and(|root| to_hex(&root) == c.root);
    if !root_holds {
        report.findings.push(finding(size, None, Problem::RootMismatch { size }));
    }
    if c.signed().verify(public_key).is_err() {
        report.findings.push(finding(size, None, Problem::BadSignature { size }));
    }
}
