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
const PUBLIC_FIELDS: [&str; 6] = ["me", "login", "logout", "changePassword", "requestPasswordReset", "resetPassword"];

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
                    "Decimal" => json!("1.00"),
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
    campaigns_state_of(app, tenant, &mut state).await;
    billing_state_of(app, tenant, &mut state).await;
    state
}

/// Tenant B's billing records: invoices, payments, plans and its billing identity.
async fn billing_state_of(app: &TestApp, tenant: &TenantFixture, state: &mut BTreeMap<String, String>) {
    use crm360_billing::model::{invoice, payment, plan, profile};
    let db = &app.db;
    for i in crm360_suite::find_all::<invoice::Entity>(db).await.into_iter().filter(|i| i.tenant_id == tenant.id) {
        state.insert(format!("invoice {}", i.id), format!("{i:?}"));
    }
    for p in crm360_suite::find_all::<payment::Entity>(db).await.into_iter().filter(|p| p.tenant_id == tenant.id) {
        state.insert(format!("payment {}", p.id), format!("{p:?}"));
    }
    for p in crm360_suite::find_all::<plan::Entity>(db).await.into_iter().filter(|p| p.tenant_id == tenant.id) {
        state.insert(format!("plan {}", p.id), format!("{p:?}"));
    }
    for p in crm360_suite::find_all::<profile::Entity>(db).await.into_iter().filter(|p| p.tenant_id == tenant.id) {
        state.insert("billing profile".to_owned(), format!("{p:?}"));
    }
}

/// Gives tenant B billing records to protect: its billing identity, a plan, usage, an issued
/// invoice with a payment; returns the markers and ids.
async fn beta_billing(app: &TestApp, tenant: &TenantFixture, admin: &Caller) -> (Vec<String>, Vec<String>) {
    use crm360_billing::service::{documents::Documents, followup, invoices, plans};
    let settings = crm360_billing::settings::BillingSettings::defaults(&app.data_dir);
    let documents = Documents::new().expect("renderer");
    let saved = app
        .gql(
            admin,
            "mutation($i: BillingProfileInput!) { updateBillingProfile(input: $i) { legalName } }",
            json!({ "i": { "legalName": "Betasecret Facturation SAS", "addressLines": ["1 rue Betasecret"],
                "postcode": "59000", "city": "Lille", "siren": "732829320" } }),
        )
        .await;
    saved.ok();
    let operator = app.operator_scope();
    let change = plans::PlanChange { level: 4, email_commitment: 0, sms_commitment: 0, requested_on: None };
    let plan = plans::change(&operator, tenant.id, change).await.expect("a plan");
    let scope = operator.on_tenant(tenant.id);
    let txn = scope.begin().await.unwrap();
    txn.meter(crm360_kernel::model::usage_event::UsageKind::SmsSent, 4_321, "sms:beta").await.unwrap();
    txn.commit().await.unwrap();
    let month = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let draft = invoices::draft_month(&operator, &settings, tenant.id, month).await.expect("a draft");
    let issued = invoices::issue(&operator, &settings, &documents, tenant.id, draft.id).await.expect("issued");
    let paid = followup::NewPayment {
        amount: rust_decimal::Decimal::ONE,
        paid_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        method: crm360_billing::model::PaymentMethod::Transfer,
        reference: Some("VIR-BETASECRET".to_owned()),
    };
    let payment = followup::record_payment(&operator, tenant.id, issued.id, paid).await.expect("a payment");
    let markers = vec!["Betasecret Facturation".to_owned(), "VIR-BETASECRET".to_owned(), issued.id.to_string()];
    (markers, vec![issued.id.to_string(), plan.id.to_string(), payment.id.to_string()])
}

