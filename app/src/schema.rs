//! The one GraphQL schema, merged from the modules' roots; nothing else registers roots.

use async_graphql::dataloader::DataLoader;
use async_graphql::{MergedObject, MergedSubscription, Schema, SchemaBuilder};
use crm360_contacts::loaders::{ConsentLoader, CustomValueLoader};
use crm360_contacts::service::uploads::FileSettings;
use crm360_contacts::{ContactsMutation, ContactsQuery, ContactsSubscription};
use crm360_identity::graphql::TenantUserCountLoader;
use crm360_identity::{CookiePolicy, IdentityMutation, IdentityQuery, SessionPolicy};
use crm360_kernel::context::{Platform, ServerInfo};
use crm360_postal_service::{DedupMembersLoader, PostalMutation, PostalRunMutation, PostalRunQuery};
use crm360_support::{SupportMutation, SupportQuery};

#[derive(MergedObject, Default)]
pub struct QueryRoot(IdentityQuery, ContactsQuery, PostalRunQuery, SupportQuery);

#[derive(MergedObject, Default)]
pub struct MutationRoot(IdentityMutation, ContactsMutation, PostalMutation, PostalRunMutation, SupportMutation);

#[derive(MergedSubscription, Default)]
pub struct SubscriptionRoot(ContactsSubscription);

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
pub fn build(
    platform: Platform,
    session: SessionPolicy,
    cookie: CookiePolicy,
    info: ServerInfo,
    files: FileSettings,
) -> AppSchema {
    let user_counts = DataLoader::new(TenantUserCountLoader { db: platform.db.clone() }, tokio::spawn);
    let consents = DataLoader::new(ConsentLoader { db: platform.db.clone() }, tokio::spawn);
    let custom_values = DataLoader::new(CustomValueLoader { db: platform.db.clone() }, tokio::spawn);
    let dedup_members = DataLoader::new(DedupMembersLoader { db: platform.db.clone() }, tokio::spawn);
    builder()
        .data(platform)
        .data(session)
        .data(cookie)
        .data(info)
        .data(user_counts)
        .data(consents)
        .data(custom_values)
        .data(dedup_members)
        .data(files)
        .finish()
}

/// The SDL, as `crm360 schema` prints it and `schema.graphql` keeps it.
pub fn sdl() -> String {
    builder().finish().sdl()
}
