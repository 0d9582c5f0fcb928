//! Durable jobs survive their worker: for every job kind, a job claimed by a worker that dies
//! before finishing is left alone while its lease runs, then taken over by another worker
//! once, and its work is done once (nothing doubled, nothing lost). Dead jobs are shown to
//! operator staff with their error and retried by them.

use chrono::Duration;
use crm360_kernel::jobs::{Job, JobContext, JobFailure, JobRunner, LEASE, MAX_ATTEMPTS};
use crm360_kernel::metering::UsageKind;
use crm360_kernel::model::job::{self, JobStatus};
use crm360_suite::{Caller, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

async fn job_row(app: &TestApp, id: Uuid) -> job::Model {
    job::Entity::find_by_id(id).one(&app.db).await.unwrap().expect("the job row")
}

/// The worker that claimed the due jobs of `kind` dies at once; nobody takes them while
/// their lease runs; after it, the next run takes each over exactly once. Returns the job.
async fn taken_over_once(app: &TestApp, kind: &str) -> job::Model {
    let mut abandoned = None;
    while let Some(id) = app.jobs.claim_and_abandon().await.unwrap() {
        if job_row(app, id).await.kind == kind {
            abandoned = Some(id);
        }
    }
    let id = abandoned.unwrap_or_else(|| panic!("no due {kind} job"));
    let claimed = job_row(app, id).await;
    assert_eq!((claimed.status, claimed.attempts), (JobStatus::Running, 1), "{kind}");
    app.clock.advance(LEASE - Duration::seconds(1));
    app.jobs.run_due().await.unwrap();
    assert_eq!(job_row(app, id).await.attempts, 1, "{kind}: taken while its lease ran");
    app.clock.advance(Duration::seconds(2));
    app.jobs.run_due().await.unwrap();
    let finished = job_row(app, id).await;
    assert!(finished.finished_at.is_some() && finished.last_error.is_none(), "{kind}: {finished:?}");
    app.jobs.run_due().await.unwrap();
    assert_eq!(job_row(app, id).await, finished, "{kind}: run again after its takeover");
    finished
}

async fn import_rows(app: &TestApp, caller: &Caller) -> Value {
    let (status, uploaded) =
        app.upload(caller, "clients.csv", b"nom;email\nMartin;m@exemple.fr\nDurand;d@exemple.fr\n".to_vec()).await;
    assert_eq!(status, 201, "{uploaded}");
    let input = json!({ "uploadId": uploaded["id"], "upsertKey": "EMAIL", "dryRun": false,
        "columns": [{ "column": "nom", "field": "LAST_NAME" }, { "column": "email", "field": "PERSONAL_EMAIL" }] });
    let started = app
        .gql(
            caller,
            "mutation($input: StartImportInput!) { startImport(input: $input) { import { id } } }",
            json!({ "input": input }),
        )
        .await;
    started.ok()["startImport"]["import"]["id"].clone()
}

#[tokio::test]
async fn an_interrupted_import_is_taken_over_once() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let id = import_rows(&app, &importer).await;
    let finished = taken_over_once(&app, "contacts.import").await;
    assert_eq!((finished.status, finished.attempts), (JobStatus::Done, 2));
    let importer = app.login(tenant.email("import")).await;
    let state =
        app.gql(&importer, "query($id: ID!) { import(id: $id) { status rowsCreated } }", json!({ "id": id })).await;
    assert_eq!(state.ok()["import"], json!({ "status": "DONE", "rowsCreated": 2 }));
    assert_eq!(app.count("contact").await, 2);
}

