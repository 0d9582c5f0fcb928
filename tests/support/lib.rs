//! Test support for the end-to-end suite: `spawn_app()` starts the real server on a random
//! port over a fresh database (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` is set),
//! with a manual clock; `gql()` calls it over HTTP as a given caller.
//!
//! On PostgreSQL the app connects as it does in production: its tenant work as a role that
//! row-level security binds (`crm360_test_app`, neither superuser nor `BYPASSRLS`), its
//! deliberate unscoped work and the migrations as the server's user (`TEST_DATABASE_URL`).
//! Tests read and write the database directly through `TestApp::db` to check what is stored.
// Tests inspect and prepare stored rows directly, beside the kernel's door.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use chrono::{TimeZone, Utc};
use crm360::config::Settings;
use crm360_identity::model::tenant::TenantPlatform;
use crm360_identity::model::tenant_user;
use crm360_identity::service::tenants::{self, NewTenant};
use crm360_identity::service::users::{self, NewUser};
use crm360_kernel::context::Platform;
use crm360_kernel::database::Database;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Clock, Right, Rights};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;

pub const PASSWORD: &str = "Sable-Mistral-Orque-73";

/// A running server and handles on its insides.
pub struct TestApp {
    pub base_url: String,
    pub clock: Clock,
    pub platform: Platform,
    /// The database as its owner sees it (every tenant's rows), for checking what is stored.
    pub db: DatabaseConnection,
    /// The application role's own connection (the privileged one on SQLite).
    pub app_db: DatabaseConnection,
    pub jobs: JobRunner,
    pub http: reqwest::Client,
    /// The server's data directory (uploads, feed folders).
    pub data_dir: std::path::PathBuf,
    /// The database's URL (privileged on PostgreSQL), for the binary's commands.
    pub database_url: String,
    /// How many SQL statements the app's database connection has run so far.
    pub statements: Arc<AtomicU64>,
}

/// Who calls: nobody, or the bearer of a session or API token.
#[derive(Clone, Debug)]
pub enum Caller {
    Anonymous,
    Bearer(String),
}

/// A GraphQL response, with helpers to read it.
#[derive(Debug)]
pub struct Gql {
    pub status: u16,
    pub body: Value,
}

impl Gql {
    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    /// The first error's `extensions.code`, if any.
    pub fn code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }

    pub fn reason(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["reason"].as_str()
    }

    pub fn codes(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| errors.iter().filter_map(|e| e["extensions"]["code"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    }

    /// Panics with the whole body when the call failed.
    #[track_caller]
    pub fn ok(&self) -> &Value {
        assert!(self.body.get("errors").is_none(), "unexpected errors: {:#}", self.body);
        self.data()
    }
}

/// Settings for tests: secure cookies off (plain HTTP), no workers (tests run jobs by hand).
pub fn test_settings() -> Settings {
    let mut settings = Settings::load().expect("default settings load");
    settings.listen = "127.0.0.1:0".to_owned();
    settings.cookie_secure = false;
    settings.job_workers = 0;
    settings.frontend_dir = std::path::PathBuf::from("/nonexistent");
    settings.data_dir = std::env::temp_dir().join(format!("crm360-test-data-{}", Uuid::new_v4().simple()));
    settings
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = test_settings();
    configure(&mut settings);
    let data_dir = settings.data_dir.clone();
    let databases = fresh_database().await;
    let database_url = databases.url.clone();
    let statements = Arc::new(AtomicU64::new(0));
    let counter = statements.clone();
    let observer: crm360::db::StatementObserver = Arc::new(move |_| _ = counter.fetch_add(1, Ordering::SeqCst));
    let (mut privileged, mut app_db) = (databases.privileged, databases.app);
    crm360::db::count_statements(&mut privileged, Some(observer.clone()));
    crm360::db::count_statements(&mut app_db, Some(observer));
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    let database = Database::new(app_db.clone(), privileged.clone());
    let app = crm360::build_app(settings, database.clone(), clock.clone()).await.expect("app builds");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a port");
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let jobs = app.jobs.clone();
    let router = app.router;
    tokio::spawn(async move {
        axum_serve(listener, router).await;
    });
    TestApp {
        base_url,
        clock: clock.clone(),
        platform: app.state.platform.clone(),
        db: privileged,
        app_db,
        jobs,
        // Like the web app, every request carries the CSRF header (a cookie-authenticated
        // request without it is refused; tests of that build their own client).
        http: reqwest::Client::builder()
            .default_headers(reqwest::header::HeaderMap::from_iter([(
                reqwest::header::HeaderName::from_static("x-crm360-csrf"),
                reqwest::header::HeaderValue::from_static("1"),
            )]))
            .build()
            .expect("http client"),
        data_dir,
        database_url,
        statements,
    }
}

async fn axum_serve(listener: tokio::net::TcpListener, router: axum::Router) {
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).await.expect("server runs");
}

