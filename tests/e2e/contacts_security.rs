//! The contacts module as an outside tester tries it (issue 15): long lists, NUL bytes and
//! LIKE wildcards in inputs; formulas in exported cells; the export in French; and the rights
//! as the contract means them (Consult reads and may record an opt-out, Import writes, Analyse
//! counts without reading direct identifiers).

use crm360_suite::{Caller, TestApp, spawn_app};
use serde_json::{Value, json};

const CREATE: &str = "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }";
const COUNT: &str = "query($d: SegmentNodeInput!) { contactCount(definition: $d) }";
const LIST: &str =
    "query($s: String, $f: SegmentNodeInput) { contacts(first: 100, search: $s, filter: $f) { nodes { lastName } } }";

async fn create(app: &TestApp, caller: &Caller, input: Value) -> String {
    let created = app.gql(caller, CREATE, json!({ "input": input })).await;
    created.ok()["createContact"]["contact"]["id"].as_str().unwrap().to_owned()
}

fn names(response: &crm360_suite::Gql) -> Vec<String> {
    let nodes = response.ok()["contacts"]["nodes"].as_array().unwrap().clone();
    nodes.iter().map(|n| n["lastName"].as_str().unwrap_or_default().to_owned()).collect()
}

#[tokio::test]
async fn long_lists_nul_bytes_and_wildcards_are_handled_as_typed_inputs() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let all = app.login(tenant.email("allrights")).await;
    for name in ["100% Bio", "100 Bio", "a_b", "axb", "Dupont"] {
        create(&app, &all, json!({ "lastName": name, "city": "Paris" })).await;
    }

    // 70 000 values in one IN: a typed refusal, not the database's variable limit.
    let values: Vec<String> = (0..70_000).map(|i| format!("{i:05}")).collect();
    let long = json!({ "condition": { "field": "POSTAL_CODE", "operator": "IN", "values": values } });
    let refused = app.gql(&all, COUNT, json!({ "d": long })).await;
    assert_eq!(
        (refused.code(), refused.reason()),
        (Some("INVALID_INPUT"), Some("LIST_TOO_LONG")),
        "{:#}",
        refused.body
    );
    let thousand: Vec<String> = (0..1000).map(|i| format!("{i:05}")).collect();
    let fine = json!({ "condition": { "field": "POSTAL_CODE", "operator": "IN", "values": thousand } });
    assert_eq!(app.gql(&all, COUNT, json!({ "d": fine })).await.ok()["contactCount"], 0);

    // A NUL byte is refused, in a search and in a filter, before any SQL.
    let nul = app.gql(&all, LIST, json!({ "s": "Dup\u{0}" })).await;
    assert_eq!((nul.code(), nul.reason()), (Some("INVALID_INPUT"), Some("CONTROL_CHARACTERS")));
    let filter = json!({ "condition": { "field": "CITY", "operator": "EQUALS", "value": "Par\u{0}is" } });
    let nul = app.gql(&all, COUNT, json!({ "d": filter.clone() })).await;
    assert_eq!((nul.code(), nul.reason()), (Some("INVALID_INPUT"), Some("CONTROL_CHARACTERS")));
    let nul = app.gql(&all, LIST, json!({ "f": filter })).await;
    assert_eq!(nul.code(), Some("INVALID_INPUT"));

    // `%` and `_` are characters, not wildcards, in a search and in patterns.
    assert_eq!(names(&app.gql(&all, LIST, json!({ "s": "100%" })).await), ["100% Bio"]);
    assert_eq!(names(&app.gql(&all, LIST, json!({ "s": "%" })).await), Vec::<String>::new());
    let starts = json!({ "condition": { "field": "LAST_NAME", "operator": "STARTS_WITH", "value": "100%" } });
    assert_eq!(names(&app.gql(&all, LIST, json!({ "f": starts })).await), ["100% Bio"]);
    let contains = json!({ "condition": { "field": "LAST_NAME", "operator": "CONTAINS", "value": "%" } });
    assert_eq!(names(&app.gql(&all, LIST, json!({ "f": contains })).await), ["100% Bio"]);
    // `_` folds to a space like a hyphen: it matches `a_b`, never `axb`.
    let underscore = json!({ "condition": { "field": "LAST_NAME", "operator": "CONTAINS", "value": "a_b" } });
    assert_eq!(names(&app.gql(&all, LIST, json!({ "f": underscore })).await), ["a_b"]);
}

