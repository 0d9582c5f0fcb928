//! Contacts: the tenant's consumer database (contract fields, custom fields, consent with its
//! proof), its consultation, imports of French CSV files, and counting and targeting.

pub mod error;
pub mod fields;
pub mod graphql;
pub mod http;
pub mod model;
pub mod service;
pub mod values;

pub use graphql::{ContactsMutation, ContactsQuery, ContactsSubscription, loaders};
