//! The support desk end to end, on a manual clock: a ticket's life from opening (in the
//! product and by a message dropped in the support mailbox) to closure, with a request for
//! information that pauses the business-hours clock, a workaround that requalifies it one
//! level down, resolution and closure, each step recorded and notified; and who sees what.

#![allow(clippy::disallowed_methods)] // tests read stored rows directly

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use crm360_kernel::notify::KIND as NOTIFICATION;
use crm360_suite::{Caller, TestApp, find_all, spawn_app};
use crm360_support::model::ticket;
use serde_json::{Value, json};

fn at(app: &TestApp, y: i32, m: u32, d: u32, h: u32, min: u32) {
    let local = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
    app.clock.set(Paris.from_local_datetime(&local).single().unwrap().with_timezone(&Utc));
}

const TICKET: &str = "id number status priority proposedPriority qualified dueAt respondedAt businessMinutesLeft
    answeredInTime closedReason messages { authorKind authorName body attachments { filename contentType url } }
    events { action actorKind actorName at }";

async fn notices_to(app: &TestApp, to: &str, containing: &str) -> usize {
    find_all::<crm360_kernel::model::job::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|j| j.kind == NOTIFICATION && j.payload["to"] == to && j.payload.to_string().contains(containing))
        .count()
}

async fn handle(app: &TestApp, operator: &Caller, tenant: uuid::Uuid, ticket: &str, action: &str, body: &str) -> Value {
    let done = app
        .gql(
            operator,
            &format!("mutation($i: HandleTicketInput!) {{ handleTicket(input: $i) {{ {TICKET} }} }}"),
            json!({ "i": { "tenantId": tenant, "ticketId": ticket, "action": action, "body": body } }),
        )
        .await;
    done.ok()["handleTicket"].clone()
}