/// A test's database: migrated, with the application's connection and the privileged one.
pub struct TestDatabases {
    pub privileged: DatabaseConnection,
    pub app: DatabaseConnection,
    /// The privileged connection's URL, for the binary's commands.
    pub url: String,
}

/// The application role of the PostgreSQL tests: row-level security binds it.
pub const APP_ROLE: &str = "crm360_test_app";

/// A new, migrated database for one test.
pub async fn fresh_database() -> TestDatabases {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(server_url) if !server_url.is_empty() => {
            let admin = crm360::db::connect(&server_url).await.expect("connect to TEST_DATABASE_URL");
            let name = format!("crm360_test_{}", Uuid::new_v4().simple());
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
            let (scheme, rest) = server_url.split_once("://").expect("TEST_DATABASE_URL is a URL");
            let server = rest.rsplit_once('/').map_or(rest, |(server, _db)| server);
            let host = server.rsplit_once('@').map_or(server, |(_user, host)| host);
            let url = format!("{scheme}://{server}/{name}");
            let privileged = crm360::db::connect(&url).await.expect("connect");
            crm360::db::migrate(&privileged).await.expect("migrations apply");
            crm360_migrations::rls::grant_application_role(&privileged, APP_ROLE, &name)
                .await
                .expect("the application role");
            let app = crm360::db::connect(&format!("{scheme}://{APP_ROLE}@{host}/{name}"))
                .await
                .expect("connect as the application role");
            TestDatabases { privileged, app, url }
        }
        _ => {
            let path = std::env::temp_dir().join(format!("crm360-test-{}.db", Uuid::new_v4().simple()));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            let db = crm360::db::connect(&url).await.expect("open sqlite");
            crm360::db::migrate(&db).await.expect("migrations apply");
            TestDatabases { privileged: db.clone(), app: db, url }
        }
    }
}

