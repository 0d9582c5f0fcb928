//! Postal quality through the API: RNVP of submitted addresses, metered for billing.

use crm360_suite::spawn_app;
use serde_json::json;

const NORMALIZE: &str = "mutation($input: NormalizeAddressesInput!) { normalizeAddresses(input: $input) { addresses { lines status reasons { code severity labelFr labelEn } } } }";

#[tokio::test]
async fn addresses_are_normalised_and_each_one_is_metered() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    let input = json!({ "input": { "addresses": [
        { "lines": ["Mme Léa Martin", "3, rue de la Paix", "69001 Lyyon"] },
        { "lines": ["M. Jean Dupont", "", "", "12 avenue des Champs-Élysées", "", "75008 Paris"] },
        { "lines": ["Nobody", "1 rue Nulle Part", "99999 Atlantis"] },
    ] } });
    let response = app.gql(&analyst, NORMALIZE, input).await;
    let addresses = response.ok()["normalizeAddresses"]["addresses"].as_array().unwrap().clone();
    assert_eq!(addresses.len(), 3);
    assert_eq!(addresses[0]["status"], "CORRECTED");
    assert_eq!(addresses[0]["lines"][5], "69001 LYON");
    assert_eq!(addresses[0]["lines"][3], "3 RUE DE LA PAIX");
    assert!(addresses[0]["reasons"].as_array().unwrap().iter().any(|r| r["code"] == "LOCALITY_CORRECTED"));
    assert_eq!(addresses[1]["status"], "VALID");
    assert_eq!(addresses[1]["lines"][0], "M JEAN DUPONT");
    assert_eq!(addresses[2]["status"], "INVALID");
    let reason =
        &addresses[2]["reasons"].as_array().unwrap().iter().find(|r| r["severity"] == "ERROR").unwrap().clone();
    assert!(!reason["labelFr"].as_str().unwrap().is_empty() && !reason["labelEn"].as_str().unwrap().is_empty());

    // Billing reads facts: one RNVP unit per address.
    use crm360_kernel::model::usage_event;
    let usage = crm360_suite::find_all::<usage_event::Entity>(&app.db).await;
    assert_eq!(usage.len(), 1);
    assert_eq!(
        (usage[0].kind, usage[0].quantity, usage[0].tenant_id),
        (crm360_kernel::metering::UsageKind::RnvpAddress, 3, tenant.id)
    );
}

#[tokio::test]
async fn an_empty_address_is_not_billed() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    let input = json!({ "input": { "addresses": [
        { "lines": ["", "  ", ""] },
        { "lines": ["M. Jean Dupont", "", "", "12 avenue des Champs-Élysées", "", "75008 Paris"] },
        { "lines": [""] },
    ] } });
    let response = app.gql(&analyst, NORMALIZE, input).await;
    let addresses = response.ok()["normalizeAddresses"]["addresses"].as_array().unwrap().clone();
    assert_eq!(addresses.len(), 3, "one result per address, empty or not");
    assert_eq!((addresses[0]["status"].as_str(), addresses[1]["status"].as_str()), (Some("INVALID"), Some("VALID")));
    use crm360_kernel::model::usage_event;
    let usage = crm360_suite::find_all::<usage_event::Entity>(&app.db).await;
    let billed: i64 = usage.iter().map(|u| u.quantity).sum();
    assert_eq!(billed, 1, "only the address processed is billed: {usage:?}");

    // Nothing but empty addresses: nothing billed at all.
    let empty = json!({ "input": { "addresses": [{ "lines": ["", ""] }] } });
    let response = app.gql(&analyst, NORMALIZE, empty).await;
    assert_eq!(response.ok()["normalizeAddresses"]["addresses"][0]["status"], "INVALID");
    assert_eq!(app.count("usage_event").await, 1);
}

