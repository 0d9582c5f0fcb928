//! The contacts module through the kernel's door, on a fresh SQLite database: services open
//! their own tenant transactions, states come back typed, named unique keys become the
//! module's conflicts, jobs run through the runner the module registers them on, and a page
//! of contacts with its related data costs a fixed number of statements.

use async_graphql::{Request, Schema};
use chrono::{Duration, TimeZone, Utc};
use crm360_contacts::error::ContactsError;
use crm360_contacts::fields::ContactField;
use crm360_contacts::jobs::{FeedRun, ImportJob};
use crm360_contacts::model::consent::{ConsentChannel, ConsentStatus};
use crm360_contacts::model::contact::Civility;
use crm360_contacts::model::import::{FileEncoding, ImportStatus, UpsertKey};
use crm360_contacts::service::consents::{self, ConsentProof};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::custom_fields::{self, CustomFieldDraft, CustomFieldKind};
use crm360_contacts::service::imports::{self, ColumnMapping, StartImport};
use crm360_contacts::service::segments::{self, ConditionSpec, Node};
use crm360_contacts::service::uploads::{self, FileSettings};
use crm360_contacts::service::{feeds, merge};
use crm360_contacts::{ContactsModule, ContactsMutation, ContactsQuery, ContactsSubscription};
use crm360_kernel::database::Database;
use crm360_kernel::jobs::{Job, JobRunner};
use crm360_kernel::model::job;
use crm360_kernel::module::Module;
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{Actor, Clock, Platform, RequestContext, Rights, TenantScope, Why};
use crm360_migrations::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;

struct Setup {
    platform: Platform,
    scope: TenantScope,
    files: FileSettings,
    statements: Arc<AtomicU64>,
}

