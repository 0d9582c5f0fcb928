//! The audit module's errors and their one mapping to API errors.

use crm360_kernel::error::ApiError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("the audit trail has no checkpoint yet: entries are sealed every minute")]
    NotSealedYet,
    #[error("entry {0} is not sealed yet: it will be within a minute")]
    EntryNotSealed(String),
    #[error("no such audit entry: {0}")]
    UnknownEntry(String),
    #[error("between 1 and {max} entries a proof")]
    TooManyEntries { max: usize },
    #[error("the signing key: {0}")]
    Key(String),
    #[error("evidence: {0}")]
    Evidence(#[from] crm360_audit_ledger::EvidenceError),
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

pub type AuditResult<T> = Result<T, AuditError>;

impl From<AuditError> for ApiError {
    fn from(err: AuditError) -> ApiError {
        let message = err.to_string();
        match err {
            AuditError::NotSealedYet => ApiError::invalid("entryIds", "NOT_SEALED_YET", message),
            AuditError::EntryNotSealed(_) => ApiError::invalid("entryIds", "NOT_SEALED_YET", message),
            AuditError::UnknownEntry(_) => ApiError::not_found("audit entry"),
            AuditError::TooManyEntries { .. } => ApiError::invalid("entryIds", "OUT_OF_RANGE", message),
            AuditError::Key(_) | AuditError::Evidence(_) => ApiError::internal(message),
            AuditError::Database(err) => err.into(),
        }
    }
}
