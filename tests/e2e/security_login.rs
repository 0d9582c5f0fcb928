//! Password guessing (issue 15): the throttle counts an attempt in the statement that decides
//! whether it is checked (parallel guesses do not all pass), slows guesses down per account
//! and address before anything else (an attacker's address cannot keep the real user out),
//! locks an account for everyone only after 100 consecutive failures, and throttles the
//! current password of a password change too.

use chrono::Duration;
use crm360_suite::{Gql, PASSWORD, TestApp, spawn_app_with};
use serde_json::{Value, json};

const LOGIN: &str = "mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password, returnToken: true}) { token } }";

/// A server that takes the client's address from `x-real-ip` (as behind a trusted proxy), so
/// that a test can log in from several addresses.
async fn app_behind_a_proxy() -> TestApp {
    spawn_app_with(|s| s.client_ip_header = Some("x-real-ip".to_owned())).await
}

async fn login_from(app: &TestApp, ip: impl Into<String>, email: &str, password: &str) -> Gql {
    let ip: String = ip.into();
    let response = app
        .http
        .post(app.url("/graphql"))
        .header("accept", "application/graphql-response+json")
        .header("x-real-ip", ip.as_str())
        .json(&json!({ "query": LOGIN, "variables": { "email": email, "password": password } }))
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    Gql { status, body: response.json().await.expect("JSON body") }
}

fn retry_after(response: &Gql) -> i64 {
    response.body["errors"][0]["extensions"]["retryAfterSeconds"].as_i64().expect("a retry delay")
}

async fn wrong_passwords_checked(app: &TestApp) -> i64 {
    app.count("connection_log WHERE outcome = 'WRONG_PASSWORD'").await
}

#[tokio::test]
async fn thirty_parallel_guesses_are_not_all_checked() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let guesses = (0..30).map(|i| {
        login_from(&app, "203.0.113.7", &tenant.admin_email, if i % 2 == 0 { "Wrong-Guess-1" } else { "Wrong-Guess-2" })
    });
    let answers = futures::future::join_all(guesses).await;
    let refused_unchecked = answers.iter().filter(|a| a.code() == Some("RATE_LIMITED")).count();
    let checked = answers.iter().filter(|a| a.reason() == Some("WRONG_CREDENTIALS")).count();
    assert_eq!(refused_unchecked + checked, 30, "{answers:#?}");
    assert!(checked <= 5, "{checked} of 30 parallel guesses were checked");
    assert!(wrong_passwords_checked(&app).await <= 5);
    let refused = answers.iter().find(|a| a.code() == Some("RATE_LIMITED")).unwrap();
    assert_eq!(refused.reason(), Some("TOO_MANY_ATTEMPTS"));
    assert!(retry_after(refused) >= 1);
}

#[tokio::test]
async fn a_busy_address_slows_down_progressively_and_never_locks_out_the_real_user() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let attacker = "203.0.113.7";
    for _ in 0..5 {
        let failed = login_from(&app, attacker, &tenant.admin_email, "Wrong-Guess-1").await;
        assert_eq!(failed.reason(), Some("WRONG_CREDENTIALS"));
    }
    // The attacker now waits, longer at each failure.
    let mut delays = Vec::new();
    for _ in 0..4 {
        let refused = login_from(&app, attacker, &tenant.admin_email, "Wrong-Guess-1").await;
        assert_eq!(refused.code(), Some("RATE_LIMITED"), "{:#}", refused.body);
        let delay = retry_after(&refused);
        delays.push(delay);
        app.clock.advance(Duration::seconds(delay));
        let checked = login_from(&app, attacker, &tenant.admin_email, "Wrong-Guess-1").await;
        assert_eq!(checked.reason(), Some("WRONG_CREDENTIALS"), "{:#}", checked.body);
    }
    assert!(delays.windows(2).all(|pair| pair[1] == pair[0] * 2), "delays double: {delays:?}");
    // Meanwhile the real user, from another address, logs in at once.
    let real = login_from(&app, "198.51.100.20", &tenant.admin_email, PASSWORD).await;
    assert!(real.ok()["login"]["token"].is_string());
    // And a success from the attacker's address with the right password comes after its delay.
    let refused = login_from(&app, attacker, &tenant.admin_email, PASSWORD).await;
    assert_eq!(refused.code(), Some("RATE_LIMITED"));
}

#[tokio::test]
async fn an_account_locks_for_everyone_only_after_a_hundred_consecutive_failures() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    // 99 failures from 99 addresses, in parallel batches: not yet locked.
    for batch in 0..9 {
        let guesses =
            (0..11).map(|i| login_from(&app, format!("10.0.{batch}.{i}"), &tenant.admin_email, "Wrong-Guess-1"));
        for answer in futures::future::join_all(guesses).await {
            assert_eq!(answer.reason(), Some("WRONG_CREDENTIALS"), "{:#}", answer.body);
        }
    }
    assert!(login_from(&app, "198.51.100.20", &tenant.admin_email, PASSWORD).await.ok()["login"]["token"].is_string());
    // The success reset the count: 100 consecutive failures now lock the account.
    for batch in 0..10 {
        let guesses =
            (0..10).map(|i| login_from(&app, format!("10.1.{batch}.{i}"), &tenant.admin_email, "Wrong-Guess-1"));
        futures::future::join_all(guesses).await;
    }
    let locked = login_from(&app, "198.51.100.20", &tenant.admin_email, PASSWORD).await;
    assert_eq!(locked.code(), Some("RATE_LIMITED"), "{:#}", locked.body);
    assert_eq!(locked.reason(), Some("ACCOUNT_LOCKED"));
    app.clock.advance(Duration::seconds(retry_after(&locked)));
    assert!(login_from(&app, "198.51.100.20", &tenant.admin_email, PASSWORD).await.ok()["login"]["token"].is_string());
}

#[tokio::test]
async fn the_current_password_of_a_password_change_cannot_be_guessed_without_limit() {
    let app = app_behind_a_proxy().await;
    let tenant = app.tenant("acme").await;
    let session = app.login(&tenant.admin_email).await;
    let change = |current: &'static str| {
        let session = session.clone();
        let app = &app;
        async move {
            app.gql(
                &session,
                "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { viewer { email } } }",
                json!({ "c": current, "n": "Violet-Ketchup-Orbite-42" }),
            )
            .await
        }
    };
    let answers = futures::future::join_all((0..12).map(|_| change("Wrong-Guess-1"))).await;
    let checked = answers.iter().filter(|a| a.reason() == Some("WRONG_CURRENT_PASSWORD")).count();
    let refused: Vec<&Gql> = answers.iter().filter(|a| a.code() == Some("RATE_LIMITED")).collect();
    assert!(checked <= 5, "{checked} guesses of the current password were checked");
    assert_eq!(checked + refused.len(), 12);
    assert!(retry_after(refused[0]) >= 1);
    // Even the right one waits its turn; then it works.
    let waiting = change(PASSWORD).await;
    assert_eq!(waiting.code(), Some("RATE_LIMITED"));
    app.clock.advance(Duration::seconds(retry_after(&waiting)));
    let changed = change(PASSWORD).await;
    assert_eq!(changed.ok()["changePassword"]["viewer"]["email"], Value::String(tenant.admin_email.clone()));
}