/// `GET path` with an `Accept-Language`, as the web app's browser sends it.
async fn export(app: &TestApp, caller: &Caller, path: &str, language: Option<&str>) -> (u16, String) {
    let mut request = app.http.get(app.url(path));
    if let Caller::Bearer(token) = caller {
        request = request.bearer_auth(token);
    }
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    let response = request.send().await.expect("request sent");
    (response.status().as_u16(), response.text().await.expect("text"))
}

#[tokio::test]
async fn the_segment_export_is_in_french_with_consents_and_no_cell_is_a_formula() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let all = app.login(tenant.email("allrights")).await;
    let formulas = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"];
    for formula in formulas {
        create(&app, &all, json!({ "lastName": formula, "city": "Paris" })).await;
    }
    let elise = create(
        &app,
        &all,
        json!({ "civility": "MRS", "firstName": "Élise", "lastName": "Dupont", "city": "Paris", "birthDate": "1980-04-12",
            "maritalStatus": "CIVIL_PARTNERSHIP" }),
    )
    .await;
    app.gql(
        &all,
        "mutation($id: ID!) { setContactConsent(input: {contactId: $id, channel: EMAIL, status: GRANTED, source: \"=formulaire\", collectedAt: \"2026-03-01T09:30:00Z\"}) { contact { id } } }",
        json!({ "id": elise }),
    )
    .await
    .ok();
    let segment = app
        .gql(
            &all,
            "mutation { createSegment(input: {name: \"Paris\", definition: {condition: {field: CITY, operator: EQUALS, value: \"paris\"}}}) { segment { exportUrl } } }",
            json!({}),
        )
        .await;
    let url = segment.ok()["createSegment"]["segment"]["exportUrl"].as_str().unwrap().to_owned();

    let (status, csv) = export(&app, &all, &url, Some("fr-FR,fr;q=0.9")).await;
    assert_eq!(status, 200, "{csv}");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
    assert!(header.starts_with("Identifiant;Identifiant externe;Civilité;Prénom;Nom;"), "{header}");
    for column in [
        "Date de naissance",
        "Consentement e-mail",
        "Date consentement e-mail",
        "Source consentement e-mail",
        "Consentement SMS",
        "Source consentement courrier",
    ] {
        assert!(header.contains(column), "{column}: {header}");
    }
    let row = csv.lines().find(|l| l.contains("Dupont")).unwrap();
    for value in [";Mme;Élise;Dupont;", ";12/04/1980;", ";Pacsé(e);", ";Accordé;01/03/2026 10:30;'=formulaire;"] {
        assert!(row.contains(value), "{value}: {row}");
    }
    for formula in formulas {
        let cell = if formula.contains('"') {
            format!("\"'{}\"", formula.replace('"', "\"\""))
        } else {
            format!("'{formula}")
        };
        assert!(csv.contains(&format!(";{cell};")), "{formula} neutralised: {csv}");
        let raw =
            if formula.contains('"') { format!("\"{}\"", formula.replace('"', "\"\"")) } else { formula.to_owned() };
        assert!(!csv.contains(&format!(";{raw};")), "{formula} raw in {csv}");
    }

    let (_, english) = export(&app, &all, &url, Some("en-GB,en;q=0.8")).await;
    let header = english.trim_start_matches('\u{feff}').lines().next().unwrap().to_owned();
    assert!(header.starts_with("Id;External id;Title;First name;Last name;"), "{header}");
    assert!(header.contains("Consent email date"), "{header}");
}

