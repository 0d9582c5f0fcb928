//! Faults, on the real server binary (`target/debug/crm360`, built by `cargo build -p crm360`;
//! `scripts/test.sh` builds it before the tests): killed with SIGKILL in the middle of a
//! 200 000-row import and restarted, the import finishes with no loss and no duplicate; with
//! its PostgreSQL database unreachable, `/readyz` fails and GraphQL answers a typed error
//! within a bound, and the server recovers alone when the database comes back.

use crate::server_process::{Server, free_port};
use chrono::Utc;
use crm360_contacts::model::import;
use crm360_kernel::model::job::{self, JobStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement};
use serde_json::{Value, json};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEMO_IMPORTER: &str = "import@demo.crm360.demo";
const DEMO_ANALYST: &str = "analyse@demo.crm360.demo";

/// The binary in demo mode with one job worker.
async fn start_server(database_url: &str, work: &Path) -> Server {
    let none = work.join("none.toml");
    let envs = [("CRM360_JOB_WORKERS", OsStr::new("1")), ("CRM360_CONFIG", none.as_os_str())];
    Server::start(database_url, work, &["--demo"], &envs).await
}

fn work_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crm360-faults-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ROWS: usize = 200_000;
/// Rows from this one on repeat the keys of the first rows (a later value of the same key).
const REPEATS_FROM: usize = 190_000;

/// Row `i`: its key and its city (the last row of a key gives the city that must remain).
fn row(i: usize) -> (String, String) {
    let key = if i >= REPEATS_FROM { format!("K{:06}", i - REPEATS_FROM) } else { format!("K{i:06}") };
    (key, format!("Ville {i}"))
}

async fn import_state(db: &DatabaseConnection) -> Option<import::Model> {
    import::Entity::find().one(db).await.expect("the import is read")
}

#[tokio::test]
async fn an_import_killed_with_sigkill_finishes_after_a_restart_with_no_loss_and_no_duplicate() {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty()) {
        // The binary on SQLite here; the database-unreachable test below covers PostgreSQL.
        return;
    }
    let work = work_dir();
    let database_url = format!("sqlite://{}?mode=rwc", work.join("crm360.db").display());
    let mut server = start_server(&database_url, &work).await;
    let token = server.login(DEMO_IMPORTER).await;

    let mut file = String::with_capacity(ROWS * 40);
    file.push_str("Réf;Nom;Ville\n");
    for i in 0..ROWS {
        let (key, city) = row(i);
        file.push_str(&format!("{key};Nom {i};{city}\n"));
    }
    let uploaded: Value = reqwest::Client::new()
        .post(server.url("/uploads"))
        .query(&[("filename", "gros.csv")])
        .bearer_auth(&token)
        .body(file)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let columns = json!([
        { "column": "Réf", "field": "EXTERNAL_ID" },
        { "column": "Nom", "field": "LAST_NAME" },
        { "column": "Ville", "field": "CITY" },
    ]);
    let input = json!({ "uploadId": uploaded["id"], "columns": columns, "upsertKey": "EXTERNAL_ID" });
    let (_, started) = server
        .gql(
            Some(&token),
            "mutation($input: StartImportInput!) { startImport(input: $input) { import { id } } }",
            json!({ "input": input }),
        )
        .await;
    assert!(started["data"]["startImport"]["import"]["id"].is_string(), "{started:#}");

    // The test's own connection reads the progress (no session, no write).
    let db = crm360::db::connect(&database_url).await.unwrap();
    let begun = Instant::now();
    loop {
        let done = import_state(&db).await.map_or(0, |i| i.rows_done);
        if done >= 20_000 {
            assert!(done < ROWS as i64, "the import finished before it could be killed");
            break;
        }
        assert!(begun.elapsed() < Duration::from_secs(300), "the import does not progress: {}", server.log_text());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill_9();
    let abandoned = import_state(&db).await.unwrap();
    let written_before = count(&db, "SELECT COUNT(*) AS n FROM contact WHERE external_id LIKE 'K%'").await;
    assert!(abandoned.finished_at.is_none() && written_before > 0, "{abandoned:?}");

    // The job is still RUNNING under its lease (`crm360_kernel::jobs::LEASE`, five minutes,
    // which no setting shortens): end the lease here, as the passing of time would.
    let expired = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Some(Utc::now() - chrono::Duration::seconds(1)).into())
        .filter(job::Column::Kind.eq("contacts.import"))
        .filter(job::Column::Status.eq(JobStatus::Running))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(expired.rows_affected, 1, "the killed import's job was left running");

    let server = start_server(&database_url, &work).await;
    let begun = Instant::now();
    let finished = loop {
        let state = import_state(&db).await.unwrap();
        if state.finished_at.is_some() {
            break state;
        }
        assert!(begun.elapsed() < Duration::from_secs(600), "the import was not taken over: {}", server.log_text());
        tokio::time::sleep(Duration::from_millis(200)).await;
    };

    let distinct = REPEATS_FROM as i64;
    assert_eq!(finished.status, import::ImportStatus::Done, "{finished:?}");
    // No loss: every key once; no duplicate: no key twice (beside the demo's own contacts).
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM contact WHERE external_id LIKE 'K%'").await, distinct);
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT external_id) AS n FROM contact WHERE external_id LIKE 'K%'").await,
        distinct
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM (SELECT external_id FROM contact GROUP BY external_id HAVING COUNT(*) > 1) d"
        )
        .await,
        0
    );
    // The last row of each repeated key wins, as in a run that was never interrupted.
    for i in [REPEATS_FROM, REPEATS_FROM + 1, ROWS - 1] {
        let (key, city) = row(i);
        let found =
            count(&db, &format!("SELECT COUNT(*) AS n FROM contact WHERE external_id = '{key}' AND city = '{city}'"))
                .await;
        assert_eq!(found, 1, "{key} keeps {city}");
    }
    // The counts of the run that finished add up to the whole file. It started over (the
    // upserts make that safe), so the rows the killed run had written count as unchanged or
    // updated, never as created twice.
    assert_eq!(finished.rows_done, ROWS as i64, "{finished:?}");
    assert_eq!(finished.rows_failed, 0, "{finished:?}");
    assert_eq!(
        finished.rows_created + finished.rows_updated + finished.rows_unchanged + finished.rows_failed,
        finished.rows_done,
        "{finished:?}"
    );
    assert!(
        finished.rows_created <= distinct - written_before + 1_000,
        "{finished:?}, {written_before} written before"
    );
    // The job's own outcome is committed by the runner's finisher just after the import's.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut jobs = job::Entity::find().filter(job::Column::Kind.eq("contacts.import")).all(&db).await.unwrap();
    while jobs.iter().any(|j| j.status == JobStatus::Running) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        jobs = job::Entity::find().filter(job::Column::Kind.eq("contacts.import")).all(&db).await.unwrap();
    }
    // The server runs until then: its finisher records the job's outcome (stopping it first
    // raced with that commit, and lost it on a loaded machine).
    drop(server);
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0].status, jobs[0].attempts), (JobStatus::Done, 2), "{:?}", jobs[0]);
    let _ = std::fs::remove_dir_all(&work);
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await
        .expect("a count")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("an integer")
}

