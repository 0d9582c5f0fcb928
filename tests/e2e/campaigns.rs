//! Campaigns end to end: a real SMTP server and a real HTTP SMS gateway on loopback
//! (`crm360_delivery::sink`), campaigns sent to segments, and what arrived read back: exactly
//! the contacts with consent and not suppressed, merge fields filled and escaped, the legal
//! headers present, the one-click unsubscription with no session, SMS held by the quiet
//! hours, recurring runs each on the segment as it is then, typed errors that write nothing.

#![allow(clippy::disallowed_methods)] // tests read stored rows directly

use chrono::{TimeZone, Utc};
use crm360_campaigns::model::{LedgerStatus, send_ledger};
use crm360_contacts::fields::ContactField;
use crm360_contacts::model::contact;
use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::segments::{self, ConditionSpec, Node, SegmentDraft};
use crm360_delivery::sink::{SmsSink, SmtpSink};
use crm360_delivery::transport::{SmsSettings, SmtpSecurity, SmtpSettings};
use crm360_kernel::TenantScope;
use crm360_kernel::model::usage_event::{self, UsageKind};
use crm360_suite::{Caller, TenantFixture, TestApp, find_all, spawn_app_with};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::time::Duration;
use uuid::Uuid;

pub struct Sending {
    pub app: TestApp,
    pub smtp: SmtpSink,
    pub sms: SmsSink,
}

/// The app sending through a local SMTP server and a local SMS gateway.
pub async fn spawn_sending() -> Sending {
    let smtp = SmtpSink::start("127.0.0.1:0", None).await.expect("SMTP sink");
    let sms = SmsSink::start("127.0.0.1:0", "gateway-key".to_owned()).await.expect("SMS sink");
    let (host, port, base_url) = (smtp.local_addr().ip().to_string(), smtp.local_addr().port(), sms.base_url());
    let app = spawn_app_with(move |s| {
        s.public_origin = Some("https://crm.example.fr".to_owned());
        s.smtp = Some(SmtpSettings {
            host,
            port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            max_connections: 4,
            timeout_seconds: 10,
            dkim: Vec::new(),
            hello_name: None,
        });
        s.sms = Some(SmsSettings {
            base_url,
            api_key: "gateway-key".to_owned(),
            webhook_secret: "webhook-secret".to_owned(),
            timeout_seconds: 10,
        });
    })
    .await;
    Sending { app, smtp, sms }
}

/// A contact with the given fields, and consents granted on the given channels.
pub async fn contact(scope: &TenantScope, fields: &[(ContactField, &str)], consent: &[ConsentChannel]) -> Uuid {
    let changes = ContactChanges {
        fields: fields.iter().map(|(f, v)| (*f, Some((*v).to_owned()))).collect(),
        custom: Vec::new(),
    };
    let created = contacts::create(scope, changes).await.expect("contact created");
    for channel in consent {
        let proof = ConsentProof {
            channel: *channel,
            status: ConsentStatus::Granted,
            collected_at: scope.now() - chrono::Duration::days(30),
            source: Some("formulaire".to_owned()),
            wording: Some("J'accepte de recevoir les offres".to_owned()),
            ip: None,
        };
        consents::set(scope, created.id, proof).await.expect("consent granted");
    }
    created.id
}

/// A saved segment of every contact of the tenant, or of one city.
fn condition(field: ContactField, operator: segments::SegmentOperator, value: Option<&str>) -> Node {
    Node::Condition(ConditionSpec {
        field: Some(field),
        computed: None,
        custom_field_key: None,
        consent_channel: None,
        operator,
        value: value.map(str::to_owned),
        values: vec![],
        from: None,
        to: None,
    })
}

pub async fn segment(scope: &TenantScope, name: &str, city: Option<&str>) -> Uuid {
    use segments::SegmentOperator::{Equals, IsEmpty, IsNotEmpty};
    let definition = match city {
        // A condition and its negation cover every contact.
        None => Node::Or(vec![
            condition(ContactField::City, IsEmpty, None),
            condition(ContactField::City, IsNotEmpty, None),
        ]),
        Some(city) => condition(ContactField::City, Equals, Some(city)),
    };
    segments::create(scope, SegmentDraft { name: name.to_owned(), description: None, definition })
        .await
        .expect("segment saved")
        .id
}

/// Allows a sender for the tenant, as operator staff do; its id.
pub async fn allow_sender(app: &TestApp, tenant: &TenantFixture, channel: &str, address: &str) -> Gql2 {
    let operator = app.operator(&format!("ops-{}@crm360.test", Uuid::new_v4().simple())).await;
    let operator = app.login(&operator).await;
    let response = app
        .gql(
            &operator,
            "mutation($i: AllowCampaignSenderInput!) { allowCampaignSender(input: $i) { id address } }",
            json!({ "i": { "tenantId": tenant.id, "channel": channel, "address": address, "displayName": "Boutique Léa" } }),
        )
        .await;
    Gql2(response.body)
}

pub struct Gql2(pub Value);

impl Gql2 {
    pub fn id(&self) -> String {
        self.0["data"]["allowCampaignSender"]["id"].as_str().unwrap_or_else(|| panic!("{:#}", self.0)).to_owned()
    }
}

