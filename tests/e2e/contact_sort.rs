//! The contact list sorted by a column: paging through it in small pages gives exactly the
//! order a sort in Rust of the same contacts gives (ties, absent values, accents, mixed case),
//! with a search and a filter; cursors of another order are refused. And a page of contacts
//! with its related data costs a constant number of SQL statements, whatever its size.

use chrono::{DateTime, Duration, Utc};
use crm360_contacts::fields::ContactField;
use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::custom_fields::{self, CustomFieldDraft, CustomFieldKind};
use crm360_kernel::TenantScope;
use crm360_suite::{Caller, TestApp, spawn_app, spawn_app_with};
use serde_json::{Value, json};
use std::cmp::Ordering;
use std::sync::atomic::Ordering as AtomicOrdering;
use uuid::Uuid;

const LIST: &str =
    "query($first: Int, $after: String, $search: String, $filter: SegmentNodeInput, $orderBy: ContactOrderBy) {
  contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
    nodes { id lastName firstName personalEmail postalCode city createdAt updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}";

/// Last name, first name, personal email, postal code, city.
type Person =
    (Option<&'static str>, Option<&'static str>, Option<&'static str>, Option<&'static str>, Option<&'static str>);

fn people() -> Vec<Person> {
    vec![
        (Some("Dupont"), Some("Marie"), Some("marie.dupont@exemple.fr"), Some("75001"), Some("Paris")),
        (Some("DUPONT"), Some("marie"), None, Some("75001"), Some("PARIS")),
        (Some("dupont"), Some("Émile"), Some("emile@exemple.fr"), Some("69002"), Some("Lyon")),
        (Some("Durand"), None, Some("durand@exemple.fr"), None, Some("paris")),
        (Some("Éluard"), Some("Paul"), Some("paul@exemple.fr"), Some("91000"), Some("Évry")),
        (Some("éluard"), Some("émile"), None, Some("91000"), Some("évry")),
        (Some("Eluard"), Some("Zoé"), Some("zoe@exemple.fr"), Some("13001"), Some("Marseille")),
        (Some("Zola"), Some("Émile"), Some("zola@exemple.fr"), Some("13001"), None),
        (Some("zoé"), Some("Ève"), None, Some("42000"), Some("Saint-Étienne")),
        (Some("d'Artagnan"), Some("Charles"), Some("dartagnan@exemple.fr"), Some("32000"), Some("Auch")),
        (Some("de la Tour"), Some("Anne"), Some("anne@exemple.fr"), Some("75015"), Some("Paris")),
        (Some("Lefèvre"), Some("Léa"), Some("lea@exemple.fr"), Some("59000"), Some("Lille")),
        (Some("Lefevre"), Some("lea"), Some("lea2@exemple.fr"), Some("59000"), Some("LILLE")),
        (None, Some("Anonyme"), Some("anonyme@exemple.fr"), Some("75001"), None),
        (None, None, None, None, None),
        (None, Some("Bob"), Some("bob@exemple.fr"), None, Some("Paris")),
        (Some("Martin"), Some("Bob"), Some("martin@exemple.fr"), Some("33000"), Some("Bordeaux")),
        (Some("MARTIN"), None, None, Some("33000"), Some("bordeaux")),
        (Some("Ängström"), Some("Anders"), Some("anders@exemple.fr"), None, Some("Évry")),
        (Some("Dubois"), Some("Élodie"), Some("elodie@exemple.fr"), Some("75001"), Some("Paris")),
        (Some("dubois"), Some("elodie"), Some("elodie2@exemple.fr"), Some("69002"), Some("lyon")),
        (Some("Ducros"), Some("Ève"), None, Some("75015"), Some("Paris")),
    ]
}

/// Creates the people: some at the same instant (ties on `createdAt`), some edited later in
/// another order (`updatedAt`).
async fn seed(app: &TestApp, tenant_id: Uuid, people: &[Person]) -> Vec<Uuid> {
    let scope = TenantScope::system(&app.platform, tenant_id);
    let mut ids = Vec::new();
    for (i, (last, first, email, postal, city)) in people.iter().enumerate() {
        if i % 3 != 0 {
            app.clock.advance(Duration::seconds(1));
        }
        let mut fields = Vec::new();
        for (field, value) in [
            (ContactField::LastName, last),
            (ContactField::FirstName, first),
            (ContactField::PersonalEmail, email),
            (ContactField::PostalCode, postal),
            (ContactField::City, city),
        ] {
            if let Some(value) = value {
                fields.push((field, Some((*value).to_owned())));
            }
        }
        let contact = contacts::create(&scope, ContactChanges { fields, custom: vec![] }).await.expect("contact");
        ids.push(contact.id);
    }
    for (n, i) in [7usize, 2, 15, 0, 11].into_iter().filter(|i| *i < ids.len()).enumerate() {
        if n % 2 == 0 {
            app.clock.advance(Duration::milliseconds(1500));
        }
        let changes =
            ContactChanges { fields: vec![(ContactField::JobTitle, Some(format!("poste {n}")))], custom: vec![] };
        contacts::update(&scope, ids[i], changes).await.expect("update");
    }
    ids
}

const FIELDS: [&str; 7] =
    ["LAST_NAME", "FIRST_NAME", "PERSONAL_EMAIL", "POSTAL_CODE", "CITY", "CREATED_AT", "UPDATED_AT"];

/// What the API documents: text by the bytes of its folded form then of itself (French
/// order), the postal code by its ASCII-lower-cased bytes, absent values above all.
#[derive(PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Key {
    Text(Vec<u8>, bool),
    Time(DateTime<Utc>),
}