impl TestApp {
    /// Holds every connection of SQLite's pool of 4 but one, in open deferred transactions
    /// (no lock taken), until the result is dropped: work that needs a second connection
    /// while its own transaction holds the write lock then waits out the pool's timeout.
    /// Nothing on PostgreSQL, whose pool is larger.
    pub async fn hold_all_connections_but_one(&self) -> Vec<sea_orm::DatabaseTransaction> {
        let mut held = Vec::new();
        if self.db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            for _ in 0..3 {
                held.push(sea_orm::TransactionTrait::begin(&self.db).await.expect("a pool connection"));
            }
        }
        held
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// POSTs a GraphQL operation as `caller`.
    pub async fn gql(&self, caller: &Caller, query: &str, variables: Value) -> Gql {
        let mut request = self
            .http
            .post(self.url("/graphql"))
            .header("accept", "application/graphql-response+json")
            .json(&json!({ "query": query, "variables": variables }));
        if let Caller::Bearer(token) = caller {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let body = response.json().await.expect("JSON body");
        Gql { status, body }
    }

    /// Logs in and returns a bearer caller (or the failed response).
    pub async fn try_login(&self, email: &str, password: &str) -> Result<Caller, Gql> {
        let response = self
            .gql(
                &Caller::Anonymous,
                "mutation($email: String!, $password: String!) { login(input: {email: $email, password: $password, returnToken: true}) { token } }",
                json!({ "email": email, "password": password }),
            )
            .await;
        match response.data()["login"]["token"].as_str() {
            Some(token) => Ok(Caller::Bearer(token.to_owned())),
            None => Err(response),
        }
    }

    pub async fn login(&self, email: &str) -> Caller {
        match self.try_login(email, PASSWORD).await {
            Ok(caller) => caller,
            Err(response) => panic!("login of {email} failed: {:#}", response.body),
        }
    }

    pub fn operator_scope(&self) -> OperatorScope {
        OperatorScope::system(&self.platform)
    }

    /// An operator account.
    pub async fn operator(&self, email: &str) -> String {
        tenants::create_operator_staff(&self.operator_scope(), email, "Olivier", "Opérateur", PASSWORD)
            .await
            .expect("operator created");
        email.to_owned()
    }

    /// A tenant with an administrator, one user per right, one with none and one with all
    /// rights but no administration. Emails are `<role>@<slug>.test`.
    pub async fn tenant(&self, slug: &str) -> TenantFixture {
        let operator = self.operator_scope();
        let admin_email = format!("admin@{slug}.test");
        let (tenant, admin) = tenants::create_tenant(
            &operator,
            NewTenant {
                name: format!("Tenant {slug}"),
                platform: TenantPlatform::Shared,
                admin_email: admin_email.clone(),
                admin_first_name: "Alice".to_owned(),
                admin_last_name: format!("Admin {slug}"),
                admin_password: PASSWORD.to_owned(),
            },
        )
        .await
        .expect("tenant created");
        let scope = operator.on_tenant(tenant.id);
        let mut users = HashMap::new();
        let mut roles: Vec<(String, Rights)> =
            Right::ALL.iter().map(|r| (r.code().to_lowercase(), Rights::from_list(&[*r]))).collect();
        roles.push(("norights".to_owned(), Rights::NONE));
        roles.push(("allrights".to_owned(), Rights::ALL));
        for right in Right::ALL {
            let others: Vec<Right> = Right::ALL.into_iter().filter(|r| *r != right).collect();
            roles.push((format!("no{}", right.code().to_lowercase()), Rights::from_list(&others)));
        }
        for (role, rights) in roles {
            let user = users::create_user(
                &scope,
                NewUser {
                    email: format!("{role}@{slug}.test"),
                    first_name: "Bob".to_owned(),
                    last_name: format!("{role} {slug}"),
                    organization: None,
                    password: PASSWORD.to_owned(),
                    rights,
                    is_admin: false,
                },
            )
            .await
            .expect("user created");
            users.insert(role, (user.email, user.id));
        }
        tenant_user::Entity::update_many()
            .col_expr(tenant_user::Column::MustChangePassword, false.into())
            .filter(tenant_user::Column::TenantId.eq(tenant.id))
            .exec(&self.db)
            .await
            .expect("first passwords kept");
        TenantFixture { id: tenant.id, name: tenant.name, admin_email, admin_id: admin.id, users }
    }

    /// `POST /uploads?filename=...` with `bytes` as the body; the status and the JSON answer.
    pub async fn upload(&self, caller: &Caller, filename: &str, bytes: Vec<u8>) -> (u16, Value) {
        let mut request = self.http.post(self.url("/uploads")).query(&[("filename", filename)]).body(bytes);
        if let Caller::Bearer(token) = caller {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("upload sent");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON answer"))
    }

    /// `POST path` with `bytes` as the body (an upload endpoint); the status and the JSON answer.
    pub async fn upload_to(&self, caller: &Caller, path: &str, bytes: Vec<u8>) -> (u16, Value) {
        let mut request = self.http.post(self.url(path)).body(bytes);
        if let Caller::Bearer(token) = caller {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("upload sent");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Uploads a file, starts its import with `input` (the `StartImportInput` fields beside
    /// `uploadId`), runs the due jobs, and returns the import's id.
    pub async fn import_file(&self, caller: &Caller, filename: &str, bytes: Vec<u8>, input: Value) -> Value {
        let (status, uploaded) = self.upload(caller, filename, bytes).await;
        assert_eq!(status, 201, "{uploaded}");
        let mut input = input;
        input["uploadId"] = uploaded["id"].clone();
        let started = self
            .gql(
                caller,
                "mutation($input: StartImportInput!) { startImport(input: $input) { import { id status } } }",
                serde_json::json!({ "input": input }),
            )
            .await;
        let import = started.ok()["startImport"]["import"].clone();
        assert_eq!(import["status"], "QUEUED");
        self.jobs.run_due().await.expect("jobs run");
        import["id"].clone()
    }

    /// `GET path` as `caller`: the status and the body as text.
    pub async fn get_text(&self, caller: &Caller, path: &str) -> (u16, String) {
        let mut request = self.http.get(self.url(path));
        if let Caller::Bearer(token) = caller {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        (status, response.text().await.expect("text body"))
    }

    /// Counts the rows of a table (to prove that nothing was written).
    pub async fn count(&self, table: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(backend, format!("SELECT COUNT(*) AS n FROM {table}")))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("a count")
    }
}

/// A tenant made by [`TestApp::tenant`].
#[derive(Clone, Debug)]
pub struct TenantFixture {
    pub id: Uuid,
    pub name: String,
    pub admin_email: String,
    pub admin_id: Uuid,
    /// By role (`import`, `consult`, ..., `norights`, `allrights`, `noimport`, ...): email and id.
    pub users: HashMap<String, (String, Uuid)>,
}

impl TenantFixture {
    pub fn email(&self, role: &str) -> &str {
        &self.users[role].0
    }

    pub fn user_id(&self, role: &str) -> Uuid {
        self.users[role].1
    }
}

/// Makes a tenant entity module usable here without naming sea-orm in every test.
pub async fn find_all<E: EntityTrait>(db: &DatabaseConnection) -> Vec<E::Model> {
    E::find().all(db).await.expect("query")
}