/// Tenant B's campaigns module records: campaigns (their statuses), runs, templates (names
/// and bodies), allowed senders, suppressions, and the send ledger (its rows and count).
async fn campaigns_state_of(app: &TestApp, tenant: &TenantFixture, state: &mut BTreeMap<String, String>) {
    use crm360_campaigns::model::{campaign, campaign_run, send_ledger, sender, suppression, template};
    let db = &app.db;
    for c in crm360_suite::find_all::<campaign::Entity>(db).await.into_iter().filter(|c| c.tenant_id == tenant.id) {
        state.insert(format!("campaign {}", c.id), format!("{:?} {c:?}", c.status));
    }
    for r in crm360_suite::find_all::<campaign_run::Entity>(db).await.into_iter().filter(|r| r.tenant_id == tenant.id) {
        state.insert(format!("campaign run {}", r.id), format!("{r:?}"));
    }
    for t in crm360_suite::find_all::<template::Entity>(db).await.into_iter().filter(|t| t.tenant_id == tenant.id) {
        state.insert(format!("template {}", t.id), format!("{} {} {t:?}", t.name, t.text_body));
    }
    for s in crm360_suite::find_all::<sender::Entity>(db).await.into_iter().filter(|s| s.tenant_id == tenant.id) {
        state.insert(format!("sender {}", s.id), format!("{s:?}"));
    }
    for s in crm360_suite::find_all::<suppression::Entity>(db).await.into_iter().filter(|s| s.tenant_id == tenant.id) {
        state.insert(format!("suppression {:?} {}", s.channel, s.value_hash), format!("{s:?}"));
    }
    let ledger: Vec<_> = crm360_suite::find_all::<send_ledger::Entity>(db)
        .await
        .into_iter()
        .filter(|l| l.tenant_id == tenant.id)
        .collect();
    state.insert("ledger rows".to_owned(), ledger.len().to_string());
    for l in ledger {
        state.insert(format!("ledger {} {}", l.run_id, l.contact_id), format!("{l:?}"));
    }
}

/// B's campaigns records, for the walk to probe and for the explicit probes after it.
struct BetaCampaigns {
    markers: Vec<String>,
    ids: Vec<String>,
    email_sender: String,
    template: String,
    segment: String,
    suppressed: String,
    suppressed_hash: String,
}

/// Gives tenant B campaigns-module records to protect: two allowed senders (email, SMS), a
/// template, a segment, a draft campaign, a campaign scheduled in the future, a campaign sent
/// (its run and ledger) and a suppression.
async fn beta_campaigns(app: &TestApp, tenant: &TenantFixture, admin: &Caller) -> BetaCampaigns {
    use crate::campaigns::{allow_sender, create_campaign, create_template, launch};
    let email_sender = allow_sender(app, tenant, "EMAIL", "offres@betasecret-boutique.test").await.id();
    let sms_sender = allow_sender(app, tenant, "SMS", "BETASECRET").await.id();
    let template = create_template(
        app,
        admin,
        json!({ "name": "Betasecret modele", "channel": "EMAIL", "subject": "Betasecret sujet",
                "textBody": "Bonjour {{ first_name | default(\"client\") }}, betasecretbody" }),
    )
    .await;
    let template = template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let segment = app
        .gql(
            admin,
            "mutation { createSegment(input: {name: \"Betasecret cible\", definition: {condition: {field: LAST_NAME, operator: STARTS_WITH, value: \"Beta\"}}}) { segment { id } } }",
            json!({}),
        )
        .await;
    let segment = segment.ok()["createSegment"]["segment"]["id"].as_str().unwrap().to_owned();
    let mut campaigns = Vec::new();
    for (name, plan) in
        [("Betasecret brouillon", "NOW"), ("Betasecret programmee", "AT"), ("Betasecret envoyee", "NOW")]
    {
        let mut input = json!({ "name": name, "channel": "EMAIL", "segmentId": segment, "templateId": template,
            "senderId": email_sender, "plan": plan });
        if plan == "AT" {
            input["scheduledAt"] = json!("2030-06-01T09:00:00Z");
        }
        let created = create_campaign(app, admin, input).await;
        campaigns.push(created.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned());
    }
    for launched in &campaigns[1..] {
        launch(app, admin, launched).await.ok();
    }
    app.jobs.run_due().await.expect("jobs run");
    let suppressed = "betasecret-stop@beta-campaigns.test".to_owned();
    let added = app
        .gql(
            admin,
            "mutation($v: String!) { addSuppression(channel: EMAIL, value: $v) { valueHash } }",
            json!({ "v": suppressed }),
        )
        .await;
    let suppressed_hash = added.ok()["addSuppression"]["valueHash"].as_str().unwrap().to_owned();
    let mut ids = vec![email_sender.clone(), sms_sender, template.clone(), segment.clone()];
    ids.extend(campaigns);
    for run in crm360_suite::find_all::<crm360_campaigns::model::campaign_run::Entity>(&app.db).await {
        if run.tenant_id == tenant.id {
            ids.push(run.id.to_string());
        }
    }
    let mut markers: Vec<String> =
        ["betasecret-boutique.test", "BETASECRET", "betasecretbody", "beta-campaigns.test", suppressed_hash.as_str()]
            .iter()
            .map(|s| s.to_string())
            .collect();
    markers.extend(ids.iter().cloned());
    BetaCampaigns { markers, ids, email_sender, template, segment, suppressed, suppressed_hash }
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
    use crm360_support::model::{ticket, ticket_event, ticket_message};
    for t in crm360_suite::find_all::<ticket::Entity>(db).await.into_iter().filter(|t| t.tenant_id == tenant.id) {
        state.insert(format!("ticket {}", t.id), format!("{t:?}"));
    }
    for m in crm360_suite::find_all::<ticket_message::Entity>(db).await.into_iter().filter(|m| m.tenant_id == tenant.id)
    {
        state.insert(format!("ticket message {}", m.id), format!("{m:?}"));
    }
    let events =
        crm360_suite::find_all::<ticket_event::Entity>(db).await.into_iter().filter(|e| e.tenant_id == tenant.id);
    state.insert("ticket events".to_owned(), events.count().to_string());
}

