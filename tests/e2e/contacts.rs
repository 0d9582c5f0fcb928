//! Contacts end to end: the contact card with validation, consent and history; counting and
//! targeting with nested segments against a hand-computed expectation; imports of French
//! files with errors, idempotent re-runs and bad files; rights on every operation.

use chrono::{Datelike, NaiveDate};
use crm360_contacts::fields::ContactField;
use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::custom_fields::{self, CustomFieldDraft, CustomFieldKind};
use crm360_kernel::TenantScope;
use crm360_suite::{Caller, TestApp, spawn_app, spawn_app_with};
use serde_json::{Value, json};

const CREATE: &str = "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id lastName personalEmail mobilePhone civility birthDate postalCode customValues { key value kind } } } }";

#[tokio::test]
async fn a_contact_is_validated_edited_consented_deleted_and_its_history_kept() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let consult = app.login(tenant.email("consult")).await;
    // Creating, editing, deleting and granting a consent put data in: the Import right.
    let writer = app.login(tenant.email("import")).await;
    let analyse = app.login(tenant.email("analyse")).await;

    let field = app
        .gql(
            &admin,
            "mutation { createCustomField(input: {key: \"tier\", label: \"Niveau\", kind: VALUE_LIST, options: [\"Or\", \"Argent\"]}) { customField { id key options } } }",
            json!({}),
        )
        .await;
    assert_eq!(field.ok()["createCustomField"]["customField"]["options"], json!(["Or", "Argent"]));
    // Only the administrator manages data referentials.
    let refused = app
        .gql(
            &consult,
            "mutation { createCustomField(input: {key: \"x\", label: \"X\", kind: TEXT}) { customField { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));

    // Invalid values are reported with their field and reason, and nothing is written.
    for (input, field, reason) in [
        (json!({ "lastName": "Dupont", "personalEmail": "pas-un-email" }), "personalEmail", "INVALID_EMAIL"),
        (json!({ "lastName": "Dupont", "mobilePhone": "06 12" }), "mobilePhone", "INVALID_PHONE"),
        (json!({ "lastName": "Dupont", "postalCode": "7500" }), "postalCode", "INVALID_POSTAL_CODE"),
        (json!({ "lastName": "Dupont", "birthDate": "2031-01-01" }), "birthDate", "IMPLAUSIBLE_BIRTH_DATE"),
        (
            json!({ "lastName": "Dupont", "customValues": [{ "key": "tier", "value": "Platine" }] }),
            "customValues.tier",
            "NOT_IN_LIST",
        ),
    ] {
        let response = app.gql(&writer, CREATE, json!({ "input": input })).await;
        assert_eq!(response.code(), Some("INVALID_INPUT"), "{:#}", response.body);
        assert_eq!(response.body["errors"][0]["extensions"]["field"], field);
        assert_eq!(response.reason(), Some(reason));
    }
    assert_eq!(app.count("contact").await, 0);

    let created = app
        .gql(
            &writer,
            CREATE,
            json!({ "input": { "civility": "MRS", "firstName": "Élise", "lastName": "Dupont", "personalEmail": "Elise.Dupont@Exemple.fr",
                "mobilePhone": "06 12 34 56 78", "postalCode": "75011", "city": "Paris", "birthDate": "1980-04-12",
                "addressLine4": "12 RUE DE LA ROQUETTE", "customValues": [{ "key": "tier", "value": "or" }] } }),
        )
        .await;
    let contact = created.ok()["createContact"]["contact"].clone();
    assert_eq!(contact["personalEmail"], "elise.dupont@exemple.fr");
    assert_eq!(contact["mobilePhone"], "+33612345678");
    assert_eq!(contact["customValues"], json!([{ "key": "tier", "value": "Or", "kind": "VALUE_LIST" }]));
    let id = contact["id"].as_str().unwrap().to_owned();

    let updated = app
        .gql(
            &writer,
            "mutation($id: ID!) { updateContact(input: {id: $id, city: \"Paris 11e\", addressLine4: null}) { contact { city addressLine4 lastName } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        updated.ok()["updateContact"]["contact"],
        json!({ "city": "Paris 11e", "addressLine4": null, "lastName": "Dupont" })
    );
    let consent = app
        .gql(
            &writer,
            "mutation($id: ID!) { setContactConsent(input: {contactId: $id, channel: EMAIL, status: GRANTED, source: \"formulaire web\", wording: \"J'accepte de recevoir la lettre\", ip: \"203.0.113.7\"}) { contact { consents { channel status source wording ip } } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        consent.ok()["setContactConsent"]["contact"]["consents"],
        json!([{ "channel": "EMAIL", "status": "GRANTED", "source": "formulaire web", "wording": "J'accepte de recevoir la lettre", "ip": "203.0.113.7" }])
    );

    // Search by name, email, phone and postal code.
    for search in ["dup", "elise.dupont@", "06 12 34 56 78", "750"] {
        let found = app
            .gql(
                &consult,
                "query($s: String) { contacts(search: $s) { edges { node { id } } } }",
                json!({ "s": search }),
            )
            .await;
        assert_eq!(found.ok()["contacts"]["edges"].as_array().unwrap().len(), 1, "search {search}");
    }
    let history = app
        .gql(
            &consult,
            "query($id: ID!) { contact(id: $id) { history { edges { node { action before after } } } } }",
            json!({ "id": id }),
        )
        .await;
    let actions: Vec<&str> = history.ok()["contact"]["history"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["contact.consent.set", "contact.update", "contact.create"]);

    // Analyse counts but never sees personal fields.
    assert_eq!(app.gql(&analyse, "{ contactCount }", json!({})).await.ok()["contactCount"], 1);
    let denied = app.gql(&analyse, "{ contacts { edges { node { lastName } } } }", json!({})).await;
    assert_eq!(denied.code(), Some("FORBIDDEN"));
    assert!(!denied.body.to_string().contains("Dupont"));
    let denied = app
        .gql(&analyse, "{ segmentSample(definition: {condition: {field: LAST_NAME, operator: IS_NOT_EMPTY}}) { edges { node { lastName } } } }", json!({}))
        .await;
    assert_eq!(denied.code(), Some("FORBIDDEN"));

    let deleted = app
        .gql(
            &writer,
            "mutation($id: ID!) { deleteContact(input: {id: $id}) { deletedContactId } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(deleted.ok()["deleteContact"]["deletedContactId"], id.as_str());
    assert_eq!(
        (app.count("contact").await, app.count("contact_consent").await, app.count("contact_custom_value").await),
        (0, 0, 0)
    );
}

/// One generated contact and what the test knows of it.
struct Person {
    last_name: &'static str,
    postal_code: &'static str,
    birth: NaiveDate,
    email: bool,
    loyalty: Option<f64>,
    tier: Option<&'static str>,
    consent: Option<bool>,
}

fn age(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

fn people() -> Vec<Person> {
    let names = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre"];
    let codes = ["75001", "75015", "69002", "13001", "33000", "59000"];
    let tiers = ["Or", "Argent", "Bronze"];
    (0..90u32)
        .map(|i| Person {
            last_name: names[(i % 5) as usize],
            postal_code: codes[(i % 6) as usize],
            birth: NaiveDate::from_ymd_opt(1950 + ((i * 7) % 60) as i32, 1 + i % 12, 1 + i % 28).unwrap(),
            email: i % 2 == 0,
            loyalty: (i % 4 != 0).then(|| ((i * 3) % 100) as f64),
            tier: (i % 5 != 0).then(|| tiers[(i % 3) as usize]),
            consent: match i % 3 {
                0 => Some(true),
                1 => Some(false),
                _ => None,
            },
        })
        .collect()
}

async fn seed(app: &TestApp, tenant_id: uuid::Uuid, people: &[Person]) {
    let scope = TenantScope::system(&app.platform, tenant_id);
    for (key, kind, options) in [
        ("loyalty", CustomFieldKind::Number, vec![]),
        ("tier", CustomFieldKind::ValueList, vec!["Or".to_owned(), "Argent".to_owned(), "Bronze".to_owned()]),
    ] {
        let draft = CustomFieldDraft { key: key.to_owned(), label: key.to_owned(), kind, options };
        custom_fields::create(&scope, draft).await.expect("custom field");
    }
    for (i, p) in people.iter().enumerate() {
        let mut changes = ContactChanges {
            fields: vec![
                (ContactField::LastName, Some(p.last_name.to_owned())),
                (ContactField::PostalCode, Some(p.postal_code.to_owned())),
                (ContactField::BirthDate, Some(p.birth.to_string())),
            ],
            custom: vec![],
        };
        if p.email {
            changes.fields.push((ContactField::PersonalEmail, Some(format!("p{i}@exemple.fr"))));
        }
        if let Some(l) = p.loyalty {
            changes.custom.push(("loyalty".to_owned(), Some(l.to_string())));
        }
        if let Some(t) = p.tier {
            changes.custom.push(("tier".to_owned(), Some(t.to_owned())));
        }
        let contact = contacts::create(&scope, changes).await.expect("contact");
        if let Some(granted) = p.consent {
            let proof = ConsentProof {
                channel: ConsentChannel::Email,
                status: if granted { ConsentStatus::Granted } else { ConsentStatus::Denied },
                collected_at: scope.now(),
                source: Some("test".to_owned()),
                wording: None,
                ip: None,
            };
            consents::set(&scope, contact.id, proof).await.expect("consent");
        }
    }
}

fn cond(v: Value) -> Value {
    json!({ "condition": v })
}

#[tokio::test]
async fn nested_segments_count_exactly_what_a_hand_computation_finds() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("other").await;
    let people = people();
    seed(&app, tenant.id, &people).await;
    // Another tenant's contacts never count.
    seed(&app, other.id, &people[..10]).await;
    let analyse = app.login(tenant.email("analyse")).await;
    let analyse_consult = app.login(tenant.email("nocommunicate")).await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();

    type Check = Box<dyn Fn(&Person) -> bool>;
    let cases: Vec<(&str, Value, Check)> = vec![
        (
            "postal 75 or 69, consent not denied, at least 40",
            json!({ "and": [
                { "or": [cond(json!({ "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": "75" })),
                         cond(json!({ "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": "69" }))] },
                { "not": cond(json!({ "consentChannel": "EMAIL", "operator": "EQUALS", "value": "DENIED" })) },
                cond(json!({ "computed": "AGE", "operator": "GREATER_OR_EQUAL", "value": "40" })),
            ] }),
            Box::new(move |p: &Person| {
                (p.postal_code.starts_with("75") || p.postal_code.starts_with("69"))
                    && p.consent != Some(false)
                    && age(p.birth, today) >= 40
            }),
        ),
        (
            "gold and loyal, or Martin/Durand without email, or aged 20 to 30",
            json!({ "or": [
                { "and": [cond(json!({ "customFieldKey": "tier", "operator": "EQUALS", "value": "or" })),
                          cond(json!({ "customFieldKey": "loyalty", "operator": "GREATER_THAN", "value": "50" }))] },
                { "and": [cond(json!({ "field": "LAST_NAME", "operator": "IN", "values": ["martin", "DURAND"] })),
                          { "not": cond(json!({ "field": "PERSONAL_EMAIL", "operator": "IS_NOT_EMPTY" })) }] },
                cond(json!({ "computed": "AGE", "operator": "BETWEEN", "from": "20", "to": "30" })),
            ] }),
            Box::new(move |p: &Person| {
                (p.tier == Some("Or") && p.loyalty.is_some_and(|l| l > 50.0))
                    || (["Martin", "Durand"].contains(&p.last_name) && !p.email)
                    || (20..=30).contains(&age(p.birth, today))
            }),
        ),
        (
            "not (no tier, or (no consent and Dubois))",
            json!({ "not": { "or": [
                cond(json!({ "customFieldKey": "tier", "operator": "IS_EMPTY" })),
                { "and": [cond(json!({ "consentChannel": "EMAIL", "operator": "IS_EMPTY" })),
                          cond(json!({ "field": "LAST_NAME", "operator": "EQUALS", "value": "dubois" }))] },
            ] } }),
            Box::new(|p: &Person| !(p.tier.is_none() || (p.consent.is_none() && p.last_name == "Dubois"))),
        ),
        (
            "born in the 1980s, loyalty not 30, tier not Bronze",
            json!({ "and": [
                cond(json!({ "field": "BIRTH_DATE", "operator": "BETWEEN", "from": "01/01/1980", "to": "1989-12-31" })),
                cond(json!({ "customFieldKey": "loyalty", "operator": "NOT_EQUALS", "value": "30" })),
                cond(json!({ "customFieldKey": "tier", "operator": "NOT_EQUALS", "value": "Bronze" })),
            ] }),
            Box::new(|p: &Person| {
                (1980..=1989).contains(&p.birth.year()) && p.loyalty != Some(30.0) && p.tier != Some("Bronze")
            }),
        ),
    ];
    for (name, definition, check) in cases {
        let expected = people.iter().filter(|p| check(p)).count() as i64;
        assert!(expected > 0 && expected < people.len() as i64, "{name}: a meaningful case ({expected})");
        // Some cases test names: counting on direct identifiers needs Consult beside Analyse.
        let counted = app
            .gql(
                &analyse_consult,
                "query($d: SegmentNodeInput!) { contactCount(definition: $d) }",
                json!({ "d": definition.clone() }),
            )
            .await;
        assert_eq!(counted.ok()["contactCount"], expected, "{name}");
        if definition.to_string().contains("LAST_NAME") {
            let refused = app
                .gql(
                    &analyse,
                    "query($d: SegmentNodeInput!) { contactCount(definition: $d) }",
                    json!({ "d": definition }),
                )
                .await;
            assert_eq!((refused.code(), refused.reason()), (Some("FORBIDDEN"), Some("FORBIDDEN_FIELD")), "{name}");
        }
    }
    assert_eq!(app.gql(&analyse, "{ contactCount }", json!({})).await.ok()["contactCount"], 90);

    // Saved segments: create, count, update, delete; bad trees are typed errors.
    let definition = json!({ "condition": { "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": "75" } });
    let saved = app
        .gql(&analyse, "mutation($d: SegmentNodeInput!) { createSegment(input: {name: \"Paris\", definition: $d}) { segment { id count exportUrl } } }", json!({ "d": definition }))
        .await;
    let segment = saved.ok()["createSegment"]["segment"].clone();
    assert_eq!(segment["count"], 30);
    let id = segment["id"].as_str().unwrap().to_owned();
    let bad = app
        .gql(&analyse, "mutation($id: ID!) { updateSegment(input: {id: $id, name: \"x\", definition: {condition: {computed: AGE, operator: CONTAINS, value: \"3\"}}}) { segment { id } } }", json!({ "id": id }))
        .await;
    assert_eq!((bad.code(), bad.reason()), (Some("INVALID_INPUT"), Some("UNSUPPORTED_OPERATOR")));
    let bad = app.gql(&analyse, "{ contactCount(definition: {and: [], or: []}) }", json!({})).await;
    assert_eq!((bad.code(), bad.reason()), (Some("INVALID_INPUT"), Some("ONE_CHOICE")));
    let bad = app
        .gql(
            &analyse,
            "{ contactCount(definition: {condition: {customFieldKey: \"nope\", operator: IS_EMPTY}}) }",
            json!({}),
        )
        .await;
    assert_eq!(bad.reason(), Some("UNKNOWN_CUSTOM_FIELD"));

    // The CSV export needs ANALYSE and CONSULT.
    let url = segment["exportUrl"].as_str().unwrap().to_owned();
    assert_eq!(app.get_text(&analyse, &url).await.0, 403);
    assert_eq!(app.get_text(&Caller::Anonymous, &url).await.0, 401);
    let both = app.login(tenant.email("allrights")).await;
    let (status, csv) = app.get_text(&both, &url).await;
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 31, "a header and 30 contacts");
    assert!(csv.lines().nth(1).unwrap().contains(";750"));
    let sample = app
        .gql(&both, "query($d: SegmentNodeInput!) { segmentSample(definition: $d, first: 5) { edges { node { postalCode } } pageInfo { hasNextPage } } }", json!({ "d": definition }))
        .await;
    assert_eq!(sample.ok()["segmentSample"]["edges"].as_array().unwrap().len(), 5);
    let deleted = app
        .gql(
            &analyse,
            "mutation($id: ID!) { deleteSegment(input: {id: $id}) { deletedSegmentId } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(deleted.ok()["deleteSegment"]["deletedSegmentId"], id.as_str());
}

fn windows_1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

const IMPORT_STATE: &str = "query($id: ID!) { import(id: $id) { status failure encoding delimiter progressPercent rowsDone rowsCreated rowsUpdated rowsUnchanged rowsFailed errorReportUrl errors(first: 50) { edges { node { line column reason } } } } }";

async fn import_file(
    app: &TestApp,
    caller: &Caller,
    name: &str,
    bytes: Vec<u8>,
    dry_run: bool,
    columns: Value,
) -> Value {
    let input = json!({ "columns": columns, "upsertKey": "EXTERNAL_ID", "dryRun": dry_run });
    let id = app.import_file(caller, name, bytes, input).await;
    app.gql(caller, IMPORT_STATE, json!({ "id": id })).await.ok()["import"].clone()
}

fn french_columns() -> Value {
    json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Civilité", "field": "CIVILITY" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Prénom", "field": "FIRST_NAME" },
        { "column": "E-mail", "field": "PERSONAL_EMAIL" },
        { "column": "Portable", "field": "MOBILE_PHONE" },
        { "column": "CP", "field": "POSTAL_CODE" },
        { "column": "Ville", "field": "CITY" },
        { "column": "Né le", "field": "BIRTH_DATE" },
        { "column": "Optin email", "consentChannel": "EMAIL" },
    ])
}

