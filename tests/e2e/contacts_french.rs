//! Text compared the French way (issue 16): segments, search and sort read a folded form
//! computed by one Rust function and stored by every writer, so that `Saint-Etienne`,
//! `SAINT ETIENNE` and `Saint-Étienne` are one city and `contains "e"` matches `é`, with the
//! same answers on SQLite and PostgreSQL; `EXACTLY` stays accent- and case-sensitive.

use crm360_contacts::fields::ContactField;
use crm360_contacts::service::contact_sort::{ContactPage, ContactSort, Direction, SortField};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::custom_fields::{self, CustomFieldDraft, CustomFieldKind};
use crm360_contacts::service::merge;
use crm360_contacts::service::segments::{self, ConditionSpec, Node};
use crm360_kernel::TenantScope;
use crm360_suite::spawn_app;
use serde_json::{Value, json};
use uuid::Uuid;

fn node(tree: Value) -> Node {
    fn of(tree: &Value) -> Node {
        if let Some(children) = tree.get("and") {
            return Node::And(children.as_array().unwrap().iter().map(of).collect());
        }
        if let Some(children) = tree.get("or") {
            return Node::Or(children.as_array().unwrap().iter().map(of).collect());
        }
        if let Some(child) = tree.get("not") {
            return Node::Not(Box::new(of(child)));
        }
        Node::Condition(serde_json::from_value::<ConditionSpec>(tree.clone()).expect("a condition"))
    }
    of(&tree)
}

async fn count(scope: &TenantScope, tree: Value) -> u64 {
    segments::count(scope, &node(tree.clone())).await.unwrap_or_else(|err| panic!("{tree}: {err:?}"))
}

async fn person(scope: &TenantScope, fields: &[(ContactField, &str)]) -> Uuid {
    let changes =
        ContactChanges { fields: fields.iter().map(|(f, v)| (*f, Some((*v).to_owned()))).collect(), custom: vec![] };
    contacts::create(scope, changes).await.expect("contact").id
}

async fn seed(scope: &TenantScope) {
    use ContactField::{City, CompanyName, LastName};
    for (name, city) in [
        ("Martin", "Saint-Étienne"),
        ("Bernard", "Saint-Etienne"),
        ("Thomas", "SAINT ETIENNE"),
        ("Petit", "saint  étienne"),
        ("Robert", "Évry"),
        ("Richard", "Lyon"),
        ("Lefèvre", "L'Haÿ-les-Roses"),
        ("Lefevre", "Paris"),
    ] {
        person(scope, &[(LastName, name), (City, city)]).await;
    }
    person(scope, &[(LastName, "Œuvray"), (CompanyName, "Café de Flore")]).await;
    person(scope, &[(LastName, "Sans ville")]).await;
}

#[tokio::test]
async fn accents_case_hyphens_and_spaces_fold_in_segments_alike_on_both_databases() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    seed(&scope).await;
    let city = |operator: &str, value: &str| json!({ "field": "CITY", "operator": operator, "value": value });
    for spelling in ["Saint-Étienne", "saint etienne", "SAINT-ETIENNE", "Saint Étienne ", "saint_étienne"] {
        assert_eq!(count(&scope, city("EQUALS", spelling)).await, 4, "EQUALS {spelling:?}");
    }
    assert_eq!(count(&scope, city("NOT_EQUALS", "Saint-Étienne")).await, 6, "the others, those without a city too");
    assert_eq!(count(&scope, city("STARTS_WITH", "ev")).await, 1, "Évry");
    assert_eq!(count(&scope, city("ENDS_WITH", "Étienne")).await, 4);
    assert_eq!(count(&scope, city("CONTAINS", "e")).await, 6, "é is an e");
    assert_eq!(count(&scope, city("CONTAINS", "hay les")).await, 1, "L'Haÿ-les-Roses");
    assert_eq!(count(&scope, city("CONTAINS", "l'haÿ")).await, 1);
    let listed = json!({ "field": "CITY", "operator": "IN", "values": ["saint-etienne", "LYON", "evry"] });
    assert_eq!(count(&scope, listed).await, 6);
    // The exact operator compares the text as stored, accents and case included.
    assert_eq!(count(&scope, city("EXACTLY", "Saint-Étienne")).await, 1);
    assert_eq!(count(&scope, city("EXACTLY", "saint-étienne")).await, 0);
    assert_eq!(count(&scope, json!({ "not": city("EXACTLY", "Saint-Étienne") })).await, 9);
    // Names and companies fold too.
    let name = json!({ "field": "LAST_NAME", "operator": "EQUALS", "value": "LEFÈVRE" });
    assert_eq!(count(&scope, name).await, 2);
    let company = json!({ "field": "COMPANY_NAME", "operator": "CONTAINS", "value": "cafe" });
    assert_eq!(count(&scope, company).await, 1);
    let ligature = json!({ "field": "LAST_NAME", "operator": "STARTS_WITH", "value": "oeuv" });
    assert_eq!(count(&scope, ligature).await, 1);
}