/// An announcement the operator addresses to tenant B only, and a page view of B's
/// administrator. Returns the markers that must never show to A, and the announcement's id.
async fn beta_support(app: &TestApp, tenant: &TenantFixture, admin: &Caller) -> (Vec<String>, Vec<String>) {
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
    // A ticket with an attachment.
    let (status, uploaded) =
        app.upload_to(admin, "/support/attachments?filename=betasecret.txt", b"Betasecret journal".to_vec()).await;
    assert_eq!(status, 201, "{uploaded}");
    let opened = app
        .gql(
            admin,
            "mutation($i: OpenTicketInput!) { openTicket(input: $i) { id number messages { attachments { id } } } }",
            json!({ "i": { "kind": "ANOMALY", "priority": "P2", "subject": "Betasecret incident", "body": "Betasecret détail",
                "attachmentIds": [uploaded["id"]] } }),
        )
        .await;
    let ticket = opened.ok()["openTicket"].clone();
    let ticket_id = ticket["id"].as_str().unwrap().to_owned();
    let attachment_id = ticket["messages"][0]["attachments"][0]["id"].as_str().unwrap().to_owned();
    let markers = vec![
        "Betasecret annonce".to_owned(),
        id.clone(),
        visitor,
        "Betasecret incident".to_owned(),
        "Betasecret détail".to_owned(),
        ticket_id.clone(),
        attachment_id.clone(),
    ];
    (markers, vec![id, ticket_id, attachment_id])
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

/// The ids of tenant B's contacts.
async fn contact_ids_of(app: &TestApp, tenant: &TenantFixture) -> Vec<String> {
    use crm360_contacts::model::contact;
    crm360_suite::find_all::<contact::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|c| c.tenant_id == tenant.id)
        .map(|c| c.id.to_string())
        .collect()
}

