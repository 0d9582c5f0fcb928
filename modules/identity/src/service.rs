//! The identity rules, callable without GraphQL.

pub mod auth;
pub mod connection_log;
pub mod networks;
pub mod password_reset;
pub mod tenants;
pub mod throttle;
pub mod tokens;
pub mod users;