#[tokio::test]
async fn an_interrupted_feed_run_is_taken_over_once() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let columns = json!([{ "column": "nom", "field": "LAST_NAME" }, { "column": "email", "field": "PERSONAL_EMAIL" }]);
    let mapping = app
        .gql(&importer, "mutation($c: [ImportColumnInput!]!) { createImportMapping(input: {name: \"Flux\", columns: $c, upsertKey: EMAIL}) { importMapping { id } } }", json!({ "c": columns }))
        .await;
    let mapping_id = mapping.ok()["createImportMapping"]["importMapping"]["id"].clone();
    let feed = app
        .gql(&importer, "mutation($m: ID!) { createFeed(input: {name: \"Flux quotidien\", mappingId: $m, everyMinutes: 15}) { feed { inboxPath } } }", json!({ "m": mapping_id }))
        .await;
    let inbox = app.data_dir.join(feed.ok()["createFeed"]["feed"]["inboxPath"].as_str().unwrap());
    std::fs::write(inbox.join("clients.csv"), "nom;email\nMartin;m@exemple.fr\n").unwrap();
    app.clock.advance(Duration::minutes(16));
    let finished = taken_over_once(&app, "contacts.feed").await;
    assert_eq!(finished.status, JobStatus::Done);
    assert_eq!(app.count("contact").await, 1);
    assert_eq!(app.count("contact_import").await, 1, "the file was imported once");
}

async fn postal_run(app: &TestApp, kind: &str, mutation: &str) -> job::Model {
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    for (name, street) in [("Martin", "3 rue de la Paix"), ("Dupont", "12 avenue des Champs-Élysées")] {
        app.gql(
            &admin,
            "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }",
            json!({ "input": { "lastName": name, "addressLine4": street, "postalCode": "75008", "city": "Paris" } }),
        )
        .await
        .ok();
    }
    let analyst = app.login(tenant.email("analyse")).await;
    app.gql(&analyst, &format!("mutation {{ {mutation}(input: {{}}) {{ run {{ id }} }} }}"), json!({})).await.ok();
    taken_over_once(app, kind).await
}

async fn billed(app: &TestApp, kind: UsageKind) -> i64 {
    let rows = crm360_suite::find_all::<crm360_kernel::model::usage_event::Entity>(&app.db).await;
    rows.iter().filter(|u| u.kind == kind).map(|u| u.quantity).sum()
}

#[tokio::test]
async fn an_interrupted_rnvp_run_is_taken_over_once_and_billed_once() {
    let app = spawn_app().await;
    let finished = postal_run(&app, "postal.rnvp_run", "startRnvpRun").await;
    assert_eq!(finished.status, JobStatus::Done);
    assert_eq!(billed(&app, UsageKind::RnvpAddress).await, 2);
}

#[tokio::test]
async fn an_interrupted_dedup_run_is_taken_over_once_and_billed_once() {
    let app = spawn_app().await;
    let finished = postal_run(&app, "postal.dedup_run", "startDedupRun").await;
    assert_eq!(finished.status, JobStatus::Done);
    assert_eq!(billed(&app, UsageKind::DedupAddressRead).await, 2);
}

#[tokio::test]
async fn the_interrupted_recurring_purges_are_taken_over_once_and_stay_scheduled() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    app.login(&tenant.admin_email).await;
    app.clock.advance(Duration::days(366));
    for kind in [
        "identity.purge_connection_ips",
        "support.purge_page_views",
        "kernel.purge_finished_jobs",
        "contacts.purge_files",
    ] {
        let finished = taken_over_once(&app, kind).await;
        assert_eq!(finished.status, JobStatus::Queued, "{kind} is recurring");
        assert!(finished.run_at > app.clock.now(), "{kind} waits for its next run");
        assert_eq!(finished.attempts, 0);
        // Put the clock back where the other purge is due again.
        app.clock.advance(Duration::days(1));
    }
    let entries = crm360_suite::find_all::<crm360_identity::model::connection_log::Entity>(&app.db).await;
    assert!(entries.iter().all(|e| e.ip.is_none()), "the taken-over purge erased the old IPs");
}

#[tokio::test]
async fn the_interrupted_billing_cycle_and_ticket_closing_are_taken_over_once() {
    let app = spawn_app().await;
    app.tenant("acme").await;
    app.clock.advance(Duration::days(2));
    for kind in ["billing.cycle", "support.close_due_tickets"] {
        let finished = taken_over_once(&app, kind).await;
        assert_eq!(finished.status, JobStatus::Queued, "{kind} is recurring");
        app.clock.advance(Duration::hours(2));
    }
    // The cycle's daily samples were taken once each (the day's key), whatever ran twice.
    let samples = crm360_suite::find_all::<crm360_kernel::model::usage_event::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|u| u.kind == UsageKind::ContactsSampled)
        .count();
    assert_eq!(samples, 1, "one contact sample for the day");
}

