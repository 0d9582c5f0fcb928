//! The audit module's table (the entries themselves are the kernel's `audit_entry`).

pub mod checkpoint;
