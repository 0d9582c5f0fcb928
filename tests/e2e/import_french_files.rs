//! Imports of files as French tools and shops really write them (issue 16): Excel's line
//! breaks and empty formatted rows, a Windows-1252 file whose head is plain ASCII, consent
//! proofs carried by the file, a re-import that must not rewrite those proofs, a dry run that
//! announces the real run's counts, and an update file that clears a field on purpose.

use crm360_suite::{Caller, TestApp, spawn_app};
use serde_json::{Value, json};

const COUNTS: &str = "query($id: ID!) { import(id: $id) { status failure encoding rowsDone rowsCreated rowsUpdated rowsUnchanged rowsFailed } }";

async fn counts(app: &TestApp, caller: &Caller, id: &Value) -> Value {
    app.gql(caller, COUNTS, json!({ "id": id })).await.ok()["import"].clone()
}

fn figures(state: &Value) -> [i64; 5] {
    ["rowsDone", "rowsCreated", "rowsUpdated", "rowsUnchanged", "rowsFailed"].map(|k| state[k].as_i64().unwrap())
}

async fn contact_by_ref(app: &TestApp, caller: &Caller, reference: &str) -> Value {
    let found = app
        .gql(
            caller,
            "query($f: SegmentNodeInput) { contacts(filter: $f) { edges { node { externalId lastName city \
             addressLine4 consents { channel status collectedAt source wording ip } } } } }",
            json!({ "f": { "condition": { "field": "EXTERNAL_ID", "operator": "EQUALS", "value": reference } } }),
        )
        .await;
    let edges = found.ok()["contacts"]["edges"].as_array().unwrap().clone();
    edges
        .into_iter()
        .map(|e| e["node"].clone())
        .find(|n| n["externalId"] == reference)
        .unwrap_or_else(|| panic!("no contact {reference}"))
}

#[tokio::test]
async fn excel_line_breaks_are_kept_as_spaces_and_empty_formatted_rows_are_skipped() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    // Alt+Entrée in a cell: Excel quotes the cell and writes a bare line break inside it.
    let file = "Réf;Nom;Adresse;Ville\r\nX-1;Dupré;\"12 rue des Écoles\nBâtiment B\";Lyon\r\n;;;\r\n ; ;;\r\nX-2;Martin;3 place Bellecour;Lyon\r\n;;;\r\n";
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Adresse", "field": "ADDRESS_LINE_4" },
        { "column": "Ville", "field": "CITY" },
    ]);
    let id = app.import_file(&importer, "excel.csv", file.as_bytes().to_vec(), json!({ "columns": columns })).await;
    let state = counts(&app, &importer, &id).await;
    assert_eq!(state["status"], "DONE", "{state}");
    assert_eq!(figures(&state), [2, 2, 0, 0, 0], "{state}");
    let contact = contact_by_ref(&app, &importer, "X-1").await;
    assert_eq!(contact["addressLine4"], "12 rue des Écoles Bâtiment B");
}

#[tokio::test]
async fn a_windows_1252_file_whose_head_is_plain_ascii_keeps_its_accented_rows() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    let mut file = b"Ref;Nom;Ville\n".to_vec();
    let mut i = 0;
    while file.len() < 70 * 1024 {
        file.extend(format!("A-{i};Martin;Paris\n").as_bytes());
        i += 1;
    }
    let plain = i;
    for j in 0..20 {
        file.extend(format!("B-{j};Lef").as_bytes());
        file.extend(b"\xe8vre;Orl\xe9ans\n");
    }
    let columns = json!([
        { "column": "Ref", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Ville", "field": "CITY" },
    ]);
    let id = app.import_file(&importer, "caisse.csv", file, json!({ "columns": columns })).await;
    let state = counts(&app, &importer, &id).await;
    assert_eq!(state["encoding"], "WINDOWS-1252", "{state}");
    assert_eq!(figures(&state), [plain + 20, plain + 20, 0, 0, 0], "{state}");
    let contact = contact_by_ref(&app, &importer, "B-7").await;
    assert_eq!((contact["lastName"].as_str(), contact["city"].as_str()), (Some("Lefèvre"), Some("Orléans")));
}

const OPTIN_FILE: &str = "Réf;Nom;Optin email;Date optin email;Source optin;IP optin\n\
R-1;Durand;oui;14/07/2023 10:30;Jeu concours été 2023;203.0.113.9\n\
R-2;Petit;non;2023-01-02;Formulaire boutique;\n";

fn optin_columns() -> Value {
    json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Optin email", "consentChannel": "EMAIL" },
        { "column": "Date optin email", "consentChannel": "EMAIL", "consentDetail": "COLLECTED_AT" },
        { "column": "Source optin", "consentDetail": "SOURCE" },
        { "column": "IP optin", "consentDetail": "IP" },
    ])
}

