//! The one GraphQL schema, merged from the modules' roots (`crate::modules`); nothing else
//! registers roots. Schema-wide data is only what no tenant owns (the server's facts, the
//! rate limiter's buckets); what a resolver reads per tenant (DataLoaders) is built per
//! request by the modules.

use crate::modules::{MutationRoot, QueryRoot, SubscriptionRoot};
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::{PathSegment, Schema, SchemaBuilder, ServerError, ServerResult, Value};
use crm360_kernel::context::{Platform, ServerInfo};
use crm360_kernel::rate_limit::{RateLimiter, Work};
use crm360_kernel::{Actor, ApiError, RequestContext};
use std::sync::Arc;

pub type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Deep enough for GraphiQL's introspection query, not for abuse.
pub const MAX_DEPTH: usize = 15;
pub const MAX_COMPLEXITY: usize = 2000;

/// What the schema is built with beside the platform.
pub struct SchemaOptions {
    /// Development mode: field suggestions ("did you mean ...?") in validation errors.
    pub development: bool,
    pub rate_limiter: Arc<RateLimiter>,
}

fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot::default())
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
}

/// The schema with its services, for the server.
pub fn build(platform: Platform, info: ServerInfo, options: SchemaOptions) -> AppSchema {
    let mut builder = builder().data(platform).data(info).data(options.rate_limiter).extension(RequestRules);
    if !options.development {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The SDL, as `crm360 schema` prints it and `schema.graphql` keeps it.
pub fn sdl() -> String {
    builder().finish().sdl()
}

/// Put in a request's data when its session must change its password first.
#[derive(Copy, Clone, Debug)]
pub struct PasswordChangeRequired;

/// What a session that must change its password may still call.
pub const ALLOWED_BEFORE_PASSWORD_CHANGE: [&str; 4] = ["changePassword", "me", "logout", "__typename"];

/// The expensive fields and the rate limit each takes a call from (per tenant and address).
pub const RATE_LIMITED_FIELDS: [(&str, &str, Work); 6] = [
    ("QueryRoot", "contactCount", Work::Count),
    ("Segment", "count", Work::Count),
    ("QueryRoot", "segmentSample", Work::Sample),
    ("MutationRoot", "startImport", Work::Import),
    ("MutationRoot", "launchCampaign", Work::Send),
    ("MutationRoot", "sendTestMessage", Work::Send),
];

/// Request-wide rules that hold for every field, whichever module defines it: a session that
/// must change its password calls nothing else; only authenticated clients introspect; the
/// expensive fields take a call from their rate limit.
struct RequestRules;

impl ExtensionFactory for RequestRules {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestRulesExtension)
    }
}

struct RequestRulesExtension;

/// A refusal of the field being resolved, with its path (a 200 with an error, as a guard's).
fn refused(info: &ResolveInfo<'_>, err: ApiError) -> ServerError {
    let err: async_graphql::Error = err.into();
    let mut error = err.into_server_error(info.field.name.pos);
    error.path = info.path_node.to_string_vec().into_iter().map(PathSegment::Field).collect();
    error
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestRulesExtension {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.path_node.parent.is_none() {
            if ctx.data_opt::<PasswordChangeRequired>().is_some()
                && !ALLOWED_BEFORE_PASSWORD_CHANGE.contains(&info.name)
            {
                let err = ApiError::forbidden("change your password first").with_reason("PASSWORD_CHANGE_REQUIRED");
                return Err(refused(&info, err));
            }
            let anonymous = ctx.data_opt::<RequestContext>().is_none_or(|r| r.actor == Actor::Anonymous);
            // `__type` is answered `null` (introspection is off for the request: see
            // `graphql_http::handle`), as GraphQL-over-HTTP clients probing with it expect;
            // the whole schema gets a typed refusal.
            if anonymous && info.name == "__schema" {
                let err = ctx.data_opt::<RequestContext>().map_or_else(
                    || ApiError::unauthenticated("NOT_LOGGED_IN", "authentication required"),
                    RequestContext::unauthenticated,
                );
                return Err(refused(
                    &info,
                    ApiError { message: "introspection needs authentication".to_owned(), ..err },
                ));
            }
        }
        let limited =
            RATE_LIMITED_FIELDS.iter().find(|(parent, field, _)| *parent == info.parent_type && *field == info.name);
        if let Some((_, _, work)) = limited
            && let (Some(limiter), Some(request)) =
                (ctx.data_opt::<Arc<RateLimiter>>(), ctx.data_opt::<RequestContext>())
            && request.actor != Actor::Anonymous
            && let Err(err) = limiter.check(*work, request)
        {
            return Err(refused(&info, err));
        }
        next.run(ctx, info).await
    }
}
