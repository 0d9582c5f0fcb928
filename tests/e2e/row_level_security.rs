//! PostgreSQL's row-level security, the second wall between tenants: through the
//! application's role, a statement without a tenant set sees no row of any tenant table
//! (every one, listed from the catalogue), and with a tenant set it can neither read, insert
//! nor move rows of another tenant. SQLite has no row-level security: there the kernel's door
//! and the lint are the guarantee, and these tests have nothing to check.

use crm360_suite::{TestApp, spawn_app};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

fn on_postgres(app: &TestApp) -> bool {
    app.db.get_database_backend() == DbBackend::Postgres
}

async fn scalar(db: &impl ConnectionTrait, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await.expect(sql).expect("a row");
    row.try_get_by_index::<i64>(0).expect("a number")
}

async fn tenant_tables(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT table_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY 1",
        ))
        .await
        .expect("catalogue");
    rows.iter().map(|row| row.try_get_by_index::<String>(0).expect("a name")).collect()
}

/// Two tenants with a little of everything: users, sessions, connection log, audit trail,
/// contacts with consents and custom values, a segment, an import, a postal run.
async fn two_busy_tenants(app: &TestApp) -> (Uuid, Uuid) {
    let mut ids = Vec::new();
    for slug in ["alpha", "beta"] {
        let tenant = app.tenant(slug).await;
        let admin = app.login(&tenant.admin_email).await;
        app.gql(&admin, "mutation { createCustomField(input: {key: \"tier\", label: \"Niveau\", kind: TEXT}) { customField { id } } }", json!({}))
            .await
            .ok();
        let created = app
            .gql(
                &admin,
                "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }",
                json!({ "input": { "lastName": "Lefèvre", "personalEmail": format!("h@{slug}.fr"), "postalCode": "75011", "city": "Paris",
                    "addressLine4": "3 rue des Écoles", "customValues": [{ "key": "tier", "value": "Or" }] } }),
            )
            .await;
        let contact = created.ok()["createContact"]["contact"]["id"].clone();
        app.gql(
            &admin,
            "mutation($id: ID!) { setContactConsent(input: {contactId: $id, channel: EMAIL, status: GRANTED, source: \"test\"}) { __typename } }",
            json!({ "id": contact }),
        )
        .await
        .ok();
        app.gql(
            &admin,
            "mutation { createSegment(input: {name: \"Tous\", definition: {condition: {field: CITY, operator: IS_NOT_EMPTY}}}) { segment { id } } }",
            json!({}),
        )
        .await
        .ok();
        app.import_file(
            &admin,
            "contacts.csv",
            "nom;email\nMartin;m@exemple.fr\n".as_bytes().to_vec(),
            json!({
            "columns": [{ "column": "nom", "field": "LAST_NAME" }, { "column": "email", "field": "PERSONAL_EMAIL" }],
            "upsertKey": "EMAIL", "dryRun": false }),
        )
        .await;
        ids.push(tenant.id);
    }
    (ids[0], ids[1])
}

#[tokio::test]
async fn without_a_tenant_the_application_role_sees_no_tenant_row() {
    let app = spawn_app().await;
    if !on_postgres(&app) {
        return;
    }
    assert!(!crm360::db::bypasses_row_level_security(&app.app_db).await.unwrap(), "the app role must be bound");
    two_busy_tenants(&app).await;
    let tables = tenant_tables(&app.db).await;
    assert!(tables.len() >= 20, "tenant tables found: {tables:?}");
    let mut populated = 0;
    for table in tables.iter().map(String::as_str).chain(["tenant"]) {
        let protected = scalar(
            &app.db,
            &format!(
                "SELECT count(*) FROM pg_class c WHERE c.oid = '{table}'::regclass \
                 AND c.relrowsecurity AND c.relforcerowsecurity \
                 AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)"
            ),
        )
        .await;
        assert_eq!(protected, 1, "{table} has no forced row-level security with a policy");
        let stored = scalar(&app.db, &format!("SELECT count(*) FROM {table}")).await;
        let seen = scalar(&app.app_db, &format!("SELECT count(*) FROM {table}")).await;
        assert_eq!(seen, 0, "{table}: the application role sees {seen} of {stored} rows without a tenant");
        populated += usize::from(stored > 0);
    }
    assert!(populated >= 12, "only {populated} tenant tables had rows: the check proves too little");
}

#[tokio::test]
async fn with_a_tenant_set_another_tenants_rows_can_be_neither_read_nor_written() {
    let app = spawn_app().await;
    if !on_postgres(&app) {
        return;
    }
    let (alpha, beta) = two_busy_tenants(&app).await;
    let txn = app.app_db.begin().await.unwrap();
    txn.execute_unprepared(&format!("SET LOCAL app.tenant_id = '{alpha}'")).await.unwrap();
    let all = scalar(&app.db, "SELECT count(*) FROM contact").await;
    let own = scalar(&app.db, &format!("SELECT count(*) FROM contact WHERE tenant_id = '{alpha}'")).await;
    assert!(own > 0 && own < all);
    assert_eq!(scalar(&txn, "SELECT count(*) FROM contact").await, own, "only alpha's contacts");
    assert_eq!(scalar(&txn, &format!("SELECT count(*) FROM contact WHERE tenant_id = '{beta}'")).await, 0);
    assert_eq!(scalar(&txn, "SELECT count(*) FROM tenant").await, 1, "only alpha's own tenant row");

    // Writing beta's rows from alpha's transaction: refused or touching nothing.
    let refused = |sql: String| {
        let txn = &txn;
        async move {
            txn.execute_unprepared("SAVEPOINT attempt").await.unwrap();
            let outcome = txn.execute_unprepared(&sql).await;
            txn.execute_unprepared("ROLLBACK TO SAVEPOINT attempt").await.unwrap();
            outcome
        }
    };
    let insert = refused(format!(
        "INSERT INTO audit_entry (id, tenant_id, at, actor_kind, action, target_type) \
         VALUES ('{}', '{beta}', now(), 'SYSTEM', 'forged', 'contact')",
        Uuid::now_v7()
    ))
    .await;
    let message = format!("{:?}", insert.expect_err("an insert for another tenant is refused"));
    assert!(message.contains("row-level security"), "{message}");
    let moved = refused(format!("UPDATE contact SET tenant_id = '{beta}' WHERE tenant_id = '{alpha}'")).await;
    assert!(
        format!("{:?}", moved.expect_err("moving a row to another tenant is refused")).contains("row-level security")
    );
    let touched = refused(format!("UPDATE contact SET city = 'Pirate' WHERE tenant_id = '{beta}'")).await.unwrap();
    assert_eq!(touched.rows_affected(), 0, "beta's contacts are out of reach");
    let deleted = refused("DELETE FROM contact_consent".to_owned()).await.unwrap();
    let beta_consents =
        scalar(&app.db, &format!("SELECT count(*) FROM contact_consent WHERE tenant_id = '{beta}'")).await;
    assert!(beta_consents > 0);
    assert_eq!(
        deleted.rows_affected() as i64,
        scalar(&app.db, &format!("SELECT count(*) FROM contact_consent WHERE tenant_id = '{alpha}'")).await
    );
    txn.rollback().await.unwrap();
    assert_eq!(scalar(&app.db, &format!("SELECT count(*) FROM audit_entry WHERE action = 'forged'")).await, 0);
}
