//! The campaigns module's GraphQL roots and types (thin: read the context, call the service).

pub mod mutation;
pub mod query;
pub mod types;

pub use mutation::CampaignsMutation;
pub use query::CampaignsQuery;
