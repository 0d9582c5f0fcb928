//! The contacts module's GraphQL: thin resolvers over `service`.

pub mod loaders;
mod mutation;
mod query;
mod subscription;
mod types;

pub use mutation::ContactsMutation;
pub use query::ContactsQuery;
pub use subscription::ContactsSubscription;
pub use types::*;
