//! The HTTP surface: GraphQL over HTTP rules, limits, health, metrics, request ids.

use crm360_suite::{Caller, spawn_app, spawn_app_with};
use serde_json::json;

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_code() {
    let app = spawn_app_with(|s| s.max_body_bytes = 4096).await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": format!("{{ me {{ email }} }} # {}", "x".repeat(10_000)) }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "INVALID_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn too_deep_queries_are_refused_with_a_code() {
    let app = spawn_app().await;
    let mut query = "name".to_owned();
    for _ in 0..20 {
        query = format!("ofType {{ {query} }}");
    }
    let deep = app.gql(&Caller::Anonymous, &format!("{{ __type(name: \"User\") {{ {query} }} }}"), json!({})).await;
    assert_eq!(deep.status, 400);
    assert_eq!(deep.code(), Some("INVALID_INPUT"));
    assert_eq!(deep.reason(), Some("QUERY_TOO_DEEP"));
}

#[tokio::test]
async fn malformed_queries_and_batches_are_refused_with_a_code() {
    let app = spawn_app().await;
    let syntax = app.gql(&Caller::Anonymous, "{ me { ", json!({})).await;
    assert_eq!(syntax.status, 400);
    assert_eq!(syntax.code(), Some("INVALID_INPUT"));
    let unknown_field = app.gql(&Caller::Anonymous, "{ everything }", json!({})).await;
    assert_eq!(unknown_field.code(), Some("INVALID_INPUT"));

    let batch = app
        .http
        .post(app.url("/graphql"))
        .json(&json!([{ "query": "{ me { email } }" }, { "query": "{ me { email } }" }]))
        .send()
        .await
        .unwrap();
    assert_eq!(batch.status().as_u16(), 400);
    let body: serde_json::Value = batch.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["reason"], "BATCH_NOT_SUPPORTED");

    let not_json = app
        .http
        .post(app.url("/graphql"))
        .header("content-type", "text/plain")
        .body("{ me { email } }")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status().as_u16(), 415);
}

#[tokio::test]
async fn get_runs_queries_but_never_mutations() {
    let app = spawn_app().await;
    let query = app.http.get(app.url("/graphql")).query(&[("query", "{ me { email } }")]).send().await.unwrap();
    assert_eq!(query.status().as_u16(), 200);
    let body: serde_json::Value = query.json().await.unwrap();
    assert_eq!(body["data"]["me"], serde_json::Value::Null);

    let mutation = app.http.get(app.url("/graphql")).query(&[("query", "mutation { logout }")]).send().await.unwrap();
    assert_eq!(mutation.status().as_u16(), 405);
}

#[tokio::test]
async fn health_readiness_metrics_and_request_ids() {
    let app = spawn_app_with(|s| s.metrics_token = Some("jeton-metriques".to_owned().into())).await;
    let health = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    let request_id = health.headers().get("x-request-id").expect("a request id").to_str().unwrap().to_owned();
    assert_eq!(request_id.len(), 36);
    let ready = app.http.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);

    app.gql(&Caller::Anonymous, "{ me { email } }", json!({})).await;
    let metrics = app.http.get(app.url("/metrics")).bearer_auth("jeton-metriques").send().await.unwrap();
    let metrics = metrics.text().await.unwrap();
    assert!(metrics.contains("crm360_http_requests_total"), "{metrics}");
    assert!(metrics.contains("route=\"/graphql\""));

    let echoed = app.http.get(app.url("/healthz")).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(echoed.headers().get("x-request-id").unwrap(), "abc-123");
}

#[tokio::test]
async fn client_addresses_come_from_the_peer_unless_a_proxy_header_is_configured() {
    for (header, expected) in [(None, "127.0.0.1"), (Some("x-real-ip"), "203.0.113.7")] {
        let app = spawn_app_with(|s| s.client_ip_header = header.map(str::to_owned)).await;
        let tenant = app.tenant("acme").await;
        let response = app
            .http
            .post(app.url("/graphql"))
            .header("x-real-ip", "203.0.113.7")
            .json(&json!({ "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p, returnToken: true}) { token } }",
                "variables": { "e": tenant.admin_email, "p": crm360_suite::PASSWORD } }))
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = response.json().await.unwrap();
        let admin = Caller::Bearer(body["data"]["login"]["token"].as_str().unwrap().to_owned());
        let log = app.gql(&admin, "{ connectionLog { nodes { ip } } }", json!({})).await;
        assert_eq!(log.ok()["connectionLog"]["nodes"][0]["ip"], expected, "with header setting {header:?}");
    }
}