#[tokio::test]
async fn an_interrupted_audit_seal_is_taken_over_once_and_seals_each_entry_once() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    app.clock.advance(Duration::minutes(2));
    let finished = taken_over_once(&app, "audit.seal").await;
    assert_eq!(finished.status, JobStatus::Queued, "the seal is recurring");
    let entries = crm360_suite::find_all::<crm360_kernel::model::audit_entry::Entity>(&app.db).await;
    let mut positions: Vec<i64> =
        entries.iter().filter(|e| e.tenant_id == Some(tenant.id)).filter_map(|e| e.chain_position).collect();
    positions.sort();
    assert_eq!(positions, (1..=positions.len() as i64).collect::<Vec<_>>(), "sealed once, gapless");
    assert_eq!(positions.len(), entries.iter().filter(|e| e.tenant_id == Some(tenant.id)).count());
    let key = crm360_audit::service::key::load(None, &app.data_dir).unwrap().public_key();
    let report = crm360_audit::service::verify::verify(&app.platform, &key, None).await.unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[tokio::test]
async fn an_interrupted_mailbox_read_is_taken_over_once_and_opens_one_ticket() {
    let inbox = std::env::temp_dir().join(format!("crm360-inbox-{}", Uuid::now_v7().simple()));
    for dir in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(inbox.join(dir)).unwrap();
    }
    let configured = inbox.clone();
    let app = crm360_suite::spawn_app_with(move |s| s.support.mailbox = Some(configured)).await;
    let tenant = app.tenant("acme").await;
    let message = format!(
        "From: <{}>\r\nSubject: Question\r\nMessage-ID: <q1@client.example>\r\n\r\nBonjour, une question.\r\n",
        tenant.email("consult")
    );
    std::fs::write(inbox.join("new/1.eml"), message).unwrap();
    app.clock.advance(Duration::minutes(2));
    taken_over_once(&app, "support.read_mailbox").await;
    let tickets = crm360_suite::find_all::<crm360_support::model::ticket::Entity>(&app.db).await;
    assert_eq!(tickets.len(), 1, "the message opened one ticket, whatever ran twice");
}

#[tokio::test]
async fn finished_jobs_are_purged_a_week_after_and_dead_ones_kept_for_staff() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    import_rows(&app, &importer).await;
    app.jobs.run_due().await.unwrap();
    let mut runner = JobRunner::new(app.platform.clone());
    runner.register::<AlwaysFails>(());
    let dead = runner.enqueue_platform(&AlwaysFails { why: "refusé".to_owned() }).await.unwrap();
    job::Entity::update_many()
        .col_expr(job::Column::Status, sea_orm::sea_query::Expr::value(JobStatus::Dead))
        .filter(job::Column::Id.eq(dead))
        .exec(&app.db)
        .await
        .unwrap();
    let imports_done = |jobs: &[job::Model]| {
        jobs.iter().filter(|j| j.kind == "contacts.import" && j.status == JobStatus::Done).count()
    };
    let before = crm360_suite::find_all::<job::Entity>(&app.db).await;
    assert_eq!(imports_done(&before), 1, "the import's job finished: {before:?}");

    // Six days on, the daily purge keeps them; past seven days it deletes the finished ones.
    app.clock.advance(Duration::days(6));
    app.jobs.run_due().await.unwrap();
    assert_eq!(imports_done(&crm360_suite::find_all::<job::Entity>(&app.db).await), 1);
    app.clock.advance(Duration::days(2));
    app.jobs.run_due().await.unwrap();
    let after = crm360_suite::find_all::<job::Entity>(&app.db).await;
    assert_eq!(imports_done(&after), 0, "the import's finished job is purged: {after:?}");
    assert!(after.iter().any(|j| j.id == dead && j.status == JobStatus::Dead), "a dead job waits for staff");
    assert!(
        after.iter().any(|j| j.kind == "kernel.purge_finished_jobs" && j.status == JobStatus::Queued),
        "the purge stays scheduled"
    );
}

/// A job that fails on every attempt.
#[derive(serde::Serialize, serde::Deserialize)]
struct AlwaysFails {
    why: String,
}

impl Job for AlwaysFails {
    const KIND: &'static str = "test.always_fails";
    type Deps = ();

