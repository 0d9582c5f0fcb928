//! The postal module's GraphQL: RNVP of submitted addresses, and RNVP and deduplication runs
//! over the tenant's contacts. Thin resolvers over `service`.

pub mod loaders;
mod mutation;
mod query;
mod types;

pub use loaders::DedupMembersLoader;
pub use mutation::{PostalMutation, PostalRunMutation};
pub use query::PostalRunQuery;
pub use types::*;
