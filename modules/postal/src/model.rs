//! The postal module's tables: runs on a tenant's contacts and what they found.

pub mod dedup_group;
pub mod dedup_member;
pub mod postal_run;
pub mod rnvp_result;
