//! The HTTP surface's defences (issue 15): CSRF on `/graphql` and uploads, the WebSocket's
//! origin and session, the password change the server enforces, the security headers, the
//! embedded explorer, introspection and suggestions, `/metrics`, one audited denial per
//! request and field, and the `__Host-` session cookie.

use crm360_suite::{Caller, PASSWORD, TestApp, spawn_app, spawn_app_with};
use serde_json::{Value, json};

const ME: &str = "{ me { email } }";

/// A client like a browser's on another site: no CSRF header unless a test adds one.
fn bare_client() -> reqwest::Client {
    reqwest::Client::new()
}

/// Logs in as the web app does (the session in a cookie) and returns `name=value`.
async fn cookie_login(app: &TestApp, email: &str) -> String {
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { viewer { email } } }", "variables": { "e": email, "p": PASSWORD } }))
        .send()
        .await
        .unwrap();
    let cookie = response.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().to_owned();
    cookie.split(';').next().unwrap().to_owned()
}

async fn body(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn cross_site_forms_cannot_post_to_graphql() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let cookie = cookie_login(&app, &tenant.admin_email).await;
    let logout = r#"{"query":"mutation { logout }"}"#;
    // What an HTML form can send: multipart, urlencoded, text/plain.
    let form = format!(
        "--X\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{logout}\r\n--X\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{}}\r\n--X--\r\n"
    );
    let multipart = bare_client()
        .post(app.url("/graphql"))
        .header("cookie", &cookie)
        .header("content-type", "multipart/form-data; boundary=X")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(multipart.status().as_u16(), 415);
    for content_type in ["application/x-www-form-urlencoded", "text/plain"] {
        let sent = bare_client()
            .post(app.url("/graphql"))
            .header("cookie", &cookie)
            .header("content-type", content_type)
            .body(logout)
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status().as_u16(), 415, "{content_type}");
    }
    // The session survived every attempt.
    let me = app.http.post(app.url("/graphql")).header("cookie", &cookie).json(&json!({ "query": ME })).send().await;
    assert_eq!(body(me.unwrap()).await.1["data"]["me"]["email"], tenant.admin_email);
}

#[tokio::test]
async fn a_cookie_authenticated_request_needs_the_csrf_header_or_its_own_origin() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let cookie = cookie_login(&app, &tenant.admin_email).await;
    let post = |origin: Option<&str>, header: bool| {
        let mut request =
            bare_client().post(app.url("/graphql")).header("cookie", &cookie).json(&json!({ "query": ME }));
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if header {
            request = request.header("x-crm360-csrf", "1");
        }
        request.send()
    };
    let (status, refused) = body(post(None, false).await.unwrap()).await;
    assert_eq!(status, 403);
    assert_eq!(refused["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert_eq!(refused["errors"][0]["extensions"]["reason"], "CSRF_CHECK_FAILED");
    assert_eq!(body(post(Some("https://evil.example"), false).await.unwrap()).await.0, 403);
    assert_eq!(body(post(None, true).await.unwrap()).await.1["data"]["me"]["email"], tenant.admin_email);
    assert_eq!(
        body(post(Some(&app.base_url), false).await.unwrap()).await.1["data"]["me"]["email"],
        tenant.admin_email
    );
    // An upload with the cookie too.
    let upload = bare_client()
        .post(app.url("/uploads?filename=a.csv"))
        .header("cookie", &cookie)
        .header("origin", "https://evil.example")
        .body("email\na@b.fr\n")
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status().as_u16(), 403);
    // Bearer tokens are not sent by browsers on their own: no header needed.
    let bearer = app.login(&tenant.admin_email).await;
    let Caller::Bearer(token) = bearer else { unreachable!() };
    let with_token =
        bare_client().post(app.url("/graphql")).bearer_auth(token).json(&json!({ "query": ME })).send().await;
    assert_eq!(body(with_token.unwrap()).await.1["data"]["me"]["email"], tenant.admin_email);
}

mod websocket {
    use super::*;
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;