#[tokio::test]
async fn a_ticket_from_opening_to_closure_with_a_pause_and_a_workaround() {
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    let staff = app.operator("support@operator.test").await;
    // Monday 30 November 2026, 17:00 in Paris: a blocking anomaly with a screenshot.
    at(&app, 2026, 11, 30, 17, 0);
    let user = app.login(acme.email("norights")).await;
    let operator = app.login(&staff).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let (status, uploaded) = app.upload_to(&user, "/support/attachments?filename=capture.png", png).await;
    assert_eq!(status, 201, "{uploaded}");
    assert_eq!(uploaded["contentType"], "image/png");
    let (refused, why) =
        app.upload_to(&user, "/support/attachments?filename=image.png", b"MZ\x90\0\x03\0\0\0".to_vec()).await;
    assert_eq!(
        (refused, why["errors"][0]["extensions"]["reason"].as_str()),
        (400, Some("FILE_TYPE")),
        "an executable named .png"
    );
    let opened = app
        .gql(
            &user,
            &format!("mutation($i: OpenTicketInput!) {{ openTicket(input: $i) {{ {TICKET} }} }}"),
            json!({ "i": { "kind": "ANOMALY", "priority": "P1", "subject": "Import bloqué", "body": "L’import du fichier clients échoue.",
                "attachmentIds": [uploaded["id"]] } }),
        )
        .await;
    let t = opened.ok()["openTicket"].clone();
    assert_eq!(t["number"], "T-2026-000001");
    assert_eq!(t["status"], "OPEN");
    // P1: 8 business hours: 1 h 30 on Monday, then 6 h 30 from Tuesday 09:00 → 15:30.
    assert_eq!(t["dueAt"], "2026-12-01T14:30:00+00:00");
    assert_eq!(t["businessMinutesLeft"], 480);
    assert_eq!(t["messages"][0]["attachments"][0]["filename"], "capture.png");
    let id = t["id"].as_str().unwrap().to_owned();

    // The attachment comes back byte for byte to its reader, and to nobody else.
    let url = t["messages"][0]["attachments"][0]["url"].as_str().unwrap().to_owned();
    assert_eq!(app.get_text(&user, &url).await.0, 200);
    let other = app.login(acme.email("allrights")).await;
    assert_eq!(app.get_text(&other, &url).await.0, 404, "a user sees the tickets they opened only");
    let admin = app.login(&acme.admin_email).await;
    assert_eq!(app.get_text(&admin, &url).await.0, 200, "the administrator sees every ticket of the tenant");

    // In the queue, by deadline.
    let queue = app.gql(&operator, &format!("{{ supportQueue {{ {TICKET} }} }}"), json!({})).await;
    assert_eq!(queue.ok()["supportQueue"][0]["number"], "T-2026-000001");

    // Tuesday 09:30: support asks for the file: the clock stops (30 minutes used today).
    at(&app, 2026, 12, 1, 9, 30);
    let operator = app.login(&staff).await;
    let waiting =
        handle(&app, &operator, acme.id, &id, "REQUEST_INFORMATION", "Pouvez-vous joindre le fichier ?").await;
    assert_eq!(waiting["status"], "WAITING_FOR_USER");
    assert_eq!(waiting["dueAt"], Value::Null, "no deadline runs while the ticket waits for the user");
    assert_eq!(waiting["respondedAt"], Value::Null, "a request for information is not taking the ticket in charge");
    assert_eq!(notices_to(&app, acme.email("norights"), "Pouvez-vous joindre").await, 1);

    // Wednesday 10:00: the user answers; 2 h were used, 6 h remain from now → 16:00.
    at(&app, 2026, 12, 2, 10, 0);
    let user = app.login(acme.email("norights")).await;
    let resumed = app
        .gql(
            &user,
            &format!(
                "mutation($id: ID!) {{ replyToTicket(ticketId: $id, body: \"Voici le fichier.\") {{ {TICKET} }} }}"
            ),
            json!({ "id": id }),
        )
        .await;
    let resumed = resumed.ok()["replyToTicket"].clone();
    assert_eq!(resumed["status"], "OPEN");
    assert_eq!(resumed["dueAt"], "2026-12-02T15:00:00+00:00");

    // 11:00: a workaround: P1 becomes P2 and the deadline follows P2 (24 h, with the pause):
    // 22 h left from Wednesday 10:00 → 8 h 30 on Wednesday, 9 h 30 on Thursday, 4 h on
    // Friday → Friday 4 December 13:00.
    at(&app, 2026, 12, 2, 11, 0);
    let operator = app.login(&staff).await;
    let worked = handle(&app, &operator, acme.id, &id, "WORKAROUND", "Importez en deux fichiers en attendant.").await;
    assert_eq!((worked["priority"].as_str(), worked["proposedPriority"].as_str()), (Some("P2"), Some("P1")));
    assert_eq!(worked["dueAt"], "2026-12-04T12:00:00+00:00");
    assert_eq!(worked["answeredInTime"], true);

    // Resolved on Thursday; closed by itself a week later.
    at(&app, 2026, 12, 3, 14, 0);
    let operator = app.login(&staff).await;
    let resolved = handle(&app, &operator, acme.id, &id, "RESOLVE", "Corrigé en production.").await;
    assert_eq!(resolved["status"], "RESOLVED");
    assert_eq!(notices_to(&app, acme.email("norights"), "Ticket résolu").await, 1);
    at(&app, 2026, 12, 10, 15, 0);
    let user = app.login(acme.email("norights")).await;
    let scope = app.operator_scope();
    let closed = crm360_support::service::tickets::close_due(
        &scope,
        acme.id,
        chrono::Duration::days(7),
        chrono::Duration::days(15),
    )
    .await
    .unwrap();
    assert_eq!(closed, 1);
    assert_eq!(notices_to(&app, acme.email("norights"), "Ticket clos").await, 1);
    let seen =
        app.gql(&user, &format!("query($id: ID!) {{ ticket(id: $id) {{ {TICKET} }} }}"), json!({ "id": id })).await;
    let seen = seen.ok()["ticket"].clone();
    assert_eq!((seen["status"].as_str(), seen["closedReason"].as_str()), (Some("CLOSED"), Some("RESOLVED")));
    let actions: Vec<&str> = seen["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["OPENED", "INFORMATION_REQUESTED", "USER_REPLIED", "WORKAROUND", "RESOLVED", "CLOSED"]);
    let names: Vec<&str> =
        seen["events"].as_array().unwrap().iter().map(|e| e["actorName"].as_str().unwrap()).collect();
    assert_eq!(names[1], "Olivier Opérateur", "every intervention names who");
    let stored: Vec<ticket::Model> = find_all::<ticket::Entity>(&app.db).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].calendar_version, 1);
}

