//! The stored codes of statuses and outcomes.

pub const USER_ACTIVE: &str = "ACTIVE";
pub const USER_CLOSED: &str = "CLOSED";

pub const TENANT_ACTIVE: &str = "ACTIVE";
pub const TENANT_SUSPENDED: &str = "SUSPENDED";
pub const TENANT_TERMINATING: &str = "TERMINATING";
pub const TENANT_TERMINATED: &str = "TERMINATED";

pub const SUBJECT_USER: &str = "USER";
pub const SUBJECT_OPERATOR: &str = "OPERATOR";

/// Outcomes written to the connection log.
pub const OUTCOME_SUCCESS: &str = "SUCCESS";
pub const OUTCOME_WRONG_PASSWORD: &str = "WRONG_PASSWORD";
pub const OUTCOME_UNKNOWN_ACCOUNT: &str = "UNKNOWN_ACCOUNT";
pub const OUTCOME_ACCOUNT_CLOSED: &str = "ACCOUNT_CLOSED";
pub const OUTCOME_TENANT_SUSPENDED: &str = "TENANT_SUSPENDED";
pub const OUTCOME_THROTTLED: &str = "THROTTLED";
pub const OUTCOME_LOGOUT: &str = "LOGOUT";

/// A tenant whose users may log in: active, or terminating (the contract keeps access
/// until termination takes effect).
pub fn tenant_allows_login(status: &str) -> bool {
    status == TENANT_ACTIVE || status == TENANT_TERMINATING
}
