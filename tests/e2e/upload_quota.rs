//! Each tenant's quota of stored files (`upload_quota_bytes`): uploads and import error reports
//! count against it; an upload past it is refused with a typed `QUOTA_EXCEEDED` carrying the
//! quota and the bytes used, and leaves nothing behind (no file, no row); another tenant's
//! quota is its own.

use crm360_suite::{Caller, TestApp, spawn_app_with};
use serde_json::{Value, json};

const QUOTA: u64 = 2_000;

/// The files under the tenant's upload folder (kept and partial alike).
fn stored_files(app: &TestApp, tenant: uuid::Uuid) -> Vec<String> {
    let dir = app.data_dir.join("uploads").join(tenant.to_string());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// A CSV of exactly `bytes` bytes.
fn csv_of(bytes: usize) -> Vec<u8> {
    let mut file = b"Nom\n".to_vec();
    file.resize(bytes, b'a');
    file
}

#[track_caller]
fn assert_quota_exceeded(status: u16, answer: &Value, used: u64) {
    assert_eq!(status, 413, "{answer:#}");
    let extensions = &answer["errors"][0]["extensions"];
    assert_eq!(extensions["code"], "QUOTA_EXCEEDED", "{answer:#}");
    assert_eq!(extensions["quotaBytes"], QUOTA, "{answer:#}");
    assert_eq!(extensions["usedBytes"], used, "{answer:#}");
}

async fn upload_rows(app: &TestApp) -> i64 {
    app.count("contact_upload").await
}

#[tokio::test]
async fn an_upload_past_the_tenant_quota_is_refused_with_its_numbers_and_leaves_nothing() {
    let app = spawn_app_with(|settings| settings.upload_quota_bytes = QUOTA).await;
    let acme = app.tenant("acme").await;
    let globex = app.tenant("globex").await;
    let importer = app.login(acme.email("import")).await;

    let (status, first) = app.upload(&importer, "premier.csv", csv_of(1_200)).await;
    assert_eq!(status, 201, "{first:#}");
    assert_eq!(first["sizeBytes"], 1_200);

    // 1 200 + 900 > 2 000: refused while streaming, the partial file removed, no row.
    let (status, refused) = app.upload(&importer, "second.csv", csv_of(900)).await;
    assert_quota_exceeded(status, &refused, 1_200);
    assert_eq!(upload_rows(&app).await, 1);
    assert_eq!(stored_files(&app, acme.id), vec![format!("{}.csv", first["id"].as_str().unwrap())]);

    // Exactly up to the quota is accepted; then not one byte more.
    let (status, fits) = app.upload(&importer, "juste.csv", csv_of(800)).await;
    assert_eq!(status, 201, "{fits:#}");
    let (status, refused) = app.upload(&importer, "un-octet.csv", csv_of(4)).await;
    assert_quota_exceeded(status, &refused, QUOTA);
    assert_eq!(upload_rows(&app).await, 2);
    assert_eq!(stored_files(&app, acme.id).len(), 2);

    // Another tenant's quota is its own.
    let other = app.login(globex.email("import")).await;
    let (status, theirs) = app.upload(&other, "globex.csv", csv_of(1_500)).await;
    assert_eq!(status, 201, "{theirs:#}");
}

#[tokio::test]
async fn import_error_reports_count_against_the_quota() {
    let app = spawn_app_with(|settings| settings.upload_quota_bytes = QUOTA).await;
    let acme = app.tenant("acme").await;
    let importer: Caller = app.login(acme.email("import")).await;

    // 20 rows refused (an invalid e-mail each): their error report is kept with the import.
    let mut file = String::from("Réf;Nom;E-mail\n");
    for i in 0..20 {
        file.push_str(&format!("R{i};Nom {i};pas-un-email-{i}\n"));
    }
    let size = file.len() as u64;
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "E-mail", "field": "PERSONAL_EMAIL" },
    ]);
    let id = app
        .import_file(
            &importer,
            "erreurs.csv",
            file.into_bytes(),
            json!({ "columns": columns, "upsertKey": "EXTERNAL_ID" }),
        )
        .await;
    let state =
        app.gql(&importer, "query($id: ID!) { import(id: $id) { status rowsFailed } }", json!({ "id": id })).await;
    assert_eq!(state.ok()["import"]["rowsFailed"], 20);

    // Without the report this would fit exactly; with it, the tenant uses more than its file.
    let (status, refused) = app.upload(&importer, "reste.csv", csv_of((QUOTA - size) as usize)).await;
    assert_eq!(status, 413, "{refused:#}");
    let extensions = &refused["errors"][0]["extensions"];
    assert_eq!(extensions["code"], "QUOTA_EXCEEDED");
    let used = extensions["usedBytes"].as_u64().expect("usedBytes");
    assert!(used > size + 20 * 10, "the error report counts: {used} bytes used for a {size}-byte file");
    assert_eq!(upload_rows(&app).await, 1);
    assert_eq!(stored_files(&app, acme.id).len(), 1);
}

