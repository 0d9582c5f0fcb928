//! The audit trail's evidential value (issue 13, contract article 17): the seal chains each
//! tenant's entries and signs Merkle checkpoints; verification finds an entry changed,
//! removed or moved afterwards, straight in the database; a tenant administrator downloads a
//! proof bundle that verifies offline, with the binary's `crm360 audit verify-proof` too.
//! On SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.

use crate::server_process::binary;
use chrono::Duration;
use crm360_audit::service::verify::{Problem, VerifyReport, verify};
use crm360_audit_ledger::ProofBundle;
use crm360_kernel::model::audit_entry;
use crm360_suite::{TestApp, find_all, spawn_app};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

fn public_key(app: &TestApp) -> String {
    crm360_audit::service::key::load(None, &app.data_dir).unwrap().public_key()
}

/// Runs the minute's jobs, the seal among them.
async fn seal(app: &TestApp) {
    app.clock.advance(Duration::minutes(2));
    app.jobs.run_due().await.unwrap();
}

async fn check(app: &TestApp, tenant: Uuid) -> VerifyReport {
    verify(&app.platform, &public_key(app), Some(Some(tenant))).await.unwrap()
}

async fn entry_at(app: &TestApp, tenant: Uuid, position: i64) -> audit_entry::Model {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::TenantId.eq(tenant))
        .filter(audit_entry::Column::ChainPosition.eq(position))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Changes one column of one entry straight in the table, as a forger with database access.
