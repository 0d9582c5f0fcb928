//! The one GraphQL schema, merged from the modules' roots (`crate::modules`); nothing else
//! registers roots. Schema-wide data is only what no tenant owns (the server's facts); what a
//! resolver reads per tenant (DataLoaders) is built per request by the modules.

use crate::modules::{MutationRoot, QueryRoot, SubscriptionRoot};
use async_graphql::{Schema, SchemaBuilder};
use crm360_kernel::context::{Platform, ServerInfo};

pub type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Deep enough for GraphiQL's introspection query, not for abuse.
pub const MAX_DEPTH: usize = 15;
pub const MAX_COMPLEXITY: usize = 2000;

fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot::default())
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
}

/// The schema with its services, for the server.
pub fn build(platform: Platform, info: ServerInfo) -> AppSchema {
    builder().data(platform).data(info).finish()
}

/// The SDL, as `crm360 schema` prints it and `schema.graphql` keeps it.
pub fn sdl() -> String {
    builder().finish().sdl()
}
