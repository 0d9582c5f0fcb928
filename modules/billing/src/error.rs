//! The billing module's errors and their one mapping to API errors.

use crm360_identity::error::IdentityError;
use crm360_kernel::error::ApiError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum BillingError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("not a valid identifier")]
    InvalidId { field: &'static str },
    #[error("{field}: {message}")]
    Invalid { field: &'static str, reason: &'static str, message: String },
    /// A usage or plan the grid cannot price (unknown level or commitment).
    #[error("{0}")]
    Pricing(#[from] crm360_pricing::PricingError),
    /// A revision the contract does not allow; the grid is unchanged.
    #[error("{0}")]
    Revision(#[from] crm360_pricing::RevisionError),
    #[error("cannot {action}: {why}")]
    InvalidState { action: &'static str, why: String },
    #[error("the invoice is already issued")]
    AlreadyIssued,
    #[error("document: {0}")]
    Document(String),
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

pub type BillingResult<T> = Result<T, BillingError>;

impl From<BillingError> for ApiError {
    fn from(err: BillingError) -> ApiError {
        let message = err.to_string();
        match err {
            BillingError::NotFound(what) => ApiError::not_found(what),
            BillingError::InvalidId { field } => ApiError::invalid(field, "INVALID_ID", message),
            BillingError::Invalid { field, reason, .. } => ApiError::invalid(field, reason, message),
            BillingError::Pricing(_) => ApiError::invalid("usage", "PRICING", message),
            BillingError::Revision(ref revision) => ApiError::invalid("grid", revision_reason(revision), message),
            BillingError::InvalidState { .. } => ApiError::conflict("INVALID_STATE", message),
            BillingError::AlreadyIssued => ApiError::conflict("ALREADY_ISSUED", message),
            BillingError::Document(_) => ApiError::internal(message),
            BillingError::Identity(err) => err.into(),
            BillingError::Database(err) => err.into(),
        }
    }
}

/// The stable `extensions.reason` of a refused revision.
fn revision_reason(err: &crm360_pricing::RevisionError) -> &'static str {
    use crm360_pricing::RevisionError::*;
    match err {
        TooManyThisYear { .. } => "TOO_MANY_REVISIONS",
        IncreaseTooLarge { .. } => "INCREASE_TOO_LARGE",
        StructureChangeNotFlagged => "STRUCTURE_CHANGE_NOT_FLAGGED",
        #[allow(unreachable_patterns)]
        _ => "INVALID_REVISION",
    }
}