pub async fn create_template(app: &TestApp, caller: &Caller, input: Value) -> crm360_suite::Gql {
    app.gql(
        caller,
        "mutation($i: MessageTemplateInput!) { createMessageTemplate(input: $i) { template { id smsMeasure { segments encoding } } } }",
        json!({ "i": input }),
    )
    .await
}

pub async fn create_campaign(app: &TestApp, caller: &Caller, input: Value) -> crm360_suite::Gql {
    app.gql(
        caller,
        "mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id status } } }",
        json!({ "i": input }),
    )
    .await
}

pub async fn launch(app: &TestApp, caller: &Caller, id: &str) -> crm360_suite::Gql {
    app.gql(
        caller,
        "mutation($id: ID!) { launchCampaign(id: $id) { campaign { id status nextRunAt } } }",
        json!({ "id": id }),
    )
    .await
}

pub async fn stats(app: &TestApp, caller: &Caller, id: &str) -> Value {
    let response = app
        .gql(
            caller,
            "query($id: ID!) { campaign(id: $id) { status runsStarted stats { targeted sent failed uncertain queued waitingQuietHours excludedNoConsent excludedSuppressed excludedInvalidAddress excludedDuplicate unsubscribed } runs { number status stats { targeted sent } } } }",
            json!({ "id": id }),
        )
        .await;
    response.ok()["campaign"].clone()
}

fn parse(raw: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(raw).expect("a MIME message")
}

fn header(message: &mail_parser::Message<'_>, name: &str) -> Option<String> {
    message.header_raw(name).map(|v| v.trim().to_owned())
}

