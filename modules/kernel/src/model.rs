//! The kernel's tables: the audit trail, usage events and durable jobs.

pub mod audit_entry;
pub mod job;
pub mod usage_event;