fn eml(from: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Bob <{from}>\r\nTo: support@fts-services.com\r\nSubject: {subject}\r\nMessage-ID: <{}@client.example>\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n--b1\r\n\
         Content-Type: text/plain; name=\"journal.txt\"\r\nContent-Disposition: attachment; filename=\"journal.txt\"\r\n\r\n\
         erreur ligne 12\r\n--b1--\r\n",
        uuid::Uuid::new_v4().simple()
    )
    .into_bytes()
}

#[tokio::test]
async fn a_message_to_the_support_mailbox_opens_a_ticket_and_a_reply_threads_into_it() {
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    at(&app, 2026, 12, 1, 10, 0);
    let staff = app.operator("support@operator.test").await;
    let operator = app.login(&staff).await;
    let maildir = app.data_dir.join("support-inbox");
    for dir in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(dir)).unwrap();
    }
    let from = acme.email("import").to_owned();
    std::fs::write(maildir.join("new/1.eml"), eml(&from, "Question sur l’export", "Comment exporter mes segments ?"))
        .unwrap();
    std::fs::write(maildir.join("new/2.eml"), eml("inconnu@ailleurs.example", "Spam", "Achetez")).unwrap();
    let files = app.data_dir.clone();
    let report = crm360_support::service::mailbox::read(&app.operator_scope(), &files, &maildir).await.unwrap();
    assert_eq!((report.opened, report.threaded, report.refused), (1, 0, 1));
    assert_eq!(std::fs::read_dir(maildir.join("new")).unwrap().count(), 0, "every message was taken");

    let queue = app.gql(&operator, &format!("{{ supportQueue {{ {TICKET} }} }}"), json!({})).await;
    let t = queue.ok()["supportQueue"][0].clone();
    assert_eq!((t["number"].as_str(), t["priority"].as_str()), (Some("T-2026-000001"), Some("P3")));
    assert_eq!(t["messages"], json!([]), "the queue lists tickets without their threads");
    let id = t["id"].as_str().unwrap().to_owned();
    handle(&app, &operator, acme.id, &id, "ANSWER", "Menu Segments, bouton Exporter.").await;

    at(&app, 2026, 12, 1, 11, 0);
    let _ = &operator;
    std::fs::write(
        maildir.join("new/3.eml"),
        eml(&from, "RE: [T-2026-000001] Réponse du support", "Merci, c’est bon."),
    )
    .unwrap();
    let report = crm360_support::service::mailbox::read(&app.operator_scope(), &files, &maildir).await.unwrap();
    assert_eq!((report.opened, report.threaded), (0, 1));
    let user = app.login(&from).await;
    let seen =
        app.gql(&user, &format!("query($id: ID!) {{ ticket(id: $id) {{ {TICKET} }} }}"), json!({ "id": id })).await;
    let messages = seen.ok()["ticket"]["messages"].as_array().unwrap().clone();
    let bodies: Vec<&str> = messages.iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Comment exporter mes segments ?", "Menu Segments, bouton Exporter.", "Merci, c’est bon."]);
    assert_eq!(messages[0]["attachments"][0]["filename"], "journal.txt");
    assert_eq!(messages[0]["authorKind"], "USER");
}

