//! The postal module's GraphQL: RNVP of submitted addresses, and RNVP and deduplication runs
//! over the tenant's contacts.

mod loaders;
mod runs;
mod submitted;

pub use loaders::DedupMembersLoader;
pub use runs::{PostalRunMutation, PostalRunQuery};
pub use submitted::*;
