//! The postal module's API over the pure `crm360-postal` library: RNVP of submitted
//! addresses, metered per address for billing (contract, Annex 1: RNVP per 1 000 addresses).

pub mod error;
pub mod graphql;
pub mod model;
pub mod runs;
pub mod service;

pub use graphql::{DedupMembersLoader, PostalMutation, PostalRunMutation, PostalRunQuery};
