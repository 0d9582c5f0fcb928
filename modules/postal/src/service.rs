//! The postal module's rules, callable without GraphQL; each takes the caller's
//! `TenantScope` and reaches the tables through its transactions.

pub mod addresses;
pub mod dedup;
pub mod rnvp;
pub mod runs;
