//! Campaign sending under faults (the crash rule of `modules/campaigns/src/service/sending.rs`):
//!
//! 1. A worker that claims a send batch job and dies before sending anything: the job is
//!    taken over after its lease, and every eligible contact receives exactly one message,
//!    none left uncertain (in process, with the kernel's `claim_and_abandon` and the manual
//!    clock).
//! 2. The real server binary (`target/debug/crm360`, built by `cargo build -p crm360`) killed
//!    with SIGKILL while a message is in its SMTP transaction (after the final "." and
//!    before the 250), then restarted on the same database: nobody receives a message twice,
//!    at most `concurrency` messages end `UNCERTAIN`, every other one is `SENT` once.
//!
//! Both on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.

use crate::campaigns::{allow_sender, contact, create_campaign, create_template, launch, segment, stats};
use crate::server_process::Server;
use chrono::{Timelike, Utc};
use crm360_campaigns::model::{CampaignStatus, Channel, LedgerStatus, campaign, send_ledger, sender, template};
use crm360_contacts::fields::ContactField;
use crm360_contacts::model::contact as contact_model;
use crm360_contacts::service::consents::{ConsentChannel, ConsentStatus};
use crm360_delivery::sink::SmtpSink;
use crm360_delivery::transport::{SmtpSecurity, SmtpSettings};
use crm360_identity::model::tenant as tenant_model;
use crm360_kernel::TenantScope;
use crm360_kernel::database::Database;
use crm360_kernel::jobs::LEASE;
use crm360_kernel::model::job::{self, JobStatus};
use crm360_kernel::{Clock, Platform};
use crm360_suite::{TestApp, find_all, spawn_app_with};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How many messages each recipient address received.
fn received_by(smtp: &SmtpSink) -> HashMap<String, usize> {
    let mut by = HashMap::new();
    for mail in smtp.received() {
        for to in mail.rcpt_to {
            *by.entry(to.to_ascii_lowercase()).or_insert(0) += 1;
        }
    }
    by
}

fn smtp_settings(smtp: &SmtpSink) -> SmtpSettings {
    SmtpSettings {
        host: smtp.local_addr().ip().to_string(),
        port: smtp.local_addr().port(),
        security: SmtpSecurity::None,
        username: None,
        password: None,
        max_connections: 4,
        timeout_seconds: 10,
        dkim: Vec::new(),
        hello_name: None,
    }
}

async fn job_row(app: &TestApp, id: Uuid) -> job::Model {
    job::Entity::find_by_id(id).one(&app.db).await.unwrap().expect("the job row")
}

