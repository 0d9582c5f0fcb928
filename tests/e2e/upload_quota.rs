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
