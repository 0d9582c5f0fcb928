//! API tokens (issue 15, "Sessions and tokens"): every token expires (by default 90 days after
//! its creation, another date can be chosen), an expired one is refused as `TOKEN_EXPIRED`, and
//! the administrator sees when and from where each was last used (written at most once a
//! minute per token, not at every request).

use chrono::Duration;
use crm360_suite::{Caller, Gql, TestApp, spawn_app_with};
use serde_json::{Value, json};

const CREATE: &str =
    "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id expiresAt } } }";
const LIST: &str = "{ apiTokens { id expiresAt lastUsedAt lastUsedIp } }";

async fn app_behind_a_proxy() -> TestApp {
    spawn_app_with(|s| s.client_ip_header = Some("x-real-ip".to_owned())).await
}

async fn gql_from(app: &TestApp, ip: &str, caller: &Caller, query: &str, variables: Value) -> Gql {
    let mut request = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/graphql-response+json")
        .header("x-real-ip", ip)
        .json(&json!({ "query": query, "variables": variables }));
    if let Caller::Bearer(token) = caller {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    Gql { status, body: response.json().await.expect("JSON body") }
}

fn at(value: &Value) -> chrono::DateTime<chrono::Utc> {
    value.as_str().expect("a time").parse().expect("an RFC 3339 time")
}

#[tokio::test]
async fn a_token_expires_after_the_default_unless_another_date_is_chosen() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let policy = app.gql(&admin, "{ apiTokenPolicy { defaultLifetimeDays maxLifetimeDays } }", json!({})).await;
    assert_eq!(policy.ok()["apiTokenPolicy"], json!({ "defaultLifetimeDays": 90, "maxLifetimeDays": 730 }));

    let created = app.gql(&admin, CREATE, json!({ "input": { "name": "BI", "rights": ["ANALYSE"] } })).await;
    let expires = at(&created.ok()["createApiToken"]["apiToken"]["expiresAt"]);
    assert_eq!(expires, app.clock.now() + Duration::days(90));

    let chosen = "2027-01-15T12:00:00Z";
    let created =
        app.gql(&admin, CREATE, json!({ "input": { "name": "ETL", "rights": ["IMPORT"], "expiresAt": chosen } })).await;
    assert_eq!(at(&created.ok()["createApiToken"]["apiToken"]["expiresAt"]), at(&json!(chosen)));

    let past = app
        .gql(&admin, CREATE, json!({ "input": { "name": "old", "rights": [], "expiresAt": "2020-01-01T00:00:00Z" } }))
        .await;
    assert_eq!(past.reason(), Some("IN_THE_PAST"));
    let too_far = app
        .gql(&admin, CREATE, json!({ "input": { "name": "far", "rights": [], "expiresAt": "2040-01-01T00:00:00Z" } }))
        .await;
    assert_eq!((too_far.code(), too_far.reason()), (Some("INVALID_INPUT"), Some("TOO_FAR")), "{too_far:?}");
    assert_eq!(too_far.body["errors"][0]["extensions"]["field"], "expiresAt");

    let user = app.login(tenant.email("allrights")).await;
    assert_eq!(app.gql(&user, "{ apiTokenPolicy { defaultLifetimeDays } }", json!({})).await.code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn an_expired_token_is_refused_as_token_expired() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let created = app.gql(&admin, CREATE, json!({ "input": { "name": "BI", "rights": ["ANALYSE"] } })).await;
    let token = Caller::Bearer(created.ok()["createApiToken"]["secret"].as_str().unwrap().to_owned());
    app.gql(&token, "{ contactCount }", json!({})).await.ok();
    app.clock.advance(Duration::days(90) - Duration::seconds(1));
    app.gql(&token, "{ contactCount }", json!({})).await.ok();
    app.clock.advance(Duration::seconds(1));
    let refused = app.gql(&token, "{ contactCount }", json!({})).await;
    assert_eq!((refused.code(), refused.reason()), (Some("UNAUTHENTICATED"), Some("TOKEN_EXPIRED")), "{refused:?}");
}

#[tokio::test]
async fn the_last_use_and_its_address_are_written_at_most_once_a_minute() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let created = app.gql(&admin, CREATE, json!({ "input": { "name": "BI", "rights": ["ANALYSE"] } })).await;
    let token = Caller::Bearer(created.ok()["createApiToken"]["secret"].as_str().unwrap().to_owned());
    let listed = app.gql(&admin, LIST, json!({})).await;
    assert_eq!(listed.ok()["apiTokens"][0]["lastUsedAt"], Value::Null);
    assert_eq!(listed.ok()["apiTokens"][0]["lastUsedIp"], Value::Null);

    let first_use = app.clock.now();
    gql_from(&app, "192.0.2.5", &token, "{ contactCount }", json!({})).await.ok();
    app.clock.advance(Duration::seconds(30));
    gql_from(&app, "192.0.2.6", &token, "{ contactCount }", json!({})).await.ok();
    let listed = app.gql(&admin, LIST, json!({})).await;
    assert_eq!(at(&listed.ok()["apiTokens"][0]["lastUsedAt"]), first_use);
    assert_eq!(listed.ok()["apiTokens"][0]["lastUsedIp"], "192.0.2.5");

    app.clock.advance(Duration::seconds(31));
    gql_from(&app, "2001:db8::7", &token, "{ contactCount }", json!({})).await.ok();
    let listed = app.gql(&admin, LIST, json!({})).await;
    assert_eq!(at(&listed.ok()["apiTokens"][0]["lastUsedAt"]), app.clock.now());
    assert_eq!(listed.ok()["apiTokens"][0]["lastUsedIp"], "2001:db8::7");
}