#[tokio::test]
async fn a_send_batch_whose_worker_died_after_its_claim_is_taken_over_and_sent_exactly_once() {
    let smtp = SmtpSink::start("127.0.0.1:0", None).await.expect("SMTP sink");
    let settings = smtp_settings(&smtp);
    let app = spawn_app_with(move |s| {
        s.public_origin = Some("https://crm.example.fr".to_owned());
        s.smtp = Some(settings);
        s.campaigns.batch_size = 4;
        s.campaigns.concurrency = 2;
    })
    .await;
    let acme = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, acme.id);
    let mut eligible = Vec::new();
    for i in 0..10 {
        let address = format!("client{i}@exemple.fr");
        contact(&scope, &[(ContactField::PersonalEmail, &address)], &[ConsentChannel::Email]).await;
        eligible.push(address);
    }
    contact(&scope, &[(ContactField::PersonalEmail, "sans-consentement@exemple.fr")], &[]).await;
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(&app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let template = create_template(
        &app,
        &communicate,
        json!({ "name": "Lettre", "channel": "EMAIL", "subject": "La lettre", "textBody": "Bonjour {{ first_name | default(\"client\") }}" }),
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

    // The run starts (its ledger, one send batch job per 4 messages), and nothing else runs.
    let send_batches = |jobs: Vec<job::Model>| -> Vec<job::Model> {
        jobs.into_iter().filter(|j| j.kind == "campaign.send_batch").collect()
    };
    let started = Instant::now();
    while send_batches(find_all::<job::Entity>(&app.db).await).is_empty() {
        assert!(app.jobs.run_one().await.unwrap(), "the run started no send batch");
        assert!(started.elapsed() < Duration::from_secs(30));
    }
    assert!(smtp.received().is_empty(), "nothing sent before the batches run");
    let batches = send_batches(find_all::<job::Entity>(&app.db).await);
    assert_eq!(batches.len(), 3, "10 messages in batches of 4: {batches:?}");

    // A worker claims a send batch job and dies at once (before its ledger claim).
    let abandoned = loop {
        let id = app.jobs.claim_and_abandon().await.unwrap().expect("a due send batch to claim");
        if job_row(&app, id).await.kind == "campaign.send_batch" {
            break id;
        }
    };
    let abandoned_batch: i32 = serde_json::from_value::<Value>(job_row(&app, abandoned).await.payload.clone()).unwrap()
        ["batch"]
        .as_i64()
        .unwrap() as i32;
    // The other batches are sent; the abandoned one waits under its lease, its rows QUEUED.
    app.jobs.run_due().await.unwrap();
    let ledger = find_all::<send_ledger::Entity>(&app.db).await;
    let waiting: Vec<_> = ledger.iter().filter(|r| r.batch == abandoned_batch).collect();
    assert!(!waiting.is_empty());
    assert!(waiting.iter().all(|r| r.status == LedgerStatus::Queued), "{waiting:?}");
    let sent_before = smtp.received().len();
    assert_eq!(sent_before, 10 - waiting.len());
    app.clock.advance(LEASE - chrono::Duration::seconds(1));
    app.jobs.run_due().await.unwrap();
    assert_eq!(job_row(&app, abandoned).await.attempts, 1, "taken while its lease ran");
    assert_eq!(smtp.received().len(), sent_before);

    // After the lease, the next worker takes it over and sends its rows once.
    app.clock.advance(chrono::Duration::seconds(2));
    app.jobs.run_due().await.unwrap();
    let received = smtp.wait_for(10, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.received().len(), 10, "{received:?}");
    let by = received_by(&smtp);
    for address in &eligible {
        assert_eq!(by.get(address), Some(&1), "{address} receives exactly one message: {by:?}");
    }
    assert_eq!(by.len(), eligible.len(), "only the eligible contacts: {by:?}");
    let taken_over = job_row(&app, abandoned).await;
    assert_eq!((taken_over.status, taken_over.attempts), (JobStatus::Done, 2), "{taken_over:?}");

    let ledger: Vec<_> =
        find_all::<send_ledger::Entity>(&app.db).await.into_iter().filter(|r| r.tenant_id == acme.id).collect();
    assert_eq!(ledger.len(), 11);
    assert_eq!(ledger.iter().filter(|r| r.status == LedgerStatus::Sent).count(), 10, "{ledger:?}");
    assert_eq!(ledger.iter().filter(|r| r.status == LedgerStatus::Excluded).count(), 1, "{ledger:?}");
    assert!(ledger.iter().all(|r| r.status != LedgerStatus::Uncertain), "{ledger:?}");
    assert!(ledger.iter().filter(|r| r.status == LedgerStatus::Sent).all(|r| r.attempts == 1), "{ledger:?}");
    let communicate = app.login(acme.email("communicate")).await;
    let figures = stats(&app, &communicate, &campaign).await;
    assert_eq!(figures["status"], "SENT", "{figures:#}");
    let s = &figures["stats"];
    assert_eq!((s["targeted"].as_i64(), s["sent"].as_i64(), s["uncertain"].as_i64()), (Some(11), Some(10), Some(0)));
    assert_eq!(
        (s["queued"].as_i64(), s["failed"].as_i64(), s["excludedNoConsent"].as_i64()),
        (Some(0), Some(0), Some(1))
    );
}

// --- The real binary, killed with SIGKILL in the middle of an SMTP transaction. ---

const DEMO_COMMUNICATE: &str = "communicate@demo.crm360.demo";
const CONCURRENCY: usize = 4;
const BATCH_SIZE: usize = 50;
/// The message whose SMTP transaction the server dies in (after its ".", before its 250).
const KILL_AT: usize = 30;

/// SIGKILL to `pid`, then waits (bounded) until the process is dead (a zombie or gone), so
/// that it cannot read an answer sent after this returns.
pub(crate) fn kill_9_and_wait(pid: u32) {
    let status = Command::new("kill").args(["-9", &pid.to_string()]).status().expect("kill runs");
    assert!(status.success(), "kill -9 {pid}");
    let begun = Instant::now();
    while begun.elapsed() < Duration::from_secs(10) {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // The state follows the parenthesised command name.
            Ok(stat) if stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])) => {
                return;
            }
            Err(_) => return,
            Ok(_) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    panic!("process {pid} still alive 10 s after SIGKILL");
}