#[tokio::test]
async fn a_rewritten_locality_is_corrected_and_a_unique_label_completes_the_code() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    let input = json!({ "input": { "addresses": [
        { "lines": ["Mme Léa Martin", "12 rue Émile Zola", "42000 St Etienne"] },
        { "lines": ["M. Jean Dupont", "88 rue de Paris", "Boulogne-Billancourt"] },
    ] } });
    let response = app.gql(&analyst, NORMALIZE, input).await;
    let addresses = response.ok()["normalizeAddresses"]["addresses"].as_array().unwrap().clone();
    let codes = |a: &serde_json::Value| -> Vec<String> {
        a["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(addresses[0]["lines"][5], "42000 SAINT ETIENNE");
    assert_eq!(addresses[0]["status"], "CORRECTED", "{:?}", codes(&addresses[0]));
    assert!(codes(&addresses[0]).contains(&"LOCALITY_CORRECTED".to_owned()));
    assert_eq!(addresses[1]["lines"][5], "92100 BOULOGNE BILLANCOURT");
    assert_eq!(addresses[1]["status"], "CORRECTED");
    assert!(codes(&addresses[1]).contains(&"POSTAL_CODE_COMPLETED".to_owned()));
}

#[tokio::test]
async fn bad_batches_are_refused_and_not_billed() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let analyst = app.login(tenant.email("analyse")).await;
    let seven_lines = json!({ "input": { "addresses": [{ "lines": ["a", "b", "c", "d", "e", "f", "g"] }] } });
    let refused = app.gql(&analyst, NORMALIZE, seven_lines).await;
    assert_eq!(refused.code(), Some("INVALID_INPUT"));
    assert_eq!(refused.reason(), Some("LINE_COUNT"));
    let empty = app.gql(&analyst, NORMALIZE, json!({ "input": { "addresses": [] } })).await;
    assert_eq!(empty.reason(), Some("BATCH_SIZE"));
    let too_many: Vec<_> = (0..1001).map(|_| json!({ "lines": ["1 rue de la Paix", "75002 Paris"] })).collect();
    let refused = app.gql(&analyst, NORMALIZE, json!({ "input": { "addresses": too_many } })).await;
    assert_eq!(refused.reason(), Some("BATCH_SIZE"));
    let consultant = app.login(tenant.email("consult")).await;
    let forbidden =
        app.gql(&consultant, NORMALIZE, json!({ "input": { "addresses": [{ "lines": ["75002 Paris"] }] } })).await;
    assert_eq!(forbidden.code(), Some("FORBIDDEN"));
    assert_eq!(app.count("usage_event").await, 0);
}

mod runs {
    use crm360_contacts::fields::ContactField;
    use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
    use crm360_contacts::service::contacts::{self, ContactChanges};
    use crm360_kernel::TenantScope;
    use crm360_suite::{Caller, TestApp, spawn_app};
    use serde_json::{Value, json};
    use uuid::Uuid;

    async fn contact(scope: &TenantScope, first: &str, last: &str, street: &str, code: &str, city: &str) -> Uuid {
        let fields = vec![
            (ContactField::FirstName, Some(first.to_owned())),
            (ContactField::LastName, Some(last.to_owned())),
            (ContactField::AddressLine4, Some(street.to_owned())),
            (ContactField::PostalCode, Some(code.to_owned())),
            (ContactField::City, Some(city.to_owned())),
        ];
        contacts::create(scope, ContactChanges { fields, custom: vec![] }).await.expect("contact created").id
    }

    async fn email_consent(scope: &TenantScope, id: Uuid, status: ConsentStatus, days_ago: i64) {
        let proof = ConsentProof {
            channel: ConsentChannel::Email,
            status,
            collected_at: scope.now() - chrono::Duration::days(days_ago),
            source: Some("formulaire web".to_owned()),
            wording: Some("J'accepte de recevoir des offres".to_owned()),
            ip: None,
        };
        consents::set(scope, id, proof).await.expect("consent set");
    }

    async fn run(app: &TestApp, caller: &Caller, mutation: &str) -> String {
        let started = app
            .gql(caller, &format!("mutation {{ {mutation}(input: {{}}) {{ run {{ id status }} }} }}"), json!({}))
            .await;
        assert_eq!(started.ok()[mutation]["run"]["status"], "QUEUED");
        let id = started.ok()[mutation]["run"]["id"].as_str().unwrap().to_owned();
        app.jobs.run_due().await.expect("jobs run");
        id
    }

    async fn run_state(app: &TestApp, caller: &Caller, id: &str) -> Value {
        let response = app
            .gql(caller, "query($id: ID!) { postalRun(id: $id) { status error total processed percent valid corrected invalid groups } }", json!({ "id": id }))
            .await;
        response.ok()["postalRun"].clone()
    }

