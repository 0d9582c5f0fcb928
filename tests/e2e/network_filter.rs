//! Network filtering (issue 15, the contract's "filtrage des accès"): a tenant administrator's
//! optional allow-list of CIDR ranges holds that tenant's logins, sessions and API tokens to
//! those ranges; the operator's own ranges (configuration) hold operator staff. The client's
//! address is the one the server already determines (a forwarded header only when configured).

use crm360_suite::{Caller, Gql, PASSWORD, TestApp, spawn_app_with};
use serde_json::{Value, json};

const LOGIN: &str = "mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password, returnToken: true}) { token } }";
const SET: &str = "mutation($input: SetAllowedNetworksInput!) { setAllowedNetworks(input: $input) { allowedNetworks { cidr description } } }";

/// A server that takes the client's address from `x-real-ip` (as behind a trusted proxy).
async fn app_behind_a_proxy() -> TestApp {
    spawn_app_with(|s| s.client_ip_header = Some("x-real-ip".to_owned())).await
}

/// A GraphQL call as `caller` from `ip` (sent as `x-real-ip`).
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

async fn login_from(app: &TestApp, ip: &str, email: &str) -> Gql {
    gql_from(app, ip, &Caller::Anonymous, LOGIN, json!({ "email": email, "password": PASSWORD })).await
}

async fn logged_in_from(app: &TestApp, ip: &str, email: &str) -> Caller {
    let response = login_from(app, ip, email).await;
    Caller::Bearer(response.ok()["login"]["token"].as_str().expect("a token").to_owned())
}

fn networks(cidrs: &[&str]) -> Value {
    Value::Array(cidrs.iter().map(|c| json!({ "cidr": c })).collect())
}

#[tokio::test]
async fn an_allow_list_refuses_logins_sessions_and_tokens_from_elsewhere() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("other").await;
    let admin = logged_in_from(&app, "192.0.2.10", &tenant.admin_email).await;
    let user = logged_in_from(&app, "198.51.100.7", tenant.email("consult")).await;
    let created = gql_from(
        &app,
        "192.0.2.10",
        &admin,
        "mutation { createApiToken(input: {name: \"BI\", rights: [ANALYSE]}) { secret } }",
        json!({}),
    )
    .await;
    let token = Caller::Bearer(created.ok()["createApiToken"]["secret"].as_str().unwrap().to_owned());

    let input =
        json!({ "networks": [{ "cidr": "192.0.2.0/24", "description": "Siège" }, { "cidr": "2001:db8::/32" }] });
    let set = gql_from(&app, "192.0.2.10", &admin, SET, json!({ "input": input })).await;
    assert_eq!(
        set.ok()["setAllowedNetworks"]["allowedNetworks"],
        json!([{ "cidr": "192.0.2.0/24", "description": "Siège" }, { "cidr": "2001:db8::/32", "description": null }])
    );
    let listed = gql_from(&app, "192.0.2.10", &admin, "{ allowedNetworks { cidr } }", json!({})).await;
    assert_eq!(listed.ok()["allowedNetworks"].as_array().unwrap().len(), 2);

    // A login from outside, with the right password, is refused and logged.
    let refused = login_from(&app, "198.51.100.7", tenant.email("analyse")).await;
    assert_eq!((refused.code(), refused.reason()), (Some("FORBIDDEN"), Some("ADDRESS_NOT_ALLOWED")), "{refused:?}");
    assert_eq!(app.count("connection_log WHERE outcome = 'ADDRESS_NOT_ALLOWED'").await, 1);
    // A wrong password from outside says nothing more than a wrong password.
    let wrong = gql_from(
        &app,
        "198.51.100.7",
        &Caller::Anonymous,
        LOGIN,
        json!({ "email": tenant.email("analyse"), "password": "Not-The-Password-1" }),
    )
    .await;
    assert_eq!(wrong.reason(), Some("WRONG_CREDENTIALS"));

    // A session opened before, used from outside, is refused.
    let contacts = "{ contactCount }";
    let from_outside = gql_from(&app, "198.51.100.7", &user, "{ me { email } apiTokens { id } }", json!({})).await;
    assert_eq!(from_outside.data()["me"], Value::Null, "{from_outside:?}");
    let guarded = gql_from(&app, "198.51.100.7", &admin, "{ apiTokens { id } }", json!({})).await;
    assert_eq!(guarded.reason(), Some("ADDRESS_NOT_ALLOWED"), "{guarded:?}");
    // ... and logged (once a minute at most per credential and address).
    gql_from(&app, "198.51.100.7", &admin, "{ apiTokens { id } }", json!({})).await;
    let logged =
        gql_from(&app, "192.0.2.10", &admin, "{ connectionLog { nodes { outcome ip email } } }", json!({})).await;
    let refusals: Vec<&Value> = logged.ok()["connectionLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["outcome"] == "ADDRESS_NOT_ALLOWED")
        .collect();
    assert!(refusals.iter().all(|n| n["ip"] == "198.51.100.7"), "{refusals:?}");
    assert_eq!(refusals.iter().filter(|n| n["email"] == tenant.admin_email.as_str()).count(), 1, "{refusals:?}");

    // An API token too, and from inside it works.
    let token_outside = gql_from(&app, "203.0.113.9", &token, contacts, json!({})).await;
    assert_eq!(token_outside.reason(), Some("ADDRESS_NOT_ALLOWED"), "{token_outside:?}");
    gql_from(&app, "192.0.2.200", &token, contacts, json!({})).await.ok();
    gql_from(&app, "2001:db8::1", &token, contacts, json!({})).await.ok();
    // A login from inside passes; another tenant is not concerned.
    login_from(&app, "192.0.2.77", tenant.email("analyse")).await.ok();
    login_from(&app, "198.51.100.7", &other.admin_email).await.ok();

    // An empty list lifts the filter.
    let cleared = gql_from(&app, "192.0.2.10", &admin, SET, json!({ "input": { "networks": [] } })).await;
    assert_eq!(cleared.ok()["setAllowedNetworks"]["allowedNetworks"], json!([]));
    gql_from(&app, "198.51.100.7", &token, contacts, json!({})).await.ok();
}