/// A fresh database for the binary: a file in `work` (SQLite), or a new database on the
/// `TEST_DATABASE_URL` server. Returns its URL and, for PostgreSQL, the admin connection
/// and name to drop it with.
pub(crate) async fn fresh_database(work: &Path) -> (String, Option<(DatabaseConnection, String)>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(server_url) if !server_url.is_empty() => {
            let admin = crm360::db::connect(&server_url).await.unwrap();
            let name = format!("crm360_test_{}", Uuid::new_v4().simple());
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
            let (scheme, rest) = server_url.split_once("://").unwrap();
            let server = rest.rsplit_once('/').map_or(rest, |(server, _)| server);
            (format!("{scheme}://{server}/{name}"), Some((admin, name)))
        }
        _ => (format!("sqlite://{}?mode=rwc", work.join("crm360.db").display()), None),
    }
}

async fn ledger_of(db: &DatabaseConnection, campaign_id: Uuid) -> Vec<send_ledger::Model> {
    send_ledger::Entity::find().filter(send_ledger::Column::CampaignId.eq(campaign_id)).all(db).await.unwrap()
}

fn count_status(ledger: &[send_ledger::Model], status: LedgerStatus) -> usize {
    ledger.iter().filter(|r| r.status == status).count()
}

/// How the killed server's campaign is planned.
enum Plan {
    /// At once (`NOW`): due at the server's `now`, to the nanosecond.
    Now,
    /// `AT` a whole second just ahead.
    AtWholeSecond,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_in_an_smtp_transaction_resends_nothing_and_leaves_at_most_concurrency_uncertain() {
    killed_in_an_smtp_transaction(Plan::Now).await;
}

/// The same with the campaign planned `AT` a whole second: its run starts on PostgreSQL too
/// (see `NOW`'s failure there, the report in the campaigns module), so the crash rule is
/// proven on both databases whatever becomes of `NOW`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_in_an_smtp_transaction_with_a_planned_campaign_resends_nothing() {
    killed_in_an_smtp_transaction(Plan::AtWholeSecond).await;
}

