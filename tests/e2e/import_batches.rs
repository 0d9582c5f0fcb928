//! A file larger than one batch, with keys that come back (within a batch and in a later one)
//! and invalid rows spread over it: on PostgreSQL two writers share each batch, split by key.
//! Whatever the split, the last row of a key wins (its fields and its custom value), the
//! counts add up and the error report lists the refused rows in file order.

use crm360_suite::spawn_app;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const ROWS: usize = 2_600;

/// Row `i` of the file: its key, its city, and whether its e-mail is invalid.
fn row(i: usize) -> (String, String, bool) {
    // Rows 2 000 to 2 599 repeat the keys of rows 0 to 599 (a later batch); every 250th row
    // repeats the key of the row just before it (the same batch).
    let key = match i {
        i if i >= 2_000 => format!("K{:04}", i - 2_000),
        i if i % 250 == 7 => format!("K{:04}", i - 1),
        i => format!("K{i:04}"),
    };
    (key, format!("Ville {i}"), i.is_multiple_of(97))
}

#[tokio::test]
async fn a_file_of_several_batches_keeps_the_last_row_of_each_key_and_reports_errors_in_file_order() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let importer = app.login(tenant.email("import")).await;
    let admin = app.login(&tenant.admin_email).await;
    app.gql(
        &admin,
        "mutation { createCustomField(input: {key: \"points\", label: \"Points\", kind: NUMBER}) { customField { id } } }",
        json!({}),
    )
    .await
    .ok();

    let mut file = String::from("Réf;Nom;E-mail;Ville;Points\n");
    let (mut expected_city, mut expected_points) = (BTreeMap::new(), BTreeMap::new());
    let (mut created, mut updated, mut failed_lines) = (0, 0, Vec::new());
    for i in 0..ROWS {
        let (key, city, invalid) = row(i);
        let email = if invalid { "pas-un-email".to_owned() } else { format!("p{i}@exemple.fr") };
        file.push_str(&format!("{key};Nom {i};{email};{city};{i}\n"));
        let line = i as i64 + 2;
        if invalid {
            failed_lines.push(line);
            continue;
        }
        expected_points.insert(key.clone(), i as f64);
        if expected_city.insert(key, city).is_some() {
            updated += 1;
        } else {
            created += 1;
        }
    }

    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "E-mail", "field": "PERSONAL_EMAIL" },
        { "column": "Ville", "field": "CITY" },
        { "column": "Points", "customFieldKey": "points" },
    ]);
    let input = json!({ "columns": columns, "upsertKey": "EXTERNAL_ID" });
    let id = app.import_file(&importer, "gros.csv", file.into_bytes(), input).await;

    let state = app
        .gql(
            &importer,
            "query($id: ID!) { import(id: $id) { status rowsDone rowsCreated rowsUpdated rowsUnchanged rowsFailed } }",
            json!({ "id": id }),
        )
        .await;
    let state = state.ok()["import"].clone();
    assert_eq!(state["status"], "DONE");
    let counts: Vec<i64> = ["rowsDone", "rowsCreated", "rowsUpdated", "rowsUnchanged", "rowsFailed"]
        .iter()
        .map(|k| state[*k].as_i64().unwrap())
        .collect();
    assert_eq!(counts, vec![ROWS as i64, created, updated, 0, failed_lines.len() as i64]);

    // The report, page after page, in file order.
    let mut reported = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = app
            .gql(
                &importer,
                "query($id: ID!, $after: String) { import(id: $id) { errors(first: 10, after: $after) { edges { cursor node { line reason } } pageInfo { hasNextPage } } } }",
                json!({ "id": id, "after": after }),
            )
            .await;
        let errors = page.ok()["import"]["errors"].clone();
        for edge in errors["edges"].as_array().unwrap() {
            assert_eq!(edge["node"]["reason"], "INVALID_EMAIL");
            reported.push(edge["node"]["line"].as_i64().unwrap());
            after = edge["cursor"].as_str().map(str::to_owned);
        }
        if errors["pageInfo"]["hasNextPage"] != Value::Bool(true) {
            break;
        }
    }
    assert_eq!(reported, failed_lines);

    // Each key holds the city of its last valid row.
    let db = &app.db;
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT external_id, city FROM contact ORDER BY external_id",
        ))
        .await
        .expect("contacts");
    let stored: BTreeMap<String, String> = rows
        .iter()
        .map(|r| (r.try_get::<String>("", "external_id").unwrap(), r.try_get::<String>("", "city").unwrap()))
        .collect();
    assert_eq!(stored, expected_city);

    // And the custom value of its last valid row.
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT c.external_id, v.value_number FROM contact c JOIN contact_custom_value v ON v.contact_id = c.id",
        ))
        .await
        .expect("custom values");
    let stored: BTreeMap<String, f64> = rows
        .iter()
        .map(|r| (r.try_get::<String>("", "external_id").unwrap(), r.try_get::<f64>("", "value_number").unwrap()))
        .collect();
    assert_eq!(stored, expected_points);
}
