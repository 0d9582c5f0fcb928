//! The contact row's consent summary (`consent_email`, `consent_sms`, `consent_post`) and
//! the folded text columns that segment counts read instead of joining `contact_consent` and
//! calling `lower()` per row: the summary stays equal to the consents whoever writes them (the
//! API, a withdrawal, an import's bulk and row-by-row paths, a merge, the migration's
//! backfill), segments on consent count what the consents say, and folded comparisons count
//! exactly what `lower(column)` counted on the same database.

use crm360_contacts::fields::ContactField;
use crm360_contacts::model::{consent, contact};
use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::merge;
use crm360_kernel::TenantScope;
use crm360_suite::{Caller, TestApp, find_all, spawn_app};
use serde_json::{Value, json};
use uuid::Uuid;

/// Every contact's summary equals its consent rows, channel by channel; returns how many
/// contacts were checked.
async fn assert_summary_matches_consents(app: &TestApp) -> usize {
    let consents = find_all::<consent::Entity>(&app.db).await;
    let contacts = find_all::<contact::Entity>(&app.db).await;
    for c in &contacts {
        for channel in ConsentChannel::ALL {
            let recorded = consents
                .iter()
                .find(|r| r.tenant_id == c.tenant_id && r.contact_id == c.id && r.channel == channel)
                .map(|r| r.status.clone());
            let summary = match channel {
                ConsentChannel::Email => c.consent_email.clone(),
                ConsentChannel::Sms => c.consent_sms.clone(),
                ConsentChannel::Post => c.consent_post.clone(),
            };
            assert_eq!(summary, recorded, "{channel:?} of {:?} {:?}", c.last_name, c.id);
        }
    }
    contacts.len()
}

async fn count(app: &TestApp, caller: &Caller, definition: Value) -> i64 {
    let counted = app
        .gql(caller, "query($d: SegmentNodeInput!) { contactCount(definition: $d) }", json!({ "d": definition }))
        .await;
    counted.ok()["contactCount"].as_i64().expect("a count")
}

fn consent_is(channel: &str, operator: &str, value: Option<&str>) -> Value {
    let mut condition = json!({ "consentChannel": channel, "operator": operator });
    if let Some(value) = value {
        condition["value"] = json!(value);
    }
    json!({ "condition": condition })
}

fn not(node: Value) -> Value {
    json!({ "not": node })
}

async fn create(app: &TestApp, caller: &Caller, last_name: &str) -> String {
    let created = app
        .gql(
            caller,
            "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }",
            json!({ "input": { "lastName": last_name } }),
        )
        .await;
    created.ok()["createContact"]["contact"]["id"].as_str().unwrap().to_owned()
}

async fn set_consent(app: &TestApp, caller: &Caller, id: &str, channel: &str, status: &str) {
    let set = app
        .gql(
            caller,
            "mutation($id: ID!, $c: ConsentChannel!, $s: ConsentStatus!) { setContactConsent(input: {contactId: $id, channel: $c, status: $s, source: \"formulaire\"}) { contact { id } } }",
            json!({ "id": id, "c": channel, "s": status }),
        )
        .await;
    set.ok();
}

