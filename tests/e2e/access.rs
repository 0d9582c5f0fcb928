//! The administrator's access operations (the contract's Annex 3 form) and their audit trail.

use crm360_suite::{PASSWORD, spawn_app};
use serde_json::{Value, json};

const CREATE_USER: &str = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email firstName lastName organization rights status isTenantAdmin lastLoginAt } } }";

fn new_user(email: &str, password: &str, rights: Value) -> Value {
    json!({ "input": { "email": email, "firstName": "Chloé", "lastName": "Prestataire", "organization": "Agence Nord",
        "password": password, "rights": rights } })
}

#[tokio::test]
async fn the_access_form_operations_work_and_are_audited() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;

    // Create.
    let created =
        app.gql(&admin, CREATE_USER, new_user("Chloe@Agence-Nord.fr", PASSWORD, json!(["CONSULT", "ANALYSE"]))).await;
    let user = created.ok()["createUser"]["user"].clone();
    assert_eq!(user["email"], "chloe@agence-nord.fr");
    assert_eq!(user["organization"], "Agence Nord");
    assert_eq!(user["rights"], json!(["CONSULT", "ANALYSE"]));
    assert_eq!(user["status"], "ACTIVE");
    let id = user["id"].as_str().unwrap().to_owned();

    // The new user must replace the first password.
    let chloe = app.login("chloe@agence-nord.fr").await;
    assert_eq!(
        app.gql(&chloe, "{ me { mustChangePassword } }", json!({})).await.ok()["me"]["mustChangePassword"],
        true
    );

    // Restrict, then grant.
    let restricted = app
        .gql(
            &admin,
            "mutation($id: ID!) { setUserRights(input: {userId: $id, rights: [ANALYSE]}) { user { rights } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(restricted.ok()["setUserRights"]["user"]["rights"], json!(["ANALYSE"]));
    // The restriction applies to the user's live session at once.
    assert_eq!(app.gql(&chloe, "{ me { rights } }", json!({})).await.ok()["me"]["rights"], json!(["ANALYSE"]));

    // Close, then reopen.
    let closed = app
        .gql(&admin, "mutation($id: ID!) { closeUser(input: {userId: $id}) { user { status } } }", json!({ "id": id }))
        .await;
    assert_eq!(closed.ok()["closeUser"]["user"]["status"], "CLOSED");
    let reopened = app
        .gql(&admin, "mutation($id: ID!) { reopenUser(input: {userId: $id}) { user { status } } }", json!({ "id": id }))
        .await;
    assert_eq!(reopened.ok()["reopenUser"]["user"]["status"], "ACTIVE");

    // The list shows rights and last login.
    let listed =
        app.gql(&admin, "{ users(first: 100) { nodes { email rights lastLoginAt status } } }", json!({})).await;
    let chloe_row = listed.ok()["users"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "chloe@agence-nord.fr")
        .unwrap()
        .clone();
    assert_eq!(chloe_row["rights"], json!(["ANALYSE"]));
    assert!(chloe_row["lastLoginAt"].is_string());

    // Every change is in the audit trail, with who, what, when, before and after.
    let audit = app
        .gql(
            &admin,
            "{ auditLog(first: 100) { nodes { action actorKind actorId targetId at before after } } }",
            json!({}),
        )
        .await;
    let entries: Vec<Value> = audit.ok()["auditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["targetId"] == id.as_str())
        .cloned()
        .collect();
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["user.reopen", "user.close", "user.rights.set", "user.create"], "newest first");
    for entry in &entries {
        assert_eq!(entry["actorKind"], "TENANT_ADMIN");
        assert_eq!(entry["actorId"], tenant.admin_id.to_string());
        assert!(entry["at"].is_string());
    }
    let rights_change = &entries[2];
    assert_eq!(rights_change["before"]["rights"], json!(["CONSULT", "ANALYSE"]));
    assert_eq!(rights_change["after"]["rights"], json!(["ANALYSE"]));
    assert_eq!(entries[1]["after"]["status"], "CLOSED");
    assert!(!audit.body.to_string().contains("argon2"), "no password hash in the audit trail");
}

