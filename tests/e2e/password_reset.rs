//! The lost-password flow and invitations end to end: the request over GraphQL, the job that
//! sends the mail through a real SMTP server on loopback (`crm360_delivery::sink::SmtpSink`),
//! the link read back from the mail that arrived, the new password set from it, the login
//! with it, and the link refused the second time.

use crm360_delivery::sink::{ReceivedMail, SmtpSink};
use crm360_delivery::transport::{SmtpSecurity, SmtpSettings};
use crm360_suite::{Caller, PASSWORD, TestApp, spawn_app_with};
use serde_json::json;
use std::time::Duration;

const NEW_PASSWORD: &str = "Violet-Ketchup-Orbite-42";

const REQUEST: &str = "mutation($email: String!) { requestPasswordReset(input: { email: $email }) }";
const RESET: &str =
    "mutation($token: String!, $password: String!) { resetPassword(input: { token: $token, newPassword: $password }) }";
const ME: &str = "{ me { email mustChangePassword } }";

/// The app sending its mail through a local SMTP server.
async fn spawn_mailing() -> (TestApp, SmtpSink) {
    let smtp = SmtpSink::start("127.0.0.1:0", None).await.expect("SMTP sink");
    let (host, port) = (smtp.local_addr().ip().to_string(), smtp.local_addr().port());
    let app = spawn_app_with(move |s| {
        s.public_origin = Some("https://crm.example.fr".to_owned());
        s.smtp = Some(SmtpSettings {
            host,
            port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            max_connections: 2,
            timeout_seconds: 10,
            dkim: Vec::new(),
            hello_name: None,
        });
    })
    .await;
    (app, smtp)
}

/// Runs the due jobs (the notifications among them) and returns every mail received so far.
async fn deliver(app: &TestApp, smtp: &SmtpSink, expected: usize) -> Vec<ReceivedMail> {
    app.jobs.run_due().await.expect("jobs run");
    smtp.wait_for(expected, Duration::from_secs(10)).await
}

fn parse(mail: &ReceivedMail) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(&mail.data).expect("a MIME message")
}

fn text_of(mail: &ReceivedMail) -> String {
    parse(mail).body_text(0).expect("a text part").into_owned()
}

fn subject_of(mail: &ReceivedMail) -> String {
    parse(mail).subject().expect("a subject").to_owned()
}

/// The link of the password screen in a mail, and its token.
fn link_and_token(mail: &ReceivedMail) -> (String, String) {
    let text = text_of(mail);
    let link = text
        .lines()
        .map(str::trim)
        .find(|line| line.contains("/reinitialiser-mot-de-passe#token="))
        .unwrap_or_else(|| panic!("no link in {text}"))
        .to_owned();
    let token = link.split_once("#token=").unwrap().1.split('&').next().unwrap().to_owned();
    (link, token)
}

#[tokio::test]
async fn a_lost_password_is_reset_from_the_mailed_link_once() {
    let (app, smtp) = spawn_mailing().await;
    let acme = app.tenant("acme").await;
    let old_session = app.login(&acme.admin_email).await;

    // The same answer for an unknown address, which gets no mail.
    for email in [acme.admin_email.as_str(), "nobody@acme.test"] {
        let asked = app.gql(&Caller::Anonymous, REQUEST, json!({ "email": email })).await;
        assert_eq!(asked.ok()["requestPasswordReset"], true, "{email}");
    }
    let mails = deliver(&app, &smtp, 1).await;
    assert_eq!(mails.len(), 1, "one mail, to the account that exists");
    let mail = &mails[0];
    assert_eq!(mail.rcpt_to, [acme.admin_email.clone()]);
    assert_eq!(subject_of(mail), "Réinitialisation de votre mot de passe crm360");
    let parsed = parse(mail);
    assert_eq!(parsed.header_raw("Auto-Submitted").map(str::trim), Some("auto-generated"));
    assert!(parsed.message_id().is_some_and(|id| id.contains(".notification@")), "a Message-ID from the job");
    assert!(parsed.body_html(0).is_some_and(|html| html.contains("<html lang=\"fr\">")), "an HTML part");
    let text = text_of(mail);
    assert!(text.starts_with("Bonjour Alice,"), "{text}");
    assert!(text.contains("valable 30 minutes"), "{text}");
    let (link, token) = link_and_token(mail);
    assert!(link.ends_with(&format!("/reinitialiser-mot-de-passe#token={token}")), "{link}");
    assert_eq!(token.len(), 43);

    // The policy still holds, and a refused password does not use the link up.
    let weak = app.gql(&Caller::Anonymous, RESET, json!({ "token": token, "password": "motdepasse" })).await;
    assert_eq!((weak.code(), weak.reason()), (Some("INVALID_INPUT"), Some("WEAK_PASSWORD")), "{:#}", weak.body);
    assert_eq!(weak.body["errors"][0]["extensions"]["field"], "newPassword");

    let reset = app.gql(&Caller::Anonymous, RESET, json!({ "token": token, "password": NEW_PASSWORD })).await;
    assert_eq!(reset.ok()["resetPassword"], true);
    let me = app.gql(&old_session, ME, json!({})).await;
    assert!(me.data()["me"].is_null() || me.code() == Some("UNAUTHENTICATED"), "the old session ended: {:#}", me.body);
    assert!(app.try_login(&acme.admin_email, PASSWORD).await.is_err(), "the old password is gone");
    let signed_in = app.try_login(&acme.admin_email, NEW_PASSWORD).await.expect("the new password works");
    let me = app.gql(&signed_in, ME, json!({})).await;
    assert_eq!(me.ok()["me"], json!({ "email": acme.admin_email, "mustChangePassword": false }));

    // Once only, and the refusal says nothing more than "not valid".
    let again =
        app.gql(&Caller::Anonymous, RESET, json!({ "token": token, "password": "Autre-Phrase-Secrete-2026" })).await;
    assert_eq!((again.code(), again.reason()), (Some("INVALID_INPUT"), Some("TOKEN_INVALID")), "{:#}", again.body);
    let forged = app.gql(&Caller::Anonymous, RESET, json!({ "token": "x".repeat(43), "password": NEW_PASSWORD })).await;
    assert_eq!(forged.reason(), Some("TOKEN_INVALID"));

    // The owner is told their password changed.
    let mails = deliver(&app, &smtp, 2).await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].rcpt_to, [acme.admin_email.clone()]);
    assert_eq!(subject_of(&mails[1]), "Votre mot de passe crm360 a été modifié");
}