#[tokio::test]
async fn consents_set_and_withdrawn_through_the_api_are_counted_by_segments() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("other").await;
    // Creating contacts and granting consents need Import; reading needs Consult.
    let consult = app.login(tenant.email("allrights")).await;
    let analyse = app.login(tenant.email("analyse")).await;
    let ana = create(&app, &consult, "Ana").await;
    let bob = create(&app, &consult, "Bob").await;
    let cyd = create(&app, &consult, "Cyd").await;
    // Another tenant's granted consent never counts.
    let stranger = create(&app, &app.login(other.email("allrights")).await, "Stranger").await;
    set_consent(&app, &app.login(other.email("allrights")).await, &stranger, "EMAIL", "GRANTED").await;

    set_consent(&app, &consult, &ana, "EMAIL", "GRANTED").await;
    set_consent(&app, &consult, &bob, "SMS", "DENIED").await;
    set_consent(&app, &consult, &bob, "EMAIL", "GRANTED").await;
    set_consent(&app, &consult, &cyd, "POST", "GRANTED").await;
    assert_eq!(assert_summary_matches_consents(&app).await, 4);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("granted"))).await, 2);
    assert_eq!(count(&app, &analyse, consent_is("SMS", "EQUALS", Some("DENIED"))).await, 1);
    assert_eq!(count(&app, &analyse, consent_is("POST", "IS_NOT_EMPTY", None)).await, 1);

    // Withdrawn: the contact leaves the granted segment and enters the refused one.
    set_consent(&app, &consult, &ana, "EMAIL", "DENIED").await;
    // A new proof with the same status changes nothing.
    set_consent(&app, &consult, &bob, "EMAIL", "GRANTED").await;
    assert_eq!(assert_summary_matches_consents(&app).await, 4);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 1);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("DENIED"))).await, 1);
    // NOT keeps the contacts without a consent on the channel (Cyd), as NOT EXISTS did.
    assert_eq!(count(&app, &analyse, not(consent_is("EMAIL", "EQUALS", Some("GRANTED")))).await, 2);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "NOT_EQUALS", Some("GRANTED"))).await, 2);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "IS_EMPTY", None)).await, 1);
    assert_eq!(count(&app, &analyse, not(consent_is("SMS", "IS_EMPTY", None))).await, 1);
    assert_eq!(
        count(
            &app,
            &analyse,
            json!({ "condition": { "consentChannel": "EMAIL", "operator": "IN", "values": ["GRANTED", "DENIED"] } })
        )
        .await,
        2
    );
    let nested = json!({ "and": [
        { "or": [consent_is("EMAIL", "EQUALS", Some("GRANTED")), consent_is("POST", "EQUALS", Some("GRANTED"))] },
        not(consent_is("SMS", "EQUALS", Some("DENIED"))),
    ] });
    assert_eq!(count(&app, &analyse, nested).await, 1, "Cyd: post granted, no SMS refusal");

    // Deleting a contact takes its consents and its summary with it.
    let deleted = app
        .gql(
            &consult,
            "mutation($id: ID!) { deleteContact(input: {id: $id}) { deletedContactId } }",
            json!({ "id": bob }),
        )
        .await;
    deleted.ok();
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 0);
    assert_eq!(assert_summary_matches_consents(&app).await, 3);
}

fn windows_1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

async fn import(app: &TestApp, caller: &Caller, name: &str, text: &str) -> Value {
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Ville", "field": "CITY" },
        { "column": "Niveau", "customFieldKey": "tier" },
        { "column": "Optin email", "consentChannel": "EMAIL" },
        { "column": "Optin SMS", "consentChannel": "SMS" },
    ]);
    let input = json!({ "columns": columns, "upsertKey": "EXTERNAL_ID", "dryRun": false });
    let id = app.import_file(caller, name, windows_1252(text), input).await;
    let state = app
        .gql(
            caller,
            "query($id: ID!) { import(id: $id) { status rowsCreated rowsUpdated rowsUnchanged rowsFailed } }",
            json!({ "id": id }),
        )
        .await;
    state.ok()["import"].clone()
}