#[tokio::test]
async fn tenants_never_see_each_others_tickets_and_staff_see_the_queue_only() {
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    let beta = app.tenant("beta").await;
    at(&app, 2026, 12, 1, 10, 0);
    let _ = (&acme, &beta);
    let acme_user = app.login(acme.email("consult")).await;
    let opened = app
        .gql(
            &acme_user,
            "mutation { openTicket(input: {kind: QUESTION, priority: P3, subject: \"Acme question\", body: \"Détail\"}) { id } }",
            json!({}),
        )
        .await;
    let id = opened.ok()["openTicket"]["id"].clone();
    let beta_admin = app.login(&beta.admin_email).await;
    let probe = app.gql(&beta_admin, "query($id: ID!) { ticket(id: $id) { subject } }", json!({ "id": id })).await;
    assert_eq!(probe.ok()["ticket"], Value::Null);
    let replied = app
        .gql(
            &beta_admin,
            "mutation($id: ID!) { replyToTicket(ticketId: $id, body: \"intrusion\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(replied.code(), Some("NOT_FOUND"));
    let listed = app.gql(&beta_admin, "{ tickets { nodes { subject } } }", json!({})).await;
    assert_eq!(listed.ok()["tickets"]["nodes"], json!([]));
    let operator = app.login(&app.operator("support@operator.test").await).await;
    let as_staff = app.gql(&operator, "{ tickets { nodes { subject } } }", json!({})).await;
    assert_eq!(as_staff.code(), Some("FORBIDDEN"), "staff use the queue, not a tenant's own list");
    let staff_open = app
        .gql(
            &operator,
            "mutation { openTicket(input: {kind: QUESTION, priority: P3, subject: \"x\", body: \"y\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(staff_open.code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn the_latency_report_adds_up_what_two_instances_measured() {
    use crm360_support::service::levels::LatencyRecorder;
    use std::time::Duration as Elapsed;
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    // Two instances, each with its own recorder, on one database.
    let (one, two) = (LatencyRecorder::default(), LatencyRecorder::default());
    let first_week = Paris.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap().with_timezone(&Utc);
    let second_week = Paris.with_ymd_and_hms(2026, 12, 9, 16, 0, 0).unwrap().with_timezone(&Utc);
    for _ in 0..97 {
        one.record(Some(acme.id), first_week, Elapsed::from_millis(100));
    }
    one.record(Some(acme.id), first_week, Elapsed::from_millis(700));
    two.record(Some(acme.id), first_week, Elapsed::from_millis(700));
    two.record(Some(acme.id), first_week, Elapsed::from_millis(3_000));
    for _ in 0..50 {
        two.record(Some(acme.id), second_week, Elapsed::from_millis(10));
    }
    // Another tenant's requests stay out of acme's report.
    two.record(Some(uuid::Uuid::now_v7()), first_week, Elapsed::from_secs(9));
    one.flush(&app.platform).await.unwrap();
    two.flush(&app.platform).await.unwrap();
    assert_eq!(one.flush(&app.platform).await.unwrap(), 0, "flushed counts are not added twice");

    at(&app, 2026, 12, 20, 10, 0);
    let admin = app.login(&acme.admin_email).await;
    let report = app
        .gql(
            &admin,
            "{ serviceLevels(month: \"2026-12-01\") { latency { from requests under500msPercent under1sPercent meetsObjectives } } }",
            json!({}),
        )
        .await;
    let periods = report.ok()["serviceLevels"]["latency"].clone();
    // First week (from 1 December, 00:00 in Paris): 100 requests, 97 under 500 ms (97 %,
    // below the 98 % objective), 99 under 1 s (99 %).
    assert_eq!(periods[0]["from"], "2026-11-30T23:00:00+00:00");
    assert_eq!(periods[0]["requests"], 100);
    assert_eq!(periods[0]["under500msPercent"], 97.0);
    assert_eq!(periods[0]["under1sPercent"], 99.0);
    assert_eq!(periods[0]["meetsObjectives"], false);
    // Second week: 50 requests, all under 500 ms.
    assert_eq!((periods[1]["requests"].as_i64(), periods[1]["meetsObjectives"].as_bool()), (Some(50), Some(true)));
    assert_eq!(periods.as_array().unwrap().len(), 5, "four 7-day periods and the rest of December");
}

/// Like a campaign run's start (issue 20's soak): a reply read the business-hours calendar on a
/// second pool connection while its transaction held SQLite's write lock; with the rest of
/// the pool taken it waited out the acquire timeout. The calendar is read in the transaction.
#[tokio::test]
async fn a_reply_goes_through_with_every_other_connection_of_the_pool_taken() {
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    at(&app, 2026, 12, 1, 10, 0);
    let user = app.login(acme.email("consult")).await;
    let opened = app
        .gql(
            &user,
            "mutation { openTicket(input: {kind: QUESTION, priority: P3, subject: \"Question\", body: \"Détail\"}) { id } }",
            json!({}),
        )
        .await;
    let id = opened.ok()["openTicket"]["id"].clone();
    let held = app.hold_all_connections_but_one().await;
    let begun = std::time::Instant::now();
    let replied = app
        .gql(
            &user,
            "mutation($id: ID!) { replyToTicket(ticketId: $id, body: \"Précision\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(replied.ok()["replyToTicket"]["id"], id);
    assert!(begun.elapsed() < std::time::Duration::from_secs(5), "no wait for a second connection");
    drop(held);
}