#[tokio::test]
async fn a_windows_1252_semicolon_file_imports_with_a_row_report_and_reimports_idempotently() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let file = windows_1252(
        "Réf;Civilité;Nom;Prénom;E-mail;Portable;CP;Ville;Né le;Optin email\r\n\
         C001;Mme;Lefèvre;Hélène;helene.lefevre@exemple.fr;06 12 34 56 78;75011;Paris;12/04/1980;oui\r\n\
         C002;M.;Dupont;François;f.dupont@exemple.fr;0698765432;69002;Lyon;1975-01-31;non\r\n\
         C003;Mme;Garçon;Zoé;pas-un-email;06 11 22 33 44;13001;Marseille;01/01/1990;oui\r\n\
         C004;M.;Bérenger;Loïc;loic@exemple.fr;06 00;3300;Bordeaux;31/02/1980;oui\r\n\
         C005;Mme;\"Martin; dite Marty\";Anaïs;anais@exemple.fr;;59000;Lille;;peut-être\r\n\
         ;M.;Sansref;Paul;paul@exemple.fr;;75001;Paris;;\r\n\
         C007;M.;Court\r\n\
         C008;M.;Nœud;Œdipe;oedipe@exemple.fr;;75002;Paris;;oui\r\n",
    );

    // Preview: encoding, delimiter, header and a suggested mapping.
    let (_, uploaded) = app.upload(&importer, "clients.csv", file.clone()).await;
    let preview = app
        .gql(&importer, "query($id: ID!) { importPreview(uploadId: $id) { encoding delimiter headers rows suggestedColumns { column field consentChannel } problem { reason } rowProblems { line reason } } }", json!({ "id": uploaded["id"] }))
        .await;
    let preview = preview.ok()["importPreview"].clone();
    assert_eq!((preview["encoding"].as_str(), preview["delimiter"].as_str()), (Some("WINDOWS_1252"), Some(";")));
    assert_eq!(preview["headers"][2], "Nom");
    assert_eq!(preview["rows"][0][3], "Hélène");
    assert_eq!(
        preview["suggestedColumns"][4],
        json!({ "column": "E-mail", "field": "PERSONAL_EMAIL", "consentChannel": null })
    );
    assert_eq!(preview["suggestedColumns"][9]["consentChannel"], "EMAIL");
    assert_eq!(preview["rowProblems"], json!([{ "line": 8, "reason": "WRONG_FIELD_COUNT" }]));

    // A dry run counts everything and writes nothing.
    let dry = import_file(&app, &importer, "clients.csv", file.clone(), true, french_columns()).await;
    assert_eq!(
        (dry["status"].as_str(), dry["rowsCreated"].as_i64(), dry["rowsFailed"].as_i64()),
        (Some("DONE"), Some(3), Some(5))
    );
    assert_eq!(app.count("contact").await, 0);

    let first = import_file(&app, &importer, "clients.csv", file.clone(), false, french_columns()).await;
    assert_eq!(first["status"], "DONE");
    assert_eq!(first["encoding"], "WINDOWS-1252");
    assert_eq!(first["progressPercent"], 100.0);
    assert_eq!(
        (first["rowsDone"].as_i64(), first["rowsCreated"].as_i64(), first["rowsFailed"].as_i64()),
        (Some(8), Some(3), Some(5))
    );
    let errors: Vec<(i64, String, String)> = first["errors"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["line"].as_i64().unwrap(),
                e["node"]["column"].as_str().unwrap_or("").to_owned(),
                e["node"]["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(i64, String, String)> = [
        (4, "E-mail", "INVALID_EMAIL"),
        (5, "Portable", "INVALID_PHONE"),
        (5, "CP", "INVALID_POSTAL_CODE"),
        (5, "Né le", "INVALID_DATE"),
        (6, "Optin email", "INVALID_BOOLEAN"),
        (7, "Réf", "MISSING_KEY"),
        (8, "", "WRONG_FIELD_COUNT"),
    ]
    .iter()
    .map(|(l, c, r)| (*l, c.to_string(), r.to_string()))
    .collect();
    assert_eq!(errors, expected);
    assert_eq!(app.count("contact").await, 3);
    assert_eq!(app.count("contact_consent").await, 3);

    // The error report downloads as CSV.
    let (status, report) = app.get_text(&importer, first["errorReportUrl"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert!(report.contains("4;E-mail;Adresse e-mail invalide;INVALID_EMAIL;"), "{report}");
    assert_eq!(report.lines().count(), 8);
    let consult = app.login(tenant.email("consult")).await;
    assert_eq!(app.get_text(&consult, first["errorReportUrl"].as_str().unwrap()).await.0, 403);

    let stored = app
        .gql(&consult, "{ contacts { edges { node { externalId civility lastName firstName mobilePhone birthDate consents { status source } } } } }", json!({}))
        .await;
    let first_contact = &stored.ok()["contacts"]["edges"][0]["node"];
    assert_eq!(first_contact["lastName"], "Lefèvre");
    assert_eq!(first_contact["civility"], "MRS");
    assert_eq!(first_contact["mobilePhone"], "+33612345678");
    assert_eq!(first_contact["birthDate"], "1980-04-12");
    assert_eq!(first_contact["consents"], json!([{ "status": "GRANTED", "source": "import clients.csv" }]));
    assert_eq!(stored.ok()["contacts"]["edges"][2]["node"]["lastName"], "Nœud");

    // The same file again changes nothing.
    let audit_before = app.count("audit_entry").await;
    let again = import_file(&app, &importer, "clients.csv", file, false, french_columns()).await;
    assert_eq!(
        (
            again["rowsCreated"].as_i64(),
            again["rowsUpdated"].as_i64(),
            again["rowsUnchanged"].as_i64(),
            again["rowsFailed"].as_i64()
        ),
        (Some(0), Some(0), Some(3), Some(5))
    );
    assert_eq!(app.count("contact").await, 3);
    let contact_changes = app.count("audit_entry").await - audit_before;
    assert_eq!(contact_changes, 3, "upload, import start and finish only");

    // A changed row updates its contact; the saved mapping can be reused.
    let mapping = app
        .gql(&importer, "mutation($c: [ImportColumnInput!]!) { createImportMapping(input: {name: \"Fichier clients\", columns: $c, upsertKey: EXTERNAL_ID}) { importMapping { id } } }", json!({ "c": french_columns() }))
        .await;
    let mapping_id = mapping.ok()["createImportMapping"]["importMapping"]["id"].clone();
    let changed = windows_1252(
        "Réf;Civilité;Nom;Prénom;E-mail;Portable;CP;Ville;Né le;Optin email\nC001;Mme;Lefèvre;Hélène;helene.lefevre@exemple.fr;06 12 34 56 78;75012;Paris;12/04/1980;oui\n",
    );
    let (_, uploaded) = app.upload(&importer, "maj.csv", changed).await;
    let started = app
        .gql(
            &importer,
            "mutation($u: ID!, $m: ID!) { startImport(input: {uploadId: $u, mappingId: $m}) { import { id } } }",
            json!({ "u": uploaded["id"], "m": mapping_id }),
        )
        .await;
    let id = started.ok()["startImport"]["import"]["id"].clone();
    app.jobs.run_due().await.expect("jobs run");
    let run = app.gql(&importer, IMPORT_STATE, json!({ "id": id })).await;
    assert_eq!(run.ok()["import"]["rowsUpdated"], 1);
}

#[tokio::test]
async fn bad_files_are_reported_and_leave_the_database_as_it_was() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let columns = json!([{ "column": "ref", "field": "EXTERNAL_ID" }, { "column": "nom", "field": "LAST_NAME" }]);

    // Binary (a zip) and UTF-16 files are refused whole.
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend((0..4000u32).map(|i| (i * 37 % 251) as u8));
    let binary = import_file(&app, &importer, "clients.xlsx", zip, false, columns.clone()).await;
    assert_eq!(binary["status"], "FAILED");
    assert!(binary["failure"].as_str().unwrap().starts_with("BINARY_FILE"), "{binary}");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("ref;nom\r\n1;Dupont\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let wide = import_file(&app, &importer, "clients.csv", utf16, false, columns.clone()).await;
    assert!(wide["failure"].as_str().unwrap().starts_with("UNSUPPORTED_ENCODING"), "{wide}");
    let missing = import_file(&app, &importer, "autre.csv", b"id;name\n1;x\n".to_vec(), false, columns.clone()).await;
    assert!(missing["failure"].as_str().unwrap().starts_with("MISSING_COLUMNS"), "{missing}");
    assert_eq!(app.count("contact").await, 0);

    // Ragged rows, a 10 MB line and a stray Latin-1 row in a UTF-8 file fail alone.
    let mut bytes = "ref;nom\nA1;Durand\nA2;Petit;en trop\nA3\n".as_bytes().to_vec();
    bytes.extend(b"A4;");
    bytes.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    bytes.extend("\nA5;Lef\u{e8}vre\n".as_bytes());
    for i in 0..3000 {
        bytes.extend(format!("B{i};Müller\n").as_bytes());
    }
    bytes.extend(b"A6;Lef\xe8vre\nA7;Roux\n");
    let mixed = import_file(&app, &importer, "mixte.csv", bytes, false, columns).await;
    assert_eq!(mixed["status"], "DONE");
    assert_eq!((mixed["rowsCreated"].as_i64(), mixed["rowsFailed"].as_i64()), (Some(3003), Some(4)));
    let reasons: Vec<(i64, &str)> = mixed["errors"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["node"]["line"].as_i64().unwrap(), e["node"]["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        reasons,
        vec![(3, "WRONG_FIELD_COUNT"), (4, "WRONG_FIELD_COUNT"), (5, "ROW_TOO_LONG"), (3007, "INVALID_ENCODING")]
    );
    assert_eq!(app.count("contact").await, 3003);
}

#[tokio::test]
async fn uploads_need_the_import_right_and_respect_the_size_cap() {
    let app = spawn_app_with(|s| s.max_upload_bytes = 1000).await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let consult = app.login(tenant.email("noimport")).await;
    assert_eq!(app.upload(&Caller::Anonymous, "a.csv", b"ref\n1\n".to_vec()).await.0, 401);
    let (status, body) = app.upload(&consult, "a.csv", b"ref\n1\n".to_vec()).await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (403, Some("FORBIDDEN")));
    let (status, body) = app.upload(&importer, "big.csv", vec![b'x'; 5000]).await;
    assert_eq!((status, body["errors"][0]["extensions"]["reason"].as_str()), (413, Some("FILE_TOO_LARGE")));
    assert_eq!(app.count("contact_upload").await, 0);
    let (status, body) = app.upload(&importer, "../../etc/ok.csv", b"ref\n1\n".to_vec()).await;
    assert_eq!((status, body["filename"].as_str()), (201, Some("ok.csv")));
}

#[tokio::test]
async fn a_feed_imports_files_dropped_in_its_inbox_and_files_them_with_their_report() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let mapping = app
        .gql(&importer, "mutation($c: [ImportColumnInput!]!) { createImportMapping(input: {name: \"Flux CRM\", columns: $c, upsertKey: EXTERNAL_ID}) { importMapping { id } } }", json!({ "c": french_columns() }))
        .await;
    let mapping_id = mapping.ok()["createImportMapping"]["importMapping"]["id"].clone();
    let feed = app
        .gql(&importer, "mutation($m: ID!) { createFeed(input: {name: \"Flux quotidien\", mappingId: $m, everyMinutes: 15}) { feed { id inboxPath nextRunAt } } }", json!({ "m": mapping_id }))
        .await;
    let inbox = app.data_dir.join(feed.ok()["createFeed"]["feed"]["inboxPath"].as_str().unwrap());
    let feed_dir = inbox.parent().unwrap().to_owned();
    let file = windows_1252(
        "Réf;Civilité;Nom;Prénom;E-mail;Portable;CP;Ville;Né le;Optin email\n\
         F001;Mme;Lefèvre;Hélène;helene@exemple.fr;;75011;Paris;;oui\n\
         F002;M.;Dupont;Jean;pas-un-email;;75012;Paris;;non\n",
    );
    std::fs::write(inbox.join("clients-20261126.csv"), file).unwrap();
    std::fs::write(inbox.join("zz-export.xlsx"), b"PK\x03\x04\x00\x00\x00binary").unwrap();
    std::fs::write(inbox.join(".en-cours.csv"), b"Ref\n").unwrap();

    // Nothing happens before the feed is due.
    app.jobs.run_due().await.unwrap();
    assert_eq!(app.count("contact").await, 0);
    app.clock.advance(chrono::Duration::minutes(16));
    app.jobs.run_due().await.unwrap();

    assert_eq!(app.count("contact").await, 1);
    let left: Vec<String> =
        std::fs::read_dir(&inbox).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, vec![".en-cours.csv"], "files being written are left alone");
    let listing = |sub: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(feed_dir.join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        listing("done"),
        vec!["20261126T091600-clients-20261126.csv", "20261126T091600-clients-20261126.csv.report.csv"]
    );
    assert_eq!(listing("failed"), vec!["20261126T091600-zz-export.xlsx", "20261126T091600-zz-export.xlsx.report.csv"]);
    let report =
        std::fs::read_to_string(feed_dir.join("done/20261126T091600-clients-20261126.csv.report.csv")).unwrap();
    assert!(report.contains("3;E-mail;Adresse e-mail invalide;INVALID_EMAIL;"), "{report}");
    let failed = std::fs::read_to_string(feed_dir.join("failed/20261126T091600-zz-export.xlsx.report.csv")).unwrap();
    assert!(failed.contains("BINARY_FILE"), "{failed}");
    let imports = app
        .gql(&importer, "{ imports { edges { node { filename status rowsCreated rowsFailed } } } }", json!({}))
        .await;
    assert_eq!(
        imports.ok()["imports"]["edges"],
        json!([{ "node": { "filename": "clients-20261126.csv", "status": "DONE", "rowsCreated": 1, "rowsFailed": 1 } },
               { "node": { "filename": "zz-export.xlsx", "status": "FAILED", "rowsCreated": 0, "rowsFailed": 0 } }])
    );

    // The feed keeps its schedule; a deleted feed stops.
    let feeds = app.gql(&importer, "{ feeds { name lastRunAt nextRunAt } }", json!({})).await;
    assert_eq!(feeds.ok()["feeds"][0]["nextRunAt"], "2026-11-26T09:31:00+00:00");
    let header = "Réf;Civilité;Nom;Prénom;E-mail;Portable;CP;Ville;Né le;Optin email\n";
    std::fs::write(inbox.join("second.csv"), format!("{header}F003;;Martin;;;;;;;\n")).unwrap();
    app.clock.advance(chrono::Duration::minutes(15));
    app.jobs.run_due().await.unwrap();
    assert_eq!(app.count("contact").await, 2);
    let id = app.gql(&importer, "{ feeds { id } }", json!({})).await.ok()["feeds"][0]["id"].clone();
    app.gql(&importer, "mutation($id: ID!) { deleteFeed(input: {id: $id}) { deletedFeedId } }", json!({ "id": id }))
        .await
        .ok();
    std::fs::write(inbox.join("third.csv"), format!("{header}F004;;Petit;;;;;;;\n")).unwrap();
    app.clock.advance(chrono::Duration::minutes(15));
    app.jobs.run_due().await.unwrap();
    assert_eq!(app.count("contact").await, 2);
}