fn key(node: &Value, field: &str) -> Key {
    let text = |name: &str| match node[name].as_str() {
        Some(value) if name == "postalCode" => Key::Text(value.to_ascii_lowercase().into_bytes(), false),
        Some(value) => {
            let mut bytes = crm360_kernel::text::fold(value).into_bytes();
            bytes.push(0);
            bytes.extend_from_slice(value.as_bytes());
            Key::Text(bytes, false)
        }
        None => Key::Text(Vec::new(), true),
    };
    let time = |name: &str| Key::Time(node[name].as_str().unwrap().parse().unwrap());
    match field {
        "LAST_NAME" => text("lastName"),
        "FIRST_NAME" => text("firstName"),
        "PERSONAL_EMAIL" => text("personalEmail"),
        "POSTAL_CODE" => text("postalCode"),
        "CITY" => text("city"),
        "CREATED_AT" => time("createdAt"),
        "UPDATED_AT" => time("updatedAt"),
        other => panic!("no field {other}"),
    }
}

fn id_of(node: &Value) -> Uuid {
    node["id"].as_str().unwrap().parse().unwrap()
}

impl Key {
    /// Absent text after any present one (the tuple's bool), present text by its bytes.
    fn cmp_key(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Text(a, a_absent), Key::Text(b, b_absent)) => a_absent.cmp(b_absent).then_with(|| a.cmp(b)),
            _ => self.cmp(other),
        }
    }
}

/// Every contact of the list in `orderBy`, fetched `page` at a time.
async fn page_through(app: &TestApp, caller: &Caller, variables: &Value, page: i64) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after = Value::Null;
    loop {
        let mut vars = variables.clone();
        vars["first"] = json!(page);
        vars["after"] = after.clone();
        let response = app.gql(caller, LIST, vars).await;
        let list = &response.ok()["contacts"];
        let nodes = list["nodes"].as_array().unwrap();
        assert!(nodes.len() as i64 <= page);
        all.extend(nodes.iter().cloned());
        if !list["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return all;
        }
        assert_eq!(nodes.len() as i64, page, "a page before the last one is full");
        after = list["pageInfo"]["endCursor"].clone();
        assert!(all.len() < 100, "paging does not end");
    }
}

