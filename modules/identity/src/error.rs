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
    #[error("this API token has expired")]
    TokenExpired,
    /// The request comes from outside the allow-list of the tenant (or of the operator, for
    /// its staff).
    #[error("access from this address is not allowed (network filtering)")]
    AddressNotAllowed,
    /// Too many failed attempts from this address (or at this password): slowed down.
    #[error("too many failed attempts, try again later")]
    Throttled { retry_after_seconds: i64 },
    /// Too many consecutive failures at this account, from anywhere: locked for a while.
    #[error("this account is locked after too many failed attempts, try again later")]
    AccountLocked { retry_after_seconds: i64 },
    /// A password link that is unknown, already used, superseded or expired: which one is never told.
    #[error("this link is not valid or has expired: ask for a new one")]
    TokenInvalid,
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    /// `field` is the input field as the client spelt it (`email`, `adminEmail`).
    #[error("not a valid email address")]
    InvalidEmail { field: &'static str },
    #[error("weak password: {reason}")]
    WeakPassword { field: &'static str, reason: String },
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("not a valid identifier")]
    InvalidId { field: &'static str },
    #[error("the end of the period comes before its start")]
    EndsBeforeStart,
    #[error("the expiry must be in the future")]
    ExpiryInThePast,
    #[error("the expiry is too far: at most {max_days} days from now")]
    ExpiryTooFar { max_days: i64 },
    /// `index`: the range's position in the submitted list.
    #[error("range {index} ({value:?}) is not a CIDR range such as 192.0.2.0/24 or 2001:db8::/32")]
    InvalidCidr { index: usize, value: String },
    #[error("too many ranges (at most {max})")]
    TooManyNetworks { max: usize },
    /// The list would refuse the administrator's own current address: saved only if confirmed.
    #[error(
        "your current address ({address}) is not in this list: saving it would lock you out; confirm to save it anyway"
    )]
    AddressLockout { address: String },
    #[error("this email address is already used by an account")]
    EmailTaken { field: &'static str },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// API clients and the system have no password to change.
    #[error("only people have passwords")]
    NoPassword,
    #[error("an administrator cannot close their own account or remove their own administration")]
    SelfLockout,
    #[error("the tenant is not in a state that allows this: {0}")]
    InvalidTenantState(&'static str),
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<IdentityError> for ApiError {
    fn from(err: IdentityError) -> ApiError {
        let message = err.to_string();
        match err {
            IdentityError::WrongCredentials => ApiError::unauthenticated("WRONG_CREDENTIALS", message),
            IdentityError::AccountClosed => ApiError::unauthenticated("ACCOUNT_CLOSED", message),
            IdentityError::TenantSuspended => ApiError::unauthenticated("TENANT_SUSPENDED", message),
            IdentityError::SessionExpired => ApiError::unauthenticated("SESSION_EXPIRED", message),
            IdentityError::TokenExpired => ApiError::unauthenticated("TOKEN_EXPIRED", message),
            IdentityError::AddressNotAllowed => ApiError::forbidden(message).with_reason("ADDRESS_NOT_ALLOWED"),
            IdentityError::Throttled { retry_after_seconds } => {
                ApiError { message, ..ApiError::rate_limited(retry_after_seconds).with_reason("TOO_MANY_ATTEMPTS") }
            }
            IdentityError::AccountLocked { retry_after_seconds } => {
                ApiError { message, ..ApiError::rate_limited(retry_after_seconds).with_reason("ACCOUNT_LOCKED") }
            }
            IdentityError::TokenInvalid => ApiError::invalid("token", "TOKEN_INVALID", message),
            IdentityError::WrongCurrentPassword => {
                ApiError::invalid("currentPassword", "WRONG_CURRENT_PASSWORD", message)
            }
            IdentityError::InvalidEmail { field } => ApiError::invalid(field, "INVALID_EMAIL", message),
            IdentityError::WeakPassword { field, .. } => ApiError::invalid(field, "WEAK_PASSWORD", message),
            IdentityError::Required { field } => ApiError::invalid(field, "REQUIRED", message),
            IdentityError::TooLong { field, .. } => ApiError::invalid(field, "TOO_LONG", message),
            IdentityError::InvalidId { field } => ApiError::invalid(field, "INVALID_ID", message),
            IdentityError::EndsBeforeStart => ApiError::invalid("to", "ENDS_BEFORE_START", message),
            IdentityError::ExpiryInThePast => ApiError::invalid("expiresAt", "IN_THE_PAST", message),
            IdentityError::ExpiryTooFar { .. } => ApiError::invalid("expiresAt", "TOO_FAR", message),
            IdentityError::InvalidCidr { .. } => ApiError::invalid("networks", "INVALID_CIDR", message),
            IdentityError::TooManyNetworks { .. } => ApiError::invalid("networks", "TOO_MANY_NETWORKS", message),
            IdentityError::AddressLockout { .. } => {
                ApiError::conflict("ADDRESS_LOCKOUT", message).with_field("confirmLockout")
            }
            IdentityError::EmailTaken { field } => ApiError::conflict("EMAIL_TAKEN", message).with_field(field),
            IdentityError::NotFound(what) => ApiError::not_found(what),
            IdentityError::NoPassword => ApiError::forbidden(message),
            IdentityError::SelfLockout => ApiError::new(ErrorCode::Conflict, message).with_reason("SELF_LOCKOUT"),
            IdentityError::InvalidTenantState(_) => ApiError::conflict("INVALID_TENANT_STATE", message),
            IdentityError::Database(db) => ApiError::from(db),
            IdentityError::Internal(cause) => ApiError::internal(cause),
        }
    }
}

pub type IdentityResult<T> = Result<T, IdentityError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_specific_errors_name_their_field() {
        let taken = ApiError::from(IdentityError::EmailTaken { field: "adminEmail" });
        assert_eq!(
            (taken.code, taken.reason, taken.field.as_deref()),
            (ErrorCode::Conflict, Some("EMAIL_TAKEN"), Some("adminEmail"))
        );
        let weak = ApiError::from(IdentityError::WeakPassword { field: "newPassword", reason: "too short".to_owned() });
        assert_eq!(weak.field.as_deref(), Some("newPassword"));
        assert_eq!(weak.message, "weak password: too short");
        let past = ApiError::from(IdentityError::ExpiryInThePast);
        assert_eq!((past.field.as_deref(), past.reason), (Some("expiresAt"), Some("IN_THE_PAST")));
    }
}