/// Subscribes over WebSocket (`graphql-transport-ws`) as `token`, and collects the messages
/// about subscription `1` until it completes or errs.
async fn subscribe(
    app: &TestApp,
    token: &str,
    query: &str,
    variables: Value,
    during: impl std::future::Future<Output = ()>,
) -> Vec<Value> {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = app.base_url.replace("http://", "ws://").add_path("/graphql/ws").into_client_request().unwrap();
    request.headers_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    request.headers_mut().insert("sec-websocket-protocol", "graphql-transport-ws".parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("websocket connects");
    socket.send(Message::text(json!({ "type": "connection_init" }).to_string())).await.unwrap();
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": { "query": query, "variables": variables } });
    socket.send(Message::text(subscribe.to_string())).await.unwrap();
    let collect = async {
        let mut messages = Vec::new();
        while let Some(Ok(message)) = socket.next().await {
            let Message::Text(text) = message else { continue };
            let value: Value = serde_json::from_str(&text).unwrap();
            let kind = value["type"].as_str().unwrap_or_default().to_owned();
            if kind == "connection_ack" || kind == "ping" {
                continue;
            }
            messages.push(value);
            if kind == "complete" || kind == "error" {
                break;
            }
        }
        messages
    };
    let (messages, ()) =
        tokio::time::timeout(std::time::Duration::from_secs(60), futures::future::join(collect, during))
            .await
            .expect("the subscription ends");
    messages
}

trait AddPath {
    fn add_path(self, path: &str) -> String;
}

impl AddPath for String {
    fn add_path(self, path: &str) -> String {
        format!("{self}{path}")
    }
}

#[tokio::test]
async fn import_progress_is_pushed_over_a_websocket_subscription() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let Caller::Bearer(token) = importer.clone() else { panic!("a bearer") };
    let mut file = String::from("ref;nom\n");
    for i in 0..2000 {
        file.push_str(&format!("R{i};Nom{i}\n"));
    }
    let (_, uploaded) = app.upload(&importer, "gros.csv", file.into_bytes()).await;
    let columns = json!([{ "column": "ref", "field": "EXTERNAL_ID" }, { "column": "nom", "field": "LAST_NAME" }]);
    let started = app
        .gql(&importer, "mutation($u: ID!, $c: [ImportColumnInput!]) { startImport(input: {uploadId: $u, columns: $c}) { import { id } } }", json!({ "u": uploaded["id"], "c": columns }))
        .await;
    let id = started.ok()["startImport"]["import"]["id"].clone();
    let query = "subscription($id: ID!) { importProgress(id: $id) { status rowsDone progressPercent } }";
    let run = async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        app.jobs.run_due().await.unwrap();
    };
    let messages = subscribe(&app, &token, query, json!({ "id": id }), run).await;
    let states: Vec<&Value> =
        messages.iter().filter(|m| m["type"] == "next").map(|m| &m["payload"]["data"]["importProgress"]).collect();
    assert_eq!(states.first().unwrap()["status"], "QUEUED", "{messages:?}");
    assert_eq!(*states.last().unwrap(), &json!({ "status": "DONE", "rowsDone": 2000, "progressPercent": 100.0 }));
    assert_eq!(messages.last().unwrap()["type"], "complete");

    let consult = app.login(tenant.email("consult")).await;
    let Caller::Bearer(token) = consult else { panic!("a bearer") };
    let refused = subscribe(&app, &token, query, json!({ "id": id }), async {}).await;
    assert_eq!(refused[0]["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN", "{refused:?}");
    assert_eq!(refused[0]["payload"]["data"], Value::Null);
}