#[tokio::test]
async fn lost_password_requests_are_rate_limited_per_address() {
    let (app, _smtp) = spawn_mailing().await;
    let acme = app.tenant("acme").await;
    for email in [acme.admin_email.as_str(), "nobody@acme.test"] {
        for _ in 0..5 {
            let asked = app.gql(&Caller::Anonymous, REQUEST, json!({ "email": email })).await;
            assert_eq!(asked.ok()["requestPasswordReset"], true);
        }
        let refused = app.gql(&Caller::Anonymous, REQUEST, json!({ "email": email })).await;
        assert_eq!(refused.code(), Some("RATE_LIMITED"), "{email}: {:#}", refused.body);
    }
}

#[tokio::test]
async fn an_invited_user_chooses_their_password_from_the_mailed_link() {
    let (app, smtp) = spawn_mailing().await;
    let acme = app.tenant("acme").await;
    let admin = app.login(&acme.admin_email).await;
    let create = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email } } }";
    let invited = app
        .gql(
            &admin,
            create,
            json!({ "input": { "email": "carla@acme.test", "firstName": "Carla", "lastName": "Nouvelle", "rights": ["CONSULT"] } }),
        )
        .await;
    assert_eq!(invited.ok()["createUser"]["user"]["email"], "carla@acme.test");
    // With a password, as before: no mail.
    let with_password = app
        .gql(
            &admin,
            create,
            json!({ "input": { "email": "dan@acme.test", "firstName": "Dan", "lastName": "Ancien", "password": PASSWORD, "rights": [] } }),
        )
        .await;
    assert_eq!(with_password.ok()["createUser"]["user"]["email"], "dan@acme.test");

    let mails = deliver(&app, &smtp, 1).await;
    assert_eq!(mails.len(), 1, "the invitation only");
    let mail = &mails[0];
    assert_eq!(mail.rcpt_to, ["carla@acme.test".to_owned()]);
    assert_eq!(subject_of(mail), "Invitation à rejoindre Tenant acme sur crm360");
    let text = text_of(mail);
    assert!(text.contains("Alice Admin acme vous a ouvert un accès à l’espace « Tenant acme » sur crm360."), "{text}");
    assert!(text.contains("valable 7 jours"), "{text}");
    let (link, token) = link_and_token(mail);
    assert!(link.ends_with("&invitation=1"), "{link}");

    // No password lets the invitee in before they choose one.
    for guess in ["", PASSWORD, "invitation"] {
        assert!(app.try_login("carla@acme.test", guess).await.is_err(), "{guess}");
    }
    let chosen = app.gql(&Caller::Anonymous, RESET, json!({ "token": token, "password": NEW_PASSWORD })).await;
    assert_eq!(chosen.ok()["resetPassword"], true);
    let carla = app.try_login("carla@acme.test", NEW_PASSWORD).await.expect("the chosen password works");
    let me = app.gql(&carla, ME, json!({})).await;
    assert_eq!(me.ok()["me"], json!({ "email": "carla@acme.test", "mustChangePassword": false }));
    let again =
        app.gql(&Caller::Anonymous, RESET, json!({ "token": token, "password": "Autre-Phrase-Secrete-2026" })).await;
    assert_eq!(again.reason(), Some("TOKEN_INVALID"));
}