    async fn connect(
        app: &TestApp,
        headers: &[(&'static str, String)],
    ) -> Result<
        tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
        tokio_tungstenite::tungstenite::Error,
    > {
        let mut request =
            format!("{}/graphql/ws", app.base_url.replace("http://", "ws://")).into_client_request().unwrap();
        request.headers_mut().insert("sec-websocket-protocol", "graphql-transport-ws".parse().unwrap());
        for (name, value) in headers {
            request.headers_mut().insert(*name, value.parse().unwrap());
        }
        tokio_tungstenite::connect_async(request).await.map(|(socket, _)| socket)
    }

    #[tokio::test]
    async fn a_websocket_from_another_site_is_refused() {
        let app = spawn_app().await;
        let tenant = app.tenant("acme").await;
        let cookie = cookie_login(&app, &tenant.admin_email).await;
        let refused = connect(&app, &[("cookie", cookie.clone()), ("origin", "https://evil.example".to_owned())]).await;
        assert!(refused.is_err(), "the handshake is refused");
        let same_site = connect(&app, &[("cookie", cookie), ("origin", app.base_url.clone())]).await;
        assert!(same_site.is_ok());
    }

    #[tokio::test]
    async fn a_websocket_closes_when_its_session_is_logged_out() {
        let app = spawn_app_with(|s| s.websocket_session_check_seconds = 1).await;
        let tenant = app.tenant("acme").await;
        let session = app.login(&tenant.admin_email).await;
        let Caller::Bearer(token) = session.clone() else { unreachable!() };
        let mut socket = connect(&app, &[("authorization", format!("Bearer {token}"))]).await.unwrap();
        socket.send(Message::text(json!({ "type": "connection_init" }).to_string())).await.unwrap();
        let ack = socket.next().await.unwrap().unwrap();
        assert!(ack.to_text().unwrap().contains("connection_ack"));
        assert_eq!(app.gql(&session, "mutation { logout }", json!({})).await.ok()["logout"], true);
        let closed = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            while let Some(message) = socket.next().await {
                if let Ok(Message::Close(frame)) = message {
                    return frame.map(|f| u16::from(f.code));
                }
            }
            None
        })
        .await
        .expect("the socket closes");
        assert_eq!(closed, Some(4401));
    }
}

