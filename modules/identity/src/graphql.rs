//! The identity module's GraphQL: thin resolvers over `service`.

mod loaders;
mod mutation;
mod query;
mod types;

pub use loaders::TenantUserCountLoader;
pub use mutation::IdentityMutation;
pub use query::IdentityQuery;
pub use types::*;
