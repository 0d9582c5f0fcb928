//! The audit trail's evidential value (contract article 17, issue 13). The kernel writes the
//! entries (`txn.audit`); this module seals them: every minute each chain's new entries get
//! their position, content, leaf and chain hashes, and a checkpoint signs the chain's
//! Merkle root (`crm360_audit_ledger`). `crm360 audit verify` rereads every chain and finds
//! an altered, removed or reordered entry; a tenant administrator downloads a checkpoint
//! with inclusion proofs and checks it offline (`docs/audit-verification.md`).

pub mod error;
pub mod graphql;
pub mod jobs;
pub mod model;
pub mod service;

pub use graphql::AuditQuery;

use crm360_audit_ledger::CheckpointKey;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::{Platform, RequestContext};
use jobs::SealAuditJob;

/// What the audit module is configured with: the key that signs checkpoints.
#[derive(Clone, Debug)]
pub struct AuditDeps {
    pub key: CheckpointKey,
}

pub struct AuditModule {
    pub deps: AuditDeps,
}

impl Module for AuditModule {
    fn name(&self) -> &'static str {
        "audit"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.recurring(SealAuditJob, SealAuditJob::EVERY, self.deps.clone());
    }

    fn request_data(&self, _platform: &Platform, _request: &RequestContext, data: &mut async_graphql::Data) {
        data.insert(self.deps.clone());
    }
}