#[tokio::test]
async fn imports_keep_the_summary_on_the_bulk_and_the_row_by_row_paths() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let importer = app.login(tenant.email("import")).await;
    let analyse = app.login(tenant.email("analyse")).await;
    app.gql(
        &admin,
        "mutation { createCustomField(input: {key: \"tier\", label: \"Niveau\", kind: TEXT}) { customField { id } } }",
        json!({}),
    )
    .await
    .ok();

    // New contacts, with or without a custom value, take the bulk path.
    let first = import(
        &app,
        &importer,
        "clients.csv",
        "Réf;Nom;Ville;Niveau;Optin email;Optin SMS\r\n\
         C1;Alpha;Paris;;oui;non\r\n\
         C2;Bravo;Lyon;;non;\r\n\
         C3;Charlie;Lille;;;oui\r\n\
         C4;Delta;Paris;or;oui;oui\r\n\
         C5;Echo;Nantes;argent;;\r\n",
    )
    .await;
    assert_eq!((first["status"].as_str(), first["rowsCreated"].as_i64()), (Some("DONE"), Some(5)), "{first}");
    assert_eq!(assert_summary_matches_consents(&app).await, 5);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 2, "C1, C4");
    assert_eq!(count(&app, &analyse, consent_is("SMS", "EQUALS", Some("GRANTED"))).await, 2, "C3, C4");
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "IS_EMPTY", None)).await, 2, "C3, C5");
    assert_eq!(count(&app, &analyse, not(consent_is("SMS", "EQUALS", Some("DENIED")))).await, 4);

    // Updates (row by row, through the consent service): withdrawals, new consents, and a
    // new contact beside them.
    let second = import(
        &app,
        &importer,
        "maj.csv",
        "Réf;Nom;Ville;Niveau;Optin email;Optin SMS\r\n\
         C1;Alpha;Paris;;non;non\r\n\
         C2;Bravo;Lyon;;oui;oui\r\n\
         C5;Echo;Nantes;argent;oui;\r\n\
         C6;Foxtrot;Paris;;oui;\r\n",
    )
    .await;
    assert_eq!((second["rowsCreated"].as_i64(), second["rowsUpdated"].as_i64()), (Some(1), Some(3)), "{second}");
    assert_eq!(assert_summary_matches_consents(&app).await, 6);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 4, "C2, C4, C5, C6");
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("DENIED"))).await, 1, "C1");
    assert_eq!(count(&app, &analyse, consent_is("SMS", "EQUALS", Some("GRANTED"))).await, 3, "C2, C3, C4");
    let paris_optin = json!({ "and": [
        { "condition": { "field": "CITY", "operator": "EQUALS", "value": "paris" } },
        consent_is("EMAIL", "EQUALS", Some("GRANTED")),
    ] });
    assert_eq!(count(&app, &analyse, paris_optin).await, 2, "C4, C6");

    // The same file again writes nothing and counts the same.
    let again =
        import(&app, &importer, "maj.csv", "Réf;Nom;Ville;Niveau;Optin email;Optin SMS\r\nC1;Alpha;Paris;;non;non\r\n")
            .await;
    assert_eq!(again["rowsUnchanged"], 1, "{again}");
    assert_eq!(assert_summary_matches_consents(&app).await, 6);
}

fn proof(channel: ConsentChannel, status: ConsentStatus, at: chrono::DateTime<chrono::Utc>) -> ConsentProof {
    ConsentProof { channel, status, collected_at: at, source: Some("test".to_owned()), wording: None, ip: None }
}

async fn contact(scope: &TenantScope, last_name: &str, city: Option<&str>) -> Uuid {
    let mut fields = vec![(ContactField::LastName, Some(last_name.to_owned()))];
    if let Some(city) = city {
        fields.push((ContactField::City, Some(city.to_owned())));
    }
    contacts::create(scope, ContactChanges { fields, custom: vec![] }).await.expect("contact").id
}

#[tokio::test]
async fn a_merge_leaves_the_survivor_with_the_summary_of_the_strictest_consents() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    let analyse = app.login(tenant.email("analyse")).await;
    let now = scope.now();
    let keeper = contact(&scope, "Dupont", None).await;
    let duplicate = contact(&scope, "Dupond", None).await;
    let third = contact(&scope, "Dupont", None).await;
    consents::set(&scope, keeper, proof(ConsentChannel::Email, ConsentStatus::Granted, now)).await.unwrap();
    consents::set(&scope, duplicate, proof(ConsentChannel::Email, ConsentStatus::Denied, now)).await.unwrap();
    consents::set(&scope, duplicate, proof(ConsentChannel::Sms, ConsentStatus::Granted, now)).await.unwrap();
    consents::set(&scope, third, proof(ConsentChannel::Post, ConsentStatus::Granted, now)).await.unwrap();
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 1);

    let survivor = merge::merge(&scope, &[keeper, duplicate, third], Some(keeper)).await.expect("merge");
    assert_eq!(survivor.id, keeper);
    assert_eq!(assert_summary_matches_consents(&app).await, 1);
    let kept = contacts::get(&scope, keeper).await.unwrap();
    assert_eq!(
        (kept.consent_email, kept.consent_sms, kept.consent_post),
        (Some(ConsentStatus::Denied), Some(ConsentStatus::Granted), Some(ConsentStatus::Granted)),
        "a refusal anywhere wins; the duplicates' other consents move to the survivor"
    );
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 0);
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("DENIED"))).await, 1);
    assert_eq!(count(&app, &analyse, consent_is("SMS", "EQUALS", Some("GRANTED"))).await, 1);
    assert_eq!(count(&app, &analyse, consent_is("POST", "EQUALS", Some("GRANTED"))).await, 1);
}

