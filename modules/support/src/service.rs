//! The support rules, callable without GraphQL.

pub mod analytics;
pub mod announcements;