    async fn run(self, _ctx: JobContext, _deps: ()) -> Result<(), JobFailure> {
        Err(JobFailure::new(self.why))
    }
}

#[tokio::test]
async fn a_job_failing_every_attempt_is_dead_shown_to_operators_and_retried_by_them() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    // The recurring jobs (purges, the hourly billing cycle and ticket closing) run first and
    // are put off, so that only the failing job is due below.
    app.clock.advance(Duration::minutes(2));
    app.jobs.run_due().await.unwrap();
    job::Entity::update_many()
        .col_expr(job::Column::RunAt, sea_orm::sea_query::Expr::value(app.clock.now() + Duration::days(30)))
        .filter(job::Column::EverySeconds.is_not_null())
        .exec(&app.db)
        .await
        .unwrap();
    let mut runner = JobRunner::new(app.platform.clone());
    runner.register::<AlwaysFails>(());
    let id = runner.enqueue_platform(&AlwaysFails { why: "le serveur distant refuse".to_owned() }).await.unwrap();
    for attempt in 1..=MAX_ATTEMPTS {
        assert_eq!(runner.run_due().await.unwrap(), 1, "attempt {attempt} runs once its backoff is over");
        let row = job_row(&app, id).await;
        assert_eq!(row.attempts, attempt);
        let expected = if attempt < MAX_ATTEMPTS { JobStatus::Queued } else { JobStatus::Dead };
        assert_eq!(row.status, expected);
        assert_eq!(runner.run_due().await.unwrap(), 0, "no retry before its backoff");
        app.clock.advance(Duration::minutes(10));
    }
    assert_eq!(runner.run_due().await.unwrap(), 0, "a dead job stays dead");

    let operator = app.operator("ops@crm360.test").await;
    let staff = app.login(&operator).await;
    let listed = app.gql(&staff, "{ jobsNeedingAttention { id kind status attempts lastError } }", json!({})).await;
    assert_eq!(
        listed.ok()["jobsNeedingAttention"],
        json!([{ "id": id.to_string(), "kind": "test.always_fails", "status": "DEAD", "attempts": 5, "lastError": "le serveur distant refuse" }])
    );
    // Tenant users see nothing of the platform's jobs.
    let importer = app.login(tenant.email("import")).await;
    let refused = app.gql(&importer, "{ jobsNeedingAttention { id } }", json!({})).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));

    let retried = app
        .gql(&staff, "mutation($id: ID!) { retryJob(id: $id) { job { status attempts } } }", json!({ "id": id }))
        .await;
    assert_eq!(retried.ok()["retryJob"]["job"], json!({ "status": "QUEUED", "attempts": 0 }));
    let trail = crm360_suite::find_all::<crm360_kernel::model::audit_entry::Entity>(&app.db).await;
    assert!(
        trail.iter().any(|e| e.action == "job.retry" && e.target_id == Some(id.to_string())),
        "the retry is audited"
    );
    let again =
        app.gql(&staff, "mutation($id: ID!) { retryJob(id: $id) { job { status } } }", json!({ "id": id })).await;
    assert_eq!(again.code(), Some("CONFLICT"), "a queued job is not retried twice");
    assert_eq!(runner.run_due().await.unwrap(), 1, "the retried job runs again");
}

#[tokio::test]
async fn a_job_that_cannot_run_is_dead_at_once() {
    let app = spawn_app().await;
    let mut runner = JobRunner::new(app.platform.clone());
    runner.register::<AlwaysFails>(());
    // A payload of another shape (a job written by another version): retrying cannot help.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Misshapen {
        reason: u32,
    }
    impl Job for Misshapen {
        const KIND: &'static str = "test.always_fails";
        type Deps = ();
        async fn run(self, _ctx: JobContext, _deps: ()) -> Result<(), JobFailure> {
            Ok(())
        }
    }
    let id = runner.enqueue_platform(&Misshapen { reason: 7 }).await.unwrap();
    assert_eq!(runner.run_due().await.unwrap(), 1);
    let row = job_row(&app, id).await;
    assert_eq!((row.status, row.attempts), (JobStatus::Dead, 1));
    assert!(row.last_error.unwrap().contains("payload"));
}

