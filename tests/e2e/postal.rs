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
    let usage = crm360_suite::find_all::<usage_event::Entity>(&app.platform.db).await;
    assert_eq!(usage.len(), 1);
    assert_eq!((usage[0].kind.as_str(), usage[0].quantity, usage[0].tenant_id), ("RNVP_ADDRESS", 3, tenant.id));
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
