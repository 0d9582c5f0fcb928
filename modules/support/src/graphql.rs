//! The support module's GraphQL: thin resolvers over `service`.

mod guard;
mod mutation;
mod query;
pub mod tickets;
mod types;

pub use guard::RequireSignedIn;
pub use mutation::SupportMutation;
pub use query::SupportQuery;
pub use types::*;