#[tokio::test]
async fn the_migration_backfills_the_summary_from_existing_consents() {
    use crm360_migrations::{Migrator, MigratorTrait};
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    let now = scope.now();
    let granted = contact(&scope, "Granted", None).await;
    let denied = contact(&scope, "Denied", None).await;
    contact(&scope, "Without", None).await;
    consents::set(&scope, granted, proof(ConsentChannel::Email, ConsentStatus::Granted, now)).await.unwrap();
    consents::set(&scope, granted, proof(ConsentChannel::Post, ConsentStatus::Denied, now)).await.unwrap();
    consents::set(&scope, denied, proof(ConsentChannel::Sms, ConsentStatus::Denied, now)).await.unwrap();

    // Back to the schema before the summary (the columns go), then forward again.
    let all = Migrator::migrations();
    let at = all.iter().position(|m| m.name() == "m20261129_090000_contact_segment_columns").expect("registered");
    Migrator::down(&app.db, Some((all.len() - at) as u32)).await.expect("down");
    assert_eq!(app.count("contact_consent").await, 3);
    Migrator::up(&app.db, None).await.expect("up");
    assert_eq!(assert_summary_matches_consents(&app).await, 3);
    let analyse = app.login(tenant.email("analyse")).await;
    assert_eq!(count(&app, &analyse, consent_is("EMAIL", "EQUALS", Some("GRANTED"))).await, 1);
    assert_eq!(count(&app, &analyse, consent_is("SMS", "IS_EMPTY", None)).await, 2);
    assert_eq!(count(&app, &analyse, consent_is("POST", "EQUALS", Some("DENIED"))).await, 1);
}

#[tokio::test]
async fn folded_columns_compare_the_french_way_identically_on_both_databases() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    let analyse = app.login(tenant.email("allrights")).await;
    for (name, city) in [
        ("Lyon", Some("Lyon")),
        ("LYON", Some("LYON")),
        ("lyon", Some("lyon")),
        ("Évry", Some("Évry")),
        ("ÉVRY", Some("ÉVRY")),
        ("évry", Some("évry")),
        ("Étienne", Some("Saint-Étienne")),
        ("ÉTIENNE", Some("SAINT-ÉTIENNE")),
        ("Œuf", Some("ŒUF-EN-TERNOIS")),
        ("Nobody", None),
    ] {
        contact(&scope, name, city).await;
    }
    // Each condition and what it counts, the same on SQLite and PostgreSQL (the folded form is
    // computed in Rust, never by the database's lower()).
    let cases = [
        (json!({ "field": "CITY", "operator": "EQUALS", "value": "LYON" }), 3),
        (json!({ "field": "CITY", "operator": "EQUALS", "value": "Évry" }), 3),
        (json!({ "field": "CITY", "operator": "EQUALS", "value": "evry" }), 3),
        (json!({ "field": "CITY", "operator": "EXACTLY", "value": "évry" }), 1),
        (json!({ "field": "CITY", "operator": "NOT_EQUALS", "value": "ÉVRY" }), 7),
        (json!({ "field": "CITY", "operator": "IN", "values": ["lyon", "ÉVRY"] }), 6),
        (json!({ "field": "CITY", "operator": "CONTAINS", "value": "étienne" }), 2),
        (json!({ "field": "CITY", "operator": "STARTS_WITH", "value": "Œuf en" }), 1),
        (json!({ "field": "LAST_NAME", "operator": "STARTS_WITH", "value": "É" }), 5),
        (json!({ "field": "LAST_NAME", "operator": "EQUALS", "value": "ÉTIENNE" }), 2),
    ];
    for (condition, expected) in cases {
        let counted = count(&app, &analyse, json!({ "condition": condition.clone() })).await;
        assert_eq!(counted, expected, "{condition}");
    }
    let not_lyon = json!({ "not": { "condition": { "field": "CITY", "operator": "EQUALS", "value": "Lyon" } } });
    assert_eq!(count(&app, &analyse, not_lyon).await, 7, "NOT keeps the contact without a city");
}
