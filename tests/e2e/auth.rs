//! Sessions and authentication over HTTP: login, logout, idle expiry, throttling, closed
//! users, suspended tenants, password change, API tokens, the session cookie.

use chrono::Duration;
use crm360_suite::{Caller, PASSWORD, spawn_app};
use serde_json::json;

const ME: &str = "{ me { kind email rights isTenantAdmin idleTimeoutSeconds tenant { name } } }";

#[tokio::test]
async fn login_gives_a_session_that_logout_ends() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let caller = app.login(&tenant.admin_email).await;

    let me = app.gql(&caller, ME, json!({})).await;
    let me = &me.ok()["me"];
    assert_eq!(me["email"], tenant.admin_email);
    assert_eq!(me["kind"], "TENANT_ADMIN");
    assert_eq!(me["idleTimeoutSeconds"], 1200);
    assert_eq!(me["tenant"]["name"], tenant.name);

    let logout = app.gql(&caller, "mutation { logout }", json!({})).await;
    assert_eq!(logout.ok()["logout"], true);
    let after = app.gql(&caller, ME, json!({})).await;
    assert_eq!(after.ok()["me"], serde_json::Value::Null);
    let admin_only = app.gql(&caller, "{ users { nodes { email } } }", json!({})).await;
    assert_eq!(admin_only.code(), Some("UNAUTHENTICATED"));
    assert_eq!(admin_only.reason(), Some("SESSION_EXPIRED"));

    let log = app
        .gql(&app.login(&tenant.admin_email).await, "{ connectionLog { nodes { email outcome ip } } }", json!({}))
        .await;
    let outcomes: Vec<&str> =
        log.ok()["connectionLog"]["nodes"].as_array().unwrap().iter().map(|n| n["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["SUCCESS", "LOGOUT", "SUCCESS"], "newest first");
    assert_eq!(log.ok()["connectionLog"]["nodes"][0]["ip"], "127.0.0.1");
}

#[tokio::test]
async fn a_session_expires_after_twenty_idle_minutes_but_not_while_used() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let caller = app.login(&tenant.admin_email).await;

    // Activity every 15 minutes keeps the session alive.
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(15));
        assert_eq!(app.gql(&caller, ME, json!({})).await.ok()["me"]["email"], tenant.admin_email);
    }
    app.clock.advance(Duration::minutes(20) + Duration::seconds(1));
    let expired = app.gql(&caller, "{ users { nodes { id } } }", json!({})).await;
    assert_eq!(expired.code(), Some("UNAUTHENTICATED"));
    assert_eq!(expired.reason(), Some("SESSION_EXPIRED"));
    // Expiry is final: coming back inside the window later does not revive it.
    assert_eq!(app.gql(&caller, ME, json!({})).await.ok()["me"], serde_json::Value::Null);
}

#[tokio::test]
async fn the_idle_timeout_is_configurable() {
    let app = crm360_suite::spawn_app_with(|s| s.session_idle_timeout_seconds = 60).await;
    let tenant = app.tenant("acme").await;
    let caller = app.login(&tenant.admin_email).await;
    assert_eq!(app.gql(&caller, ME, json!({})).await.ok()["me"]["idleTimeoutSeconds"], 60);
    app.clock.advance(Duration::seconds(61));
    assert_eq!(app.gql(&caller, ME, json!({})).await.ok()["me"], serde_json::Value::Null);
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_active() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let caller = app.login(&tenant.admin_email).await;
    for _ in 0..(12 * 4) {
        app.clock.advance(Duration::minutes(15));
        app.gql(&caller, ME, json!({})).await;
    }
    assert_eq!(app.gql(&caller, ME, json!({})).await.ok()["me"], serde_json::Value::Null);
}

#[tokio::test]
async fn wrong_passwords_and_unknown_accounts_are_refused_alike() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let wrong = app.try_login(&tenant.admin_email, "not-the-password-at-all").await.unwrap_err();
    let unknown = app.try_login("nobody@acme.test", PASSWORD).await.unwrap_err();
    for response in [&wrong, &unknown] {
        assert_eq!(response.code(), Some("UNAUTHENTICATED"));
        assert_eq!(response.reason(), Some("WRONG_CREDENTIALS"));
        assert_eq!(response.body["errors"][0]["message"], "wrong email or password");
    }
    let malformed = app.try_login("not an email", PASSWORD).await.unwrap_err();
    assert_eq!(malformed.code(), Some("INVALID_INPUT"));
    assert_eq!(app.count("session").await, 0, "no session was opened");
}

