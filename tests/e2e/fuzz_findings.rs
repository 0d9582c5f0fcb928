//! What the schema-driven GraphQL fuzzer (`scripts/graphql-fuzz.sh`) found, one regression
//! test a finding: the request that triggered it, and the typed answer it must get instead of
//! `INTERNAL` or a 5xx.

use crm360_suite::spawn_app;
use serde_json::json;

/// Found with two fuzzing workers (and a job worker) on SQLite: `createContact` answered
/// `INTERNAL` ("database is locked", SQLite codes 5 and 517 `SQLITE_BUSY_SNAPSHOT`) while
/// another request or job was writing. Every transaction of the door starts `DEFERRED`: it
/// reads first (the custom fields), and its first write must upgrade a read snapshot that
/// another writer has since made stale, which SQLite refuses at once, without waiting on the
/// busy timeout. Concurrent writers must all succeed, one after another.
///
/// The fix is in the kernel (`TenantScope::begin`, `Unscoped::begin`, the job queue's claim):
/// begin SQLite transactions `IMMEDIATE` (sea-orm's `begin_with_options` with
/// `sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate)`), so that a writer waits
/// for the lock with the busy timeout instead of failing.
#[tokio::test]
async fn concurrent_writes_on_sqlite_wait_for_the_lock_instead_of_failing() {
    let app = spawn_app().await;
    let tenant = app.tenant("fuzz").await;
    let writer = app.login(tenant.email("import")).await;
    let creates = (0..32).map(|i| {
        let (app, writer) = (&app, &writer);
        async move {
            app.gql(
                writer,
                "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }",
                json!({ "input": { "civility": "MR", "lastName": format!("Concurrent {i}") } }),
            )
            .await
        }
    });
    let answers = futures::future::join_all(creates).await;
    let failed: Vec<_> = answers.iter().filter(|answer| answer.body.get("errors").is_some()).collect();
    assert!(failed.is_empty(), "{} of 32 concurrent creations failed, first: {:#}", failed.len(), failed[0].body);
    assert_eq!(app.count("contact").await, 32);
}