#[tokio::test]
async fn bad_input_gets_a_typed_error_and_writes_nothing() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let users_before = app.count("tenant_user").await;
    let audit_before = app.count("audit_entry").await;

    let malformed = app.gql(&admin, CREATE_USER, new_user("chloe.agence-nord.fr", PASSWORD, json!(["CONSULT"]))).await;
    assert_eq!(malformed.code(), Some("INVALID_INPUT"));
    assert_eq!(malformed.body["errors"][0]["extensions"]["field"], "email");
    assert_eq!(malformed.reason(), Some("INVALID_EMAIL"));

    let weak = app.gql(&admin, CREATE_USER, new_user("chloe@agence-nord.fr", "chloe2024", json!(["CONSULT"]))).await;
    assert_eq!(weak.code(), Some("INVALID_INPUT"));
    assert_eq!(weak.body["errors"][0]["extensions"]["field"], "password");
    assert_eq!(weak.reason(), Some("WEAK_PASSWORD"));

    let unknown_right =
        app.gql(&admin, CREATE_USER, new_user("chloe@agence-nord.fr", PASSWORD, json!(["CONSULT", "FLY"]))).await;
    assert_eq!(unknown_right.code(), Some("INVALID_INPUT"));
    assert_eq!(unknown_right.status, 400, "a request that cannot execute is a 400");

    let empty_name = app
        .gql(&admin, CREATE_USER, json!({ "input": { "email": "x@agence-nord.fr", "firstName": "  ", "lastName": "P", "password": PASSWORD, "rights": [] } }))
        .await;
    assert_eq!(empty_name.body["errors"][0]["extensions"]["field"], "firstName");
    assert_eq!(empty_name.reason(), Some("REQUIRED"));

    let taken = app.gql(&admin, CREATE_USER, new_user(tenant.email("consult"), PASSWORD, json!([]))).await;
    assert_eq!(taken.code(), Some("CONFLICT"));
    assert_eq!(taken.reason(), Some("EMAIL_TAKEN"));

    let bad_id =
        app.gql(&admin, "mutation { closeUser(input: {userId: \"not-an-id\"}) { user { id } } }", json!({})).await;
    assert_eq!(bad_id.code(), Some("INVALID_INPUT"));
    assert_eq!(bad_id.body["errors"][0]["extensions"]["field"], "userId");

    let bad_page = app.gql(&admin, "{ users(first: 100000) { nodes { id } } }", json!({})).await;
    assert_eq!(bad_page.code(), Some("INVALID_INPUT"));

    assert_eq!(app.count("tenant_user").await, users_before, "no user was written");
    assert_eq!(app.count("audit_entry").await, audit_before, "no audit entry was written");
}

#[tokio::test]
async fn an_administrator_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let admin = app.login(&tenant.admin_email).await;
    let refused = app
        .gql(
            &admin,
            "mutation($id: ID!) { closeUser(input: {userId: $id}) { user { id } } }",
            json!({ "id": tenant.admin_id.to_string() }),
        )
        .await;
    assert_eq!(refused.code(), Some("CONFLICT"));
    assert_eq!(refused.reason(), Some("SELF_LOCKOUT"));
}

#[tokio::test]
async fn access_management_is_for_administrators_and_denials_are_audited() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let everything_but_admin = app.login(tenant.email("allrights")).await;
    let users_before = app.count("tenant_user").await;
    let denied = app.gql(&everything_but_admin, CREATE_USER, new_user("z@agence-nord.fr", PASSWORD, json!([]))).await;
    assert_eq!(denied.code(), Some("FORBIDDEN"));
    assert_eq!(app.count("tenant_user").await, users_before);
    let admin = app.login(&tenant.admin_email).await;
    // The latest denial (the administrator's own login came after it).
    let audit = app
        .gql(
            &admin,
            "{ auditLog(first: 5, search: { action: \"access.\" }) { nodes { action targetId actorId } } }",
            json!({}),
        )
        .await;
    let latest = &audit.ok()["auditLog"]["nodes"][0];
    assert_eq!(latest["action"], "access.denied");
    assert_eq!(latest["targetId"], "createUser");
    assert_eq!(latest["actorId"], tenant.user_id("allrights").to_string());
}

#[tokio::test]
async fn operators_create_tenants_with_a_first_administrator() {
    let app = spawn_app().await;
    let operator = app.login(&app.operator("ops@operator.test").await).await;
    let created = app
        .gql(
            &operator,
            "mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id name platform status userCount } admin { email isTenantAdmin rights } } }",
            json!({ "input": { "name": "Librairie Dupont", "platform": "DEDICATED", "adminEmail": "marie@librairie-dupont.fr",
                "adminFirstName": "Marie", "adminLastName": "Dupont", "adminPassword": PASSWORD } }),
        )
        .await;
    let payload = &created.ok()["createTenant"];
    assert_eq!(payload["tenant"]["platform"], "DEDICATED");
    assert_eq!(payload["tenant"]["status"], "ACTIVE");
    assert_eq!(payload["tenant"]["userCount"], 1);
    assert_eq!(payload["admin"]["isTenantAdmin"], true);
    assert_eq!(payload["admin"]["rights"], json!(["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"]));

    let marie = app.login("marie@librairie-dupont.fr").await;
    let me = app.gql(&marie, "{ me { kind mustChangePassword tenant { name } } }", json!({})).await;
    assert_eq!(me.ok()["me"]["kind"], "TENANT_ADMIN");
    assert_eq!(me.ok()["me"]["mustChangePassword"], true);

    let tenants = app
        .gql(
            &operator,
            "{ tenants { nodes { name userCount } } platformHealth { databaseOk tenantCount activeSessionCount } }",
            json!({}),
        )
        .await;
    assert_eq!(tenants.ok()["tenants"]["nodes"][0]["name"], "Librairie Dupont");
    assert_eq!(tenants.ok()["platformHealth"]["databaseOk"], true);
    assert_eq!(tenants.ok()["platformHealth"]["tenantCount"], 1);
    assert_eq!(tenants.ok()["platformHealth"]["activeSessionCount"], 2);

    // Tenant users never reach the operator's console.
    let refused = app.gql(&marie, "{ tenants { nodes { name } } }", json!({})).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
}