#[tokio::test]
async fn consult_reads_import_writes_and_analyse_counts_without_identifiers() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let import = app.login(tenant.email("import")).await;
    let consult = app.login(tenant.email("consult")).await;
    let analyse = app.login(tenant.email("analyse")).await;
    let counting = app.login(tenant.email("noimport")).await;

    // Consult reads but does not write.
    let refused = app.gql(&consult, CREATE, json!({ "input": { "lastName": "Martin" } })).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
    assert_eq!(app.count("contact").await, 0);
    let id = create(
        &app,
        &import,
        json!({ "lastName": "Martin", "personalEmail": "secret.martin@exemple.fr", "city": "Lyon" }),
    )
    .await;
    for mutation in [
        "mutation($id: ID!) { updateContact(input: {id: $id, city: \"Paris\"}) { contact { id } } }",
        "mutation($id: ID!) { deleteContact(input: {id: $id}) { deletedContactId } }",
    ] {
        let refused = app.gql(&consult, mutation, json!({ "id": id })).await;
        assert_eq!(refused.code(), Some("FORBIDDEN"), "{mutation}");
    }
    let consent = |status: &str| {
        format!(
            "mutation($id: ID!) {{ setContactConsent(input: {{contactId: $id, channel: EMAIL, status: {status}}}) {{ contact {{ consents {{ status }} }} }} }}"
        )
    };
    // Granting a consent puts data in; an opt-out only restricts processing.
    let granted = app.gql(&consult, &consent("GRANTED"), json!({ "id": id })).await;
    assert_eq!((granted.code(), granted.reason()), (Some("FORBIDDEN"), Some("IMPORT_REQUIRED")));
    let unknown = app.gql(&consult, &consent("GRANTED"), json!({ "id": uuid::Uuid::nil() })).await;
    assert_eq!(unknown.code(), Some("NOT_FOUND"));
    let denied = app.gql(&consult, &consent("DENIED"), json!({ "id": id })).await;
    assert_eq!(denied.ok()["setContactConsent"]["contact"]["consents"], json!([{ "status": "DENIED" }]));
    assert_eq!(
        app.gql(&import, &consent("GRANTED"), json!({ "id": id })).await.ok()["setContactConsent"]["contact"]["consents"],
        json!([{ "status": "GRANTED" }])
    );

    // Analyse counts on what is not a direct identifier, and never on one.
    let city = json!({ "condition": { "field": "CITY", "operator": "EQUALS", "value": "lyon" } });
    assert_eq!(app.gql(&analyse, COUNT, json!({ "d": city })).await.ok()["contactCount"], 1);
    for (subject, value) in [
        (json!({ "field": "PERSONAL_EMAIL" }), "secret"),
        (json!({ "field": "LAST_NAME" }), "Mar"),
        (json!({ "field": "MOBILE_PHONE" }), "+33"),
        (json!({ "field": "ADDRESS_LINE_4" }), "1"),
        (json!({ "field": "EXTERNAL_ID" }), "C"),
    ] {
        let mut condition = subject.clone();
        condition["operator"] = json!("STARTS_WITH");
        condition["value"] = json!(value);
        let nested = json!({ "not": { "or": [{ "condition": condition.clone() }] } });
        let refused = app.gql(&analyse, COUNT, json!({ "d": nested })).await;
        assert_eq!((refused.code(), refused.reason()), (Some("FORBIDDEN"), Some("FORBIDDEN_FIELD")), "{subject}");
        assert!(!refused.body.to_string().contains("secret.martin"));
        let allowed = app.gql(&counting, COUNT, json!({ "d": { "condition": condition } })).await;
        assert!(allowed.ok()["contactCount"].is_number(), "{subject} with Consult");
    }
    // Saving such a segment is refused too.
    let save = app
        .gql(&analyse, "mutation { createSegment(input: {name: \"x\", definition: {condition: {field: PERSONAL_EMAIL, operator: STARTS_WITH, value: \"s\"}}}) { segment { id } } }", json!({}))
        .await;
    assert_eq!(save.reason(), Some("FORBIDDEN_FIELD"));
}
