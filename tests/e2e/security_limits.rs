//! Expensive requests (issue 15): counts and samples cost their real price in the complexity
//! budget, and counts, samples, imports and exports take calls from per-tenant and
//! per-address token buckets, answered with `RATE_LIMITED` and a retry delay.

use crm360_kernel::rate_limit::{Bucket, Limit};
use crm360_suite::{Caller, spawn_app, spawn_app_with};
use serde_json::json;

fn tight(burst: u32) -> Limit {
    Limit { per_tenant: Bucket { burst: 100, per_minute: 60 }, per_address: Bucket { burst, per_minute: 60 } }
}

#[tokio::test]
async fn a_thousand_aliased_counts_are_refused_before_running() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    let before = app.statements.load(std::sync::atomic::Ordering::SeqCst);
    let aliases: Vec<String> = (0..1000).map(|i| format!("c{i}: contactCount")).collect();
    let refused = app.gql(&analyst, &format!("{{ {} }}", aliases.join(" ")), json!({})).await;
    assert_eq!(refused.code(), Some("INVALID_INPUT"), "{:#}", refused.body);
    assert_eq!(refused.reason(), Some("QUERY_TOO_COMPLEX"));
    let ran = app.statements.load(std::sync::atomic::Ordering::SeqCst) - before;
    assert!(ran < 20, "{ran} statements ran");
    // A handful of counts in one request still passes.
    app.gql(&analyst, "{ a: contactCount b: contactCount }", json!({})).await.ok();
}

#[tokio::test]
async fn counts_are_rate_limited_per_address_with_a_retry_delay() {
    let app = spawn_app_with(|s| s.rate_limits.counts = tight(3)).await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    for _ in 0..3 {
        app.gql(&analyst, "{ contactCount }", json!({})).await.ok();
    }
    let limited = app.gql(&analyst, "{ contactCount }", json!({})).await;
    assert_eq!(limited.code(), Some("RATE_LIMITED"), "{:#}", limited.body);
    assert_eq!(limited.reason(), Some("TOO_MANY_REQUESTS"));
    assert_eq!(limited.body["errors"][0]["extensions"]["retryAfterSeconds"], 1);
    // Other work is not limited by it, and the bucket refills with time.
    app.gql(&analyst, "{ segments { nodes { id } } }", json!({})).await.ok();
    app.clock.advance(chrono::Duration::seconds(1));
    app.gql(&analyst, "{ contactCount }", json!({})).await.ok();
}

#[tokio::test]
async fn imports_and_exports_are_rate_limited_too() {
    let app = spawn_app_with(|s| {
        s.rate_limits.imports = tight(1);
        s.rate_limits.exports = tight(1);
    })
    .await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    let start = "mutation($id: ID!) { startImport(input: {uploadId: $id}) { import { id } } }";
    let id = json!({ "id": uuid::Uuid::nil().to_string() });
    let first = app.gql(&importer, start, id.clone()).await;
    assert_ne!(first.code(), Some("RATE_LIMITED"), "{:#}", first.body);
    let second = app.gql(&importer, start, id).await;
    assert_eq!(second.code(), Some("RATE_LIMITED"), "{:#}", second.body);

    let path = format!("/segments/{}/export", uuid::Uuid::nil());
    assert_eq!(app.get_text(&importer, &path).await.0, 404);
    let (status, body) = app.get_text(&importer, &path).await;
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("RATE_LIMITED"), "{body}");
    // Anonymous callers are refused as before, not counted.
    assert_eq!(app.get_text(&Caller::Anonymous, &path).await.0, 401);
}

#[tokio::test]
async fn searches_and_sends_are_rate_limited_but_plain_pages_are_not() {
    let app = spawn_app_with(|s| {
        s.rate_limits.samples = tight(2);
        s.rate_limits.sends = tight(1);
    })
    .await;
    let tenant = app.tenant("acme").await;
    let user = app.login(tenant.email("allrights")).await;
    let search = "query($q: String) { contacts(first: 5, search: $q) { nodes { id } } }";
    for _ in 0..2 {
        app.gql(&user, search, json!({ "q": "dupont" })).await.ok();
    }
    let limited = app.gql(&user, search, json!({ "q": "dupont" })).await;
    assert_eq!(limited.code(), Some("RATE_LIMITED"), "{:#}", limited.body);
    // A page without a search is not a search.
    for _ in 0..5 {
        app.gql(&user, search, json!({ "q": null })).await.ok();
    }

    let launch = "mutation($id: ID!) { launchCampaign(id: $id) { campaign { id } } }";
    let id = json!({ "id": uuid::Uuid::nil().to_string() });
    let first = app.gql(&user, launch, id.clone()).await;
    assert_eq!(first.code(), Some("NOT_FOUND"), "{:#}", first.body);
    let second = app.gql(&user, launch, id).await;
    assert_eq!(second.code(), Some("RATE_LIMITED"), "{:#}", second.body);
}
