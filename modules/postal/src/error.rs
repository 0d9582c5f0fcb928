//! The postal module's errors and their one mapping to API errors.

use crm360_contacts::error::ContactsError;
use crm360_kernel::ApiError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum PostalError {
    #[error("between 1 and {max} addresses per call")]
    BatchSize { max: usize },
    #[error("address {index} has {lines} lines; an address has 1 to 6 lines")]
    LineCount { index: usize, lines: usize },
    #[error("address {index} has a line longer than {max} characters")]
    LineTooLong { index: usize, max: usize },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the run has not finished, or is not an RNVP run")]
    RunNotFinished,
    #[error("this duplicate group was already merged or dismissed")]
    GroupDecided,
    /// What the contacts module refused or failed (segments, corrections, merges).
    #[error("{0}")]
    Contacts(#[from] ContactsError),
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

pub type PostalResult<T> = Result<T, PostalError>;

impl From<PostalError> for ApiError {
    fn from(err: PostalError) -> ApiError {
        let message = err.to_string();
        match err {
            PostalError::BatchSize { .. } => ApiError::invalid("addresses", "BATCH_SIZE", message),
            PostalError::LineCount { .. } => ApiError::invalid("lines", "LINE_COUNT", message),
            PostalError::LineTooLong { .. } => ApiError::invalid("lines", "TOO_LONG", message),
            PostalError::NotFound(what) => ApiError::not_found(what),
            PostalError::RunNotFinished => ApiError::conflict("RUN_NOT_FINISHED", message),
            PostalError::GroupDecided => ApiError::conflict("GROUP_DECIDED", message),
            PostalError::Contacts(contacts) => ApiError::from(contacts),
            PostalError::Database(db) => ApiError::from(db),
        }
    }
}
