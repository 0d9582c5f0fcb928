//! The identity module's tables.

pub mod api_token;
pub mod connection_log;
pub mod operator_staff;
pub mod session;
pub mod tenant;
pub mod tenant_user;