#[tokio::test]
async fn paging_through_every_order_gives_the_order_a_sort_in_rust_gives() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let other = app.tenant("other").await;
    let people = people();
    let ids = seed(&app, tenant.id, &people).await;
    seed(&app, other.id, &people[..4]).await;
    let consult = app.login(tenant.email("consult")).await;

    let filter =
        json!({ "not": { "condition": { "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": "75" } } });
    let cases =
        [("everyone", json!({})), ("search", json!({ "search": "d" })), ("filter", json!({ "filter": filter }))];
    for (case, base) in cases {
        // The set, in creation order, in one page.
        let mut vars = base.clone();
        vars["first"] = json!(100);
        let response = app.gql(&consult, LIST, vars).await;
        let everyone: Vec<Value> = response.ok()["contacts"]["nodes"].as_array().unwrap().clone();
        match case {
            "everyone" => assert_eq!(everyone.iter().map(id_of).collect::<Vec<_>>(), ids),
            _ => assert!(everyone.len() >= 6 && everyone.len() < ids.len(), "{case}: {} contacts", everyone.len()),
        }
        for field in FIELDS {
            for direction in ["ASC", "DESC"] {
                let mut vars = base.clone();
                vars["orderBy"] = json!({ "field": field, "direction": direction });
                let paged: Vec<Uuid> = page_through(&app, &consult, &vars, 3).await.iter().map(id_of).collect();
                let mut expected = everyone.clone();
                expected.sort_by(|a, b| {
                    let ascending = key(a, field).cmp_key(&key(b, field)).then_with(|| id_of(a).cmp(&id_of(b)));
                    if direction == "ASC" { ascending } else { ascending.reverse() }
                });
                let expected: Vec<Uuid> = expected.iter().map(id_of).collect();
                assert_eq!(paged, expected, "{case}, {field} {direction}");
            }
        }
    }

    // The documented order, spelt out once: French order (accented initials beside their
    // letter, apostrophes and spaces as one space), spellings that fold alike by their bytes,
    // absent values last.
    let vars = json!({ "orderBy": { "field": "LAST_NAME", "direction": "ASC" } });
    let names: Vec<Option<String>> = page_through(&app, &consult, &vars, 100)
        .await
        .iter()
        .map(|n| n["lastName"].as_str().map(str::to_owned))
        .collect();
    let names: Vec<Option<&str>> = names.iter().map(|n| n.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Ängström"),
            Some("d'Artagnan"),
            Some("de la Tour"),
            Some("Dubois"),
            Some("dubois"),
            Some("Ducros"),
            Some("DUPONT"),
            Some("Dupont"),
            Some("dupont"),
            Some("Durand"),
            Some("Eluard"),
            Some("Éluard"),
            Some("éluard"),
            Some("Lefevre"),
            Some("Lefèvre"),
            Some("MARTIN"),
            Some("Martin"),
            Some("zoé"),
            Some("Zola"),
            None,
            None,
            None,
        ]
    );
}