    #[tokio::test]
    async fn rnvp_runs_over_contacts_then_corrections_are_applied_once() {
        let app = spawn_app().await;
        let tenant = app.tenant("acme").await;
        let scope = TenantScope::system(&app.platform, tenant.id);
        let lea = contact(&scope, "Léa", "Martin", "3, rue de la Paix", "69001", "Lyyon").await;
        contact(&scope, "Jean", "Dupont", "12 avenue des Champs-Élysées", "75008", "Paris").await;
        contact(&scope, "Nobody", "Nowhere", "1 rue Nulle Part", "99999", "Atlantis").await;
        let analyst = app.login(tenant.email("analyse")).await;

        let id = run(&app, &analyst, "startRnvpRun").await;
        let state = run_state(&app, &analyst, &id).await;
        assert_eq!(state["status"], "DONE", "{state}");
        assert_eq!((state["total"].as_i64(), state["processed"].as_i64()), (Some(3), Some(3)));
        assert_eq!(state["percent"], 100.0);
        assert_eq!(state["invalid"], 1);
        assert!(state["corrected"].as_i64().unwrap() >= 1);
        let billed: i64 = crm360_suite::find_all::<crm360_kernel::model::usage_event::Entity>(&app.db)
            .await
            .iter()
            .filter(|u| u.kind == crm360_kernel::metering::UsageKind::RnvpAddress)
            .map(|u| u.quantity)
            .sum();
        assert_eq!(billed, 3, "one RNVP unit per address");

        // Addresses are personal data: reading them needs CONSULT.
        let results_query = "query($id: ID!) { rnvpResults(runId: $id, status: CORRECTED) { nodes { contactId lines status reasons { code } } } }";
        assert_eq!(app.gql(&analyst, results_query, json!({ "id": id })).await.code(), Some("FORBIDDEN"));
        let consultant = app.login(tenant.email("consult")).await;
        let results = app.gql(&consultant, results_query, json!({ "id": id })).await;
        let lea_result = results.ok()["rnvpResults"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["contactId"] == lea.to_string())
            .cloned()
            .expect("Léa's address was corrected");
        assert_eq!(lea_result["lines"][5], "69001 LYON");
        assert_eq!(lea_result["lines"][3], "3 RUE DE LA PAIX");

        // Writing corrections back needs IMPORT, happens once, and is audited by contacts.
        let apply = "mutation($id: ID!) { applyRnvpCorrections(input: {runId: $id}) { appliedCount } }";
        assert_eq!(app.gql(&analyst, apply, json!({ "id": id })).await.code(), Some("FORBIDDEN"));
        let importer = app.login(tenant.email("import")).await;
        let applied = app.gql(&importer, apply, json!({ "id": id })).await;
        assert_eq!(applied.ok()["applyRnvpCorrections"]["appliedCount"], state["corrected"]);
        let lea_now = contacts::get(&scope, lea).await.unwrap();
        assert_eq!(lea_now.city.as_deref(), Some("LYON"));
        assert_eq!(lea_now.address_line4.as_deref(), Some("3 RUE DE LA PAIX"));
        let again = app.gql(&importer, apply, json!({ "id": id })).await;
        assert_eq!(again.ok()["applyRnvpCorrections"]["appliedCount"], 0);
    }

    /// A contact with a name and an e-mail address but no postal address.
    async fn contact_without_address(scope: &TenantScope, first: &str, last: &str) -> Uuid {
        let fields = vec![
            (ContactField::FirstName, Some(first.to_owned())),
            (ContactField::LastName, Some(last.to_owned())),
            (ContactField::PersonalEmail, Some(format!("{}.{}@example.fr", first.to_lowercase(), last.to_lowercase()))),
        ];
        contacts::create(scope, ContactChanges { fields, custom: vec![] }).await.expect("contact created").id
    }

    fn billed(usage: &[crm360_kernel::model::usage_event::Model], kind: crm360_kernel::metering::UsageKind) -> i64 {
        usage.iter().filter(|u| u.kind == kind).map(|u| u.quantity).sum()
    }

