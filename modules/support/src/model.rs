//! The support module's tables.

pub mod announcement;
pub mod page_view;