#[tokio::test]
async fn repeated_failures_throttle_the_account_until_the_window_passes() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    for _ in 0..5 {
        let failed = app.try_login(&tenant.admin_email, "wrong-password-again").await.unwrap_err();
        assert_eq!(failed.code(), Some("UNAUTHENTICATED"));
    }
    // Even the right password is refused now, with a delay to wait.
    let throttled = app.try_login(&tenant.admin_email, PASSWORD).await.unwrap_err();
    assert_eq!(throttled.code(), Some("RATE_LIMITED"));
    let retry = throttled.body["errors"][0]["extensions"]["retryAfterSeconds"].as_i64().unwrap();
    assert!((1..=900).contains(&retry), "retry after {retry}s");
    // Another account is not affected.
    app.login(tenant.email("consult")).await;

    app.clock.advance(Duration::minutes(15) + Duration::seconds(1));
    app.login(&tenant.admin_email).await;
}

#[tokio::test]
async fn repeated_failures_from_one_ip_throttle_that_ip() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    // Spread over many accounts so that no single account is throttled.
    let emails: Vec<String> = (0..30).map(|i| format!("ghost{i}@acme.test")).collect();
    for email in &emails {
        assert_eq!(app.try_login(email, "whatever-password").await.unwrap_err().code(), Some("UNAUTHENTICATED"));
    }
    let throttled = app.try_login(&tenant.admin_email, PASSWORD).await.unwrap_err();
    assert_eq!(throttled.code(), Some("RATE_LIMITED"));
}

#[tokio::test]
async fn a_closed_user_is_refused_and_loses_their_sessions() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let user = app.login(tenant.email("consult")).await;
    let closed = app
        .gql(
            &admin,
            "mutation($id: ID!) { closeUser(input: {userId: $id}) { user { status } } }",
            json!({ "id": tenant.user_id("consult").to_string() }),
        )
        .await;
    assert_eq!(closed.ok()["closeUser"]["user"]["status"], "CLOSED");
    assert_eq!(app.gql(&user, ME, json!({})).await.ok()["me"], serde_json::Value::Null);
    let refused = app.try_login(tenant.email("consult"), PASSWORD).await.unwrap_err();
    assert_eq!(refused.code(), Some("UNAUTHENTICATED"));
    assert_eq!(refused.reason(), Some("ACCOUNT_CLOSED"));
}

