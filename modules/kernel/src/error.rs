//! The API's error shape: every error a client sees carries a stable `extensions.code`.
//! Internal causes are logged with the request id, never shown.

use async_graphql::ErrorExtensions;
use sea_orm::{DbErr, SqlErr};

/// The stable codes of `extensions.code`.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    InvalidInput,
    Conflict,
    RateLimited,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// An error as the API shows it. Modules map their own error enums into it, one arm a variant.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// For `INVALID_INPUT`: the input field at fault, as the client spelt it.
    pub field: Option<String>,
    /// A finer, stable reason (`WEAK_PASSWORD`, `WRONG_CREDENTIALS`, ...).
    pub reason: Option<&'static str>,
    /// For `RATE_LIMITED`: when to try again.
    pub retry_after_seconds: Option<i64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), field: None, reason: None, retry_after_seconds: None }
    }

    pub fn unauthenticated(reason: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Unauthenticated, message).with_reason(reason)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Forbidden, message)
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn invalid(field: &str, reason: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            field: Some(field.to_owned()),
            ..ApiError::new(ErrorCode::InvalidInput, message).with_reason(reason)
        }
    }

    pub fn conflict(reason: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Conflict, message).with_reason(reason)
    }

    pub fn rate_limited(retry_after_seconds: i64) -> ApiError {
        ApiError {
            retry_after_seconds: Some(retry_after_seconds.max(1)),
            ..ApiError::new(ErrorCode::RateLimited, "too many attempts, try again later")
        }
    }

    /// Logs the cause and returns an opaque `INTERNAL` error.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %cause, "internal error");
        ApiError::new(ErrorCode::Internal, "internal error")
    }

    pub fn with_reason(mut self, reason: &'static str) -> ApiError {
        self.reason = Some(reason);
        self
    }

    pub fn with_field(mut self, field: &str) -> ApiError {
        self.field = Some(field.to_owned());
        self
    }
}

// `ApiError` deliberately implements neither `Display` nor `std::error::Error`: async-graphql
// converts any `Display` type into an error without extensions, and we want every `?` in a
// resolver to go through the conversion below, which keeps the code.

/// Database errors: a unique-constraint violation is the client's `CONFLICT`; anything else is
/// ours, logged and shown as `INTERNAL`. The one place where that mapping happens.
impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> ApiError {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                ApiError::conflict("ALREADY_EXISTS", "a record with the same unique value already exists")
            }
            // An update by key that matched no row of the scope's tenant.
            None if matches!(err, DbErr::RecordNotUpdated) => ApiError::not_found("record"),
            _ => ApiError::internal(err),
        }
    }
}

/// A named unique key, to tell which one an insert or update violated: PostgreSQL names the
/// constraint or index, SQLite lists its columns. Services map it to a field-specific
/// `CONFLICT` instead of checking for duplicates by hand before writing.
#[derive(Copy, Clone, Debug)]
pub struct UniqueKey {
    /// The index or constraint's name (`tenant_user_email`).
    pub name: &'static str,
    pub table: &'static str,
    pub columns: &'static [&'static str],
}

impl UniqueKey {
    /// Whether `err` is a violation of this key.
    pub fn violated_by(&self, err: &DbErr) -> bool {
        let Some(SqlErr::UniqueConstraintViolation(message)) = err.sql_err() else {
            return false;
        };
        if message.contains(&format!("\"{}\"", self.name)) {
            return true;
        }
        // SQLite: "UNIQUE constraint failed: tenant_user.tenant_id, tenant_user.email".
        let Some(listed) = message.split("UNIQUE constraint failed: ").nth(1) else {
            return false;
        };
        let listed: Vec<&str> = listed.split(',').map(str::trim).collect();
        let expected: Vec<String> = self.columns.iter().map(|c| format!("{}.{c}", self.table)).collect();
        listed.len() == expected.len() && expected.iter().all(|c| listed.contains(&c.as_str()))
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> async_graphql::Error {
        async_graphql::Error::new(err.message.clone()).extend_with(|_, ext| {
            ext.set("code", err.code.as_str());
            if let Some(field) = &err.field {
                ext.set("field", field.as_str());
            }
            if let Some(reason) = err.reason {
                ext.set("reason", reason);
            }
            if let Some(seconds) = err.retry_after_seconds {
                ext.set("retryAfterSeconds", seconds);
            }
        })
    }
}

/// The result type of services and resolvers.
pub type ApiResult<T> = Result<T, ApiError>;

/// Turns a module's result into a resolver's, through the module's mapping to [`ApiError`]
/// (a bare `?` would go through async-graphql's `Display` conversion and lose the code).
pub trait IntoGraphql<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T, E: Into<ApiError>> IntoGraphql<T> for Result<T, E> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|err| err.into().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphql_errors_carry_code_field_and_reason() {
        let err: async_graphql::Error = ApiError::invalid("email", "INVALID_EMAIL", "not an email").into();
        let ext = err.extensions.expect("extensions");
        assert_eq!(ext.get("code"), Some(&async_graphql::Value::from("INVALID_INPUT")));
        assert_eq!(ext.get("field"), Some(&async_graphql::Value::from("email")));
        assert_eq!(ext.get("reason"), Some(&async_graphql::Value::from("INVALID_EMAIL")));
    }

    #[test]
    fn rate_limits_say_when_to_retry() {
        let err = ApiError::rate_limited(0);
        assert_eq!(err.code, ErrorCode::RateLimited);
        assert_eq!(err.retry_after_seconds, Some(1));
    }
}
