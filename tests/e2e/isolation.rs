//! Tenant isolation and authorization, walked over the whole schema as introspection shows
//! it (no hand-listed fields): every query and mutation is called by a user of tenant A with
//! the ids of tenant B's records, and must neither show nor change anything of B; every
//! field whose documentation says it needs a right or a role refuses those without it.

use crm360_suite::{Caller, Gql, TenantFixture, TestApp, spawn_app};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};

/// The only root fields open to any caller, on purpose. A new field must either declare a
/// right or a role in its documentation (and enforce it, as checked below), or be added here.
/// ("Signed-in users only." fields are open to anyone logged in, and refuse anonymous callers.)
const PUBLIC_FIELDS: [&str; 4] = ["me", "login", "logout", "changePassword"];

const INTROSPECTION: &str = r#"
query {
  __schema {
    queryType { name }
    mutationType { name }
    types {
      name kind
      fields { name description args { name type { ...T } } type { ...T } }
      inputFields { name type { ...T } }
      enumValues { name }
    }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
"#;

#[derive(Clone, Debug)]
struct TypeRef {
    kind: String,
    name: Option<String>,
    of_type: Option<Box<TypeRef>>,
}

impl TypeRef {
    fn parse(value: &Value) -> TypeRef {
        TypeRef {
            kind: value["kind"].as_str().unwrap_or_default().to_owned(),
            name: value["name"].as_str().map(str::to_owned),
            of_type: value.get("ofType").filter(|v| !v.is_null()).map(|v| Box::new(TypeRef::parse(v))),
        }
    }

    fn named(&self) -> &str {
        match &self.of_type {
            Some(inner) => inner.named(),
            None => self.name.as_deref().unwrap_or_default(),
        }
    }

    fn sdl(&self) -> String {
        match self.kind.as_str() {
            "NON_NULL" => format!("{}!", self.of_type.as_ref().unwrap().sdl()),
            "LIST" => format!("[{}]", self.of_type.as_ref().unwrap().sdl()),
            _ => self.name.clone().unwrap_or_default(),
        }
    }

    fn required(&self) -> bool {
        self.kind == "NON_NULL"
    }

    fn mentions_id(&self, schema: &Schema) -> bool {
        let named = self.named();
        named == "ID" || schema.types.get(named).is_some_and(|t| t.inputs.iter().any(|(_, ty)| ty.named() == "ID"))
    }
}

#[derive(Clone, Debug)]
struct Field {
    name: String,
    description: String,
    args: Vec<(String, TypeRef)>,
    ty: TypeRef,
}

#[derive(Debug, Default)]
struct TypeInfo {
    kind: String,
    fields: Vec<Field>,
    inputs: Vec<(String, TypeRef)>,
    enum_values: Vec<String>,
}

struct Schema {
    query: String,
    mutation: String,
    types: HashMap<String, TypeInfo>,
}

async fn introspect(app: &TestApp, caller: &Caller) -> Schema {
    let response = app.gql(caller, INTROSPECTION, json!({})).await;
    let schema = &response.ok()["__schema"];
    let mut types = HashMap::new();
    for t in schema["types"].as_array().unwrap() {
        let fields = t["fields"]
            .as_array()
            .map(|fs| {
                fs.iter()
                    .map(|f| Field {
                        name: f["name"].as_str().unwrap().to_owned(),
                        description: f["description"].as_str().unwrap_or_default().to_owned(),
                        args: f["args"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| (a["name"].as_str().unwrap().to_owned(), TypeRef::parse(&a["type"])))
                            .collect(),
                        ty: TypeRef::parse(&f["type"]),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let inputs = t["inputFields"]
            .as_array()
            .map(|fs| fs.iter().map(|f| (f["name"].as_str().unwrap().to_owned(), TypeRef::parse(&f["type"]))).collect())
            .unwrap_or_default();
        let enum_values = t["enumValues"]
            .as_array()
            .map(|vs| vs.iter().map(|v| v["name"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        types.insert(
            t["name"].as_str().unwrap().to_owned(),
            TypeInfo { kind: t["kind"].as_str().unwrap().to_owned(), fields, inputs, enum_values },
        );
    }
    Schema {
        query: schema["queryType"]["name"].as_str().unwrap().to_owned(),
        mutation: schema["mutationType"]["name"].as_str().unwrap().to_owned(),
        types,
    }
}

impl Schema {
    fn roots(&self) -> Vec<(&'static str, &Field)> {
        let mut roots: Vec<(&'static str, &Field)> = Vec::new();
        roots.extend(self.types[&self.query].fields.iter().map(|f| ("query", f)));
        roots.extend(self.types[&self.mutation].fields.iter().map(|f| ("mutation", f)));
        // `logout` ends the caller's session: keep it for last.
        roots.sort_by_key(|(_, f)| f.name == "logout");
        roots
    }

    /// A value of an input type, with `id` wherever an ID goes.
    fn value(&self, ty: &TypeRef, id: &str, depth: usize) -> Value {
        match ty.kind.as_str() {
            "NON_NULL" => self.value(ty.of_type.as_ref().unwrap(), id, depth),
            "LIST" => json!([self.value(ty.of_type.as_ref().unwrap(), id, depth)]),
            _ => {
                let name = ty.name.as_deref().unwrap_or_default();
                match name {
                    "ID" => json!(id),
                    "String" => json!("probe-value"),
                    "Int" => json!(10),
                    "Float" => json!(1.5),
                    "Boolean" => json!(false),
                    "DateTime" => json!("2030-01-01T00:00:00Z"),
                    "NaiveDate" => json!("2030-01-01"),
                    "JSON" => json!({}),
                    _ => {
                        let info = &self.types[name];
                        match info.kind.as_str() {
                            "ENUM" => json!(info.enum_values[0]),
                            "INPUT_OBJECT" if depth < 4 => {
                                let mut object = Map::new();
                                for (field, fty) in &info.inputs {
                                    if fty.required() || fty.mentions_id(self) {
                                        object.insert(field.clone(), self.value(fty, id, depth + 1));
                                    }
                                }
                                Value::Object(object)
                            }
                            _ => Value::Null,
                        }
                    }
                }
            }
        }
    }

    /// A selection of everything reachable without arguments, a few levels deep.
    fn selection(&self, ty: &TypeRef, depth: usize) -> String {
        let info = match self.types.get(ty.named()) {
            Some(info) if info.kind == "OBJECT" => info,
            _ => return String::new(),
        };
        if depth == 0 {
            return "{ __typename }".to_owned();
        }
        let mut parts = vec!["__typename".to_owned()];
        for field in &info.fields {
            if field.args.iter().any(|(_, t)| t.required()) {
                continue;
            }
            parts.push(format!("{} {}", field.name, self.selection(&field.ty, depth - 1)));
        }
        format!("{{ {} }}", parts.join(" "))
    }

    /// The operation calling `field` with every required or ID argument set.
    fn operation(&self, kind: &str, field: &Field, id: &str) -> (String, Value) {
        let mut declarations = Vec::new();
        let mut arguments = Vec::new();
        let mut variables = Map::new();
        for (name, ty) in &field.args {
            if ty.required() || ty.mentions_id(self) {
                declarations.push(format!("${name}: {}", ty.sdl()));
                arguments.push(format!("{name}: ${name}"));
                variables.insert(name.clone(), self.value(ty, id, 0));
            }
        }
        let declarations =
            if declarations.is_empty() { String::new() } else { format!("({})", declarations.join(", ")) };
        let arguments = if arguments.is_empty() { String::new() } else { format!("({})", arguments.join(", ")) };
        let query =
            format!("{kind} Probe{declarations} {{ {}{arguments} {} }}", field.name, self.selection(&field.ty, 3));
        (query, Value::Object(variables))
    }
}

/// Everything of tenant B that must never show in tenant A's responses.
fn markers_of(tenant: &TenantFixture, token_id: &str) -> Vec<String> {
    let mut markers =
        vec![tenant.id.to_string(), tenant.name.clone(), tenant.admin_email.clone(), tenant.admin_id.to_string()];
    markers.extend(tenant.users.values().flat_map(|(email, id)| [email.clone(), id.to_string()]));
    markers.push(token_id.to_owned());
    markers
}

/// Tenant B's network allow-list (its own address kept in): the markers that must never show to A.
async fn beta_networks(app: &TestApp, admin: &Caller) -> Vec<String> {
    app.gql(
        admin,
        "mutation { setAllowedNetworks(input: {networks: [{cidr: \"127.0.0.0/8\"}, {cidr: \"198.18.77.0/24\", description: \"Betasecret reseau\"}]}) { allowedNetworks { id } } }",
        json!({}),
    )
    .await
    .ok();
    vec!["198.18.77.0/24".to_owned(), "Betasecret reseau".to_owned()]
}

/// Tenant B's records as stored, to prove that nothing of B changed.
async fn state_of(app: &TestApp, tenant: &TenantFixture) -> BTreeMap<String, String> {
    use crm360_identity::model::{allowed_network, api_token, tenant as tenant_model, tenant_user};
    let mut state = BTreeMap::new();
    for network in crm360_suite::find_all::<allowed_network::Entity>(&app.db).await {
        if network.tenant_id == tenant.id {
            state.insert(format!("allowed network {}", network.id), format!("{network:?}"));
        }
    }
    for user in crm360_suite::find_all::<tenant_user::Entity>(&app.db).await {
        if user.tenant_id == tenant.id {
            state.insert(
                format!("user {}", user.id),
                format!("{:?} {:?} {} {}", user.rights(), user.status, user.password_hash, user.updated_at),
            );
        }
    }
    for token in crm360_suite::find_all::<api_token::Entity>(&app.db).await {
        if token.tenant_id == tenant.id {
            state.insert(
                format!("token {}", token.id),
                format!("{:?} {:?} {}", token.rights(), token.revoked_at, token.name),
            );
        }
    }
    for t in crm360_suite::find_all::<tenant_model::Entity>(&app.db).await {
        if t.id == tenant.id {
            state.insert("tenant".to_owned(), format!("{} {:?} {:?}", t.name, t.status, t.suspended_reason));
        }
    }
    contacts_state_of(app, tenant, &mut state).await;
    postal_state_of(app, tenant, &mut state).await;
    support_state_of(app, tenant, &mut state).await;
    state
}

/// The announcements addressed to tenant B, and B's page views.
async fn support_state_of(app: &TestApp, tenant: &TenantFixture, state: &mut BTreeMap<String, String>) {
    use crm360_support::model::{announcement, page_view};
    let db = &app.db;
    for a in crm360_suite::find_all::<announcement::Entity>(db).await {
        if a.tenant_id == Some(tenant.id) {
            state.insert(format!("announcement {}", a.id), format!("{a:?}"));
        }
    }
    for p in crm360_suite::find_all::<page_view::Entity>(db).await.into_iter().filter(|p| p.tenant_id == tenant.id) {
        state.insert(format!("page view {}", p.id), format!("{p:?}"));
    }
}

/// An announcement the operator addresses to tenant B only, and a page view of B's
/// administrator. Returns the markers that must never show to A, and the announcement's id.
async fn beta_support(app: &TestApp, tenant: &TenantFixture, admin: &Caller) -> (Vec<String>, String) {
    let operator = app.login(&app.operator("ops-isolation@operator.test").await).await;
    let created = app
        .gql(
            &operator,
            "mutation($tenant: ID!) { createAnnouncement(input: {severity: WARNING, textFr: \"Betasecret annonce\", startsAt: \"2020-01-01T00:00:00Z\", tenantId: $tenant}) { announcement { id } } }",
            json!({ "tenant": tenant.id }),
        )
        .await;
    let id = created.ok()["createAnnouncement"]["announcement"]["id"].as_str().unwrap().to_owned();
    let visitor = uuid::Uuid::new_v4().simple().to_string();
    app.gql(
        admin,
        "mutation($visitor: String!) { recordPageView(input: {visitorId: $visitor, path: \"/contacts\"}) { recorded } }",
        json!({ "visitor": visitor }),
    )
    .await
    .ok();
    (vec!["Betasecret annonce".to_owned(), id.clone(), visitor], id)
}

/// Tenant B's postal runs, RNVP results and duplicate groups.
async fn postal_state_of(app: &TestApp, tenant: &TenantFixture, state: &mut BTreeMap<String, String>) {
    use crm360_postal::model::*;
    let db = &app.db;
    for r in crm360_suite::find_all::<postal_run::Entity>(db).await.into_iter().filter(|r| r.tenant_id == tenant.id) {
        state.insert(format!("postal run {}", r.id), format!("{r:?}"));
    }
    for r in crm360_suite::find_all::<rnvp_result::Entity>(db).await.into_iter().filter(|r| r.tenant_id == tenant.id) {
        state.insert(format!("rnvp result {} {}", r.run_id, r.contact_id), format!("{r:?}"));
    }
    for g in crm360_suite::find_all::<dedup_group::Entity>(db).await.into_iter().filter(|g| g.tenant_id == tenant.id) {
        state.insert(format!("dedup group {}", g.id), format!("{g:?}"));
    }
    for m in crm360_suite::find_all::<dedup_member::Entity>(db).await.into_iter().filter(|m| m.tenant_id == tenant.id) {
        state.insert(format!("dedup member {} {}", m.group_id, m.contact_id), format!("{m:?}"));
    }
}

/// Gives tenant B two duplicate contacts, a finished RNVP run and a finished deduplication
/// run with one pending group; returns the runs' and the group's ids.
async fn beta_postal(app: &TestApp, admin: &Caller) -> Vec<String> {
    for last_name in ["Betadupont", "Betadupond"] {
        app.gql(
            admin,
            "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }",
            json!({ "input": { "firstName": "Jean", "lastName": last_name, "addressLine4": "12 avenue des Champs-Élysées",
                "postalCode": "75008", "city": "Paris" } }),
        )
        .await
        .ok();
    }
    let mut ids = Vec::new();
    for mutation in ["startRnvpRun", "startDedupRun"] {
        let started =
            app.gql(admin, &format!("mutation {{ {mutation}(input: {{}}) {{ run {{ id }} }} }}"), json!({})).await;
        ids.push(started.ok()[mutation]["run"]["id"].as_str().unwrap().to_owned());
    }
    app.jobs.run_due().await.expect("jobs run");
    let groups = app
        .gql(admin, "query($id: ID!) { duplicateGroups(runId: $id) { nodes { id } } }", json!({ "id": ids[1] }))
        .await;
    let group = groups.ok()["duplicateGroups"]["nodes"][0]["id"].as_str().expect("tenant B has a duplicate group");
    ids.push(group.to_owned());
    ids
}

/// Tenant B's contacts module records: contacts, consents, custom fields and values,
/// segments, mappings, uploads, imports.
async fn contacts_state_of(app: &TestApp, tenant: &TenantFixture, state: &mut BTreeMap<String, String>) {
    use crm360_contacts::model::*;
    let db = &app.db;
    for c in crm360_suite::find_all::<contact::Entity>(db).await.into_iter().filter(|c| c.tenant_id == tenant.id) {
        state.insert(format!("contact {}", c.id), format!("{c:?}"));
    }
    for c in crm360_suite::find_all::<consent::Entity>(db).await.into_iter().filter(|c| c.tenant_id == tenant.id) {
        state.insert(format!("consent {} {}", c.contact_id, c.channel), format!("{c:?}"));
    }
    for f in crm360_suite::find_all::<custom_field::Entity>(db).await.into_iter().filter(|f| f.tenant_id == tenant.id) {
        state.insert(format!("custom field {}", f.id), format!("{f:?}"));
    }
    for v in crm360_suite::find_all::<custom_value::Entity>(db).await.into_iter().filter(|v| v.tenant_id == tenant.id) {
        state.insert(format!("custom value {} {}", v.contact_id, v.field_id), format!("{v:?}"));
    }
    for s in crm360_suite::find_all::<segment::Entity>(db).await.into_iter().filter(|s| s.tenant_id == tenant.id) {
        state.insert(format!("segment {}", s.id), format!("{s:?}"));
    }
    for m in crm360_suite::find_all::<import_mapping::Entity>(db).await.into_iter().filter(|m| m.tenant_id == tenant.id)
    {
        state.insert(format!("mapping {}", m.id), format!("{m:?}"));
    }
    for u in crm360_suite::find_all::<upload::Entity>(db).await.into_iter().filter(|u| u.tenant_id == tenant.id) {
        state.insert(format!("upload {}", u.id), format!("{u:?}"));
    }
    for i in crm360_suite::find_all::<import::Entity>(db).await.into_iter().filter(|i| i.tenant_id == tenant.id) {
        state.insert(format!("import {}", i.id), format!("{i:?}"));
    }
    for f in crm360_suite::find_all::<feed::Entity>(db).await.into_iter().filter(|f| f.tenant_id == tenant.id) {
        state.insert(format!("feed {}", f.id), format!("{f:?}"));
    }
}

/// Gives tenant B contacts-module records to protect: a custom field, a contact with a
/// consent and a custom value, a segment, a mapping, an upload and its import. Returns the
/// markers that must never show to A, and B's ids to probe A's fields with.
async fn beta_contacts(app: &TestApp, admin: &Caller) -> (Vec<String>, Vec<String>) {
    let field = app
        .gql(
            admin,
            "mutation { createCustomField(input: {key: \"beta_secret_tier\", label: \"Betasecret tier\", kind: TEXT}) { customField { id } } }",
            json!({}),
        )
        .await;
    let field_id = field.ok()["createCustomField"]["customField"]["id"].as_str().unwrap().to_owned();
    let contact = app
        .gql(
            admin,
            "mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }",
            json!({ "input": { "lastName": "Betasecretname", "firstName": "Bettina", "externalId": "BETA-EXT-77",
                "personalEmail": "bettina@beta-contacts.test", "mobilePhone": "06 11 22 33 44", "postalCode": "13001",
                "customValues": [{ "key": "beta_secret_tier", "value": "betasecretvalue" }] } }),
        )
        .await;
    let contact_id = contact.ok()["createContact"]["contact"]["id"].as_str().unwrap().to_owned();
    app.gql(
        admin,
        "mutation($id: ID!) { setContactConsent(input: {contactId: $id, channel: EMAIL, status: GRANTED, source: \"betasecretsource\"}) { contact { id } } }",
        json!({ "id": contact_id }),
    )
    .await
    .ok();
    let segment = app
        .gql(
            admin,
            "mutation { createSegment(input: {name: \"Betasecret segment\", definition: {condition: {field: LAST_NAME, operator: STARTS_WITH, value: \"Beta\"}}}) { segment { id } } }",
            json!({}),
        )
        .await;
    let segment_id = segment.ok()["createSegment"]["segment"]["id"].as_str().unwrap().to_owned();
    let mapping = app
        .gql(
            admin,
            "mutation { createImportMapping(input: {name: \"Betasecret mapping\", upsertKey: EXTERNAL_ID, columns: [{column: \"ref\", field: EXTERNAL_ID}, {column: \"nom\", field: LAST_NAME}]}) { importMapping { id } } }",
            json!({}),
        )
        .await;
    let mapping_id = mapping.ok()["createImportMapping"]["importMapping"]["id"].as_str().unwrap().to_owned();
    let (status, uploaded) =
        app.upload(admin, "betasecretfile.csv", b"ref;nom\nBETA-EXT-78;Betasecondname\n".to_vec()).await;
    assert_eq!(status, 201, "{uploaded}");
    let upload_id = uploaded["id"].as_str().unwrap().to_owned();
    let import = app
        .gql(
            admin,
            "mutation($upload: ID!, $mapping: ID!) { startImport(input: {uploadId: $upload, mappingId: $mapping}) { import { id } } }",
            json!({ "upload": upload_id, "mapping": mapping_id }),
        )
        .await;
    let import_id = import.ok()["startImport"]["import"]["id"].as_str().unwrap().to_owned();
    app.jobs.run_due().await.expect("jobs run");
    let feed = app
        .gql(
            admin,
            "mutation($mapping: ID!) { createFeed(input: {name: \"Betasecret feed\", mappingId: $mapping}) { feed { id } } }",
            json!({ "mapping": mapping_id }),
        )
        .await;
    let feed_id = feed.ok()["createFeed"]["feed"]["id"].as_str().unwrap().to_owned();
    let ids = vec![field_id, contact_id, segment_id, mapping_id, upload_id, import_id, feed_id];
    let mut markers: Vec<String> = [
        "beta_secret_tier",
        "Betasecret",
        "Betasecretname",
        "Betasecondname",
        "BETA-EXT-77",
        "BETA-EXT-78",
        "bettina@beta-contacts.test",
        "+33611223344",
        "betasecretvalue",
        "betasecretsource",
        "betasecretfile",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    markers.extend(ids.iter().cloned());
    (markers, ids)
}

/// The rights named after `phrase` ("Requires one of the rights `IMPORT`, `ANALYSE`."), up to
/// the end of the sentence.
fn rights_listed(description: &str, phrase: &str) -> Vec<String> {
    let Some(start) = description.find(phrase) else { return vec![] };
    let rest = &description[start + phrase.len()..];
    let sentence = rest.split('.').next().unwrap_or_default();
    sentence.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

fn forbidden(response: &Gql) -> bool {
    response.codes().iter().any(|c| c == "FORBIDDEN")
}

#[tokio::test]
async fn tenant_a_never_reads_or_changes_tenant_b_through_any_field() {
    let app = spawn_app().await;
    let alpha = app.tenant("alpha").await;
    let beta = app.tenant("beta").await;
    let beta_admin = app.login(&beta.admin_email).await;
    let beta_token = app
        .gql(
            &beta_admin,
            "mutation { createApiToken(input: {name: \"beta BI\", rights: [ANALYSE]}) { apiToken { id } } }",
            json!({}),
        )
        .await
        .ok()["createApiToken"]["apiToken"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut markers = markers_of(&beta, &beta_token);
    markers.extend(beta_networks(&app, &beta_admin).await);
    let mut beta_ids: Vec<String> = beta.users.values().map(|(_, id)| id.to_string()).collect();
    beta_ids.extend([beta.id.to_string(), beta.admin_id.to_string(), beta_token.clone()]);
    let (contact_markers, contact_ids) = beta_contacts(&app, &beta_admin).await;
    assert!(state_of(&app, &beta).await.keys().any(|k| k.starts_with("import ")), "tenant B has an import");
    markers.extend(contact_markers);
    beta_ids.extend(contact_ids);
    let postal_ids = beta_postal(&app, &beta_admin).await;
    markers.extend(postal_ids.iter().cloned());
    beta_ids.extend(postal_ids);
    let (support_markers, announcement_id) = beta_support(&app, &beta, &beta_admin).await;
    markers.extend(support_markers);
    beta_ids.push(announcement_id);
    let before = state_of(&app, &beta).await;

    let alpha_admin = app.login(&alpha.admin_email).await;
    let schema = introspect(&app, &alpha_admin).await;
    let mut calls = 0;
    for (kind, field) in schema.roots() {
        let ids: Vec<&str> = if field.args.iter().any(|(_, t)| t.mentions_id(&schema)) {
            beta_ids.iter().map(String::as_str).collect()
        } else {
            vec![""]
        };
        for id in ids {
            let (query, variables) = schema.operation(kind, field, id);
            let response = app.gql(&alpha_admin, &query, variables).await;
            calls += 1;
            let text = response.body.to_string();
            for marker in &markers {
                assert!(!text.contains(marker.as_str()), "{} leaked {marker} of tenant B: {text}", field.name);
            }
        }
    }
    assert!(calls > 20, "the walk made {calls} calls");
    assert_eq!(state_of(&app, &beta).await, before, "tenant B's records changed");
}

#[tokio::test]
async fn every_guarded_field_refuses_callers_without_its_right_or_role() {
    let app = spawn_app().await;
    let tenant = app.tenant("alpha").await;
    let operator = app.login(&app.operator("ops@operator.test").await).await;
    let admin = app.login(&tenant.admin_email).await;
    let schema = introspect(&app, &admin).await;
    let mut callers: HashMap<String, Caller> = HashMap::new();
    for role in tenant.users.keys() {
        callers.insert(role.clone(), app.login(tenant.email(role)).await);
    }
    let rights = ["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"];
    let mut checked: BTreeMap<String, usize> = BTreeMap::new();

    for (kind, field) in schema.roots() {
        let (query, variables) = schema.operation(kind, field, &uuid::Uuid::nil().to_string());
        let call = |caller: &Caller| {
            let caller = caller.clone();
            let query = query.clone();
            let variables = variables.clone();
            let app = &app;
            async move { app.gql(&caller, &query, variables).await }
        };
        let required_rights: Vec<&str> = rights
            .iter()
            .copied()
            .filter(|r| field.description.contains(&format!("Requires the `{r}` right")))
            .collect();
        let any_of = rights_listed(&field.description, "Requires one of the rights ");
        let all_of = rights_listed(&field.description, "Requires all of the rights ");
        let admin_only = field.description.contains("Tenant administrators only");
        let operator_only = field.description.contains("Operator staff only");
        let signed_in_only = field.description.contains("Signed-in users only");

        if signed_in_only {
            let anonymous = call(&Caller::Anonymous).await;
            assert_eq!(anonymous.code(), Some("UNAUTHENTICATED"), "{} let an anonymous caller in", field.name);
            for caller in [&callers["norights"], &admin, &operator] {
                let response = call(caller).await;
                assert!(!forbidden(&response), "{} refused a signed-in caller: {:#}", field.name, response.body);
            }
            *checked.entry("SIGNED_IN".to_owned()).or_default() += 1;
            continue;
        }
        if required_rights.is_empty() && any_of.is_empty() && all_of.is_empty() && !admin_only && !operator_only {
            assert!(PUBLIC_FIELDS.contains(&field.name.as_str()), "{} declares no right or role", field.name);
            if field.name != "logout" {
                assert!(!forbidden(&call(&callers["norights"]).await), "{} is public but refused", field.name);
            }
            continue;
        }
        let anonymous = call(&Caller::Anonymous).await;
        assert_eq!(anonymous.code(), Some("UNAUTHENTICATED"), "{} let an anonymous caller in", field.name);
        for right in &required_rights {
            let lacking = call(&callers[&format!("no{}", right.to_lowercase())]).await;
            assert!(forbidden(&lacking), "{} let in a user without {right}: {:#}", field.name, lacking.body);
            let holding = call(&callers[&right.to_lowercase()]).await;
            assert!(!forbidden(&holding), "{} refused a user with {right}: {:#}", field.name, holding.body);
            *checked.entry(right.to_string()).or_default() += 1;
        }
        if !any_of.is_empty() {
            let none = call(&callers["norights"]).await;
            assert!(forbidden(&none), "{} let in a user with none of {any_of:?}", field.name);
            for right in &any_of {
                let holding = call(&callers[&right.to_lowercase()]).await;
                assert!(!forbidden(&holding), "{} refused a user with {right}: {:#}", field.name, holding.body);
                *checked.entry(format!("ANY_OF {right}")).or_default() += 1;
            }
        }
        if !all_of.is_empty() {
            for right in &all_of {
                let lacking = call(&callers[&format!("no{}", right.to_lowercase())]).await;
                assert!(forbidden(&lacking), "{} let in a user without {right}", field.name);
                let only = call(&callers[&right.to_lowercase()]).await;
                assert!(forbidden(&only), "{} let in a user with {right} alone", field.name);
            }
            let holding = call(&callers["allrights"]).await;
            assert!(!forbidden(&holding), "{} refused a user with {all_of:?}: {:#}", field.name, holding.body);
            *checked.entry("ALL_OF".to_owned()).or_default() += 1;
        }
        if admin_only {
            assert!(forbidden(&call(&callers["allrights"]).await), "{} let in a non-administrator", field.name);
            assert!(forbidden(&call(&operator).await), "{} let operator staff into tenant data", field.name);
            assert!(!forbidden(&call(&admin).await), "{} refused the administrator", field.name);
            *checked.entry("TENANT_ADMIN".to_owned()).or_default() += 1;
        }
        if operator_only {
            assert!(forbidden(&call(&admin).await), "{} let in a tenant administrator", field.name);
            assert!(!forbidden(&call(&operator).await), "{} refused operator staff", field.name);
            *checked.entry("OPERATOR".to_owned()).or_default() += 1;
        }
    }
    assert!(checked["TENANT_ADMIN"] >= 10 && checked["OPERATOR"] >= 5, "guards checked: {checked:?}");
    eprintln!("guards checked per right or role: {checked:?}");
}
