//! The identity module's tables.

pub mod allowed_network;
pub mod api_token;
pub mod connection_log;
pub mod login_throttle;
pub mod operator_staff;
pub mod password_reset;
pub mod session;
pub mod tenant;
pub mod tenant_user;

#[cfg(test)]
mod tests {
    use super::tenant::{TenantPlatform, TenantStatus};
    use super::tenant_user::UserStatus;
    use sea_orm::{ActiveEnum, Iterable};

    /// The audit trail writes states through serde: the same text as the column holds.
    fn audited_as_stored<E: ActiveEnum<Value = String> + Iterable + serde::Serialize>() {
        for state in E::iter() {
            assert_eq!(serde_json::to_value(&state).unwrap(), serde_json::Value::String(state.to_value()));
        }
    }

    #[test]
    fn audited_states_read_as_stored() {
        audited_as_stored::<TenantStatus>();
        audited_as_stored::<TenantPlatform>();
        audited_as_stored::<UserStatus>();
    }
}
