//! The contacts module's errors and their one mapping to API errors.

use crm360_kernel::error::ApiError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum ContactsError {
    /// A value the client sent is not acceptable: which field, and a stable reason.
    #[error("{message}")]
    Invalid { field: String, reason: &'static str, message: String },
    /// The caller's rights do not reach this part of the input (a condition on a direct
    /// identifier without the Consult right): which field, and a stable reason.
    #[error("{message}")]
    Forbidden { field: String, reason: &'static str, message: String },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict { reason: &'static str, message: String },
    /// An upload would bring the tenant's stored files past its quota.
    #[error("the tenant's quota of {quota_bytes} bytes of stored files is reached ({used_bytes} bytes used)")]
    QuotaExceeded { quota_bytes: u64, used_bytes: u64 },
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl ContactsError {
    pub fn invalid(field: impl Into<String>, reason: &'static str, message: impl Into<String>) -> ContactsError {
        ContactsError::Invalid { field: field.into(), reason, message: message.into() }
    }
}

impl From<ContactsError> for ApiError {
    fn from(err: ContactsError) -> ApiError {
        let message = err.to_string();
        match err {
            ContactsError::Invalid { field, reason, .. } => ApiError::invalid(&field, reason, message),
            ContactsError::Forbidden { field, reason, .. } => {
                ApiError::forbidden(message).with_reason(reason).with_field(&field)
            }
            ContactsError::NotFound(what) => ApiError::not_found(what),
            ContactsError::Conflict { reason, .. } => ApiError::conflict(reason, message),
            // `POST /uploads` answers it with its own code and numbers (crate::http); through
            // the kernel's stable codes it is a refused input, its numbers in the message.
            ContactsError::QuotaExceeded { .. } => ApiError::invalid("body", "QUOTA_EXCEEDED", message),
            ContactsError::Database(db) => ApiError::from(db),
            ContactsError::Io(io) => ApiError::internal(io),
            ContactsError::Internal(cause) => ApiError::internal(cause),
        }
    }
}

pub type ContactsResult<T> = Result<T, ContactsError>;
