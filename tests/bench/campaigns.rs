//! Campaign sending benchmark (not a timed test): an email campaign to a segment of
//! `BENCH_CONTACTS` consenting contacts (100 000 by default), sent through the real job
//! runner and ledger to a local SMTP server (`crm360_delivery::sink::SmtpSink`), on the
//! database the end-to-end suite uses (PostgreSQL when `TEST_DATABASE_URL` is set, as the
//! row-level-security-bound application role).
//!
//! ```text
//! TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_CONTACTS=100000 \
//!   cargo bench -p crm360-suite --bench campaigns
//! ```
//!
//! Prints the ledger build time, the sending rate (messages a second from the launch to the
//! last ledger row recorded) and the process's peak resident memory before and after.

// The benchmark sets up its contacts straight in the tables, beside the kernel's door.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::Utc;
use crm360_campaigns::model::{LedgerStatus, send_ledger};
use crm360_contacts::model::consent::ConsentStatus;
use crm360_contacts::model::contact;
use crm360_delivery::sink::SmtpSink;
use crm360_delivery::transport::{SmtpSecurity, SmtpSettings};
use crm360_suite::spawn_app_with;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;
use std::time::{Duration, Instant};
use uuid::Uuid;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

#[tokio::main]
async fn main() {
    let contacts: usize = std::env::var("BENCH_CONTACTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let workers: usize = std::env::var("BENCH_WORKERS").ok().and_then(|v| v.parse().ok()).unwrap_or(4);
    // Counted, not kept: the process's memory is the sender's.
    let smtp = SmtpSink::start_with("127.0.0.1:0", None, false).await.expect("SMTP sink");
    let (host, port) = (smtp.local_addr().ip().to_string(), smtp.local_addr().port());
    let app = spawn_app_with(move |s| {
        s.smtp = Some(SmtpSettings {
            host,
            port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            max_connections: 16,
            timeout_seconds: 30,
            dkim: Vec::new(),
            hello_name: None,
        });
        s.campaigns.concurrency = 32;
        s.campaigns.batch_size = 2_000;
    })
    .await;
    let tenant = app.tenant("bench").await;
    let now = Utc::now();
    let started = Instant::now();
    for chunk in (0..contacts).collect::<Vec<_>>().chunks(2_000) {
        let rows = chunk.iter().map(|n| contact::ActiveModel {
            tenant_id: Set(tenant.id),
            id: Set(Uuid::now_v7()),
            first_name: Set(Some(format!("Prénom{n}"))),
            last_name: Set(Some(format!("Nom{n}"))),
            personal_email: Set(Some(format!("client{n}@exemple.fr"))),
            personal_email_folded: Set(Some(format!("client{n}@exemple.fr"))),
            city: Set(Some("Lyon".to_owned())),
            city_folded: Set(Some("lyon".to_owned())),
            consent_email: Set(Some(ConsentStatus::Granted)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        contact::Entity::insert_many(rows).exec_without_returning(&app.db).await.expect("contacts inserted");
    }
    println!("{contacts} contacts inserted in {:.1} s", started.elapsed().as_secs_f64());
    let communicate = app.login(tenant.email("communicate")).await;
    let operator = app.operator("ops@bench.test").await;
    let operator = app.login(&operator).await;
    let sender = app
        .gql(&operator, "mutation($t: ID!) { allowCampaignSender(input: {tenantId: $t, channel: EMAIL, address: \"offres@bench.fr\"}) { id } }", json!({ "t": tenant.id }))
        .await;
    let sender = sender.ok()["allowCampaignSender"]["id"].clone();
    let analyse = app.login(tenant.email("allrights")).await;
    let segment = app
        .gql(&analyse, "mutation { createSegment(input: {name: \"Lyon\", definition: {condition: {field: CITY, operator: EQUALS, value: \"Lyon\"}}}) { segment { id } } }", json!({}))
        .await;
    let segment = segment.ok()["createSegment"]["segment"]["id"].clone();
    let template = app
        .gql(&communicate, "mutation { createMessageTemplate(input: {name: \"Bench\", channel: EMAIL, subject: \"Bonjour {{ first_name }}\", htmlBody: \"<p>Bonjour {{ first_name | default('client') }}, nos offres de la semaine.</p>\", textBody: \"Bonjour {{ first_name | default('client') }}\"}) { template { id } } }", json!({}))
        .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].clone();
    let campaign = app
        .gql(&communicate, "mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } } }", json!({ "i": {
            "name": "Bench", "channel": "EMAIL", "segmentId": segment, "templateId": template, "senderId": sender, "plan": "NOW" } }))
        .await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    let rss_before = peak_rss_mib();
    let launched = Instant::now();
    app.gql(
        &communicate,
        "mutation($id: ID!) { launchCampaign(id: $id) { campaign { id } } }",
        json!({ "id": campaign }),
    )
    .await
    .ok();
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let runner = tokio::spawn(app.jobs.clone().work(workers, shutdown));
    let mut built_at = None;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let rows = send_ledger::Entity::find().count(&app.db).await.unwrap_or(0);
        if built_at.is_none() && rows as usize >= contacts {
            built_at = Some(launched.elapsed());
        }
        let open = send_ledger::Entity::find()
            .filter(send_ledger::Column::Status.is_in([LedgerStatus::Queued, LedgerStatus::Sending]))
            .count(&app.db)
            .await
            .unwrap_or(1);
        if rows as usize >= contacts && open == 0 {
            break;
        }
        if launched.elapsed() > Duration::from_secs(1800) {
            panic!("the campaign did not finish in 30 minutes");
        }
    }
    let elapsed = launched.elapsed();
    let _ = stop.send(true);
    let _ = runner.await;
    let sent = send_ledger::Entity::find()
        .filter(send_ledger::Column::Status.eq(LedgerStatus::Sent))
        .count(&app.db)
        .await
        .unwrap();
    let received = smtp.received_count();
    let build = built_at.unwrap_or(elapsed);
    println!(
        "ledger of {contacts} built in {:.1} s; {sent} sent, {received} received by the sink, in {:.1} s: {:.0} messages/s overall, {:.0} messages/s after the build; peak RSS {:.0} MiB before launch, {:.0} MiB after",
        build.as_secs_f64(),
        elapsed.as_secs_f64(),
        sent as f64 / elapsed.as_secs_f64(),
        sent as f64 / (elapsed - build).as_secs_f64().max(0.001),
        rss_before,
        peak_rss_mib()
    );
    assert_eq!(sent as usize, contacts, "every message sent");
    assert_eq!(received, contacts, "every message received once");
}