#[tokio::test]
async fn a_suspended_tenant_is_refused_until_reactivated() {
    let app = spawn_app().await;
    let operator = app.login(&app.operator("ops@operator.test").await).await;
    let tenant = app.tenant("acme").await;
    let user = app.login(tenant.email("consult")).await;
    let token = app
        .gql(
            &app.login(&tenant.admin_email).await,
            "mutation { createApiToken(input: {name: \"BI\", rights: [ANALYSE]}) { secret } }",
            json!({}),
        )
        .await
        .ok()["createApiToken"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let bi = Caller::Bearer(token);

    let suspend = app
        .gql(
            &operator,
            "mutation($id: ID!) { suspendTenant(input: {tenantId: $id, reason: \"Factures impayées\"}) { tenant { status suspendedReason } } }",
            json!({ "id": tenant.id.to_string() }),
        )
        .await;
    assert_eq!(suspend.ok()["suspendTenant"]["tenant"]["status"], "SUSPENDED");

    let refused = app.try_login(&tenant.admin_email, PASSWORD).await.unwrap_err();
    assert_eq!(refused.reason(), Some("TENANT_SUSPENDED"));
    assert_eq!(refused.body["errors"][0]["message"], "this tenant's access is suspended");
    assert_eq!(app.gql(&user, ME, json!({})).await.ok()["me"], serde_json::Value::Null, "sessions ended");
    assert_eq!(app.gql(&bi, ME, json!({})).await.ok()["me"], serde_json::Value::Null, "tokens refused");

    let reactivate = app
        .gql(
            &operator,
            "mutation($id: ID!) { reactivateTenant(input: {tenantId: $id}) { tenant { status } } }",
            json!({ "id": tenant.id.to_string() }),
        )
        .await;
    assert_eq!(reactivate.ok()["reactivateTenant"]["tenant"]["status"], "ACTIVE");
    app.login(&tenant.admin_email).await;
    assert_eq!(app.gql(&bi, ME, json!({})).await.ok()["me"]["kind"], "API_CLIENT");
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let email = tenant.email("analyse").to_owned();
    let laptop = app.login(&email).await;
    let phone = app.login(&email).await;
    let new_password = "Nouveau-Phare-Granit-58";

    let weak = app
        .gql(
            &laptop,
            "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { viewer { email } } }",
            json!({ "c": PASSWORD, "n": "password123" }),
        )
        .await;
    assert_eq!(weak.code(), Some("INVALID_INPUT"));
    assert_eq!(weak.body["errors"][0]["extensions"]["field"], "newPassword");
    assert_eq!(weak.reason(), Some("WEAK_PASSWORD"));

    let wrong_current = app
        .gql(
            &laptop,
            "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { viewer { email } } }",
            json!({ "c": "not-my-password", "n": new_password }),
        )
        .await;
    assert_eq!(wrong_current.reason(), Some("WRONG_CURRENT_PASSWORD"));
    assert_eq!(app.gql(&phone, ME, json!({})).await.ok()["me"]["email"], email, "failures end nothing");

    let changed = app
        .gql(
            &laptop,
            "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { viewer { email } } }",
            json!({ "c": PASSWORD, "n": new_password }),
        )
        .await;
    assert_eq!(changed.ok()["changePassword"]["viewer"]["email"], email);
    assert_eq!(app.gql(&laptop, ME, json!({})).await.ok()["me"]["email"], email, "this session stays");
    assert_eq!(app.gql(&phone, ME, json!({})).await.ok()["me"], serde_json::Value::Null, "the other one ended");
    assert!(app.try_login(&email, PASSWORD).await.is_err());
    assert!(app.try_login(&email, new_password).await.is_ok());
}

#[tokio::test]
async fn api_tokens_carry_their_rights_until_revoked() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let created = app
        .gql(
            &admin,
            "mutation { createApiToken(input: {name: \"Power BI\", rights: [ANALYSE, CONSULT]}) { secret apiToken { id prefix rights } } }",
            json!({}),
        )
        .await;
    let created = &created.ok()["createApiToken"];
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("crm360_pat_"));
    assert!(secret.starts_with(created["apiToken"]["prefix"].as_str().unwrap()));
    assert_eq!(created["apiToken"]["rights"], json!(["CONSULT", "ANALYSE"]));
    let token_id = created["apiToken"]["id"].as_str().unwrap().to_owned();

    let bi = Caller::Bearer(secret.clone());
    let me = app.gql(&bi, ME, json!({})).await;
    assert_eq!(me.ok()["me"]["kind"], "API_CLIENT");
    assert_eq!(me.ok()["me"]["rights"], json!(["CONSULT", "ANALYSE"]));
    // A token is not an administrator.
    assert_eq!(app.gql(&bi, "{ users { nodes { id } } }", json!({})).await.code(), Some("FORBIDDEN"));
    // The secret is never shown again.
    let listed = app.gql(&admin, "{ apiTokens { id name lastUsedAt revokedAt } }", json!({})).await;
    assert!(!listed.body.to_string().contains(&secret));
    assert!(listed.ok()["apiTokens"][0]["lastUsedAt"].is_string());

    let revoked = app
        .gql(
            &admin,
            "mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) { apiToken { revokedAt } } }",
            json!({ "id": token_id }),
        )
        .await;
    assert!(revoked.ok()["revokeApiToken"]["apiToken"]["revokedAt"].is_string());
    assert_eq!(app.gql(&bi, ME, json!({})).await.ok()["me"], serde_json::Value::Null);
    let refused = app.gql(&bi, "{ users { nodes { id } } }", json!({})).await;
    assert_eq!(refused.code(), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn the_web_app_session_travels_in_a_strict_http_only_cookie() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token viewer { email } } }", "variables": { "e": tenant.admin_email, "p": PASSWORD } }))
        .send()
        .await
        .unwrap();
    let cookie = response.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().to_owned();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["data"]["login"]["token"], serde_json::Value::Null, "the token stays out of reach of scripts");
    assert!(cookie.starts_with("crm360_session="));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    let pair = cookie.split(';').next().unwrap().to_owned();
    let me: serde_json::Value = app
        .http
        .post(app.url("/graphql"))
        .header("cookie", &pair)
        .json(&json!({ "query": "{ me { email } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["data"]["me"]["email"], tenant.admin_email);

    let logout = app
        .http
        .post(app.url("/graphql"))
        .header("cookie", &pair)
        .json(&json!({ "query": "mutation { logout }" }))
        .send()
        .await
        .unwrap();
    let cleared = logout.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cleared.contains("Max-Age=0"));
}

#[tokio::test]
async fn secure_cookies_are_the_default() {
    let app = crm360_suite::spawn_app_with(|s| s.cookie_secure = true).await;
    let tenant = app.tenant("acme").await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { viewer { email } } }", "variables": { "e": tenant.admin_email, "p": PASSWORD } }))
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("set-cookie").unwrap().to_str().unwrap().contains("; Secure"));
    assert!(crm360::Settings::load().unwrap().cookie_secure);
}

#[tokio::test]
async fn a_session_that_cannot_be_checked_gets_a_503_and_stays_signed_in() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    assert!(app.gql(&analyst, "{ contactCount }", json!({})).await.body.get("errors").is_none());

    // The session table out of reach: the lookup fails with a database error.
    app.db.execute_unprepared("ALTER TABLE session RENAME TO session_away").await.unwrap();
    let refused = app.gql(&analyst, "{ contactCount }", json!({})).await;
    app.db.execute_unprepared("ALTER TABLE session_away RENAME TO session").await.unwrap();
    assert_eq!(refused.status, 503, "{:#}", refused.body);
    assert_eq!((refused.code(), refused.reason()), (Some("INTERNAL"), Some("UNAVAILABLE")), "{:#}", refused.body);

    // Back: the same session goes on, it was never taken for an expired one.
    let again = app.gql(&analyst, "{ contactCount }", json!({})).await;
    assert!(again.body.get("errors").is_none(), "{:#}", again.body);
}