#[tokio::test]
async fn the_list_is_validated_normalised_and_audited() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let admin = logged_in_from(&app, "10.1.2.3", &tenant.admin_email).await;
    for bad in ["10.0.0.0/33", "probe-value", "10.0.0", "", "fe80::/129"] {
        let refused =
            gql_from(&app, "10.1.2.3", &admin, SET, json!({ "input": { "networks": networks(&[bad]) } })).await;
        assert_eq!(
            (refused.code(), refused.reason()),
            (Some("INVALID_INPUT"), Some("INVALID_CIDR")),
            "{bad}: {refused:?}"
        );
        assert_eq!(refused.body["errors"][0]["extensions"]["field"], "networks", "{refused:?}");
    }
    assert_eq!(app.count("allowed_network").await, 0);
    let many: Vec<String> = (0..201).map(|i| format!("10.{}.{}.0/24", i / 250, i % 250)).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let too_many = gql_from(&app, "10.1.2.3", &admin, SET, json!({ "input": { "networks": networks(&many) } })).await;
    assert_eq!(too_many.reason(), Some("TOO_MANY_NETWORKS"), "{too_many:?}");

    // Host bits are dropped, a bare address is one host, duplicates count once.
    let saved = gql_from(
        &app,
        "10.1.2.3",
        &admin,
        SET,
        json!({ "input": { "networks": networks(&["10.1.2.3/8", "10.9.9.9", "10.0.0.0/8", "2001:DB8::1/64"]) } }),
    )
    .await;
    let cidrs: Vec<&str> = saved.ok()["setAllowedNetworks"]["allowedNetworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["cidr"].as_str().unwrap())
        .collect();
    assert_eq!(cidrs, ["10.0.0.0/8", "10.9.9.9/32", "2001:db8::/64"]);
    let audit = gql_from(&app, "10.1.2.3", &admin, "{ auditLog { nodes { action } } }", json!({})).await;
    let actions: Vec<&str> =
        audit.ok()["auditLog"]["nodes"].as_array().unwrap().iter().map(|n| n["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"allowed_networks.set"), "{actions:?}");

    // Only the administrator manages it.
    let user = logged_in_from(&app, "10.1.2.3", tenant.email("allrights")).await;
    let forbidden = gql_from(&app, "10.1.2.3", &user, SET, json!({ "input": { "networks": [] } })).await;
    assert_eq!(forbidden.code(), Some("FORBIDDEN"));
    let read = gql_from(&app, "10.1.2.3", &user, "{ allowedNetworks { cidr } }", json!({})).await;
    assert_eq!(read.code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn a_list_without_the_administrators_own_address_must_be_confirmed() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let admin = logged_in_from(&app, "192.0.2.10", &tenant.admin_email).await;
    let input = json!({ "networks": networks(&["198.51.100.0/24"]) });
    let refused = gql_from(&app, "192.0.2.10", &admin, SET, json!({ "input": input })).await;
    assert_eq!((refused.code(), refused.reason()), (Some("CONFLICT"), Some("ADDRESS_LOCKOUT")), "{refused:?}");
    assert!(refused.body["errors"][0]["message"].as_str().unwrap().contains("192.0.2.10"), "{refused:?}");
    assert_eq!(app.count("allowed_network").await, 0);

    let input = json!({ "networks": networks(&["198.51.100.0/24"]), "confirmLockout": true });
    gql_from(&app, "192.0.2.10", &admin, SET, json!({ "input": input })).await.ok();
    let locked_out = gql_from(&app, "192.0.2.10", &admin, "{ allowedNetworks { cidr } }", json!({})).await;
    assert_eq!(locked_out.reason(), Some("ADDRESS_NOT_ALLOWED"));
    let from_inside = logged_in_from(&app, "198.51.100.1", &tenant.admin_email).await;
    gql_from(&app, "198.51.100.1", &from_inside, "{ allowedNetworks { cidr } }", json!({})).await.ok();
}

#[tokio::test]
async fn a_forwarded_address_counts_only_when_the_configuration_trusts_it() {
    let app = spawn_app_with(|_| {}).await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let input = json!({ "networks": networks(&["192.0.2.0/24"]), "confirmLockout": true });
    app.gql(&admin, SET, json!({ "input": input })).await.ok();
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/graphql-response+json")
        .header("x-forwarded-for", "192.0.2.1")
        .header("x-real-ip", "192.0.2.1")
        .json(&json!({ "query": LOGIN, "variables": { "email": tenant.admin_email, "password": PASSWORD } }))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["reason"], "ADDRESS_NOT_ALLOWED", "{body}");
}

#[tokio::test]
async fn operator_staff_are_held_to_the_operators_configured_ranges() {
    let app = spawn_app_with(|s| {
        s.client_ip_header = Some("x-real-ip".to_owned());
        s.operator_allowed_networks = vec!["192.0.2.0/24".to_owned(), "2001:db8:1::/48".to_owned()];
    })
    .await;
    let tenant = app.tenant("acme").await;
    let operator = app.operator("ops@operator.test").await;
    let refused = login_from(&app, "198.51.100.7", &operator).await;
    assert_eq!((refused.code(), refused.reason()), (Some("FORBIDDEN"), Some("ADDRESS_NOT_ALLOWED")), "{refused:?}");
    let staff = logged_in_from(&app, "192.0.2.5", &operator).await;
    gql_from(&app, "192.0.2.5", &staff, "{ tenants { nodes { id } } }", json!({})).await.ok();
    gql_from(&app, "2001:db8:1::5", &staff, "{ tenants { nodes { id } } }", json!({})).await.ok();
    let outside = gql_from(&app, "198.51.100.7", &staff, "{ tenants { nodes { id } } }", json!({})).await;
    assert_eq!(outside.reason(), Some("ADDRESS_NOT_ALLOWED"), "{outside:?}");
    // Tenant users are not held to the operator's ranges.
    login_from(&app, "198.51.100.7", &tenant.admin_email).await.ok();
}

#[tokio::test]
async fn an_invalid_operator_range_stops_the_server_from_starting() {
    let mut settings = crm360_suite::test_settings();
    settings.operator_allowed_networks = vec!["10.0.0.0/99".to_owned()];
    let databases = crm360_suite::fresh_database().await;
    let database = crm360_kernel::database::Database::new(databases.app, databases.privileged);
    let built = crm360::build_app(settings, database, crm360_kernel::Clock::system()).await;
    let err = built.err().expect("refused").to_string();
    assert!(err.contains("operator_allowed_networks"), "{err}");
}