#[tokio::test]
async fn an_email_campaign_reaches_exactly_the_consenting_unsuppressed_contacts_escaped_and_unsubscribable() {
    let Sending { app, smtp, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let other = app.tenant("other").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    use ConsentChannel::Email;
    let zoe = contact(
        &scope,
        &[(ContactField::FirstName, "<b>Zoé</b>"), (ContactField::PersonalEmail, "zoe@exemple.fr")],
        &[Email],
    )
    .await;
    let _fay = contact(&scope, &[(ContactField::PersonalEmail, "fay@exemple.fr")], &[Email]).await;
    let _bob =
        contact(&scope, &[(ContactField::FirstName, "Bob"), (ContactField::PersonalEmail, "bob@exemple.fr")], &[])
            .await;
    let _cyd = contact(&scope, &[(ContactField::PersonalEmail, "cyd@exemple.fr")], &[Email]).await;
    let _dan = contact(&scope, &[(ContactField::FirstName, "Dan")], &[Email]).await;
    let _eve = contact(&scope, &[(ContactField::PersonalEmail, "ZOE@exemple.fr")], &[Email]).await;
    let stranger = TenantScope::system(&app.platform, other.id);
    contact(&stranger, &[(ContactField::PersonalEmail, "stranger@exemple.fr")], &[Email]).await;
    let everyone = segment(&scope, "Tous", None).await;

    let communicate = app.login(acme.email("communicate")).await;
    let suppressed = app
        .gql(
            &communicate,
            "mutation { addSuppression(channel: EMAIL, value: \"Cyd@Exemple.fr\") { masked reason } }",
            json!({}),
        )
        .await;
    assert_eq!(suppressed.ok()["addSuppression"], json!({ "masked": "c•••@exemple.fr", "reason": "MANUAL" }));
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Soldes", "channel": "EMAIL", "subject": "Bonjour {{ first_name | default(\"client\") }}, les soldes !",
                "htmlBody": "<html><body><p>Bonjour {{ first_name | default(\"client\") }}</p></body></html>",
                "textBody": "Bonjour {{ first_name | default(\"client\") }}" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let campaign = create_campaign(
        &app,
        &communicate,
        json!({ "name": "Soldes d'hiver", "channel": "EMAIL", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "NOW" }),
    )
    .await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    assert_eq!(launch(&app, &communicate, &campaign).await.ok()["launchCampaign"]["campaign"]["status"], "SCHEDULED");
    app.jobs.run_due().await.expect("jobs run");

    let received = smtp.wait_for(2, Duration::from_secs(10)).await;
    let mut to: Vec<String> = received.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    to.sort();
    assert_eq!(to, ["fay@exemple.fr", "zoe@exemple.fr"]);
    let zoe_mail = received.iter().find(|m| m.rcpt_to == ["zoe@exemple.fr"]).unwrap();
    let message = parse(&zoe_mail.data);
    assert_eq!(message.subject(), Some("Bonjour <b>Zoé</b>, les soldes !"));
    let html = message.body_html(0).unwrap().to_string();
    assert!(html.contains("Bonjour &lt;b&gt;Zoé&lt;") && !html.contains("<b>"), "{html}");
    assert!(html.contains("Se désabonner"), "the footer is added: {html}");
    assert!(message.body_text(0).unwrap().contains("Bonjour <b>Zoé</b>"));
    let fay_mail = received.iter().find(|m| m.rcpt_to == ["fay@exemple.fr"]).unwrap();
    assert!(parse(&fay_mail.data).body_text(0).unwrap().contains("Bonjour client"));
    assert_eq!(header(&message, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    let list_unsubscribe = header(&message, "List-Unsubscribe").expect("List-Unsubscribe");
    let url = list_unsubscribe.trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(url.starts_with("https://crm.example.fr/desabonnement/"), "{url}");
    let message_id = message.message_id().expect("a Message-ID").to_owned();
    assert!(message_id.contains(&acme.id.simple().to_string()) && message_id.contains(&zoe.simple().to_string()));
    assert_eq!(message.from().and_then(|f| f.first()).and_then(|a| a.address()), Some("offres@boutique-lea.fr"));

    let figures = stats(&app, &communicate, &campaign).await;
    assert_eq!(figures["status"], "SENT");
    let s = &figures["stats"];
    assert_eq!(
        (s["targeted"].as_i64(), s["sent"].as_i64(), s["excludedNoConsent"].as_i64()),
        (Some(6), Some(2), Some(1))
    );
    assert_eq!(
        (s["excludedSuppressed"].as_i64(), s["excludedInvalidAddress"].as_i64(), s["excludedDuplicate"].as_i64()),
        (Some(1), Some(1), Some(1))
    );
    let metered: i64 = find_all::<usage_event::Entity>(&app.db)
        .await
        .iter()
        .filter(|u| u.tenant_id == acme.id && u.kind == UsageKind::EmailSent)
        .map(|u| u.quantity)
        .sum();
    assert_eq!(metered, 2);

    // One-click unsubscription: a plain POST, no session, no CSRF header.
    let plain = reqwest::Client::new();
    let path = url.trim_start_matches("https://crm.example.fr");
    let forged = format!("{}x", &path[..path.len() - 1]);
    let refused = plain.post(app.url(&forged)).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    let page = plain.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.unwrap().contains("Confirmer le désabonnement"));
    let zoe_row = contact::Entity::find_by_id((acme.id, zoe)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(zoe_row.consent_email, Some(ConsentStatus::Granted), "a GET changes nothing");
    let done = plain
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 200);
    assert!(done.text().await.unwrap().contains("Désabonnement confirmé"));
    let zoe_row = contact::Entity::find_by_id((acme.id, zoe)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(zoe_row.consent_email, Some(ConsentStatus::Denied));
    assert_eq!(stats(&app, &communicate, &campaign).await["stats"]["unsubscribed"], 1);

    // The next campaign skips her: her consent is withdrawn and her address suppressed.
    let again = create_campaign(
        &app,
        &communicate,
        json!({ "name": "Soldes, 2e démarque", "channel": "EMAIL", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "NOW" }),
    )
    .await;
    let again = again.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    launch(&app, &communicate, &again).await.ok();
    app.jobs.run_due().await.expect("jobs run");
    let received = smtp.wait_for(3, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 3);
    assert_eq!(received[2].rcpt_to, ["fay@exemple.fr"]);
    let second = stats(&app, &communicate, &again).await;
    assert_eq!(second["stats"]["excludedNoConsent"], 2);
}

#[tokio::test]
async fn marketing_sms_wait_for_the_end_of_quiet_hours_sundays_and_whit_monday() {
    let Sending { app, sms, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    contact(
        &scope,
        &[(ContactField::FirstName, "Zoé"), (ContactField::MobilePhone, "06 12 34 56 78")],
        &[ConsentChannel::Sms],
    )
    .await;
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "SMS", "BOUTIQUE").await.id();
    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Promo", "channel": "SMS", "textBody": "Bonjour {{ first_name }}, -20 % ce week-end" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let paris = chrono_tz::Europe::Paris;
    let mut sent_so_far = 0;
    // Tuesday 23:00 -> Wednesday 08:00; Sunday 10:00 -> Monday 08:00; the Sunday before Whit
    // Monday -> Tuesday 08:00.
    for (n, (start, release)) in [
        (paris.with_ymd_and_hms(2026, 12, 1, 23, 0, 0), paris.with_ymd_and_hms(2026, 12, 2, 8, 0, 0)),
        (paris.with_ymd_and_hms(2026, 12, 6, 10, 0, 0), paris.with_ymd_and_hms(2026, 12, 7, 8, 0, 0)),
        (paris.with_ymd_and_hms(2027, 5, 16, 12, 0, 0), paris.with_ymd_and_hms(2027, 5, 18, 8, 0, 0)),
    ]
    .into_iter()
    .enumerate()
    {
        let (start, release) = (start.unwrap().with_timezone(&Utc), release.unwrap().with_timezone(&Utc));
        app.clock.set(start);
        // Sessions expire when the clock jumps: a fresh one at each step.
        let communicate = app.login(acme.email("communicate")).await;
        let campaign = create_campaign(
            &app,
            &communicate,
            json!({ "name": format!("Promo {n}"), "channel": "SMS", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "NOW" }),
        )
        .await;
        let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
        launch(&app, &communicate, &campaign).await.ok();
        app.jobs.run_due().await.expect("jobs run");
        app.clock.set(release - chrono::Duration::minutes(1));
        app.jobs.run_due().await.expect("jobs run");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(sms.received().len(), sent_so_far, "nothing before {release}");
        let communicate = app.login(acme.email("communicate")).await;
        assert_eq!(stats(&app, &communicate, &campaign).await["stats"]["waitingQuietHours"], 1);
        app.clock.set(release);
        app.jobs.run_due().await.expect("jobs run");
        let received = sms.wait_for(sent_so_far + 1, Duration::from_secs(10)).await;
        sent_so_far += 1;
        assert_eq!(received.len(), sent_so_far);
        let last = received.last().unwrap();
        assert_eq!((last.to.as_str(), last.from.as_str()), ("+33612345678", "BOUTIQUE"));
        assert!(
            last.text.starts_with("Bonjour Zoé, -20 % ce week-end") && last.text.contains("STOP au 36180"),
            "{}",
            last.text
        );
        let communicate = app.login(acme.email("communicate")).await;
        assert_eq!(stats(&app, &communicate, &campaign).await["status"], "SENT");
    }
}

#[tokio::test]
async fn recurring_runs_each_target_the_segment_as_it_is_then() {
    let Sending { app, smtp, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    let paris = chrono_tz::Europe::Paris;
    app.clock.set(paris.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap().with_timezone(&Utc));
    contact(
        &scope,
        &[(ContactField::PersonalEmail, "a@exemple.fr"), (ContactField::City, "Lyon")],
        &[ConsentChannel::Email],
    )
    .await;
    let lyon = segment(&scope, "Lyonnais", Some("Lyon")).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Lettre", "channel": "EMAIL", "subject": "La lettre", "textBody": "Bonjour" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let campaign = create_campaign(
        &app,
        &communicate,
        json!({ "name": "Lettre du matin", "channel": "EMAIL", "segmentId": lyon, "templateId": template, "senderId": sender, "plan": "RECURRING", "cron": "0 9 * * *" }),
    )
    .await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    let launched = launch(&app, &communicate, &campaign).await;
    let first = paris.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap().with_timezone(&Utc);
    assert_eq!(launched.ok()["launchCampaign"]["campaign"]["nextRunAt"], json!(first.to_rfc3339()));
    app.jobs.run_due().await.unwrap();
    assert!(smtp.received().is_empty(), "nothing before 09:00");
    app.clock.set(first);
    app.jobs.run_due().await.unwrap();
    assert_eq!(smtp.wait_for(1, Duration::from_secs(10)).await.len(), 1);
    contact(
        &scope,
        &[(ContactField::PersonalEmail, "b@exemple.fr"), (ContactField::City, "Lyon")],
        &[ConsentChannel::Email],
    )
    .await;
    contact(
        &scope,
        &[(ContactField::PersonalEmail, "c@exemple.fr"), (ContactField::City, "Brest")],
        &[ConsentChannel::Email],
    )
    .await;
    app.clock.set(first + chrono::Duration::days(1));
    app.jobs.run_due().await.unwrap();
    let received = smtp.wait_for(3, Duration::from_secs(10)).await;
    let second_run: Vec<String> = received[1..].iter().flat_map(|m| m.rcpt_to.clone()).collect();
    assert_eq!(received.len(), 3);
    assert!(second_run.contains(&"a@exemple.fr".to_owned()) && second_run.contains(&"b@exemple.fr".to_owned()));
    let communicate = app.login(acme.email("communicate")).await;
    let figures = stats(&app, &communicate, &campaign).await;
    assert_eq!(figures["status"], "SCHEDULED");
    assert_eq!(
        figures["runs"],
        json!([
            { "number": 2, "status": "FINISHED", "stats": { "targeted": 2, "sent": 2 } },
            { "number": 1, "status": "FINISHED", "stats": { "targeted": 1, "sent": 1 } },
        ])
    );
}

#[tokio::test]
async fn bad_input_gets_typed_errors_and_writes_nothing() {
    let Sending { app, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let other = app.tenant("other").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let foreign_sender = allow_sender(&app, &other, "EMAIL", "offres@ailleurs.fr").await.id();
    let long_sender = allow_sender(&app, &acme, "SMS", "BOUTIQUELEA1").await;
    assert_eq!(long_sender.0["errors"][0]["extensions"]["reason"], "INVALID_SENDER_ID", "{:#}", long_sender.0);

    let unknown = create_template(
        &app,
        &communicate,
        json!({ "name": "x", "channel": "EMAIL", "subject": "Bonjour",
        "textBody": "Ligne 1\nBonjour {{ prenom }}" }),
    )
    .await;
    assert_eq!((unknown.code(), unknown.reason()), (Some("INVALID_INPUT"), Some("UNKNOWN_MERGE_FIELD")));
    assert!(unknown.body["errors"][0]["message"].as_str().unwrap().contains("Line 2"), "{:#}", unknown.body);
    let syntax = create_template(
        &app,
        &communicate,
        json!({ "name": "x", "channel": "EMAIL", "subject": "Bonjour {{ first_name ",
        "textBody": "Bonjour" }),
    )
    .await;
    assert_eq!(syntax.reason(), Some("TEMPLATE_SYNTAX"));

    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Lettre", "channel": "EMAIL", "subject": "La lettre", "textBody": "Bonjour" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let empty = segment(&scope, "Personne", Some("Nulle-part")).await;
    let base = json!({ "name": "Vide", "channel": "EMAIL", "segmentId": empty, "templateId": template, "senderId": sender, "plan": "NOW" });
    let cron = create_campaign(&app, &communicate, {
        let mut i = base.clone();
        i["plan"] = json!("RECURRING");
        i["cron"] = json!("tous les lundis");
        i
    })
    .await;
    assert_eq!(cron.reason(), Some("INVALID_CRON"));
    let often = create_campaign(&app, &communicate, {
        let mut i = base.clone();
        i["plan"] = json!("RECURRING");
        i["cron"] = json!("* * * * *");
        i
    })
    .await;
    assert_eq!(often.reason(), Some("INVALID_CRON"));
    let stolen = create_campaign(&app, &communicate, {
        let mut i = base.clone();
        i["senderId"] = json!(foreign_sender);
        i
    })
    .await;
    assert_eq!(stolen.reason(), Some("SENDER_NOT_ALLOWED"));
    let past = create_campaign(&app, &communicate, {
        let mut i = base.clone();
        i["plan"] = json!("AT");
        i["scheduledAt"] = json!("2020-01-01T09:00:00Z");
        i
    })
    .await;
    assert_eq!(past.reason(), Some("IN_THE_PAST"));
    let draft = create_campaign(&app, &communicate, base.clone()).await;
    let draft = draft.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    let launched = launch(&app, &communicate, &draft).await;
    assert_eq!((launched.code(), launched.reason()), (Some("INVALID_INPUT"), Some("EMPTY_SEGMENT")));
    assert_eq!(app.count("campaign_run").await, 0);
    assert_eq!(app.count("send_ledger").await, 0);
    assert_eq!(app.count("message_template").await, 1);
    assert_eq!(app.count("campaign").await, 1);

    // Rights: Analyse and Import may not send.
    for role in ["analyse", "import", "norights"] {
        let caller = app.login(acme.email(role)).await;
        let refused = launch(&app, &caller, &draft).await;
        assert_eq!(refused.code(), Some("FORBIDDEN"), "{role}");
    }
    let ledger = send_ledger::Entity::find()
        .filter(send_ledger::Column::Status.eq(LedgerStatus::Sent))
        .all(&app.db)
        .await
        .unwrap();
    assert!(ledger.is_empty());

    // A sender for a tenant that does not exist: NOT_FOUND, not an internal error.
    let operator = app.operator("ops-nowhere@crm360.test").await;
    let operator = app.login(&operator).await;
    let nowhere = app
        .gql(
            &operator,
            "mutation($t: ID!) { allowCampaignSender(input: {tenantId: $t, channel: EMAIL, address: \"a@b.fr\"}) { id } }",
            json!({ "t": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(nowhere.code(), Some("NOT_FOUND"), "{:#}", nowhere.body);
}

/// A Postfix delivery status notification for `message_id`, sent to `recipient`.
fn hard_bounce(recipient: &str, message_id: &str) -> String {
    format!(
        "From: MAILER-DAEMON@relay.example.fr (Mail Delivery System)\r\n\
         To: bounces@crm360.example\r\n\
         Subject: Undelivered Mail Returned to Sender\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n\r\n\
         --B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThis is the mail system at host relay.\r\n\r\n\
         --B1\r\nContent-Type: message/delivery-status\r\n\r\n\
         Reporting-MTA: dns; relay.example.fr\r\n\r\n\
         Final-Recipient: rfc822; {recipient}\r\nOriginal-Recipient: rfc822;{recipient}\r\nAction: failed\r\n\
         Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown\r\n\r\n\
         --B1\r\nContent-Type: text/rfc822-headers\r\n\r\n\
         Message-ID: <{message_id}>\r\nFrom: offres@boutique-lea.fr\r\nTo: {recipient}\r\nSubject: Soldes\r\n\r\n\
         --B1--\r\n"
    )
}

#[tokio::test]
async fn bounces_from_the_mailbox_and_stop_replies_suppress_the_recipient() {
    let maildir = std::env::temp_dir().join(format!("crm360-bounces-{}", Uuid::new_v4().simple()));
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    let smtp = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
    let sms = SmsSink::start("127.0.0.1:0", "gateway-key".to_owned()).await.unwrap();
    let (host, port, base_url, dir) =
        (smtp.local_addr().ip().to_string(), smtp.local_addr().port(), sms.base_url(), maildir.clone());
    let app = spawn_app_with(move |s| {
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
        s.sms = Some(SmsSettings {
            base_url,
            api_key: "gateway-key".to_owned(),
            webhook_secret: "webhook-secret".to_owned(),
            timeout_seconds: 10,
        });
        s.campaigns.bounce_maildir = Some(dir);
    })
    .await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    let gone = contact(&scope, &[(ContactField::PersonalEmail, "parti@exemple.fr")], &[ConsentChannel::Email]).await;
    contact(&scope, &[(ContactField::PersonalEmail, "reste@exemple.fr")], &[ConsentChannel::Email]).await;
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Lettre", "channel": "EMAIL", "subject": "La lettre", "textBody": "Bonjour" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let send = |name: &'static str| {
        let (app, communicate, everyone, template, sender) =
            (&app, &communicate, everyone, template.clone(), sender.clone());
        async move {
            let c = create_campaign(app, communicate, json!({ "name": name, "channel": "EMAIL", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "NOW" })).await;
            let id = c.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
            launch(app, communicate, &id).await.ok();
            app.jobs.run_due().await.unwrap();
            id
        }
    };
    let first = send("Première").await;
    let received = smtp.wait_for(2, Duration::from_secs(10)).await;
    let to_gone = received.iter().find(|m| m.rcpt_to == ["parti@exemple.fr"]).unwrap();
    let message_id = parse(&to_gone.data).message_id().unwrap().to_owned();
    std::fs::write(maildir.join("new").join("1.relay"), hard_bounce("parti@exemple.fr", &message_id)).unwrap();
    std::fs::write(
        maildir.join("new").join("2.relay"),
        "From: a@b.fr\r\nSubject: Absent du bureau\r\n\r\nJe suis absent.\r\n",
    )
    .unwrap();
    // The recurring reader, as a worker runs it every minute.
    app.clock.advance(chrono::Duration::minutes(2));
    app.jobs.run_due().await.unwrap();
    assert!(std::fs::read_dir(maildir.join("new")).unwrap().next().is_none(), "both messages read once");
    let row = send_ledger::Entity::find()
        .filter(send_ledger::Column::ContactId.eq(gone))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, LedgerStatus::Bounced);
    assert!(row.error.as_deref().unwrap().starts_with("hard: 5.1.1"), "{:?}", row.error);
    let communicate = app.login(acme.email("communicate")).await;
    assert_eq!(stats(&app, &communicate, &first).await["stats"]["sent"], 1);

    let second = send("Deuxième").await;
    assert_eq!(smtp.wait_for(3, Duration::from_secs(10)).await.len(), 3);
    assert_eq!(stats(&app, &communicate, &second).await["stats"]["excludedSuppressed"], 1);

    // The gateway's webhooks: a forged one refused, a signed STOP suppresses the number.
    let body = json!({ "type": "inbound", "from": "+33612345678", "to": "36180", "text": "Stop", "received_at": "2026-11-26T10:00:00Z" }).to_string();
    let now = app.clock.now().timestamp();
    let plain = reqwest::Client::new();
    let forged = plain
        .post(app.url("/webhooks/sms"))
        .header("x-crm360-timestamp", now.to_string())
        .header("x-crm360-signature", "sha256=00")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 401);
    let signature = crm360_delivery::transport::sign_webhook("webhook-secret", now, body.as_bytes());
    let accepted = plain
        .post(app.url("/webhooks/sms"))
        .header("x-crm360-timestamp", now.to_string())
        .header("x-crm360-signature", signature)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status().as_u16(), 204);
    assert_eq!(app.count("platform_suppression").await, 1);
}

#[tokio::test]
async fn pause_holds_the_run_resume_sends_the_rest_once_and_cancel_stops_it_for_good() {
    let Sending { app, smtp, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    for n in 0..5 {
        contact(&scope, &[(ContactField::PersonalEmail, &format!("client{n}@exemple.fr"))], &[ConsentChannel::Email])
            .await;
    }
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let template = create_template(&app, &communicate, json!({ "name": "Lettre", "channel": "EMAIL", "subject": "La lettre", "textBody": "Bonjour {{ first_name | default(\"client\") }}" })).await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();

    // A test send reaches the given address only, marked as a test, and is in no ledger.
    let tested = app
        .gql(
            &communicate,
            "mutation($i: SendTestMessageInput!) { sendTestMessage(input: $i) }",
            json!({ "i": { "templateId": template, "senderId": sender, "to": ["marketing@boutique-lea.fr"] } }),
        )
        .await;
    assert_eq!(tested.ok()["sendTestMessage"], 1);
    let test_mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(parse(&test_mail[0].data).subject(), Some("[TEST] La lettre"));
    let too_many = app
        .gql(
            &communicate,
            "mutation($i: SendTestMessageInput!) { sendTestMessage(input: $i) }",
            json!({ "i": { "templateId": template, "senderId": sender, "to": vec!["a@exemple.fr"; 11] } }),
        )
        .await;
    assert_eq!(too_many.reason(), Some("TOO_MANY_RECIPIENTS"));

    let campaign = create_campaign(&app, &communicate, json!({ "name": "Lettre", "channel": "EMAIL", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "NOW" })).await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    launch(&app, &communicate, &campaign).await.ok();
    // The run starts (its ledger is built), then the campaign is paused before any batch runs.
    assert!(app.jobs.run_one().await.unwrap(), "the run starts");
    let paused = app
        .gql(
            &communicate,
            "mutation($id: ID!) { pauseCampaign(id: $id) { campaign { status } } }",
            json!({ "id": campaign }),
        )
        .await;
    assert_eq!(paused.ok()["pauseCampaign"]["campaign"]["status"], "PAUSED");
    app.jobs.run_due().await.unwrap();
    assert_eq!(smtp.received().len(), 1, "nothing sent while paused");
    assert_eq!(stats(&app, &communicate, &campaign).await["stats"]["queued"], 5);
    let again = app
        .gql(
            &communicate,
            "mutation($id: ID!) { pauseCampaign(id: $id) { campaign { status } } }",
            json!({ "id": campaign }),
        )
        .await;
    assert_eq!((again.code(), again.reason()), (Some("CONFLICT"), Some("INVALID_STATE")));
    let resumed = app
        .gql(
            &communicate,
            "mutation($id: ID!) { resumeCampaign(id: $id) { campaign { status } } }",
            json!({ "id": campaign }),
        )
        .await;
    assert_eq!(resumed.ok()["resumeCampaign"]["campaign"]["status"], "SENDING");
    app.jobs.run_due().await.unwrap();
    let received = smtp.wait_for(6, Duration::from_secs(10)).await;
    let mut recipients: Vec<String> = received[1..].iter().flat_map(|m| m.rcpt_to.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!((received.len(), recipients.len()), (6, 5), "each once");
    assert_eq!(stats(&app, &communicate, &campaign).await["status"], "SENT");
    let cancelled = app
        .gql(
            &communicate,
            "mutation($id: ID!) { cancelCampaign(id: $id) { campaign { status } } }",
            json!({ "id": campaign }),
        )
        .await;
    assert_eq!(cancelled.reason(), Some("INVALID_STATE"), "a sent campaign cannot be cancelled");

    // Cancelled while scheduled: its run never starts.
    let later = create_campaign(&app, &communicate, json!({ "name": "Plus tard", "channel": "EMAIL", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "AT", "scheduledAt": (app.clock.now() + chrono::Duration::hours(2)).to_rfc3339() })).await;
    let later = later.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    launch(&app, &communicate, &later).await.ok();
    let cancelled = app
        .gql(
            &communicate,
            "mutation($id: ID!) { cancelCampaign(id: $id) { campaign { status nextRunAt } } }",
            json!({ "id": later }),
        )
        .await;
    assert_eq!(cancelled.ok()["cancelCampaign"]["campaign"], json!({ "status": "CANCELLED", "nextRunAt": null }));
    app.clock.advance(chrono::Duration::hours(3));
    app.jobs.run_due().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(smtp.received().len(), 6);
}

/// The `…/suivi/<kind>/<token>` URLs of an HTML body, in order.
fn tracked_urls(html: &str, kind: &str) -> Vec<String> {
    let marker = format!("https://crm.example.fr/suivi/{kind}/");
    html.match_indices(&marker)
        .map(|(at, _)| html[at..].split(['"', '\'']).next().unwrap().replace("&amp;", "&"))
        .collect()
}

#[tokio::test]
async fn an_ab_test_sends_the_opened_variant_to_the_rest_and_tracking_records_opens_and_clicks() {
    let Sending { app, smtp, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    for n in 0..40 {
        contact(&scope, &[(ContactField::PersonalEmail, &format!("client{n}@exemple.fr"))], &[ConsentChannel::Email])
            .await;
    }
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let admin = app.login(&acme.admin_email).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let html =
        "<html><body><p>Nos soldes : <a href=\"https://boutique-lea.fr/soldes?a=1&amp;b=2\">voir</a></p></body></html>";
    let mut ids = Vec::new();
    for (name, subject) in [("Sujet A", "Les soldes commencent"), ("Sujet B", "-50 % dès ce matin")] {
        let t = create_template(
            &app,
            &communicate,
            json!({ "name": name, "channel": "EMAIL", "subject": subject, "htmlBody": html, "textBody": "Nos soldes" }),
        )
        .await;
        ids.push(t.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned());
    }
    let input = json!({ "name": "Soldes A/B", "channel": "EMAIL", "segmentId": everyone, "templateId": ids[0], "senderId": sender, "plan": "NOW",
        "abTest": { "templateId": ids[1], "sharePercent": 50, "winnerBy": "OPENS", "decideAfterMinutes": 60 } });

    // Winner by opens needs the tenant's tracking, which only its administrator turns on.
    assert_eq!(create_campaign(&app, &communicate, input.clone()).await.reason(), Some("INVALID_AB_TEST"));
    let refused = app.gql(&communicate, "mutation { setCampaignTracking(enabled: true) }", json!({})).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
    assert_eq!(
        app.gql(&admin, "mutation { setCampaignTracking(enabled: true) }", json!({})).await.ok()["setCampaignTracking"],
        true
    );
    let campaign = create_campaign(&app, &communicate, input).await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    launch(&app, &communicate, &campaign).await.ok();
    app.jobs.run_due().await.unwrap();

    let rows = send_ledger::Entity::find().all(&app.db).await.unwrap();
    let tested = rows.iter().filter(|r| r.variant.is_some()).count();
    assert!(tested > 0 && tested < 40, "about half tested: {tested}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let first = smtp.received();
    assert_eq!(first.len(), tested, "the rest waits for the winner");
    // Every B message is opened, none of A: B wins by opens.
    let mut clicked = false;
    let plain = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for mail in &first {
        let message = parse(&mail.data);
        let body = message.body_html(0).unwrap().to_string();
        assert!(body.contains("/desabonnement/"), "the unsubscribe link is kept as it is");
        if message.subject() == Some("-50 % dès ce matin") {
            let pixel = tracked_urls(&body, "ouverture");
            assert_eq!(pixel.len(), 1, "{body}");
            let image = plain.get(app.url(pixel[0].trim_start_matches("https://crm.example.fr"))).send().await.unwrap();
            assert_eq!(image.headers()["content-type"], "image/gif");
            if !clicked {
                let link = &tracked_urls(&body, "clic")[0];
                let followed =
                    plain.get(app.url(link.trim_start_matches("https://crm.example.fr"))).send().await.unwrap();
                assert_eq!(followed.status().as_u16(), 303);
                assert_eq!(followed.headers()["location"], "https://boutique-lea.fr/soldes?a=1&b=2");
                let forged = plain
                    .get(app.url(&format!("{}x", link.trim_start_matches("https://crm.example.fr"))))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(forged.status().as_u16(), 400);
                clicked = true;
            }
        }
    }
    let figures = stats(&app, &communicate, &campaign).await;
    assert_eq!(figures["stats"]["sent"].as_i64(), Some(tested as i64));

    app.clock.advance(chrono::Duration::minutes(61));
    app.jobs.run_due().await.unwrap();
    let all = smtp.wait_for(40, Duration::from_secs(10)).await;
    assert_eq!(all.len(), 40);
    let mut recipients: Vec<String> = all.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 40, "each once");
    assert!(
        all[tested..].iter().all(|m| parse(&m.data).subject() == Some("-50 % dès ce matin")),
        "the rest got the winner"
    );
    let communicate = app.login(acme.email("communicate")).await;
    let done = app
        .gql(&communicate, "query($id: ID!) { campaign(id: $id) { status abTest { winner sharePercent } stats { sent opened clicked } runs { abSides { variant sent opened clicked } } } }", json!({ "id": campaign }))
        .await;
    let done = done.ok()["campaign"].clone();
    assert_eq!(done["status"], "SENT");
    assert_eq!(done["abTest"]["winner"], "B");
    assert_eq!(done["stats"]["sent"], 40);
    assert_eq!(done["stats"]["clicked"], 1);
    let sides = done["runs"][0]["abSides"].as_array().unwrap();
    assert_eq!(sides[1]["variant"], "B");
    assert_eq!(sides[0]["opened"], 0);
    assert_eq!(
        sides[0]["sent"].as_i64().unwrap() + sides[1]["sent"].as_i64().unwrap(),
        tested as i64,
        "the test's sides only"
    );
    assert_eq!(sides[1]["opened"], sides[1]["sent"], "{sides:?}");
}

#[tokio::test]
async fn a_communicate_only_user_lists_the_segments_to_target_with_their_size_and_nothing_else() {
    let Sending { app, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    contact(&scope, &[(ContactField::City, "Lyon")], &[]).await;
    contact(&scope, &[(ContactField::City, "Brest")], &[]).await;
    segment(&scope, "Lyonnais", Some("Lyon")).await;
    let communicate = app.login(acme.email("communicate")).await;
    let listed =
        app.gql(&communicate, "{ campaignSegments { edges { node { name contactCount } } } }", json!({})).await;
    assert_eq!(
        listed.ok()["campaignSegments"]["edges"],
        json!([{ "node": { "name": "Lyonnais", "contactCount": 1 } }])
    );
    // The segments themselves (their conditions) stay Analyse's.
    assert_eq!(
        app.gql(&communicate, "{ segments { edges { node { name } } } }", json!({})).await.code(),
        Some("FORBIDDEN")
    );
    let analyse = app.login(acme.email("analyse")).await;
    assert_eq!(
        app.gql(&analyse, "{ campaignSegments { edges { node { name } } } }", json!({})).await.code(),
        Some("FORBIDDEN")
    );
}

/// Found by the soak (issue 20): a run's start read the platform's suppression list on a
/// second connection while its transaction held SQLite's write lock; with the rest of the pool
/// taken (by requests waiting for that lock) it waited out the acquire timeout and failed,
/// and every waiter failed with "database is locked". Platform tables are now read on the
/// transaction's own connection (`TenantTxn::find_shared`).
#[tokio::test]
async fn a_run_starts_and_sends_with_every_other_connection_of_the_pool_taken() {
    let Sending { app, smtp, .. } = spawn_sending().await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    contact(&scope, &[(ContactField::PersonalEmail, "zoe@exemple.fr")], &[ConsentChannel::Email]).await;
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Lettre", "channel": "EMAIL", "subject": "La lettre", "textBody": "Bonjour" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let campaign = create_campaign(
        &app,
        &communicate,
        json!({ "name": "Lettre", "channel": "EMAIL", "segmentId": everyone, "templateId": template, "senderId": sender, "plan": "NOW" }),
    )
    .await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    launch(&app, &communicate, &campaign).await.ok();

    let held = app.hold_all_connections_but_one().await;
    app.jobs.run_due().await.unwrap();
    app.jobs.run_due().await.unwrap();
    let failed: Vec<_> = find_all::<crm360_kernel::model::job::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|j| j.last_error.is_some())
        .map(|j| (j.kind, j.last_error))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    drop(held);
    assert_eq!(smtp.wait_for(1, Duration::from_secs(10)).await.len(), 1);
}