/// A migrated database with one tenant, a manual clock, and a statement counter.
async fn setup() -> Setup {
    let dir: PathBuf = std::env::temp_dir().join(format!("crm360-contacts-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
    let mut db = sea_orm::Database::connect(&url).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    let statements = Arc::new(AtomicU64::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    let platform = Platform::new(Database::single(db), clock);
    let tenant_id = Uuid::now_v7();
    let seeding = platform.unscoped(Why::Seeding);
    let now = seeding.now();
    let tenant = Query::insert()
        .into_table(Alias::new("tenant"))
        .columns(["id", "name", "platform", "status", "created_at", "updated_at"].map(Alias::new))
        .values_panic([tenant_id.into(), "Acme".into(), "SHARED".into(), "ACTIVE".into(), now.into(), now.into()])
        .to_owned();
    seeding.execute(&tenant).await.expect("tenant");
    let files = FileSettings { data_dir: dir, max_upload_bytes: 1 << 20, quota_bytes: u64::MAX, retention_days: 90 };
    Setup { scope: TenantScope::system(&platform, tenant_id), platform, files, statements }
}

fn changes(fields: &[(ContactField, &str)]) -> ContactChanges {
    ContactChanges { fields: fields.iter().map(|(f, v)| (*f, Some((*v).to_owned()))).collect(), custom: vec![] }
}

fn proof(setup: &Setup, channel: ConsentChannel, status: ConsentStatus) -> ConsentProof {
    ConsentProof { channel, status, collected_at: setup.scope.now(), source: None, wording: None, ip: None }
}

fn condition(spec: serde_json::Value) -> Node {
    Node::Condition(serde_json::from_value::<ConditionSpec>(spec).unwrap())
}

fn conflict_reason(result: Result<impl std::fmt::Debug, ContactsError>) -> (&'static str, String) {
    match result {
        Err(ContactsError::Conflict { reason, message }) => (reason, message),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn contacts_come_back_typed_and_unique_keys_are_conflicts() {
    let setup = setup().await;
    let scope = &setup.scope;
    let dupont =
        [(ContactField::ExternalId, "C1"), (ContactField::Civility, "Madame"), (ContactField::BirthDate, "1980-01-01")];
    let dupont = contacts::create(scope, changes(&dupont)).await.expect("contact");
    assert_eq!((dupont.tenant_id, dupont.civility), (scope.tenant_id(), Some(Civility::Mrs)));

    let again = contacts::create(scope, changes(&[(ContactField::ExternalId, "C1")])).await;
    assert_eq!(conflict_reason(again), ("EXTERNAL_ID_TAKEN", "another contact has the external id \"C1\"".to_owned()));
    let other = contacts::create(scope, changes(&[(ContactField::ExternalId, "C2")])).await.unwrap();
    let renamed = contacts::update(scope, other.id, changes(&[(ContactField::ExternalId, "C1")])).await;
    assert_eq!(conflict_reason(renamed).0, "EXTERNAL_ID_TAKEN");

    let draft = || CustomFieldDraft {
        key: "tier".into(),
        label: "Niveau".into(),
        kind: CustomFieldKind::Text,
        options: vec![],
    };
    assert_eq!(custom_fields::create(scope, draft()).await.unwrap().kind, CustomFieldKind::Text);
    assert_eq!(conflict_reason(custom_fields::create(scope, draft()).await).0, "KEY_TAKEN");

    let consent =
        consents::set(scope, dupont.id, proof(&setup, ConsentChannel::Email, ConsentStatus::Granted)).await.unwrap();
    assert_eq!((consent.channel, consent.status), (ConsentChannel::Email, ConsentStatus::Granted));
    assert_eq!(contacts::get(scope, dupont.id).await.unwrap().consent_email, Some(ConsentStatus::Granted));
    let granted = condition(json!({ "consentChannel": "EMAIL", "operator": "EQUALS", "value": "granted" }));
    assert_eq!(segments::count(scope, &granted).await.unwrap(), 1);
    // Born on 1 January 1980: 46 on 26 November 2026.
    let age = condition(json!({ "computed": "AGE", "operator": "EQUALS", "value": "46" }));
    assert_eq!(segments::count(scope, &age).await.unwrap(), 1);
    assert_eq!(contacts::count_all(scope).await.unwrap(), 2);
}

#[tokio::test]
async fn created_at_days_are_the_platforms_calendar_days() {
    let setup = setup().await;
    // 23:30 UTC on 26 November is already 27 November in Paris.
    setup.platform.clock().set(Utc.with_ymd_and_hms(2026, 11, 26, 23, 30, 0).unwrap());
    contacts::create(&setup.scope, changes(&[(ContactField::LastName, "Martin")])).await.unwrap();
    let on = |day: &str| condition(json!({ "computed": "CREATED_AT", "operator": "EQUALS", "value": day }));
    assert_eq!(segments::count(&setup.scope, &on("2026-11-27")).await.unwrap(), 1);
    assert_eq!(segments::count(&setup.scope, &on("2026-11-26")).await.unwrap(), 0);
}

#[tokio::test]
async fn a_merge_keeps_the_strictest_consent() {
    let setup = setup().await;
    let scope = &setup.scope;
    let keeper = contacts::create(scope, changes(&[(ContactField::LastName, "Dupont")])).await.unwrap();
    let duplicate = contacts::create(scope, changes(&[(ContactField::LastName, "Dupond")])).await.unwrap();
    consents::set(scope, keeper.id, proof(&setup, ConsentChannel::Sms, ConsentStatus::Granted)).await.unwrap();
    consents::set(scope, duplicate.id, proof(&setup, ConsentChannel::Sms, ConsentStatus::Denied)).await.unwrap();
    let survivor = merge::merge(scope, &[keeper.id, duplicate.id], Some(keeper.id)).await.unwrap();
    assert_eq!(contacts::get(scope, survivor.id).await.unwrap().consent_sms, Some(ConsentStatus::Denied));
    let txn = scope.begin().await.unwrap();
    assert_eq!(merge::by_ids(&txn, &[keeper.id, duplicate.id]).await.unwrap().len(), 1);
    let kept = consents::of_contacts(&txn, &[keeper.id]).await.unwrap();
    assert_eq!(kept[&keeper.id][0].status, ConsentStatus::Denied);
}

fn mapping(column: &str, field: Option<ContactField>, channel: Option<ConsentChannel>) -> ColumnMapping {
    ColumnMapping {
        column: column.into(),
        field,
        custom_field_key: None,
        consent_channel: channel,
        consent_detail: None,
        when_empty: None,
    }
}

fn runner(setup: &Setup) -> JobRunner {
    let mut runner = JobRunner::new(setup.platform.clone());
    ContactsModule { files: setup.files.clone() }.jobs(&mut runner);
    runner
}

/// The tenant's jobs of one kind, as stored.
async fn jobs_of(setup: &Setup, kind: &str) -> Vec<job::Model> {
    let txn = setup.scope.begin().await.unwrap();
    txn.find::<job::Entity>().filter(job::Column::Kind.eq(kind)).all(&txn).await.unwrap()
}

#[tokio::test]
async fn an_import_runs_as_its_job_with_bulk_inserts_and_a_report() {
    let setup = setup().await;
    let scope = &setup.scope;
    let file =
        "ref;nom;email;optin\nC1;Martin;m@exemple.fr;oui\nC2;Durand;pas-un-email;non\nC3;Petit;p@exemple.fr;non\n";
    let body = futures::stream::iter([Ok::<_, std::io::Error>(file.as_bytes().to_vec())]);
    let upload = uploads::store(scope, &setup.files, "clients.csv", body).await.unwrap();
    let columns = vec![
        mapping("ref", Some(ContactField::ExternalId), None),
        mapping("nom", Some(ContactField::LastName), None),
        mapping("email", Some(ContactField::PersonalEmail), None),
        mapping("optin", None, Some(ConsentChannel::Email)),
    ];
    let start = StartImport {
        upload_id: upload.id,
        columns: Some(columns),
        mapping_id: None,
        key: Some(UpsertKey::ExternalId),
        dry_run: false,
    };
    let queued = imports::start(scope, &setup.files, start).await.unwrap();
    assert_eq!((queued.status, queued.upsert_key), (ImportStatus::Queued, UpsertKey::ExternalId));
    let job = jobs_of(&setup, ImportJob::KIND).await.pop().expect("the import's job");
    assert_eq!(Some(job.id), queued.job_id);
    assert_eq!(job.payload, json!({ "importId": queued.id }));

    assert_eq!(runner(&setup).run_due().await.unwrap(), 1);
    let done = imports::get(scope, queued.id).await.unwrap();
    assert_eq!((done.status, done.encoding), (ImportStatus::Done, Some(FileEncoding::Utf8)));
    assert_eq!((done.rows_created, done.rows_failed), (2, 1));
    let report = String::from_utf8(imports::error_report(scope, queued.id).await.unwrap()).unwrap();
    assert!(report.contains("3;email;Adresse e-mail invalide;INVALID_EMAIL;"), "{report}");
    let first_page = Page::parse(None, None, Order::OldestFirst).unwrap();
    let martin = contacts::list(scope, &first_page, Some("martin"), None).await.unwrap();
    assert_eq!(martin[0].consent_email, Some(ConsentStatus::Granted));
}

#[tokio::test]
async fn a_feed_imports_its_inbox_and_queues_its_next_run() {
    let setup = setup().await;
    let scope = &setup.scope;
    let columns =
        vec![mapping("ref", Some(ContactField::ExternalId), None), mapping("nom", Some(ContactField::LastName), None)];
    let saved = imports::create_mapping(scope, "Flux", columns, UpsertKey::ExternalId).await.unwrap();
    let feed = feeds::create(scope, &setup.files, "Flux quotidien", saved.id, 15).await.unwrap();
    let inbox = setup.files.data_dir.join(feeds::inbox_path(scope.tenant_id(), feed.id));
    std::fs::write(inbox.join("clients.csv"), "ref;nom\nC1;Martin\n").unwrap();
    assert_eq!(runner(&setup).run_due().await.unwrap(), 0, "not due yet");
    setup.platform.clock().advance(Duration::minutes(16));
    runner(&setup).run_due().await.unwrap();
    assert_eq!(contacts::count_all(scope).await.unwrap(), 1);
    let runs = jobs_of(&setup, FeedRun::KIND).await;
    assert_eq!(runs.len(), 2, "the first run, and the next one queued");
    let next = feeds::get(scope, feed.id).await.unwrap().next_run_at;
    assert!(runs.iter().any(|j| j.run_at == next && j.payload == json!({ "feedId": feed.id })));
    assert!(std::fs::read_dir(&inbox).unwrap().next().is_none(), "the file was filed");
}

const PAGE: &str =
    "{ contacts(first: 20) { nodes { id civility consents { channel status } customValues { key value } } } }";

#[tokio::test]
async fn a_page_with_its_related_data_reads_in_one_transaction_and_loaders_per_request() {
    let setup = setup().await;
    let scope = &setup.scope;
    let draft =
        CustomFieldDraft { key: "tier".into(), label: "Niveau".into(), kind: CustomFieldKind::Text, options: vec![] };
    custom_fields::create(scope, draft).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut change = changes(&[(ContactField::LastName, "Martin"), (ContactField::Civility, "M.")]);
        change.custom.push(("tier".into(), Some(format!("t{i}"))));
        let contact = contacts::create(scope, change).await.unwrap();
        consents::set(scope, contact.id, proof(&setup, ConsentChannel::Post, ConsentStatus::Denied)).await.unwrap();
        ids.push(contact.id);
    }
    let schema =
        Schema::build(ContactsQuery, ContactsMutation, ContactsSubscription).data(setup.platform.clone()).finish();
    let module = ContactsModule { files: setup.files.clone() };
    let request = |query: &str| {
        let actor = Actor::TenantUser {
            tenant_id: scope.tenant_id(),
            user_id: Uuid::now_v7(),
            is_admin: false,
            rights: Rights::ALL,
        };
        let context = RequestContext { actor, ..RequestContext::anonymous() };
        let mut request = Request::new(query);
        module.request_data(&setup.platform, &context, &mut request.data);
        request.data(context)
    };

    let before = setup.statements.load(Ordering::SeqCst);
    let page = schema.execute(request(PAGE)).await;
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    // The page, its consents, its custom values (SQLite has no SET LOCAL).
    assert_eq!(setup.statements.load(Ordering::SeqCst) - before, 3);
    let nodes = page.data.into_json().unwrap()["contacts"]["nodes"].clone();
    assert_eq!(nodes.as_array().unwrap().len(), 5);
    assert_eq!(nodes[0]["civility"], "MR");
    assert_eq!(nodes[0]["consents"], json!([{ "channel": "POST", "status": "DENIED" }]));
    assert_eq!(nodes[4]["customValues"], json!([{ "key": "tier", "value": "t4" }]));

    // One contact reached by id: its related data through the request's DataLoaders.
    let one = format!("{{ contact(id: \"{}\") {{ consents {{ channel }} customValues {{ value }} }} }}", ids[2]);
    let one = schema.execute(request(&one)).await;
    assert!(one.errors.is_empty(), "{:?}", one.errors);
    assert_eq!(
        one.data.into_json().unwrap()["contact"],
        json!({ "consents": [{ "channel": "POST" }], "customValues": [{ "value": "t2" }] })
    );
}