#[tokio::test]
async fn the_files_consent_proof_is_kept_and_a_reimport_under_another_name_rewrites_nothing() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;

    // The preview suggests the proof columns.
    let (status, uploaded) = app.upload(&importer, "optin.csv", OPTIN_FILE.as_bytes().to_vec()).await;
    assert_eq!(status, 201);
    let preview = app
        .gql(
            &importer,
            "query($id: ID!) { importPreview(uploadId: $id) { suggestedColumns { column consentChannel consentDetail } } }",
            json!({ "id": uploaded["id"] }),
        )
        .await;
    let suggested = preview.ok()["importPreview"]["suggestedColumns"].clone();
    assert!(
        suggested.as_array().unwrap().contains(
            &json!({ "column": "Date optin email", "consentChannel": "EMAIL", "consentDetail": "COLLECTED_AT" })
        ),
        "{suggested}"
    );

    let id = app
        .import_file(&importer, "optin.csv", OPTIN_FILE.as_bytes().to_vec(), json!({ "columns": optin_columns() }))
        .await;
    assert_eq!(figures(&counts(&app, &importer, &id).await), [2, 2, 0, 0, 0]);
    let first = contact_by_ref(&app, &importer, "R-1").await;
    let consent = first["consents"][0].clone();
    assert_eq!(consent["status"], "GRANTED");
    // 10:30 in Paris in July is 08:30 UTC.
    assert_eq!(consent["collectedAt"], "2023-07-14T08:30:00+00:00", "{consent}");
    assert_eq!(consent["source"], "Jeu concours été 2023");
    assert_eq!(consent["ip"], "203.0.113.9");
    let second = contact_by_ref(&app, &importer, "R-2").await;
    assert_eq!(second["consents"][0]["status"], "DENIED");
    assert_eq!(second["consents"][0]["source"], "Formulaire boutique");

    let audit_before = app.count("audit_entry").await;
    let id = app
        .import_file(
            &importer,
            "optin-copie.csv",
            OPTIN_FILE.as_bytes().to_vec(),
            json!({ "columns": optin_columns() }),
        )
        .await;
    assert_eq!(figures(&counts(&app, &importer, &id).await), [2, 0, 0, 2, 0]);
    assert_eq!(contact_by_ref(&app, &importer, "R-1").await["consents"], first["consents"]);
    assert_eq!(contact_by_ref(&app, &importer, "R-2").await["consents"], second["consents"]);
    // The upload, the run's start and its finish: nothing about the contacts.
    assert_eq!(app.count("audit_entry").await, audit_before + 3);

    // Without proof columns, a re-import whose answers are unchanged keeps the proof too.
    let bare = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Optin email", "consentChannel": "EMAIL" },
    ]);
    let id = app
        .import_file(&importer, "export-caisse.csv", OPTIN_FILE.as_bytes().to_vec(), json!({ "columns": bare }))
        .await;
    assert_eq!(figures(&counts(&app, &importer, &id).await), [2, 0, 0, 2, 0]);
    assert_eq!(contact_by_ref(&app, &importer, "R-1").await["consents"], first["consents"]);

    // A proof from the future is refused with its column.
    let future = "Réf;Nom;Optin email;Date optin email\nR-3;Roux;oui;01/01/2999\n";
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Optin email", "consentChannel": "EMAIL" },
        { "column": "Date optin email", "consentChannel": "EMAIL", "consentDetail": "COLLECTED_AT" },
    ]);
    let id = app.import_file(&importer, "futur.csv", future.as_bytes().to_vec(), json!({ "columns": columns })).await;
    assert_eq!(figures(&counts(&app, &importer, &id).await), [1, 0, 0, 0, 1]);
    let report = app
        .gql(
            &importer,
            "query($id: ID!) { import(id: $id) { errors { edges { node { column reason } } } } }",
            json!({ "id": id }),
        )
        .await;
    let error = report.ok()["import"]["errors"]["edges"][0]["node"].clone();
    assert_eq!(error, json!({ "column": "Date optin email", "reason": "IN_THE_FUTURE" }));
}

#[tokio::test]
async fn a_dry_run_announces_the_real_runs_counts_when_keys_come_back_far_apart() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    // 2 402 rows: the last two repeat the first two keys, one with a new city, one identical.
    let mut file = String::from("Réf;Nom;Ville\n");
    for i in 0..2_400 {
        file.push_str(&format!("D-{i};Nom {i};Ville {i}\n"));
    }
    file.push_str("D-0;Nom 0;Ailleurs\n");
    file.push_str("D-1;Nom 1;Ville 1\n");
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Ville", "field": "CITY" },
    ]);
    let dry = app
        .import_file(&importer, "essai.csv", file.clone().into_bytes(), json!({ "columns": columns, "dryRun": true }))
        .await;
    let dry = counts(&app, &importer, &dry).await;
    assert_eq!(dry["status"], "DONE");
    assert_eq!(app.count("contact").await, 0, "a dry run writes no contact");
    let real = app.import_file(&importer, "essai.csv", file.into_bytes(), json!({ "columns": columns })).await;
    let real = counts(&app, &importer, &real).await;
    assert_eq!(figures(&real), [2_402, 2_400, 1, 1, 0]);
    assert_eq!(figures(&dry), figures(&real));
}