#[tokio::test]
async fn uploads_finishing_at_once_never_pass_the_quota_together() {
    let app = spawn_app_with(|settings| settings.upload_quota_bytes = QUOTA).await;
    let acme = app.tenant("acme").await;
    let importer = app.login(acme.email("import")).await;
    // Twelve files of 600 bytes at once: three fit in 2 000, whatever the interleaving.
    let uploads = (0..12).map(|i| {
        let (app, importer) = (&app, &importer);
        async move { app.upload(importer, &format!("lot-{i}.csv"), csv_of(600)).await }
    });
    let answers = futures::future::join_all(uploads).await;
    let accepted = answers.iter().filter(|(status, _)| *status == 201).count();
    assert!(answers.iter().all(|(status, _)| [201, 413].contains(status)), "{answers:?}");
    assert_eq!(accepted, 3, "{answers:?}");
    assert_eq!(upload_rows(&app).await, 3);
    assert_eq!(stored_files(&app, acme.id).len(), 3);
}

#[tokio::test]
async fn uploaded_files_and_error_reports_are_purged_after_the_retention_delay_and_free_the_quota() {
    let app = spawn_app_with(|settings| settings.files_retention_days = 30).await;
    let acme = app.tenant("acme").await;
    let importer: Caller = app.login(acme.email("import")).await;
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "E-mail", "field": "PERSONAL_EMAIL" },
    ]);
    let file = "Réf;Nom;E-mail\nR1;Martin;martin@exemple.fr\nR2;Durand;pas-un-email\n";
    let import = app
        .import_file(
            &importer,
            "clients.csv",
            file.as_bytes().to_vec(),
            json!({ "columns": columns, "upsertKey": "EXTERNAL_ID" }),
        )
        .await;
    const STATE: &str = "query($id: ID!) { import(id: $id) { status rowsFailed rowsCreated errorReportUrl } }";
    let state = app.gql(&importer, STATE, json!({ "id": import })).await.ok()["import"].clone();
    assert_eq!((state["rowsCreated"].as_i64(), state["rowsFailed"].as_i64()), (Some(1), Some(1)));
    let report_url = state["errorReportUrl"].as_str().unwrap().to_owned();
    let upload_id = crm360_suite::find_all::<crm360_contacts::model::upload::Entity>(&app.db).await[0].id;
    let usage =
        || async { crm360_contacts::service::uploads::usage(&app.operator_scope().on_tenant(acme.id)).await.unwrap() };
    assert!(usage().await > file.len() as u64);

    // Within the delay, everything stays.
    app.clock.advance(chrono::Duration::days(29));
    app.jobs.run_due().await.unwrap();
    let importer = app.login(acme.email("import")).await;
    assert_eq!(stored_files(&app, acme.id).len(), 1);
    assert_eq!(app.get_text(&importer, &report_url).await.0, 200);

    // After it, the file and the report's rows are gone, the figures stay, the quota is free.
    app.clock.advance(chrono::Duration::days(2));
    app.jobs.run_due().await.unwrap();
    let importer = app.login(acme.email("import")).await;
    assert!(stored_files(&app, acme.id).is_empty(), "the file is deleted");
    let upload = crm360_suite::find_all::<crm360_contacts::model::upload::Entity>(&app.db).await;
    assert!(upload[0].purged_at.is_some() && upload[0].size_bytes == 0);
    assert_eq!(app.count("contact_import_error").await, 0);
    assert_eq!(usage().await, 0);
    let state = app.gql(&importer, STATE, json!({ "id": import })).await.ok()["import"].clone();
    assert_eq!((state["rowsCreated"].as_i64(), state["rowsFailed"].as_i64()), (Some(1), Some(1)), "the history stays");
    let (status, body) = app.get_text(&importer, &report_url).await;
    assert_ne!(status, 200);
    assert!(body.contains("FILE_PURGED"), "{body}");
    let again = app
        .gql(
            &importer,
            "mutation($input: StartImportInput!) { startImport(input: $input) { import { id } } }",
            json!({ "input": { "uploadId": upload_id.to_string(), "columns": columns, "upsertKey": "EXTERNAL_ID" } }),
        )
        .await;
    assert_eq!(again.reason(), Some("FILE_PURGED"));
    assert_eq!(app.count("contact").await, 1, "nothing else changed");
}