async fn forge(app: &TestApp, id: Uuid, column: audit_entry::Column, value: impl Into<sea_orm::Value>) {
    let value: sea_orm::Value = value.into();
    let changed = audit_entry::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(audit_entry::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
}

async fn remove(app: &TestApp, id: Uuid) {
    assert_eq!(audit_entry::Entity::delete_by_id(id).exec(&app.db).await.unwrap().rows_affected, 1);
}

#[tokio::test]
async fn the_seal_chains_every_entry_and_verification_finds_a_changed_a_moved_and_a_removed_one() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("globex").await;
    seal(&app).await;

    let entries = find_all::<audit_entry::Entity>(&app.db).await;
    assert!(entries.iter().all(|e| e.chain_position.is_some() && e.chain_hash.is_some()), "every entry sealed");
    let mut positions: Vec<i64> =
        entries.iter().filter(|e| e.tenant_id == Some(tenant.id)).filter_map(|e| e.chain_position).collect();
    positions.sort();
    let held = positions.len() as i64;
    assert!(held > 5, "the fixture's users are audited");
    assert_eq!(positions, (1..=held).collect::<Vec<_>>(), "one chain per tenant, gapless from 1");
    let whole = verify(&app.platform, &public_key(&app), None).await.unwrap();
    assert!(whole.findings.is_empty(), "{:?}", whole.findings);
    assert!(whole.chains >= 2 && whole.checkpoints >= 2);

    // A later change is sealed on top: the chain goes on from its head.
    app.login(&tenant.admin_email).await;
    seal(&app).await;
    assert!(check(&app, tenant.id).await.findings.is_empty());

    // A field changed in the table.
    let third = entry_at(&app, tenant.id, 3).await;
    forge(&app, third.id, audit_entry::Column::Action, "user.delete").await;
    let report = check(&app, tenant.id).await;
    assert!(report.findings.iter().any(|f| f.position == 3 && f.problem == Problem::EntryAltered), "{report:?}");
    forge(&app, third.id, audit_entry::Column::Action, third.action.clone()).await;
    assert!(check(&app, tenant.id).await.findings.is_empty(), "put back, it holds again");

    // The personal content changed.
    forge(&app, third.id, audit_entry::Column::Ip, "203.0.113.9").await;
    let report = check(&app, tenant.id).await;
    assert_eq!(
        report.findings.iter().map(|f| (f.position, f.problem.clone())).collect::<Vec<_>>(),
        [(3, Problem::ContentAltered)]
    );
    forge(&app, third.id, audit_entry::Column::Ip, third.ip.clone()).await;

    // Two entries swapped.
    let (second, fourth) = (entry_at(&app, tenant.id, 2).await, entry_at(&app, tenant.id, 4).await);
    forge(&app, second.id, audit_entry::Column::ChainPosition, 4i64).await;
    forge(&app, fourth.id, audit_entry::Column::ChainPosition, 2i64).await;
    let report = check(&app, tenant.id).await;
    let moved: Vec<u64> =
        report.findings.iter().filter(|f| f.problem == Problem::EntryAltered).map(|f| f.position).collect();
    assert_eq!(moved, [2, 4], "{report:?}");
    forge(&app, second.id, audit_entry::Column::ChainPosition, 2i64).await;
    forge(&app, fourth.id, audit_entry::Column::ChainPosition, 4i64).await;
    assert!(check(&app, tenant.id).await.findings.is_empty());

    // An entry removed: the positions jump and the signed checkpoint no longer holds.
    remove(&app, third.id).await;
    let report = check(&app, tenant.id).await;
    assert!(
        report.findings.iter().any(|f| f.position == 4 && f.problem == Problem::Missing { expected: 3 }),
        "{report:?}"
    );
    let checkpoint_broken = |p: &Problem| matches!(p, Problem::RootMismatch { .. } | Problem::Truncated { .. });
    assert!(report.findings.iter().any(|f| checkpoint_broken(&f.problem)), "{report:?}");

    // The last entry removed: the checkpoint counts it.
    let last = audit_entry::Entity::find()
        .filter(audit_entry::Column::TenantId.eq(other.id))
        .order_by_desc(audit_entry::Column::ChainPosition)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    remove(&app, last.id).await;
    let report = check(&app, other.id).await;
    assert!(report.findings.iter().any(|f| matches!(f.problem, Problem::Truncated { .. })), "{report:?}");

    // The binary says so too, and fails.
    let database_url = app.database_url.clone();
    let out = std::process::Command::new(binary())
        .args(["audit", "verify"])
        .env("DATABASE_URL", &database_url)
        .env("CRM360_DATA_DIR", &app.data_dir)
        .env("CRM360_CONFIG", app.data_dir.join("none.toml"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains(&format!("chain {} position 4", tenant.id)) && stdout.contains("entries missing"),
        "{stdout}"
    );
}

#[tokio::test]
async fn a_proof_bundle_downloaded_by_the_admin_verifies_offline_and_a_forged_one_does_not() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("globex").await;
    let admin = app.login(&tenant.admin_email).await;
    const LOG: &str = "{ auditLog(first: 3) { nodes { id action sealedPosition } } }";
    const BUNDLE: &str = "query($ids: [ID!]!) { auditProofBundle(entryIds: $ids) }";

    let log = app.gql(&admin, LOG, json!({})).await;
    let nodes = log.data()["auditLog"]["nodes"].as_array().unwrap().clone();
    let ids: Vec<String> = nodes.iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect();
    let early = app.gql(&admin, BUNDLE, json!({ "ids": ids })).await;
    assert_eq!(early.code(), Some("INVALID_INPUT"), "nothing sealed yet");
    assert_eq!(early.reason(), Some("NOT_SEALED_YET"));

    seal(&app).await;
    let log = app.gql(&admin, LOG, json!({})).await;
    assert!(log.data()["auditLog"]["nodes"].as_array().unwrap().iter().all(|n| n["sealedPosition"].is_i64()));
    let checkpoint = app.gql(&admin, "{ auditCheckpoint { size root publicKey } }", json!({})).await;
    assert_eq!(checkpoint.data()["auditCheckpoint"]["publicKey"], public_key(&app));

    let text =
        app.gql(&admin, BUNDLE, json!({ "ids": ids })).await.data()["auditProofBundle"].as_str().unwrap().to_owned();
    let bundle: ProofBundle = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle.verify(&public_key(&app)), Ok(3));
    assert_eq!(bundle.checkpoint.checkpoint.size, checkpoint.data()["auditCheckpoint"]["size"].as_u64().unwrap());

    // Offline, with the binary and nothing else.
    let file = app.data_dir.join("bundle.json");
    std::fs::write(&file, &text).unwrap();
    let run = |key: &str| {
        std::process::Command::new(binary())
            .args(["audit", "verify-proof"])
            .arg(&file)
            .args(["--public-key", key])
            .output()
            .unwrap()
    };
    let ok = run(&public_key(&app));
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("3 entries proved"));
    // And with nothing of crm360: the documented Python and OpenSSL procedure.
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/verify_audit_proof.py");
    let python = |key: &str| std::process::Command::new("python3").arg(&script).arg(&file).arg(key).output().unwrap();
    let ok = python(&public_key(&app));
    assert!(ok.status.success(), "{}{}", String::from_utf8_lossy(&ok.stdout), String::from_utf8_lossy(&ok.stderr));
    let other_key =
        crm360_audit_ledger::CheckpointKey::from_base64(&crm360_audit_ledger::CheckpointKey::generate_base64())
            .unwrap()
            .public_key();
    let refused = python(&other_key);
    assert_eq!(refused.status.code(), Some(1), "another key is refused by OpenSSL too");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("signature"));
    let stranger =
        crm360_audit_ledger::CheckpointKey::from_base64(&crm360_audit_ledger::CheckpointKey::generate_base64())
            .unwrap()
            .public_key();
    assert_eq!(run(&stranger).status.code(), Some(1), "another key is refused");
    let mut forged: serde_json::Value = serde_json::from_str(&text).unwrap();
    forged["entries"][0]["record"]["action"] = json!("contact.export");
    std::fs::write(&file, forged.to_string()).unwrap();
    let refused = run(&public_key(&app));
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("inclusion proof"));
    let refused = python(&public_key(&app));
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stdout));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("inclusion proof"));

    // Another tenant's entry is not found; a user who is not an administrator is refused.
    let foreign = audit_entry::Entity::find()
        .filter(audit_entry::Column::TenantId.eq(other.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let crossed = app.gql(&admin, BUNDLE, json!({ "ids": [foreign.id.to_string()] })).await;
    assert_eq!(crossed.code(), Some("NOT_FOUND"));
    let user = app.login(tenant.email("allrights")).await;
    assert_eq!(app.gql(&user, BUNDLE, json!({ "ids": ids })).await.code(), Some("FORBIDDEN"));
    let none = app.gql(&admin, BUNDLE, json!({ "ids": [] })).await;
    assert_eq!(none.reason(), Some("OUT_OF_RANGE"));
}

#[tokio::test]
async fn an_erasure_clears_the_content_and_the_chain_still_verifies() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    seal(&app).await;
    let target = entry_at(&app, tenant.id, 2).await;
    let scope = app.operator_scope().on_tenant(tenant.id);
    let txn = scope.begin().await.unwrap();
    let cleared = txn.redact_audit(&target.target_type, target.target_id.as_deref().unwrap()).await.unwrap();
    txn.commit().await.unwrap();
    assert!(cleared >= 1);
    let erased = entry_at(&app, tenant.id, 2).await;
    assert!(erased.redacted_at.is_some() && erased.after.is_none() && erased.ip.is_none());
    assert!(check(&app, tenant.id).await.findings.is_empty(), "an erasure keeps the chain");

    // Content put back in an erased entry is not an erasure: it is found.
    forge(&app, erased.id, audit_entry::Column::After, json!({ "email": "x@exemple.fr" })).await;
    let report = check(&app, tenant.id).await;
    assert!(report.findings.iter().any(|f| f.position == 2 && f.problem == Problem::ContentAltered), "{report:?}");
}

