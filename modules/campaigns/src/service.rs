//! The campaigns module's rules, callable from tests without GraphQL.

pub mod ab_tests;
pub mod bounces;
pub mod campaigns;
pub mod merge;
pub mod recipients;
pub mod runs;
pub mod senders;
pub mod sending;
pub mod settings;
pub mod stats;
pub mod suppressions;
pub mod templates;
pub mod tracking;
pub mod unsubscribe;