#[tokio::test]
async fn a_session_that_must_change_its_password_may_do_nothing_else() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let created = app
        .gql(
            &admin,
            "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }",
            json!({ "input": { "email": "new@acme.test", "firstName": "Nina", "lastName": "Nouvelle",
                "password": PASSWORD, "rights": ["CONSULT", "IMPORT"] } }),
        )
        .await;
    created.ok();
    let nina = app.login("new@acme.test").await;
    assert_eq!(app.gql(&nina, "{ me { mustChangePassword } }", json!({})).await.ok()["me"]["mustChangePassword"], true);
    let refused = app.gql(&nina, "{ contacts(first: 1) { nodes { id } } }", json!({})).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"), "{:#}", refused.body);
    assert_eq!(refused.reason(), Some("PASSWORD_CHANGE_REQUIRED"));
    let (status, _) = app.upload(&nina, "a.csv", b"email\na@b.fr\n".to_vec()).await;
    assert_eq!(status, 403, "plain HTTP routes too");
    let changed = app
        .gql(
            &nina,
            "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { viewer { mustChangePassword } } }",
            json!({ "c": PASSWORD, "n": "Violet-Ketchup-Orbite-42" }),
        )
        .await;
    assert_eq!(changed.ok()["changePassword"]["viewer"]["mustChangePassword"], false);
    app.gql(&nina, "{ contacts(first: 1) { nodes { id } } }", json!({})).await.ok();
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_personal_data_is_never_cached() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let page = app.http.get(app.url("/")).send().await.unwrap();
    let csp = page.headers().get("content-security-policy").expect("a CSP").to_str().unwrap().to_owned();
    for directive in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"] {
        assert!(csp.contains(directive), "{csp} lacks {directive}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(page.headers()["referrer-policy"], "strict-origin-when-cross-origin");
    assert!(page.headers().get("strict-transport-security").is_none(), "no HSTS over plain HTTP");

    let graphql = app.http.post(app.url("/graphql")).json(&json!({ "query": ME })).send().await.unwrap();
    assert_eq!(graphql.headers()["cache-control"], "no-store");
    let caller = app.login(&tenant.email("allrights")).await;
    let Caller::Bearer(token) = caller else { unreachable!() };
    for path in [format!("/segments/{}/export", uuid::Uuid::nil()), format!("/imports/{}/errors", uuid::Uuid::nil())] {
        let file = app.http.get(app.url(&path)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(file.headers()["cache-control"], "no-store", "{path}");
    }

    let https = spawn_app_with(|s| s.served_over_https = true).await;
    let page = https.http.get(https.url("/healthz")).send().await.unwrap();
    assert!(page.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age=31536000"));
}

#[tokio::test]
async fn the_explorer_is_embedded_and_off_outside_development() {
    let app = spawn_app().await;
    let html = app.http.get(app.url("/graphql")).header("accept", "text/html").send().await.unwrap();
    assert!(!html.text().await.unwrap().contains("explorer.js"), "off by default");
    assert_eq!(app.http.get(app.url("/graphql/explorer.js")).send().await.unwrap().status().as_u16(), 404);

    let dev = spawn_app_with(|s| s.development = true).await;
    let page = dev.http.get(dev.url("/graphql")).header("accept", "text/html").send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let page = page.text().await.unwrap();
    assert!(page.contains("<script src=\"/graphql/explorer.js\">"), "{page}");
    assert!(
        !page.contains("http://") && !page.contains("https://") && !page.contains("<script>"),
        "nothing from elsewhere, nothing inline"
    );
    assert!(csp.contains("script-src 'self'"));
    let script = dev.http.get(dev.url("/graphql/explorer.js")).send().await.unwrap();
    assert_eq!(script.status().as_u16(), 200);
    assert!(script.text().await.unwrap().contains("X-CRM360-CSRF"));
}

#[tokio::test]
async fn only_authenticated_clients_introspect_and_suggestions_are_off_in_production() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let anonymous = app.gql(&Caller::Anonymous, "{ __schema { queryType { name } } }", json!({})).await;
    assert_eq!(anonymous.code(), Some("UNAUTHENTICATED"), "{:#}", anonymous.body);
    let typed = app.gql(&Caller::Anonymous, "{ __type(name: \"Contact\") { name fields { name } } }", json!({})).await;
    assert_eq!(typed.ok()["__type"], Value::Null, "no type is shown to anonymous callers");
    let user = app.login(tenant.email("analyse")).await;
    assert_eq!(
        app.gql(&user, "{ __schema { queryType { name } } }", json!({})).await.ok()["__schema"]["queryType"]["name"],
        "QueryRoot"
    );

    let typo = app.gql(&user, "{ contactz }", json!({})).await;
    assert!(!typo.body.to_string().contains("Did you mean"), "{:#}", typo.body);
    let dev = spawn_app_with(|s| s.development = true).await;
    let typo = dev.gql(&Caller::Anonymous, "{ contactz }", json!({})).await;
    assert!(typo.body.to_string().contains("Did you mean"), "{:#}", typo.body);
}

#[tokio::test]
async fn metrics_need_the_configured_token() {
    let app = spawn_app().await;
    assert_eq!(
        app.http.get(app.url("/metrics")).send().await.unwrap().status().as_u16(),
        404,
        "not served without a token"
    );
    let app = spawn_app_with(|s| s.metrics_token = Some("metrics-secret-1234".to_owned().into())).await;
    assert_eq!(app.http.get(app.url("/metrics")).send().await.unwrap().status().as_u16(), 401);
    let wrong = app.http.get(app.url("/metrics")).bearer_auth("nope").send().await.unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let right = app.http.get(app.url("/metrics")).bearer_auth("metrics-secret-1234").send().await.unwrap();
    assert_eq!(right.status().as_u16(), 200);
    assert!(right.text().await.unwrap().contains("crm360_http_requests_total"));
}

#[tokio::test]
async fn a_thousand_refused_aliases_write_one_audit_entry() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let user = app.login(tenant.email("consult")).await;
    let before = app.count("audit_entry WHERE action = 'access.denied'").await;
    let aliases: Vec<String> = (0..900).map(|i| format!("a{i}: apiTokens {{ __typename }}")).collect();
    let refused = app.gql(&user, &format!("{{ {} }}", aliases.join(" ")), json!({})).await;
    assert_eq!(refused.codes().len(), 900, "{:#}", refused.body["errors"][0]);
    assert!(refused.codes().iter().all(|c| c == "FORBIDDEN"));
    assert_eq!(app.count("audit_entry WHERE action = 'access.denied'").await - before, 1);
    // Another field refused in the same request is its own entry.
    let two = app
        .gql(
            &user,
            "{ a: apiTokens { __typename } b: apiTokens { __typename } connectionLog { __typename } }",
            json!({}),
        )
        .await;
    assert_eq!(two.codes().len(), 3);
    assert_eq!(app.count("audit_entry WHERE action = 'access.denied'").await - before, 3);
}

#[tokio::test]
async fn the_secure_session_cookie_takes_the_host_prefix() {
    let app = spawn_app_with(|s| s.cookie_secure = true).await;
    let tenant = app.tenant("acme").await;
    let response = app
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { viewer { email } } }", "variables": { "e": tenant.admin_email, "p": PASSWORD } }))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-crm360_session="), "{cookie}");
    assert!(cookie.contains("; Path=/;") && cookie.contains("; Secure") && !cookie.contains("Domain"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let me = app.http.post(app.url("/graphql")).header("cookie", &pair).json(&json!({ "query": ME })).send().await;
    assert_eq!(body(me.unwrap()).await.1["data"]["me"]["email"], tenant.admin_email);
    // Served over HTTPS, the cookie is secure whatever `cookie_secure` says.
    let https = spawn_app_with(|s| {
        s.cookie_secure = false;
        s.served_over_https = true;
    })
    .await;
    let tenant = https.tenant("acme").await;
    let response = https
        .http
        .post(https.url("/graphql"))
        .json(&json!({ "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { viewer { email } } }", "variables": { "e": tenant.admin_email, "p": PASSWORD } }))
        .send()
        .await
        .unwrap();
    assert!(response.headers()["set-cookie"].to_str().unwrap().starts_with("__Host-crm360_session="));
}