/// A TCP relay from a local port to PostgreSQL that can be cut (every connection dropped,
/// new ones refused) and restored on the same port: the database "unreachable".
struct Relay {
    port: u16,
    target: String,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Relay {
    async fn start(target: &str) -> Relay {
        let mut relay = Relay { port: free_port(), target: target.to_owned(), task: None };
        relay.restore().await;
        relay
    }

    async fn restore(&mut self) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await.expect("the relay's port");
        let target = self.target.clone();
        self.task = Some(tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else { continue };
                let target = target.clone();
                connections.spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
            }
        }));
    }

    /// Drops the listener and every relayed connection (aborting the task aborts its JoinSet).
    async fn cut(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

#[tokio::test]
async fn with_its_database_unreachable_the_server_is_not_ready_answers_typed_errors_and_recovers() {
    let Ok(server_url) = std::env::var("TEST_DATABASE_URL") else { return };
    if server_url.is_empty() {
        return;
    }
    // A fresh database, reached by the server through the relay.
    let admin = crm360::db::connect(&server_url).await.unwrap();
    let name = format!("crm360_test_{}", uuid::Uuid::new_v4().simple());
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    let (_, rest) = server_url.split_once("://").unwrap();
    let server_part = rest.rsplit_once('/').map_or(rest, |(server, _)| server);
    let (user, host) = server_part.rsplit_once('@').unwrap_or(("postgres", server_part));
    let mut relay = Relay::start(host).await;
    let work = work_dir();
    let database_url = format!("postgres://{user}@127.0.0.1:{}/{name}", relay.port);
    let server = start_server(&database_url, &work).await;
    let token = server.login(DEMO_ANALYST).await;
    let query = "{ contactCount }";
    let client = reqwest::Client::new();
    let ready = || async { client.get(server.url("/readyz")).timeout(Duration::from_secs(30)).send().await };
    assert_eq!(ready().await.unwrap().status(), 200);
    let (status, body) = server.gql(Some(&token), query, json!({})).await;
    assert!(status == 200 && body.get("errors").is_none(), "{body:#}");

    relay.cut().await;
    // Not ready, within a bound.
    let asked = Instant::now();
    let answer = ready().await.expect("/readyz answers while the database is unreachable");
    assert_eq!(answer.status(), 503, "/readyz with the database unreachable");
    assert!(asked.elapsed() < Duration::from_secs(15), "/readyz took {:?}", asked.elapsed());
    // A request gets a typed error within a bound (the pool's acquire timeout), not a hang.
    let asked = Instant::now();
    let (status, body) = server.gql(Some(&token), query, json!({})).await;
    let took = asked.elapsed();
    // The session could not be checked: a 503 the client retries, never `UNAUTHENTICATED`,
    // which would sign the web app's user out for a passing fault.
    assert_eq!(status, 503, "{body:#}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL", "{body:#}");
    assert_eq!(body["errors"][0]["extensions"]["reason"], "UNAVAILABLE", "{body:#}");
    let code = body["errors"][0]["extensions"]["code"].as_str().map(str::to_owned);
    assert!(took < Duration::from_secs(20), "answered in {took:?}");
    eprintln!("database unreachable: GraphQL answered {code:?} in {took:?}: {body}");

    // The database back: the server recovers alone.
    relay.restore().await;
    let begun = Instant::now();
    loop {
        if ready().await.is_ok_and(|r| r.status() == 200) {
            let (status, body) = server.gql(Some(&token), query, json!({})).await;
            if status == 200 && body.get("errors").is_none() {
                break;
            }
        }
        assert!(begun.elapsed() < Duration::from_secs(60), "the server did not recover: {}", server.log_text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    drop(server);
    relay.cut().await;
    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
    let _ = std::fs::remove_dir_all(&work);
}