    #[tokio::test]
    async fn runs_bill_only_the_addresses_they_process() {
        use crm360_kernel::metering::UsageKind;
        let app = spawn_app().await;
        let tenant = app.tenant("acme").await;
        let scope = TenantScope::system(&app.platform, tenant.id);
        contact(&scope, "Jean", "Dupont", "12 avenue des Champs-Élysées", "75008", "Paris").await;
        contact_without_address(&scope, "Marie", "Durand").await;
        contact_without_address(&scope, "Paul", "Martin").await;
        contact_without_address(&scope, "Paul", "Martin").await;
        let analyst = app.login(tenant.email("analyse")).await;

        let id = run(&app, &analyst, "startRnvpRun").await;
        let state = run_state(&app, &analyst, &id).await;
        assert_eq!(state["status"], "DONE", "{state}");
        assert_eq!((state["total"].as_i64(), state["processed"].as_i64()), (Some(4), Some(4)), "{state}");
        let addresses = ["valid", "corrected", "invalid"].iter().map(|k| state[k].as_i64().unwrap()).sum::<i64>();
        assert_eq!(addresses, 1, "one address normalised: {state}");
        let usage = crm360_suite::find_all::<crm360_kernel::model::usage_event::Entity>(&app.db).await;
        assert_eq!(billed(&usage, UsageKind::RnvpAddress), 1, "contacts without an address are not billed");
        let consultant = app.login(tenant.email("consult")).await;
        let results = app
            .gql(
                &consultant,
                "query($id: ID!) { rnvpResults(runId: $id) { nodes { contactId } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(results.ok()["rnvpResults"]["nodes"].as_array().unwrap().len(), 1);

        // Deduplication reads addresses: two namesakes without one are not a duplicate, and
        // are not billed.
        let id = run(&app, &analyst, "startDedupRun").await;
        let state = run_state(&app, &analyst, &id).await;
        assert_eq!((state["status"].as_str(), state["groups"].as_i64()), (Some("DONE"), Some(0)), "{state}");
        assert_eq!(state["processed"].as_i64(), Some(4));
        let usage = crm360_suite::find_all::<crm360_kernel::model::usage_event::Entity>(&app.db).await;
        assert_eq!(billed(&usage, UsageKind::DedupAddressRead), 1);
    }

    #[tokio::test]
    async fn dedup_finds_groups_to_review_and_merges_with_the_strictest_consent() {
        let app = spawn_app().await;
        let tenant = app.tenant("acme").await;
        let scope = TenantScope::system(&app.platform, tenant.id);
        let jean = contact(&scope, "Jean", "Dupont", "12 avenue des Champs-Élysées", "75008", "Paris").await;
        app.clock.advance(chrono::Duration::hours(1));
        let typo = contact(&scope, "Jean", "Dupond", "12 av. des Champs Elysees", "75008", "PARIS").await;
        let other = contact(&scope, "Marie", "Dupont", "12 avenue des Champs-Élysées", "75008", "Paris").await;
        contact(&scope, "Jean", "Dupont", "5 rue du Port", "13002", "Marseille").await;
        email_consent(&scope, jean, ConsentStatus::Granted, 3).await;
        email_consent(&scope, typo, ConsentStatus::Denied, 30).await;

        let analyst = app.login(tenant.email("analyse")).await;
        let id = run(&app, &analyst, "startDedupRun").await;
        let state = run_state(&app, &analyst, &id).await;
        assert_eq!((state["status"].as_str(), state["groups"].as_i64()), (Some("DONE"), Some(1)), "{state}");

        let groups_query = "query($id: ID!) { duplicateGroups(runId: $id) { nodes { id confidence status contacts { id lastName } } } }";
        // Without CONSULT the group is there, its people are not.
        let blind = app.gql(&analyst, groups_query, json!({ "id": id })).await;
        assert!(blind.codes().contains(&"FORBIDDEN".to_owned()));
        let admin = app.login(&tenant.admin_email).await;
        let groups = app.gql(&admin, groups_query, json!({ "id": id })).await;
        let group = groups.ok()["duplicateGroups"]["nodes"][0].clone();
        let mut members: Vec<String> =
            group["contacts"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
        members.sort();
        let mut expected = vec![jean.to_string(), typo.to_string()];
        expected.sort();
        assert_eq!(members, expected, "same person, same address; not Marie, not the Marseille namesake");
        assert!(group["confidence"].as_f64().unwrap() > 0.5);
        assert!(!groups.body.to_string().contains(&other.to_string()));

        let merge = "mutation($id: ID!) { mergeDuplicateGroup(input: {groupId: $id}) { survivorId group { status survivorId } } }";
        let merged = app.gql(&app.login(tenant.email("import")).await, merge, json!({ "id": group["id"] })).await;
        assert_eq!(merged.ok()["mergeDuplicateGroup"]["group"]["status"], "MERGED");
        let survivor = Uuid::parse_str(merged.ok()["mergeDuplicateGroup"]["survivorId"].as_str().unwrap()).unwrap();
        assert!(survivor == jean || survivor == typo);
        assert_eq!(app.count("contact").await, 3, "one of the two is gone");
        // The most recent values survive (the typo record was updated last).
        assert_eq!(contacts::get(&scope, survivor).await.unwrap().last_name.as_deref(), Some("Dupond"));
        // A refusal anywhere wins over an agreement.
        let txn = scope.begin().await.unwrap();
        let consents = consents::of_contacts(&txn, &[survivor]).await.unwrap();
        assert_eq!(consents[&survivor][0].status, ConsentStatus::Denied);
        drop(txn);
        let again = app.gql(&app.login(tenant.email("import")).await, merge, json!({ "id": group["id"] })).await;
        assert_eq!(again.reason(), Some("GROUP_DECIDED"));
        let read: i64 = crm360_suite::find_all::<crm360_kernel::model::usage_event::Entity>(&app.db)
            .await
            .iter()
            .filter(|u| u.kind == crm360_kernel::metering::UsageKind::DedupAddressRead)
            .map(|u| u.quantity)
            .sum();
        assert_eq!(read, 4, "dedup is billed per address read");
    }
}