#[tokio::test]
async fn cursors_of_another_order_and_made_up_cursors_are_refused() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    seed(&app, tenant.id, &people()[..6]).await;
    let consult = app.login(tenant.email("consult")).await;

    let cursor =
        |response: &crm360_suite::Gql| response.ok()["contacts"]["pageInfo"]["endCursor"].as_str().unwrap().to_owned();
    let by_name = json!({ "field": "LAST_NAME", "direction": "ASC" });
    let first = app.gql(&consult, LIST, json!({ "first": 2, "orderBy": by_name })).await;
    let name_cursor = cursor(&first);
    let creation = app.gql(&consult, LIST, json!({ "first": 2 })).await;
    let creation_cursor = cursor(&creation);

    // The cursor works where it came from.
    let next = app.gql(&consult, LIST, json!({ "first": 2, "after": name_cursor, "orderBy": by_name })).await;
    assert_eq!(next.ok()["contacts"]["nodes"].as_array().unwrap().len(), 2);

    let refused = [
        json!({ "after": name_cursor, "orderBy": { "field": "LAST_NAME", "direction": "DESC" } }),
        json!({ "after": name_cursor, "orderBy": { "field": "CITY", "direction": "ASC" } }),
        json!({ "after": name_cursor }),
        json!({ "after": creation_cursor, "orderBy": by_name }),
        json!({ "after": "not a cursor", "orderBy": by_name }),
        json!({ "after": "AQEA", "orderBy": by_name }),
        json!({ "after": format!("{}x", &name_cursor[..name_cursor.len() - 1]), "orderBy": { "field": "CREATED_AT", "direction": "ASC" } }),
    ];
    for vars in refused {
        let response = app.gql(&consult, LIST, vars.clone()).await;
        assert_eq!(response.code(), Some("INVALID_INPUT"), "{vars}: {:#}", response.body);
        assert_eq!(response.reason(), Some("INVALID_CURSOR"), "{vars}");
        assert_eq!(response.body["errors"][0]["extensions"]["field"], "after");
    }

    // `order` (creation order) still works, and cannot be combined with `orderBy`.
    let legacy = "query($order: ContactOrder, $orderBy: ContactOrderBy) { contacts(first: 100, order: $order, orderBy: $orderBy) { nodes { id } } }";
    let newest = app.gql(&consult, legacy, json!({ "order": "NEWEST_FIRST" })).await;
    let ids: Vec<Uuid> = newest.ok()["contacts"]["nodes"].as_array().unwrap().iter().map(id_of).collect();
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!((ids.len(), &ids), (6, &sorted));
    let both = app.gql(&consult, legacy, json!({ "order": "OLDEST_FIRST", "orderBy": by_name })).await;
    assert_eq!((both.code(), both.reason()), (Some("INVALID_INPUT"), Some("CONFLICTING_ORDER")));
}

const PAGE_WITH_RELATED: &str =
    "query($first: Int, $search: String, $filter: SegmentNodeInput, $orderBy: ContactOrderBy) {
  contacts(first: $first, search: $search, filter: $filter, orderBy: $orderBy) {
    nodes {
      id lastName city
      consents { channel status collectedAt source }
      customValues { key value kind }
    }
    pageInfo { hasNextPage endCursor }
  }
}";

/// The same page through `edges` and a fragment, as the web app and BI tools write it.
const PAGE_WITH_RELATED_IN_EDGES: &str = "query($first: Int) {
  contacts(first: $first) { edges { cursor node { ...withRelated } } }
}
fragment withRelated on Contact { id consents { channel } customValues { key value } }";

/// The statements the server ran for one request, and its response.
async fn statements_of(app: &TestApp, caller: &Caller, query: &str, variables: Value) -> (u64, crm360_suite::Gql) {
    let before = app.statements.load(AtomicOrdering::SeqCst);
    let response = app.gql(caller, query, variables).await;
    (app.statements.load(AtomicOrdering::SeqCst) - before, response)
}

/// A tenant with 120 contacts, each with two consents and two custom values; the consult
/// user, and what any of its requests costs (a query that reads no contacts).
async fn related_data_tenant() -> (TestApp, Caller, u64) {
    let app = spawn_app_with(|s| s.metrics_token = Some("jeton-metriques".to_owned().into())).await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    for (key, kind) in [("loyalty", CustomFieldKind::Number), ("segment", CustomFieldKind::Text)] {
        let draft = CustomFieldDraft { key: key.to_owned(), label: key.to_owned(), kind, options: vec![] };
        custom_fields::create(&scope, draft).await.expect("custom field");
    }
    for i in 0..120u32 {
        let changes = ContactChanges {
            fields: vec![
                (ContactField::LastName, Some(format!("Nom{:03}", (i * 37) % 120))),
                (ContactField::City, Some(if i % 2 == 0 { "Paris" } else { "Lyon" }.to_owned())),
            ],
            custom: vec![
                ("loyalty".to_owned(), Some(i.to_string())),
                ("segment".to_owned(), Some(format!("s{}", i % 7))),
            ],
        };
        let contact = contacts::create(&scope, changes).await.expect("contact");
        for channel in [ConsentChannel::Email, ConsentChannel::Sms] {
            let proof = ConsentProof {
                channel,
                status: if i % 3 == 0 { ConsentStatus::Denied } else { ConsentStatus::Granted },
                collected_at: scope.now(),
                source: Some("test".to_owned()),
                wording: None,
                ip: None,
            };
            consents::set(&scope, contact.id, proof).await.expect("consent");
        }
    }
    let consult = app.login(tenant.email("consult")).await;

    // What any request of this caller costs (the session, its rights): a query that reads no
    // contacts. Asked twice, after a first request, so that nothing is counted only once.
    app.gql(&consult, "{ __typename }", json!({})).await.ok();
    let (overhead, response) = statements_of(&app, &consult, "{ __typename }", json!({})).await;
    response.ok();
    let (again, _) = statements_of(&app, &consult, "{ __typename }", json!({})).await;
    assert_eq!(overhead, again, "the per-request cost is steady");
    (app, consult, overhead)
}

