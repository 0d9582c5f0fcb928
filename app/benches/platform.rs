//! Platform benchmarks (DESIGN.md section 5): the durable job runner (jobs claimed and
//! completed by 8 workers: throughput, none lost or doubled) and the cold start of the binary
//! on an existing database. On PostgreSQL (`BENCH_DATABASE_URL`, default the local server).
//!
//! `cargo bench -p crm360 --bench platform`

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a bench creates its own database

use crm360_kernel::Clock;
use crm360_kernel::context::Platform;
use crm360_kernel::database::Database;
use crm360_kernel::jobs::{Job, JobContext, JobFailure, JobRunner};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const JOBS: usize = 20_000;
const WORKERS: usize = 8;

/// A job that only counts its runs: the runner's own cost.
#[derive(Serialize, Deserialize)]
struct Noop {
    n: u64,
}

type Seen = Arc<Mutex<HashMap<u64, u32>>>;

impl Job for Noop {
    const KIND: &'static str = "bench.noop";
    type Deps = Seen;

    async fn run(self, _ctx: JobContext, seen: Seen) -> Result<(), JobFailure> {
        *seen.lock().map_err(|_| JobFailure::new("poisoned"))?.entry(self.n).or_default() += 1;
        Ok(())
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let server = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("crm360_bench_{}", uuid::Uuid::new_v4().simple());
    let admin = crm360::db::connect(&server).await?;
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
    let url = format!("{}/{name}", server.rsplit_once('/').map_or(server.as_str(), |(s, _)| s));
    let result = run(&url).await;
    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await?;
    result
}

async fn run(url: &str) -> anyhow::Result<()> {
    let db = crm360::db::connect(url).await?;
    crm360::db::migrate(&db).await?;
    let platform = Platform::new(Database::single(db), Clock::system());
    let seen: Seen = Arc::default();
    let mut runner = JobRunner::new(platform.clone());
    runner.register::<Noop>(seen.clone());

    let started = Instant::now();
    let jobs: Vec<Noop> = (0..JOBS as u64).map(|n| Noop { n }).collect();
    for chunk in jobs.chunks(1_000) {
        runner.enqueue_many(None, chunk).await.map_err(|e| anyhow::anyhow!(e.message))?;
    }
    let enqueue_rate = JOBS as f64 / started.elapsed().as_secs_f64();

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let started = Instant::now();
    let worker = tokio::spawn(runner.clone().work(WORKERS, stopped));
    loop {
        let done: u32 = seen.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.values().sum();
        if done as usize >= JOBS || started.elapsed() > Duration::from_secs(300) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let elapsed = started.elapsed();
    let _ = stop.send(true);
    let _ = worker.await;
    let (doubled, lost) = {
        let seen = seen.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
        (seen.values().filter(|count| **count > 1).count(), JOBS - seen.len())
    };
    println!("durable jobs: {JOBS} enqueued at {enqueue_rate:.0}/s (multi-row inserts of 1 000)");
    println!(
        "durable jobs: {JOBS} claimed and completed by {WORKERS} workers in {:.2} s = {:.0} jobs/s; lost {lost}, doubled {doubled}",
        elapsed.as_secs_f64(),
        JOBS as f64 / elapsed.as_secs_f64()
    );
    set_local_cost(&platform, url).await?;
    cold_start(url).await
}

/// What the tenant's `SET LOCAL app.tenant_id` costs: the same one-row read in a tenant
/// transaction (BEGIN, SET LOCAL, SELECT, COMMIT) as the application's role, and in a plain
/// transaction (BEGIN, SELECT, COMMIT) on the privileged pool.
async fn set_local_cost(owner: &Platform, url: &str) -> anyhow::Result<()> {
    use crm360_kernel::model::usage_event;
    use crm360_kernel::{TenantScope, Why};
    use sea_orm::{ColumnTrait, QueryFilter};
    const ROUNDS: usize = 5_000;
    let privileged = crm360::db::connect(url).await?;
    let name = url.rsplit('/').next().unwrap_or_default();
    crm360_migrations::rls::grant_application_role(&privileged, "crm360_bench_app", name).await?;
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let host = rest.rsplit_once('@').map_or(rest, |(_user, host)| host);
    let app = crm360::db::connect(&format!("{scheme}://crm360_bench_app@{host}")).await?;
    let platform = Platform::new(Database::new(app, privileged), owner.clock().clone());
    let scope = TenantScope::system(&platform, uuid::Uuid::now_v7());
    let unscoped = platform.unscoped(Why::Health);
    let mut best = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let started = Instant::now();
        for _ in 0..ROUNDS {
            let txn = scope.begin().await?;
            txn.find::<usage_event::Entity>().one(&txn).await?;
            txn.commit().await?;
        }
        let scoped = started.elapsed().as_secs_f64() / ROUNDS as f64;
        let started = Instant::now();
        for _ in 0..ROUNDS {
            let txn = unscoped.begin().await?;
            txn.find::<usage_event::Entity>()
                .filter(usage_event::Column::TenantId.eq(scope.tenant_id()))
                .one(&txn)
                .await?;
            txn.commit().await?;
        }
        let plain = started.elapsed().as_secs_f64() / ROUNDS as f64;
        best = (best.0.min(scoped), best.1.min(plain));
    }
    println!(
        "tenant transaction with SET LOCAL: {:.0} µs; plain transaction: {:.0} µs; SET LOCAL costs {:.0} µs a transaction (best of 3 x {ROUNDS})",
        best.0 * 1e6,
        best.1 * 1e6,
        (best.0 - best.1) * 1e6
    );
    Ok(())
}

/// From exec to the first successful `/readyz`, on the already-migrated database.
async fn cold_start(url: &str) -> anyhow::Result<()> {
    let mut timings = Vec::new();
    for _ in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let started = Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crm360"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        let client = reqwest::Client::new();
        loop {
            if let Ok(response) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await
                && response.status().is_success()
            {
                break;
            }
            if started.elapsed() > Duration::from_secs(30) {
                anyhow::bail!("crm360 did not become ready");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        timings.push(started.elapsed());
        child.kill()?;
        child.wait()?;
    }
    timings.sort();
    println!(
        "cold start to ready on an existing database: median {:.0} ms, worst {:.0} ms (5 runs)",
        timings[2].as_secs_f64() * 1000.0,
        timings[4].as_secs_f64() * 1000.0
    );
    Ok(())
}