/// The rights named after `phrase` ("Requires one of the rights `IMPORT`, `ANALYSE`."), up to
/// the end of the sentence.
fn rights_listed(description: &str, phrase: &str) -> Vec<String> {
    let Some(start) = description.find(phrase) else { return vec![] };
    let rest = &description[start + phrase.len()..];
    let sentence = rest.split('.').next().unwrap_or_default();
    sentence.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// Optional arguments that require a further right beyond the one the field's documentation
/// declares (the check is in the resolver, and the description does not say so): (field,
/// (argument, input field), further right). `sendTestMessage` with a `contactId` fills the
/// test with that contact's values, which requires `CONSULT` too (the campaigns module's
/// `send_test_message`).
const CONDITIONAL_RIGHTS: [(&str, (&str, &str), &str); 1] = [("sendTestMessage", ("input", "contactId"), "CONSULT")];

fn forbidden(response: &Gql) -> bool {
    response.codes().iter().any(|c| c == "FORBIDDEN")
}

#[tokio::test]
async fn tenant_a_never_reads_or_changes_tenant_b_through_any_field() {
    // Sending configured (a local SMTP server), so that B's campaign is really sent and
    // nothing A's probes send goes unseen.
    let crate::campaigns::Sending { app, smtp, .. } = crate::campaigns::spawn_sending().await;
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
    let (support_markers, support_ids) = beta_support(&app, &beta, &beta_admin).await;
    markers.extend(support_markers);
    beta_ids.extend(support_ids);
    let beta_campaigns = beta_campaigns(&app, &beta, &beta_admin).await;
    markers.extend(beta_campaigns.markers.iter().cloned());
    beta_ids.extend(beta_campaigns.ids.iter().cloned());
    let (billing_markers, billing_ids) = beta_billing(&app, &beta, &beta_admin).await;
    markers.extend(billing_markers);
    beta_ids.extend(billing_ids);
    let before = state_of(&app, &beta).await;
    assert!(before.keys().any(|k| k.starts_with("invoice ")), "tenant B has an invoice: {before:?}");
    assert!(before.keys().any(|k| k.starts_with("ledger ")), "tenant B's campaign was sent: {before:?}");
    let campaigns = before.keys().filter(|k| k.starts_with("campaign ") && !k.starts_with("campaign run ")).count();
    assert_eq!(campaigns, 3, "{before:?}");
    let mailed_before = smtp.received().len();
    assert_eq!(mailed_before, 1, "B's campaign reached its one consenting contact");

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

    // The walk ended with `logout`: a new session.
    let alpha_admin = app.login(&alpha.admin_email).await;
    // The walk puts one id in every slot; these mix A's own records with B's, and reach B's
    // suppression by its address or hash (not ids).
    let alpha_sender = crate::campaigns::allow_sender(&app, &alpha, "EMAIL", "offres@alpha-boutique.test").await.id();
    let alpha_template = crate::campaigns::create_template(
        &app,
        &alpha_admin,
        json!({ "name": "Alpha modele", "channel": "EMAIL", "subject": "Alpha", "textBody": "Bonjour {{ last_name }}" }),
    )
    .await;
    let alpha_template = alpha_template.ok()["createMessageTemplate"]["template"]["id"].as_str().unwrap().to_owned();
    let alpha_segment = app
        .gql(
            &alpha_admin,
            "mutation { createSegment(input: {name: \"Alpha cible\", definition: {condition: {field: LAST_NAME, operator: STARTS_WITH, value: \"A\"}}}) { segment { id } } }",
            json!({}),
        )
        .await;
    let alpha_segment = alpha_segment.ok()["createSegment"]["segment"]["id"].as_str().unwrap().to_owned();
    let b = &beta_campaigns;
    let own = json!({ "name": "Alpha campagne", "channel": "EMAIL", "segmentId": alpha_segment,
        "templateId": alpha_template, "senderId": alpha_sender, "plan": "NOW" });
    let alpha_draft = crate::campaigns::create_campaign(&app, &alpha_admin, own.clone()).await;
    let alpha_draft = alpha_draft.ok()["createCampaign"]["campaign"]["id"].as_str().unwrap().to_owned();
    let mut probes: Vec<(String, Gql)> = Vec::new();
    for (field, foreign) in [("segmentId", &b.segment), ("templateId", &b.template), ("senderId", &b.email_sender)] {
        let mut input = own.clone();
        input[field] = json!(foreign);
        let created = crate::campaigns::create_campaign(&app, &alpha_admin, input.clone()).await;
        assert!(created.code().is_some(), "createCampaign took B's {field}: {:#}", created.body);
        probes.push((format!("createCampaign with B's {field}"), created));
        let updated = app
            .gql(
                &alpha_admin,
                "mutation($id: ID!, $i: CampaignInput!) { updateCampaign(id: $id, input: $i) { campaign { id name status } } }",
                json!({ "id": alpha_draft, "i": input }),
            )
            .await;
        assert!(updated.code().is_some(), "updateCampaign took B's {field}: {:#}", updated.body);
        probes.push((format!("updateCampaign with B's {field}"), updated));
    }
    for (contact_id, label) in
        contact_ids_of(&app, &beta).await.into_iter().map(|id| (id, "previewMessage of A's template for B's contact"))
    {
        let preview = app
            .gql(
                &alpha_admin,
                "query($t: ID!, $c: ID!) { previewMessage(templateId: $t, contactId: $c) { subject html text } }",
                json!({ "t": alpha_template, "c": contact_id }),
            )
            .await;
        assert!(preview.code().is_some(), "{label}: {:#}", preview.body);
        probes.push((label.to_owned(), preview));
    }
    let found = app
        .gql(
            &alpha_admin,
            "query($v: String!) { findSuppression(channel: EMAIL, value: $v) { valueHash masked } }",
            json!({ "v": b.suppressed }),
        )
        .await;
    assert_eq!(found.ok()["findSuppression"], Value::Null, "A sees B's suppression: {:#}", found.body);
    probes.push(("findSuppression of B's address".to_owned(), found));
    let removed = app
        .gql(
            &alpha_admin,
            "mutation($h: String!) { removeSuppression(channel: EMAIL, valueHash: $h) { valueHash masked } }",
            json!({ "h": b.suppressed_hash }),
        )
        .await;
    probes.push(("removeSuppression of B's hash".to_owned(), removed));
    for (label, response) in &probes {
        let text = response.body.to_string();
        for marker in &markers {
            assert!(!text.contains(marker.as_str()), "{label} leaked {marker} of tenant B: {text}");
        }
    }
    use crm360_campaigns::model::campaign;
    for c in crm360_suite::find_all::<campaign::Entity>(&app.db).await.into_iter().filter(|c| c.tenant_id == alpha.id) {
        for foreign in [c.segment_id, c.template_id, c.sender_id] {
            assert!(!beta_ids.contains(&foreign.to_string()), "A's campaign {c:?} refers to B's {foreign}");
        }
    }
    // Whatever A's calls sent carries nothing of B's.
    for mail in &smtp.received()[mailed_before..] {
        let text = format!("{:?} {}", mail.rcpt_to, String::from_utf8_lossy(&mail.data));
        for marker in &markers {
            assert!(
                !text.contains(marker.as_str()),
                "a message sent during A's calls carries {marker} of tenant B: {text}"
            );
        }
    }
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
        let (query, mut variables) = schema.operation(kind, field, &uuid::Uuid::nil().to_string());
        // A further right asked for by an optional argument: the field's own right is walked
        // without that argument, the further right with it (below).
        let conditional = CONDITIONAL_RIGHTS.iter().find(|(name, ..)| *name == field.name);
        let full_variables = variables.clone();
        if let Some((_, (argument, input_field), _)) = conditional {
            variables[*argument].as_object_mut().expect("an input object").remove(*input_field);
        }
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
        let admin_or_operator = field.description.contains("Tenant administrators and operator staff only");
        let tenant_users_only = field.description.contains("Tenant users only");
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
        if required_rights.is_empty()
            && any_of.is_empty()
            && all_of.is_empty()
            && !admin_only
            && !operator_only
            && !admin_or_operator
            && !tenant_users_only
        {
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
        if tenant_users_only {
            assert!(!forbidden(&call(&callers["norights"]).await), "{} refused a tenant user", field.name);
            assert!(!forbidden(&call(&admin).await), "{} refused the administrator", field.name);
            assert!(forbidden(&call(&operator).await), "{} let operator staff in", field.name);
            *checked.entry("TENANT_USER".to_owned()).or_default() += 1;
        }
        if admin_or_operator {
            assert!(forbidden(&call(&callers["allrights"]).await), "{} let in a non-administrator", field.name);
            assert!(!forbidden(&call(&admin).await), "{} refused the administrator", field.name);
            assert!(!forbidden(&call(&operator).await), "{} refused operator staff", field.name);
            *checked.entry("TENANT_ADMIN_OR_OPERATOR".to_owned()).or_default() += 1;
        }
        if operator_only {
            assert!(forbidden(&call(&admin).await), "{} let in a tenant administrator", field.name);
            assert!(!forbidden(&call(&operator).await), "{} refused operator staff", field.name);
            *checked.entry("OPERATOR".to_owned()).or_default() += 1;
        }
        if let Some((_, (_, input_field), further)) = conditional {
            let with = |role: &str| app.gql(&callers[role], &query, full_variables.clone());
            let own_only = with(&required_rights[0].to_lowercase()).await;
            assert!(forbidden(&own_only), "{} with {input_field} let in a user without {further}", field.name);
            let lacking = with(&format!("no{}", further.to_lowercase())).await;
            assert!(forbidden(&lacking), "{} with {input_field} let in a user without {further}", field.name);
            let holding = with("allrights").await;
            assert!(!forbidden(&holding), "{} with {input_field} refused: {:#}", field.name, holding.body);
            *checked.entry(format!("CONDITIONAL {further}")).or_default() += 1;
        }
    }
    assert!(checked["TENANT_ADMIN"] >= 10 && checked["OPERATOR"] >= 5, "guards checked: {checked:?}");
    eprintln!("guards checked per right or role: {checked:?}");
}