fn related_data_cases() -> Vec<(&'static str, Value)> {
    let filter = json!({ "and": [
        { "condition": { "field": "CITY", "operator": "IS_NOT_EMPTY" } },
        { "condition": { "customFieldKey": "loyalty", "operator": "GREATER_OR_EQUAL", "value": "0" } },
    ] });
    vec![
        ("creation order", json!({})),
        ("by last name, descending", json!({ "orderBy": { "field": "LAST_NAME", "direction": "DESC" } })),
        (
            "by city, searched and filtered",
            json!({ "orderBy": { "field": "CITY", "direction": "ASC" }, "search": "nom", "filter": filter }),
        ),
    ]
}

/// The statements of one request for a page of `size` contacts with their related data.
async fn page_statements(app: &TestApp, caller: &Caller, base: &Value, size: usize) -> u64 {
    let mut vars = base.clone();
    vars["first"] = json!(size);
    let (total, response) = statements_of(app, caller, PAGE_WITH_RELATED, vars).await;
    let nodes = response.ok()["contacts"]["nodes"].as_array().unwrap().clone();
    assert_eq!(nodes.len(), size);
    assert!(nodes.iter().all(|n| n["consents"].as_array().unwrap().len() == 2));
    assert!(nodes.iter().all(|n| n["customValues"].as_array().unwrap().len() == 2));
    total
}

/// The design target, exactly: the same statements for 10 contacts as for 100, at most 4
/// beyond what any request costs (a page, its consents, its custom values, and the custom
/// field definitions when a filter is compiled).
#[tokio::test]
async fn a_page_of_contacts_with_related_data_costs_the_same_few_statements_whatever_its_size() {
    let (app, consult, overhead) = related_data_tenant().await;
    for (case, base) in related_data_cases() {
        let small = page_statements(&app, &consult, &base, 10).await;
        let large = page_statements(&app, &consult, &base, 100).await;
        println!("{case}: {small} statements for 10 contacts, {large} for 100, {overhead} of them for any request");
        assert_eq!(small, large, "{case}: the statement count does not depend on the page size");
        assert!(large <= overhead + 4, "{case}: {} statements beyond the {overhead} of any request", large - overhead);
    }

    let mut through_edges = Vec::new();
    for size in [10, 100] {
        let (total, response) =
            statements_of(&app, &consult, PAGE_WITH_RELATED_IN_EDGES, json!({ "first": size })).await;
        let edges = response.ok()["contacts"]["edges"].as_array().unwrap().clone();
        assert_eq!(edges.len(), size);
        assert!(edges.iter().all(|e| e["node"]["consents"].as_array().unwrap().len() == 2));
        assert!(edges.iter().all(|e| e["node"]["customValues"].as_array().unwrap().len() == 2));
        through_edges.push(total);
    }
    assert_eq!(through_edges[0], through_edges[1], "edges and fragments: {through_edges:?}");
    assert!(through_edges[1] <= overhead + 4, "edges and fragments: {through_edges:?}, {overhead} for any request");

    // The statements are counted for operators too.
    let metrics = app.http.get(app.url("/metrics")).bearer_auth("jeton-metriques").send().await.unwrap();
    let metrics = metrics.text().await.unwrap();
    assert!(metrics.contains("crm360_sql_statements_total"), "{metrics}");
}
