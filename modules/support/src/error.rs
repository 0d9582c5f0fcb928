//! The support module's errors and their one mapping to API errors.

use crm360_identity::error::IdentityError;
use crm360_kernel::error::ApiError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum SupportError {
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("the end must come after the start")]
    EndsBeforeStart,
    #[error("no such tenant")]
    UnknownTenant,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("this announcement has already ended")]
    AnnouncementEnded,
    #[error("the visitor id must be a UUID")]
    InvalidVisitorId,
    #[error("not a page path of the web app: {0}")]
    InvalidPath(&'static str),
    #[error("the previous visit cannot be in the future")]
    InvalidPreviousVisit,
    #[error("the period must run forward and span at most {max_days} days")]
    InvalidRange { max_days: i64 },
    #[error("too many page views")]
    Throttled { retry_after_seconds: i64 },
    #[error("{field}: {message}")]
    Invalid { field: &'static str, reason: &'static str, message: String },
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    InvalidState(&'static str),
    #[error("an attachment is at most {max_bytes} bytes")]
    AttachmentTooLarge { max_bytes: usize },
    #[error("this type of file is not accepted (images, PDF, office documents, archives, text)")]
    AttachmentType,
    #[error("at most {max} attachments a message")]
    TooManyAttachments { max: usize },
    #[error("storage: {0}")]
    Storage(String),
    /// Looking up a tenant (an announcement's audience, the analytics' tenant names).
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

impl From<SupportError> for ApiError {
    fn from(err: SupportError) -> ApiError {
        let message = err.to_string();
        match err {
            SupportError::Required { field } => ApiError::invalid(field, "REQUIRED", message),
            SupportError::TooLong { field, .. } => ApiError::invalid(field, "TOO_LONG", message),
            SupportError::EndsBeforeStart => ApiError::invalid("endsAt", "ENDS_BEFORE_START", message),
            SupportError::UnknownTenant => ApiError::invalid("tenantId", "UNKNOWN_TENANT", message),
            SupportError::NotFound(what) => ApiError::not_found(what),
            SupportError::AnnouncementEnded => ApiError::conflict("ANNOUNCEMENT_ENDED", message),
            SupportError::InvalidVisitorId => ApiError::invalid("visitorId", "INVALID_VISITOR_ID", message),
            SupportError::InvalidPath(_) => ApiError::invalid("path", "INVALID_PATH", message),
            SupportError::InvalidPreviousVisit => ApiError::invalid("previousVisitOn", "IN_THE_FUTURE", message),
            SupportError::InvalidRange { .. } => ApiError::invalid("to", "INVALID_RANGE", message),
            SupportError::Throttled { retry_after_seconds } => ApiError::rate_limited(retry_after_seconds),
            SupportError::Invalid { field, reason, .. } => ApiError::invalid(field, reason, message),
            SupportError::Forbidden(_) => ApiError::forbidden(message),
            SupportError::InvalidState(_) => ApiError::conflict("INVALID_STATE", message),
            SupportError::AttachmentTooLarge { .. } => ApiError::invalid("file", "FILE_TOO_LARGE", message),
            SupportError::AttachmentType => ApiError::invalid("file", "FILE_TYPE", message),
            SupportError::TooManyAttachments { .. } => {
                ApiError::invalid("attachmentIds", "TOO_MANY_ATTACHMENTS", message)
            }
            SupportError::Storage(_) => ApiError::internal(message),
            SupportError::Identity(identity) => ApiError::from(identity),
            SupportError::Database(db) => ApiError::from(db),
        }
    }
}

pub type SupportResult<T> = Result<T, SupportError>;
