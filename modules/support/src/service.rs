//! The support rules, callable without GraphQL.

pub mod analytics;
pub mod announcements;
pub mod attachments;
pub mod calendar;
pub mod levels;
pub mod mailbox;
pub mod tickets;
