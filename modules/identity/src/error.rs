//! The identity module's errors and their one mapping to API errors.

use crm360_kernel::error::{ApiError, ErrorCode};
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("wrong email or password")]
    WrongCredentials,
    #[error("this account is closed")]
    AccountClosed,
    #[error("this tenant's access is suspended")]
    TenantSuspended,
    #[error("the session has expired")]
    SessionExpired,
    #[error("too many failed attempts")]
    Throttled { retry_after_seconds: i64 },
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    #[error("not a valid email address")]
    InvalidEmail,
    #[error("weak password: {0}")]
    WeakPassword(String),
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("not a valid identifier")]
    InvalidId { field: &'static str },
    #[error("this email address is already used by an account")]
    EmailTaken,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("an administrator cannot close their own account or remove their own administration")]
    SelfLockout,
    #[error("the tenant is not in a state that allows this: {0}")]
    InvalidTenantState(&'static str),
    #[error("{}", .0.message)]
    Api(ApiError),
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<ApiError> for IdentityError {
    fn from(err: ApiError) -> IdentityError {
        IdentityError::Api(err)
    }
}

impl From<IdentityError> for ApiError {
    fn from(err: IdentityError) -> ApiError {
        let message = err.to_string();
        match err {
            IdentityError::WrongCredentials => ApiError::unauthenticated("WRONG_CREDENTIALS", message),
            IdentityError::AccountClosed => ApiError::unauthenticated("ACCOUNT_CLOSED", message),
            IdentityError::TenantSuspended => ApiError::unauthenticated("TENANT_SUSPENDED", message),
            IdentityError::SessionExpired => ApiError::unauthenticated("SESSION_EXPIRED", message),
            IdentityError::Throttled { retry_after_seconds } => ApiError::rate_limited(retry_after_seconds),
            IdentityError::WrongCurrentPassword => {
                ApiError::invalid("currentPassword", "WRONG_CURRENT_PASSWORD", message)
            }
            IdentityError::InvalidEmail => ApiError::invalid("email", "INVALID_EMAIL", message),
            IdentityError::WeakPassword(_) => ApiError::invalid("password", "WEAK_PASSWORD", message),
            IdentityError::Required { field } => ApiError::invalid(field, "REQUIRED", message),
            IdentityError::TooLong { field, .. } => ApiError::invalid(field, "TOO_LONG", message),
            IdentityError::InvalidId { field } => ApiError::invalid(field, "INVALID_ID", message),
            IdentityError::EmailTaken => ApiError::conflict("EMAIL_TAKEN", message).with_field("email"),
            IdentityError::NotFound(what) => ApiError::not_found(what),
            IdentityError::SelfLockout => ApiError::new(ErrorCode::Conflict, message).with_reason("SELF_LOCKOUT"),
            IdentityError::InvalidTenantState(_) => ApiError::conflict("INVALID_TENANT_STATE", message),
            IdentityError::Api(api) => api,
            IdentityError::Db(db) => ApiError::from(db),
            IdentityError::Internal(cause) => ApiError::internal(cause),
        }
    }
}

pub type IdentityResult<T> = Result<T, IdentityError>;