/// A tenant with consenting contacts, an allowed sender, an email template and a NOW
/// campaign (optionally with an A/B test decided by opens) on all of them, launched.
async fn launched_campaign(sending: &crate::campaigns::Sending, contacts: usize, ab: bool) -> String {
    use crate::campaigns::{allow_sender, contact, create_campaign, create_template, launch, segment};
    use crm360_contacts::fields::ContactField;
    use crm360_contacts::service::consents::ConsentChannel;
    let app = &sending.app;
    let acme = app.tenant("acme").await;
    let scope = crm360_kernel::TenantScope::system(&app.platform, acme.id);
    for n in 0..contacts {
        contact(&scope, &[(ContactField::PersonalEmail, &format!("client{n}@exemple.fr"))], &[ConsentChannel::Email])
            .await;
    }
    crm360_campaigns::service::tracking::set(&scope, true).await.unwrap();
    let everyone = segment(&scope, "Tous", None).await;
    let communicate = app.login(acme.email("communicate")).await;
    let sender = allow_sender(app, &acme, "EMAIL", "offres@boutique-lea.fr").await.id();
    let mut templates = Vec::new();
    for name in ["A", "B"] {
        let t = create_template(
            app,
            &communicate,
            json!({ "name": name, "channel": "EMAIL", "subject": name, "textBody": "Bonjour" }),
        )
        .await;
        templates.push(t.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned());
    }
    let mut input = json!({ "name": "Lettre", "channel": "EMAIL", "segmentId": everyone, "templateId": templates[0], "senderId": sender, "plan": "NOW" });
    if ab {
        input["abTest"] =
            json!({ "templateId": templates[1], "sharePercent": 50, "winnerBy": "OPENS", "decideAfterMinutes": 30 });
    }
    let campaign = create_campaign(app, &communicate, input).await;
    let campaign = campaign.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    launch(app, &communicate, &campaign).await.ok();
    campaign
}

fn received_once_each(sending: &crate::campaigns::Sending, expected: usize) {
    let mut recipients: Vec<String> = sending.smtp.received().iter().flat_map(|m| m.rcpt_to.clone()).collect();
    let all = recipients.len();
    recipients.sort();
    recipients.dedup();
    assert_eq!((all, recipients.len()), (expected, expected), "each recipient once");
}

#[tokio::test]
async fn an_interrupted_campaign_run_start_is_taken_over_once() {
    let sending = crate::campaigns::spawn_sending().await;
    launched_campaign(&sending, 5, false).await;
    taken_over_once(&sending.app, "campaign.start_run").await;
    sending.app.jobs.run_due().await.unwrap();
    sending.smtp.wait_for(5, std::time::Duration::from_secs(10)).await;
    received_once_each(&sending, 5);
    assert_eq!(sending.app.count("campaign_run").await, 1);
    assert_eq!(sending.app.count("send_ledger").await, 5);
}

#[tokio::test]
async fn an_interrupted_ab_decision_is_taken_over_once() {
    let sending = crate::campaigns::spawn_sending().await;
    launched_campaign(&sending, 30, true).await;
    sending.app.jobs.run_due().await.unwrap();
    let tested = sending.smtp.wait_for(1, std::time::Duration::from_secs(10)).await.len();
    sending.app.clock.advance(Duration::minutes(31));
    taken_over_once(&sending.app, "campaign.decide_ab_test").await;
    sending.app.jobs.run_due().await.unwrap();
    sending.smtp.wait_for(30, std::time::Duration::from_secs(10)).await;
    assert!(tested < 30);
    received_once_each(&sending, 30);
}

#[tokio::test]
async fn an_interrupted_notification_is_sent_once() {
    let sending = crate::campaigns::spawn_sending().await;
    let app = &sending.app;
    let acme = app.tenant("acme").await;
    let asked = app
        .gql(
            &Caller::Anonymous,
            "mutation($email: String!) { requestPasswordReset(input: { email: $email }) }",
            json!({ "email": acme.email("consult") }),
        )
        .await;
    assert_eq!(asked.ok()["requestPasswordReset"], true);
    taken_over_once(app, crm360_kernel::notify::KIND).await;
    sending.smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
    received_once_each(&sending, 1);
}