#[tokio::test]
async fn an_update_file_clears_a_field_only_where_the_mapping_says_so() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    let columns = |when_empty: &str| {
        json!([
            { "column": "Réf", "field": "EXTERNAL_ID" },
            { "column": "Nom", "field": "LAST_NAME" },
            { "column": "Ville", "field": "CITY", "whenEmpty": when_empty },
        ])
    };
    let first = "Réf;Nom;Ville\nC-1;Moreau;Nantes\nC-2;Girard;Brest\n";
    app.import_file(&importer, "base.csv", first.as_bytes().to_vec(), json!({ "columns": columns("KEEP") })).await;
    let update = "Réf;Nom;Ville\nC-1;Moreau;\nC-2;Girard;\n";
    let id =
        app.import_file(&importer, "maj.csv", update.as_bytes().to_vec(), json!({ "columns": columns("KEEP") })).await;
    assert_eq!(figures(&counts(&app, &importer, &id).await), [2, 0, 0, 2, 0]);
    assert_eq!(contact_by_ref(&app, &importer, "C-1").await["city"], "Nantes");
    let id = app
        .import_file(&importer, "vider.csv", update.as_bytes().to_vec(), json!({ "columns": columns("CLEAR") }))
        .await;
    assert_eq!(figures(&counts(&app, &importer, &id).await), [2, 0, 2, 0, 0]);
    assert_eq!(contact_by_ref(&app, &importer, "C-1").await["city"], Value::Null);
    // The key cannot be cleared.
    let refused = app
        .gql(
            &importer,
            "mutation($input: StartImportInput!) { startImport(input: $input) { import { id } } }",
            json!({ "input": { "uploadId": "00000000-0000-0000-0000-000000000000", "columns": [
                { "column": "Réf", "field": "EXTERNAL_ID", "whenEmpty": "CLEAR" },
            ] } }),
        )
        .await;
    assert!(refused.code().is_some());
}

#[tokio::test]
async fn the_error_report_is_in_french_and_neutralises_what_the_file_echoes() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    let file = "Réf;=HYPERLINK(\"http://x\",\"y\")\nE-1;pas-un-email\n";
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "=HYPERLINK(\"http://x\",\"y\")", "field": "PERSONAL_EMAIL" },
    ]);
    let id = app.import_file(&importer, "piege.csv", file.as_bytes().to_vec(), json!({ "columns": columns })).await;
    let url = app
        .gql(&importer, "query($id: ID!) { import(id: $id) { errorReportUrl } }", json!({ "id": id }))
        .await
        .ok()["import"]["errorReportUrl"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, report) = app.get_text(&importer, &url).await;
    assert_eq!(status, 200);
    let mut lines = report.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("Ligne;Colonne;Motif;Code;Détail"));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("2;\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";Adresse e-mail invalide;INVALID_EMAIL;"),
        "{row}"
    );
}

#[tokio::test]
async fn a_french_postal_code_shortened_by_excel_is_padded_and_reported_as_a_correction() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("allrights")).await;
    let file = "Réf;Nom;CP;Ville\nP-1;Girard;1000;Bourg-en-Bresse\nP-2;Peeters;1000;Bruxelles\n";
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "CP", "field": "POSTAL_CODE" },
        { "column": "Ville", "field": "CITY" },
    ]);
    let id = app.import_file(&importer, "excel-cp.csv", file.as_bytes().to_vec(), json!({ "columns": columns })).await;
    let state = counts(&app, &importer, &id).await;
    // Bruxelles is not the French city of 01000: without its country the row is refused.
    assert_eq!(figures(&state), [2, 1, 0, 0, 1], "{state}");
    let report = app
        .gql(
            &importer,
            "query($id: ID!) { import(id: $id) { errors { edges { node { line column reason } } } } }",
            json!({ "id": id }),
        )
        .await;
    let lines: Vec<Value> =
        report.ok()["import"]["errors"]["edges"].as_array().unwrap().iter().map(|e| e["node"].clone()).collect();
    assert_eq!(lines[0], json!({ "line": 2, "column": "CP", "reason": "POSTAL_CODE_PADDED" }));
    assert_eq!(lines[1]["reason"], "INVALID_POSTAL_CODE");
    let filter = json!({ "condition": { "field": "EXTERNAL_ID", "operator": "EQUALS", "value": "P-1" } });
    let found = app
        .gql(
            &importer,
            "query($f: SegmentNodeInput) { contacts(filter: $f) { edges { node { postalCode } } } }",
            json!({ "f": filter }),
        )
        .await;
    assert_eq!(found.ok()["contacts"]["edges"][0]["node"]["postalCode"], "01000");
}
