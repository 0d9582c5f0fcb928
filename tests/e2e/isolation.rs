//! Tenant isolation and authorization, walked over the whole schema as introspection shows
//! it (no hand-listed fields): every query and mutation is called by a user of tenant A with
//! the ids of tenant B's records, and must neither show nor change anything of B; every
//! field whose documentation says it needs a right or a role refuses those without it.

use crm360_suite::{Caller, Gql, TenantFixture, TestApp, spawn_app};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};

/// The only root fields open to any caller, on purpose. A new field must either declare a
/// right or a role in its documentation (and enforce it, as checked below), or be added here.
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

/// Tenant B's records as stored, to prove that nothing of B changed.
async fn state_of(app: &TestApp, tenant: &TenantFixture) -> BTreeMap<String, String> {
    use crm360_identity::model::{api_token, tenant as tenant_model, tenant_user};
    let mut state = BTreeMap::new();
    for user in crm360_suite::find_all::<tenant_user::Entity>(&app.platform.db).await {
        if user.tenant_id == tenant.id {
            state.insert(
                format!("user {}", user.id),
                format!("{:?} {:?} {} {}", user.rights(), user.status, user.password_hash, user.updated_at),
            );
        }
    }
    for token in crm360_suite::find_all::<api_token::Entity>(&app.platform.db).await {
        if token.tenant_id == tenant.id {
            state.insert(
                format!("token {}", token.id),
                format!("{:?} {:?} {}", token.rights(), token.revoked_at, token.name),
            );
        }
    }
    for t in crm360_suite::find_all::<tenant_model::Entity>(&app.platform.db).await {
        if t.id == tenant.id {
            state.insert("tenant".to_owned(), format!("{} {} {:?}", t.name, t.status, t.suspended_reason));
        }
    }
    state
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
    let markers = markers_of(&beta, &beta_token);
    let mut beta_ids: Vec<String> = beta.users.values().map(|(_, id)| id.to_string()).collect();
    beta_ids.extend([beta.id.to_string(), beta.admin_id.to_string(), beta_token.clone()]);
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
        let admin_only = field.description.contains("Tenant administrators only");
        let operator_only = field.description.contains("Operator staff only");

        if required_rights.is_empty() && !admin_only && !operator_only {
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