#[tokio::test]
async fn free_text_custom_fields_fold_like_contact_fields() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    let draft = CustomFieldDraft {
        key: "enseigne".into(),
        label: "Enseigne".into(),
        kind: CustomFieldKind::Text,
        options: vec![],
    };
    custom_fields::create(&scope, draft).await.unwrap();
    for value in ["Café de Flore", "CAFÉ-DE-FLORE", "Brasserie Lipp"] {
        let changes = ContactChanges {
            fields: vec![(ContactField::LastName, Some("X".into()))],
            custom: vec![("enseigne".into(), Some(value.into()))],
        };
        contacts::create(&scope, changes).await.unwrap();
    }
    let on =
        |operator: &str, value: &str| json!({ "customFieldKey": "enseigne", "operator": operator, "value": value });
    assert_eq!(count(&scope, on("EQUALS", "cafe de flore")).await, 2);
    assert_eq!(count(&scope, on("CONTAINS", "CAFE")).await, 2);
    assert_eq!(count(&scope, on("EXACTLY", "Café de Flore")).await, 1);
}

#[tokio::test]
async fn search_folds_accents_and_covers_the_city() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    seed(&scope).await;
    let page = || ContactPage::parse(Some(100), None, ContactSort::Creation(Direction::Ascending)).unwrap();
    let found = |term: &'static str| {
        let scope = scope.clone();
        async move {
            let rows = contacts::list(&scope, page(), Some(term), None).await.unwrap();
            rows.into_iter().map(|c| c.last_name.unwrap_or_default()).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("LEFÈVRE").await, ["Lefèvre", "Lefevre"]);
    assert_eq!(found("lefevre").await, ["Lefèvre", "Lefevre"]);
    assert_eq!(found("saint-etienne").await, ["Martin", "Bernard", "Thomas", "Petit"], "by city");
    assert_eq!(found("évry").await, ["Robert"]);
    assert_eq!(found("café").await, ["Œuvray"], "by company");
    assert_eq!(found("%").await, Vec::<String>::new(), "% is a character, not a wildcard");
    assert_eq!(found("_").await, Vec::<String>::new());
}

#[tokio::test]
async fn text_sorts_in_french_order_with_the_raw_value_as_tiebreak() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    for name in ["Zola", "Éluard", "eluard", "Eluard", "Dupont", "Émile", "Ducros", "Zoé"] {
        person(&scope, &[(ContactField::LastName, name)]).await;
    }
    for direction in [Direction::Ascending, Direction::Descending] {
        let mut names = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page =
                ContactPage::parse(Some(3), after.as_deref(), ContactSort::By(SortField::LastName, direction)).unwrap();
            let rows = contacts::list(&scope, &page, None, None).await.unwrap();
            let (rows, more) = page.split(rows);
            names.extend(rows.iter().map(|c| c.last_name.clone().unwrap()));
            if !more {
                break;
            }
            after = Some(page.cursor_of(rows.last().unwrap()));
        }
        let mut expected = vec!["Ducros", "Dupont", "Eluard", "eluard", "Éluard", "Émile", "Zoé", "Zola"];
        if direction == Direction::Descending {
            expected.reverse();
        }
        assert_eq!(names, expected, "{direction:?}");
    }
}

#[tokio::test]
async fn every_writer_stores_the_folded_columns() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    let stored = person(&scope, &[(ContactField::City, "Saint-Étienne"), (ContactField::LastName, "Lefèvre")]).await;
    let c = contacts::get(&scope, stored).await.unwrap();
    assert_eq!(c.city_folded.as_deref(), Some("saint etienne"));
    assert_eq!(c.last_name_folded.as_deref(), Some("lefevre"));
    // An edit refolds the column it changes and clears the folded copy of a cleared one.
    let changes = ContactChanges {
        fields: vec![(ContactField::City, Some("Évry".into())), (ContactField::LastName, None)],
        custom: vec![],
    };
    let c = contacts::update(&scope, stored, changes).await.unwrap();
    assert_eq!((c.city_folded.as_deref(), c.last_name_folded.as_deref()), (Some("evry"), None));
    // A merge writes the survivor through the same writer.
    let other = person(&scope, &[(ContactField::CompanyName, "Société Générale")]).await;
    let survivor = merge::merge(&scope, &[stored, other], Some(stored)).await.unwrap();
    assert_eq!(survivor.company_name_folded.as_deref(), Some("societe generale"));
    assert_eq!(survivor.city_folded.as_deref(), Some("evry"));
}

#[tokio::test]
async fn the_migration_backfills_the_folded_columns_of_existing_contacts() {
    use crm360_migrations::{Migrator, MigratorTrait};
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let scope = TenantScope::system(&app.platform, tenant.id);
    seed(&scope).await;
    let all = Migrator::migrations();
    let at = all.iter().position(|m| m.name() == "m20261202_100000_contact_folded_columns").expect("registered");
    Migrator::down(&app.db, Some((all.len() - at) as u32)).await.expect("down");
    Migrator::up(&app.db, None).await.expect("up");
    let city = json!({ "field": "CITY", "operator": "EQUALS", "value": "saint etienne" });
    assert_eq!(count(&scope, city).await, 4);
    let rows = contacts::list(
        &scope,
        ContactPage::parse(Some(100), None, ContactSort::Creation(Direction::Ascending)).unwrap(),
        Some("lefevre"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
}
