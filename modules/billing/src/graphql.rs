//! The billing module's GraphQL roots.

pub mod mutation;
pub mod query;
pub mod types;

pub use mutation::BillingMutation;
pub use query::BillingQuery;