async fn killed_in_an_smtp_transaction(plan: Plan) {
    let work = std::env::temp_dir().join(format!("crm360-campaign-faults-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&work).unwrap();
    let (database_url, postgres) = fresh_database(&work).await;

    // The demo tenant (its sender, templates, 120 contacts of which 40 consent by email),
    // seeded from here on the binary's database, plus 80 consenting contacts: 120 eligible.
    let db = crm360::db::connect(&database_url).await.unwrap();
    crm360::db::migrate(&db).await.unwrap();
    let platform = Platform::new(Database::new(db.clone(), db.clone()), Clock::system());
    crm360::seed::seed_demo(&platform).await.unwrap();
    let tenant = tenant_model::Entity::find()
        .filter(tenant_model::Column::Name.eq("Démo Boutique SAS"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo tenant");
    let scope = TenantScope::system(&platform, tenant.id);
    for i in 0..80 {
        let address = format!("fidele{i}@exemple-fautes.fr");
        contact(
            &scope,
            &[(ContactField::FirstName, "Fidèle"), (ContactField::PersonalEmail, &address)],
            &[ConsentChannel::Email],
        )
        .await;
    }
    let people: HashMap<Uuid, contact_model::Model> = contact_model::Entity::find()
        .filter(contact_model::Column::TenantId.eq(tenant.id))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let consenting = people.values().filter(|c| c.consent_email == Some(ConsentStatus::Granted)).count();
    assert_eq!((people.len(), consenting), (200, 120));
    let everyone = segment(&scope, "Tous", None).await;
    let template = template::Entity::find()
        .filter(template::Column::TenantId.eq(tenant.id))
        .filter(template::Column::Channel.eq(Channel::Email))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo's email template");
    let sender = sender::Entity::find()
        .filter(sender::Column::TenantId.eq(tenant.id))
        .filter(sender::Column::Address.eq("offres@demo-boutique.fr"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo's email sender");

    // The SMTP server, which kills the sending server in the transaction of message 30.
    let smtp = SmtpSink::start("127.0.0.1:0", None).await.expect("SMTP sink");
    let server_pid = Arc::new(AtomicU32::new(0));
    let arrived = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    smtp.on_message({
        let (server_pid, arrived, killed) = (server_pid.clone(), arrived.clone(), killed.clone());
        move |_| {
            if arrived.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AT {
                // The message is kept; the sender has not heard its 250 and never will.
                tokio::task::block_in_place(|| kill_9_and_wait(server_pid.load(Ordering::SeqCst)));
                killed.store(true, Ordering::SeqCst);
            }
        }
    });
    let config = work.join("crm360.toml");
    std::fs::write(
        &config,
        format!(
            "public_origin = \"https://crm.example.fr\"\njob_workers = 1\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\n\
             security = \"none\"\nmax_connections = {CONCURRENCY}\ntimeout_seconds = 10\n\n[campaigns]\n\
             concurrency = {CONCURRENCY}\nbatch_size = {BATCH_SIZE}\nemail_per_second = 0\n",
            smtp.local_addr().port()
        ),
    )
    .unwrap();

    let mut server = start_server(&database_url, &work, &config).await;
    server_pid.store(server.child.id(), Ordering::SeqCst);
    let token = server.login(DEMO_COMMUNICATE).await;
    let mut input = json!({ "name": "Nouveautés de saison", "channel": "EMAIL", "segmentId": everyone,
        "templateId": template.id, "senderId": sender.id, "plan": "NOW" });
    if let Plan::AtWholeSecond = plan {
        let at = Utc::now().with_nanosecond(0).unwrap() + chrono::Duration::seconds(2);
        input["plan"] = json!("AT");
        input["scheduledAt"] = json!(at.to_rfc3339());
    }
    let created = server
        .gql(
            Some(&token),
            "mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } } }",
            json!({ "i": input }),
        )
        .await
        .1;
    let campaign_id = created["data"]["createCampaign"]["campaign"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created:#}"))
        .to_owned();
    let launched = server
        .gql(
            Some(&token),
            "mutation($id: ID!) { launchCampaign(id: $id) { campaign { status } } }",
            json!({ "id": campaign_id }),
        )
        .await
        .1;
    assert_eq!(launched["data"]["launchCampaign"]["campaign"]["status"], "SCHEDULED", "{launched:#}");
    let campaign_id = Uuid::parse_str(&campaign_id).unwrap();

    let begun = Instant::now();
    while !killed.load(Ordering::SeqCst) {
        let started = job::Entity::find()
            .filter(job::Column::Kind.eq("campaign.start_run"))
            .filter(job::Column::Status.eq(JobStatus::Done))
            .one(&db)
            .await
            .unwrap();
        if let Some(started) = started {
            let runs = crm360_campaigns::model::campaign_run::Entity::find()
                .filter(crm360_campaigns::model::campaign_run::Column::CampaignId.eq(campaign_id))
                .all(&db)
                .await
                .unwrap();
            let c = campaign::Entity::find_by_id((tenant.id, campaign_id)).one(&db).await.unwrap().unwrap();
            assert!(
                !runs.is_empty(),
                "the StartRun job finished without starting a run: the campaign stays {:?} for good. Its payload \
                 {} against the stored next_run_at {:?} (runs::start compares them exactly; PostgreSQL keeps \
                 microseconds, the job's JSON the clock's nanoseconds)",
                c.status,
                started.payload,
                c.next_run_at
            );
        }
        if begun.elapsed() > Duration::from_secs(120) {
            let ledger = ledger_of(&db, campaign_id).await;
            let runs = crm360_campaigns::model::campaign_run::Entity::find().all(&db).await.unwrap();
            let all_ledger = send_ledger::Entity::find().all(&db).await.unwrap().len();
            eprintln!("runs {runs:?}; all ledger rows {all_ledger}");
            let jobs: Vec<_> = job::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|j| (j.kind, j.status, j.attempts, j.last_error))
                .collect();
            panic!(
                "message {KILL_AT} never arrived ({} arrived; ledger {:?}; jobs {jobs:?}): {}",
                smtp.received_count(),
                [
                    LedgerStatus::Queued,
                    LedgerStatus::Sending,
                    LedgerStatus::Sent,
                    LedgerStatus::Failed,
                    LedgerStatus::Excluded
                ]
                .map(|st| count_status(&ledger, st)),
                server.log_text()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.child.wait().expect("the killed server is reaped");
    let at_kill = ledger_of(&db, campaign_id).await;
    let in_flight = count_status(&at_kill, LedgerStatus::Sending);
    let arrived_at_kill = smtp.received_count();
    assert!((1..=CONCURRENCY).contains(&in_flight), "{in_flight} rows SENDING at the kill");
    assert!(arrived_at_kill >= KILL_AT, "{arrived_at_kill} messages arrived");
    let sent_at_kill = count_status(&at_kill, LedgerStatus::Sent);
    // Every SENT row's message arrived; of those in flight, some may have arrived.
    assert!(
        (sent_at_kill..=sent_at_kill + in_flight).contains(&arrived_at_kill),
        "{sent_at_kill} SENT, {arrived_at_kill} arrived"
    );
    assert_eq!(count_status(&at_kill, LedgerStatus::Uncertain), 0);
    eprintln!(
        "killed in message {KILL_AT}: {sent_at_kill} SENT, {in_flight} SENDING, {} QUEUED, {arrived_at_kill} received",
        count_status(&at_kill, LedgerStatus::Queued)
    );

    // The dead worker's job is still RUNNING under its lease (five minutes, which no setting
    // shortens): end the lease here, as the passing of time would.
    let expired = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Some(Utc::now() - chrono::Duration::seconds(1)).into())
        .filter(job::Column::Kind.eq("campaign.send_batch"))
        .filter(job::Column::Status.eq(JobStatus::Running))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(expired.rows_affected, 1, "the killed send batch's job was left running");

    let server = start_server(&database_url, &work, &config).await;
    let begun = Instant::now();
    let ledger = loop {
        let ledger = ledger_of(&db, campaign_id).await;
        let open = count_status(&ledger, LedgerStatus::Queued) + count_status(&ledger, LedgerStatus::Sending);
        let status = campaign::Entity::find_by_id((tenant.id, campaign_id)).one(&db).await.unwrap().unwrap().status;
        if open == 0 && status == CampaignStatus::Sent {
            break ledger;
        }
        assert!(
            begun.elapsed() < Duration::from_secs(180),
            "the run did not finish ({open} open): {}",
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // Nothing arrives late.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let token = server.login(DEMO_COMMUNICATE).await;
    let figures = server
        .gql(
            Some(&token),
            "query($id: ID!) { campaign(id: $id) { status stats { targeted sent failed uncertain queued sending excludedNoConsent excludedSuppressed excludedInvalidAddress excludedDuplicate } } }",
            json!({ "id": campaign_id }),
        )
        .await.1;
    drop(server);

    let by = received_by(&smtp);
    let twice: Vec<_> = by.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "received twice: {twice:?}");
    let address_of = |row: &send_ledger::Model| -> String {
        people[&row.contact_id].personal_email.clone().unwrap_or_default().to_ascii_lowercase()
    };
    for row in &ledger {
        let got = by.get(&address_of(row)).copied().unwrap_or(0);
        match row.status {
            LedgerStatus::Sent => assert_eq!(got, 1, "SENT {} received {got}", address_of(row)),
            LedgerStatus::Uncertain => assert!(got <= 1, "UNCERTAIN {} received {got}", address_of(row)),
            LedgerStatus::Excluded => assert_eq!(got, 0, "EXCLUDED {} received {got}", address_of(row)),
            other => panic!("a ledger row ended {other:?}: {row:?}"),
        }
    }
    let (sent, uncertain, excluded) = (
        count_status(&ledger, LedgerStatus::Sent),
        count_status(&ledger, LedgerStatus::Uncertain),
        count_status(&ledger, LedgerStatus::Excluded),
    );
    assert!((1..=CONCURRENCY).contains(&uncertain), "{uncertain} UNCERTAIN");
    assert_eq!(uncertain, in_flight, "exactly the rows in flight at the kill end UNCERTAIN");
    assert_eq!(ledger.len(), 200);
    assert_eq!((sent + uncertain, excluded), (120, 80));
    // Every message that arrived is of a SENT row, or of a row in flight at the kill.
    let uncertain_arrived =
        ledger.iter().filter(|r| r.status == LedgerStatus::Uncertain && by.contains_key(&address_of(r))).count();
    assert_eq!(smtp.received().len(), sent + uncertain_arrived);
    assert!(uncertain_arrived >= 1, "message {KILL_AT} itself arrived and is UNCERTAIN");
    let c = &figures["data"]["campaign"];
    assert_eq!(c["status"], "SENT", "{figures:#}");
    let s = &c["stats"];
    let excluded_stats: i64 =
        ["excludedNoConsent", "excludedSuppressed", "excludedInvalidAddress", "excludedDuplicate"]
            .iter()
            .map(|k| s[*k].as_i64().unwrap())
            .sum();
    assert_eq!(s["targeted"].as_i64(), Some(200), "{figures:#}");
    assert_eq!(s["sent"].as_i64().unwrap() + s["uncertain"].as_i64().unwrap() + excluded_stats, 200, "{figures:#}");
    assert_eq!((s["sent"].as_i64(), s["uncertain"].as_i64()), (Some(sent as i64), Some(uncertain as i64)));
    assert_eq!((s["queued"].as_i64(), s["sending"].as_i64(), s["failed"].as_i64()), (Some(0), Some(0), Some(0)));
    eprintln!(
        "after the restart: {sent} SENT, {uncertain} UNCERTAIN ({uncertain_arrived} of them arrived), {excluded} EXCLUDED"
    );

    drop(db);
    if let Some((admin, name)) = postgres {
        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// The binary (`serve`, no demo sinks: its SMTP server is the test's) on `database_url`.
async fn start_server(database_url: &str, work: &Path, config: &Path) -> Server {
    let envs = [("CRM360_CONFIG", config.as_os_str()), ("RUST_LOG", OsStr::new("info,sqlx=warn,sea_orm=warn"))];
    Server::start(database_url, work, &[], &envs).await
}
