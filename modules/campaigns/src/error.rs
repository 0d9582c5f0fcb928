//! The campaigns module's errors and their one mapping to API errors.

use crm360_contacts::error::ContactsError;
use crm360_kernel::error::{ApiError, ErrorCode};
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum CampaignsError {
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("not a valid identifier")]
    InvalidId { field: &'static str },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A template part does not compile or reads an unknown field; `message` names the line.
    #[error("{message}")]
    Template { field: &'static str, reason: &'static str, message: String },
    #[error("this {what} is for {found} messages, the campaign sends {expected}")]
    ChannelMismatch { field: &'static str, what: &'static str, expected: String, found: String },
    #[error("this sender is not among the tenant's allowed senders")]
    SenderNotAllowed,
    #[error("not a valid SMS sender id: {reason}")]
    InvalidSenderId { field: &'static str, reason: String },
    #[error("not a valid email address")]
    InvalidEmail { field: &'static str },
    #[error("not a valid mobile number")]
    InvalidPhone { field: &'static str },
    #[error("{message}")]
    InvalidCron { message: String },
    #[error("{field} is in the past")]
    InThePast { field: &'static str },
    #[error("the segment has no contact to send to")]
    EmptySegment,
    #[error("cannot {action} a campaign that is {status}")]
    InvalidState { action: &'static str, status: String },
    #[error("this name is already used")]
    NameTaken { field: &'static str },
    #[error("at most {max} test recipients")]
    TooManyRecipients { max: usize },
    #[error("no {0} transport is configured on this platform")]
    NoTransport(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{message}")]
    AbTest { field: &'static str, message: &'static str },
    #[error("the test message was refused: {0}")]
    TestRefused(String),
    #[error(transparent)]
    Contacts(#[from] ContactsError),
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<CampaignsError> for ApiError {
    fn from(err: CampaignsError) -> ApiError {
        let message = err.to_string();
        match err {
            CampaignsError::Required { field } => ApiError::invalid(field, "REQUIRED", message),
            CampaignsError::TooLong { field, .. } => ApiError::invalid(field, "TOO_LONG", message),
            CampaignsError::InvalidId { field } => ApiError::invalid(field, "INVALID_ID", message),
            CampaignsError::NotFound(what) => ApiError::not_found(what),
            CampaignsError::Template { field, reason, .. } => ApiError::invalid(field, reason, message),
            CampaignsError::ChannelMismatch { field, .. } => ApiError::invalid(field, "CHANNEL_MISMATCH", message),
            CampaignsError::SenderNotAllowed => ApiError::invalid("senderId", "SENDER_NOT_ALLOWED", message),
            CampaignsError::InvalidSenderId { field, .. } => ApiError::invalid(field, "INVALID_SENDER_ID", message),
            CampaignsError::InvalidEmail { field } => ApiError::invalid(field, "INVALID_EMAIL", message),
            CampaignsError::InvalidPhone { field } => ApiError::invalid(field, "INVALID_PHONE", message),
            CampaignsError::InvalidCron { .. } => ApiError::invalid("cron", "INVALID_CRON", message),
            CampaignsError::InThePast { field } => ApiError::invalid(field, "IN_THE_PAST", message),
            CampaignsError::EmptySegment => ApiError::invalid("segmentId", "EMPTY_SEGMENT", message),
            CampaignsError::InvalidState { .. } => ApiError::conflict("INVALID_STATE", message),
            CampaignsError::NameTaken { field } => ApiError::conflict("NAME_TAKEN", message).with_field(field),
            CampaignsError::TooManyRecipients { .. } => ApiError::invalid("to", "TOO_MANY_RECIPIENTS", message),
            CampaignsError::NoTransport(_) => ApiError::new(ErrorCode::Conflict, message).with_reason("NO_TRANSPORT"),
            CampaignsError::Forbidden(_) => ApiError::forbidden(message),
            CampaignsError::AbTest { field, .. } => ApiError::invalid(field, "INVALID_AB_TEST", message),
            CampaignsError::TestRefused(_) => ApiError::invalid("to", "TEST_REFUSED", message),
            CampaignsError::Contacts(inner) => ApiError::from(inner),
            CampaignsError::Database(db) => ApiError::from(db),
            CampaignsError::Internal(cause) => ApiError::internal(cause),
        }
    }
}

pub type CampaignsResult<T> = Result<T, CampaignsError>;