#[tokio::test]
async fn the_audit_log_is_searched_and_operator_staff_see_it_without_personal_content() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("globex").await;
    let admin = app.login(&tenant.admin_email).await;
    let operator = app.login(&app.operator("ops@operator.test").await).await;
    const LOG: &str = "query($search: AuditSearchInput) { auditLog(first: 100, search: $search) { nodes { id action targetType targetId actorId at after } } }";
    let search = |search: Value| {
        let (app, admin) = (&app, &admin);
        async move { app.gql(admin, LOG, json!({ "search": search })).await }
    };
    let all = search(json!(null)).await.data()["auditLog"]["nodes"].as_array().unwrap().clone();
    let users = search(json!({ "action": " USER." })).await.data()["auditLog"]["nodes"].as_array().unwrap().clone();
    assert!(!users.is_empty() && users.len() <= all.len());
    assert!(users.iter().all(|n| n["action"].as_str().unwrap().starts_with("user.")), "{users:?}");
    // Every login is in the trail, with who.
    let logins =
        search(json!({ "action": "session.login" })).await.data()["auditLog"]["nodes"].as_array().unwrap().clone();
    assert!(logins.iter().any(|n| n["actorId"] == tenant.admin_id.to_string()), "{logins:?}");
    // A LIKE wildcard in the search is taken literally.
    assert!(search(json!({ "action": "%" })).await.data()["auditLog"]["nodes"].as_array().unwrap().is_empty());

    let someone = &users[0];
    let target = search(json!({ "targetType": someone["targetType"], "targetId": someone["targetId"] })).await;
    let found = target.data()["auditLog"]["nodes"].as_array().unwrap();
    assert!(found.iter().all(|n| n["targetId"] == someone["targetId"]) && !found.is_empty());
    let at: chrono::DateTime<chrono::Utc> = someone["at"].as_str().unwrap().parse().unwrap();
    let window = search(json!({ "from": at.to_rfc3339(), "to": (at + Duration::seconds(1)).to_rfc3339() })).await;
    assert!(window.data()["auditLog"]["nodes"].as_array().unwrap().iter().any(|n| n["id"] == someone["id"]));
    let later = search(json!({ "from": (at + Duration::days(1)).to_rfc3339() })).await;
    assert!(later.data()["auditLog"]["nodes"].as_array().unwrap().is_empty());

    // Bad searches are typed and change nothing.
    let backwards = search(json!({ "from": at.to_rfc3339(), "to": (at - Duration::days(1)).to_rfc3339() })).await;
    assert_eq!(backwards.reason(), Some("ENDS_BEFORE_START"));
    assert_eq!(search(json!({ "actorId": "pas-un-id" })).await.reason(), Some("INVALID_ID"));
    assert_eq!(search(json!({ "action": "x".repeat(201) })).await.reason(), Some("TOO_LONG"));

    // Another tenant's object is not found in this tenant's log.
    let foreign = audit_entry::Entity::find()
        .filter(audit_entry::Column::TenantId.eq(other.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let crossed = search(json!({ "targetId": foreign.target_id })).await;
    assert!(crossed.data()["auditLog"]["nodes"].as_array().unwrap().iter().all(|n| n["id"] != foreign.id.to_string()));

    // Operator staff search one tenant or all, and never read the states before and after.
    const PLATFORM: &str = "query($tenant: ID, $search: AuditSearchInput) { platformAuditLog(first: 100, tenantId: $tenant, search: $search) { nodes { id tenantId action before after } } }";
    let theirs = app.gql(&operator, PLATFORM, json!({ "tenant": other.id.to_string() })).await;
    let nodes = theirs.data()["platformAuditLog"]["nodes"].as_array().unwrap().clone();
    assert!(!nodes.is_empty() && nodes.iter().all(|n| n["tenantId"] == other.id.to_string()));
    assert!(nodes.iter().all(|n| n["before"].is_null() && n["after"].is_null()), "no personal content");
    let everyone = app.gql(&operator, PLATFORM, json!({ "search": { "action": "user.create" } })).await;
    let tenants: std::collections::HashSet<String> = everyone.data()["platformAuditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["tenantId"].as_str().map(str::to_owned))
        .collect();
    assert!(tenants.contains(&tenant.id.to_string()) && tenants.contains(&other.id.to_string()));
    assert_eq!(app.gql(&admin, PLATFORM, json!({})).await.code(), Some("FORBIDDEN"));
}
