//! Postal codes and phone numbers as French contacts really have them (issue 16): a Belgian
//! `1000` stored and targeted, a French code shortened by a spreadsheet padded back when the
//! locality confirms it (and reported), overseas numbers in E.164 with their own country code.

use crm360_suite::spawn_app;
use serde_json::{Value, json};

const CREATE: &str = "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id postalCode city country mobilePhone landlinePhone } corrections { field reason message } } }";
const COUNT: &str = "query($d: SegmentNodeInput!) { contactCount(definition: $d) }";

#[tokio::test]
async fn postal_codes_are_validated_by_country_and_shortened_french_codes_padded_back() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let writer = app.login(tenant.email("allrights")).await;
    let analyse = app.login(tenant.email("analyse")).await;

    let created = |input: Value| {
        let app = &app;
        let writer = &writer;
        async move { app.gql(writer, CREATE, json!({ "input": input })).await }
    };
    let belgian =
        created(json!({ "lastName": "Peeters", "postalCode": "1000", "city": "Bruxelles", "country": "BE" })).await;
    assert_eq!(belgian.ok()["createContact"]["contact"]["postalCode"], "1000");
    assert_eq!(belgian.ok()["createContact"]["corrections"], json!([]));
    let swiss =
        created(json!({ "lastName": "Favre", "postalCode": "CH-1201", "city": "Genève", "country": "CH" })).await;
    assert_eq!(swiss.ok()["createContact"]["contact"]["postalCode"], "1201");
    let overseas =
        created(json!({ "lastName": "Jean-Baptiste", "postalCode": "97110", "city": "Pointe-à-Pitre" })).await;
    assert_eq!(overseas.ok()["createContact"]["contact"]["postalCode"], "97110");
    for (input, reason) in [
        (json!({ "lastName": "X", "postalCode": "10000", "country": "BE" }), "INVALID_POSTAL_CODE"),
        (json!({ "lastName": "X", "postalCode": "1000", "city": "Lyon" }), "INVALID_POSTAL_CODE"),
        (json!({ "lastName": "X", "postalCode": "1000" }), "INVALID_POSTAL_CODE"),
    ] {
        let refused = created(input.clone()).await;
        assert_eq!((refused.code(), refused.reason()), (Some("INVALID_INPUT"), Some(reason)), "{input}");
    }

    // `1000` in Bourg-en-Bresse is `01000` with its zero dropped by a spreadsheet.
    let padded = created(json!({ "lastName": "Martin", "postalCode": "1000", "city": "Bourg-en-Bresse" })).await;
    let payload = &padded.ok()["createContact"];
    assert_eq!(payload["contact"]["postalCode"], "01000");
    assert_eq!(payload["corrections"][0]["field"], "postalCode");
    assert_eq!(payload["corrections"][0]["reason"], "POSTAL_CODE_PADDED");

    // The Belgian code can be targeted (it is not refused as "not five digits for France").
    let belgian_code = json!({ "condition": { "field": "POSTAL_CODE", "operator": "EQUALS", "value": "1000" } });
    assert_eq!(app.gql(&analyse, COUNT, json!({ "d": belgian_code })).await.ok()["contactCount"], 1);
    let listed =
        json!({ "condition": { "field": "POSTAL_CODE", "operator": "IN", "values": ["1000", "01000", "1201"] } });
    assert_eq!(app.gql(&analyse, COUNT, json!({ "d": listed })).await.ok()["contactCount"], 3);
}

#[tokio::test]
async fn overseas_phone_numbers_get_their_own_country_code() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let writer = app.login(tenant.email("allrights")).await;
    for (mobile, landline, postal_code, expected) in [
        ("06 90 12 34 56", None, None, ("+590690123456", None)),
        ("06 96 12 34 56", Some("05 96 71 23 45"), None, ("+596696123456", Some("+596596712345"))),
        ("06 94 20 12 34", Some("05 94 29 12 34"), Some("97300"), ("+594694201234", Some("+594594291234"))),
        ("06 92 12 34 56", Some("02 62 12 34 56"), Some("97400"), ("+262692123456", Some("+262262123456"))),
        ("06 39 69 12 34", Some("02 69 61 12 34"), Some("97600"), ("+262639691234", Some("+262269611234"))),
        ("0691 28 12 34", Some("05 90 82 12 34"), Some("97133"), ("+590691281234", Some("+590590821234"))),
        ("06 12 34 56 78", Some("01 42 68 53 00"), Some("75011"), ("+33612345678", Some("+33142685300"))),
    ] {
        let mut input = json!({ "lastName": "Outre-mer", "mobilePhone": mobile });
        if let Some(landline) = landline {
            input["landlinePhone"] = json!(landline);
        }
        if let Some(code) = postal_code {
            input["postalCode"] = json!(code);
        }
        let response = app.gql(&writer, CREATE, json!({ "input": input })).await;
        let contact = &response.ok()["createContact"]["contact"];
        assert_eq!(contact["mobilePhone"], expected.0, "{mobile}");
        assert_eq!(contact["landlinePhone"].as_str(), expected.1, "{landline:?}");
    }
    // An edit reads a national number with the contact's stored postal code.
    let created = app.gql(&writer, CREATE, json!({ "input": { "lastName": "Edit", "postalCode": "97200" } })).await;
    let id = created.ok()["createContact"]["contact"]["id"].clone();
    let updated = app
        .gql(
            &writer,
            "mutation($id: ID!) { updateContact(input: {id: $id, landlinePhone: \"05 96 71 23 45\"}) { contact { landlinePhone } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(updated.ok()["updateContact"]["contact"]["landlinePhone"], "+596596712345");
}
