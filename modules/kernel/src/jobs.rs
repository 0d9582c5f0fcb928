//! Durable jobs: work that outlives a request (imports, sends, RNVP, purges).
//!
//! A job is a value of a type that implements [`Job`]: a serde payload and a stable kind
//! name. It is a row in `job`, enqueued in the same transaction as the change that causes it
//! ([`crate::scope::TenantTxn::enqueue`]), claimed by one worker at a time under a lease,
//! retried with exponential backoff, and `DEAD` after its last attempt, where operator staff
//! see it with its error and may retry it. A worker that dies between claim and finish loses
//! its lease: another worker takes the job over once the lease has expired, and the dead
//! worker's late finish, if any, changes nothing.
//!
//! Recurring work (the daily purges) is one row with a `schedule_key`: when it completes it
//! is queued again for its next run instead of finishing.

use crate::clock::Clock;
use crate::context::Platform;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::model::job::{self, JobStatus};
use crate::scope::TenantScope;
use crate::unscoped::{Unscoped, Why};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tracing::Instrument;
use uuid::Uuid;

/// How long a claimed job is reserved for its worker before another may take it over.
pub const LEASE: Duration = Duration::minutes(5);

/// How many attempts a job gets before it is `DEAD`.
pub const MAX_ATTEMPTS: i32 = 5;

/// A kind of durable work.
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The stable name stored with each job of this kind.
    const KIND: &'static str;

    /// What the job needs beyond its payload (settings), given once at registration.
    type Deps: Clone + Send + Sync + 'static;

    /// Does the work. A failure is retried with backoff until the last attempt.
    fn run(self, ctx: JobContext, deps: Self::Deps) -> impl Future<Output = Result<(), JobFailure>> + Send;
}

/// Why a job failed, as recorded in its row (never personal data).
#[derive(Debug, Clone, PartialEq)]
pub struct JobFailure(pub String);

impl JobFailure {
    pub fn new(message: impl Into<String>) -> JobFailure {
        JobFailure(message.into())
    }

    pub fn message(&self) -> &str {
        &self.0
    }
}

impl<E: std::fmt::Display> From<E> for JobFailure {
    fn from(err: E) -> JobFailure {
        JobFailure(err.to_string())
    }
}

impl From<ApiError> for JobFailure {
    fn from(err: ApiError) -> JobFailure {
        JobFailure(format!("{}: {}", err.code.as_str(), err.message))
    }
}

/// What a running job gets: the system scope of its own tenant, the clock, its identity.
/// Its tracing span (job id, kind, tenant) is already entered.
#[derive(Clone, Debug)]
pub struct JobContext {
    pub id: Uuid,
    pub kind: &'static str,
    /// 1 on the first attempt.
    pub attempt: i32,
    tenant_id: Option<Uuid>,
    platform: Platform,
}

impl JobContext {
    /// The system scope of the job's tenant; a platform job (no tenant) has none.
    pub fn scope(&self) -> Result<TenantScope, JobFailure> {
        match self.tenant_id {
            Some(tenant_id) => Ok(TenantScope::system(&self.platform, tenant_id)),
            None => Err(JobFailure::new(format!("a {} job belongs to a tenant", self.kind))),
        }
    }

    /// The platform, for platform jobs' deliberate unscoped work (retention purges).
    pub fn platform(&self) -> &Platform {
        &self.platform
    }

    pub fn clock(&self) -> &Clock {
        self.platform.clock()
    }

    /// Reports progress, readable while the job runs.
    pub async fn progress(&self, done: i64, total: i64) -> ApiResult<()> {
        let db = self.platform.unscoped(Why::JobQueue);
        db.update_many::<job::Entity>()
            .col_expr(job::Column::ProgressDone, done.into())
            .col_expr(job::Column::ProgressTotal, total.into())
            .filter(job::Column::Id.eq(self.id))
            .exec(&db)
            .await?;
        Ok(())
    }
}

/// A job's payload as stored.
fn payload_of<J: Job>(job: &J) -> Result<serde_json::Value, DbErr> {
    serde_json::to_value(job).map_err(|err| DbErr::Json(err.to_string()))
}

/// The row of a new job (recurring, under its kind as schedule key, when `every` is given).
fn new_row(
    tenant_id: Option<Uuid>,
    kind: &'static str,
    payload: serde_json::Value,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
    every: Option<Duration>,
) -> job::ActiveModel {
    job::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        status: Set(JobStatus::Queued),
        run_at: Set(run_at),
        attempts: Set(0),
        max_attempts: Set(MAX_ATTEMPTS),
        locked_until: Set(None),
        last_error: Set(None),
        progress_done: Set(0),
        progress_total: Set(0),
        schedule_key: Set(every.map(|_| kind.to_owned())),
        every_seconds: Set(every.map(|d| d.num_seconds())),
        created_at: Set(now),
        finished_at: Set(None),
    }
}

/// Enqueues one job within `conn` (the caller's transaction: [`crate::scope::TenantTxn`]).
pub(crate) async fn enqueue<J: Job>(
    conn: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    job: &J,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let row = new_row(tenant_id, J::KIND, payload_of(job)?, run_at, now, None);
    let id = row.id.clone().unwrap();
    #[allow(clippy::disallowed_methods)] // the kernel's own table
    job::Entity::insert(row).exec_without_returning(conn).await?;
    Ok(id)
}

/// Enqueues one job of `kind` with a payload built elsewhere (notifications, whose handler
/// another module registers).
pub(crate) async fn enqueue_kind(
    conn: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    kind: &'static str,
    payload: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let row = new_row(tenant_id, kind, payload, now, now, None);
    let id = row.id.clone().unwrap();
    #[allow(clippy::disallowed_methods)] // the kernel's own table
    job::Entity::insert(row).exec_without_returning(conn).await?;
    Ok(id)
}

/// Enqueues many jobs of one tenant in a few multi-row statements.
pub(crate) async fn enqueue_many<J: Job>(
    conn: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    jobs: &[J],
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let rows = jobs
        .iter()
        .map(|job| Ok(new_row(tenant_id, J::KIND, payload_of(job)?, now, now, None)))
        .collect::<Result<Vec<_>, DbErr>>()?;
    let ids = rows.iter().map(|row| row.id.clone().unwrap()).collect();
    crate::bulk::insert_in_chunks(conn, rows).await?;
    Ok(ids)
}

type HandlerFuture = Pin<Box<dyn Future<Output = Result<(), JobFailure>> + Send>>;
type Handler = Arc<dyn Fn(serde_json::Value, JobContext) -> Result<HandlerFuture, JobFailure> + Send + Sync>;

/// What a claim returns: the job's fields the run and the finish need.
#[derive(Clone, Debug, FromQueryResult)]
struct Claimed {
    id: Uuid,
    tenant_id: Option<Uuid>,
    kind: String,
    payload: serde_json::Value,
    attempts: i32,
    max_attempts: i32,
    every_seconds: Option<i64>,
}

/// Runs jobs with the handlers registered for their kinds.
#[derive(Clone)]
pub struct JobRunner {
    platform: Platform,
    handlers: Arc<HashMap<&'static str, Handler>>,
    recurring: Vec<(&'static str, Duration, serde_json::Value)>,
}

impl JobRunner {
    pub fn new(platform: Platform) -> JobRunner {
        JobRunner { platform, handlers: Arc::new(HashMap::new()), recurring: Vec::new() }
    }

    /// Registers the job type `J`, run with `deps`.
    pub fn register<J: Job>(&mut self, deps: J::Deps) -> &mut JobRunner {
        let handler: Handler = Arc::new(move |payload, ctx| {
            let job: J = serde_json::from_value(payload)
                .map_err(|err| JobFailure::new(format!("the payload is not a {} job: {err}", J::KIND)))?;
            let deps = deps.clone();
            Ok(Box::pin(job.run(ctx, deps)))
        });
        Arc::get_mut(&mut self.handlers)
            .expect("jobs are registered before the runner is cloned")
            .insert(J::KIND, handler);
        self
    }

    /// Registers `job` as recurring work, every `every`; [`JobRunner::schedule`] makes sure it
    /// is queued.
    pub fn recurring<J: Job>(&mut self, job: J, every: Duration, deps: J::Deps) -> &mut JobRunner {
        let payload = serde_json::to_value(&job).unwrap_or(serde_json::Value::Null);
        self.recurring.push((J::KIND, every, payload));
        self.register::<J>(deps)
    }

    /// Queues each recurring job once (idempotent: one row per `schedule_key`), first due
    /// at `first_run`.
    pub async fn schedule(&self, first_run: DateTime<Utc>) -> ApiResult<()> {
        let db = self.platform.unscoped(Why::JobQueue);
        for (kind, every, payload) in &self.recurring {
            let row = new_row(None, kind, payload.clone(), first_run, db.now(), Some(*every));
            db.insert_statement(row)
                .on_conflict(OnConflict::column(job::Column::ScheduleKey).do_nothing().to_owned())
                .exec_without_returning(&db)
                .await?;
        }
        Ok(())
    }

    /// Enqueues a platform job (no tenant), due now.
    pub async fn enqueue_platform<J: Job>(&self, job: &J) -> ApiResult<Uuid> {
        let db = self.platform.unscoped(Why::JobQueue);
        let now = db.now();
        Ok(enqueue(&db, None, job, now, now).await?)
    }

    /// Enqueues many jobs of a tenant at once (benchmarks, fan-outs).
    pub async fn enqueue_many<J: Job>(&self, tenant_id: Option<Uuid>, jobs: &[J]) -> ApiResult<Vec<Uuid>> {
        let db = self.platform.unscoped(Why::JobQueue);
        Ok(enqueue_many(&db, tenant_id, jobs, db.now()).await?)
    }

    /// Claims and runs one due job; `Ok(false)` when none was due.
    pub async fn run_one(&self) -> ApiResult<bool> {
        let Some(claimed) = self.claim(1).await?.pop() else {
            return Ok(false);
        };
        self.run_claimed(claimed).await?;
        Ok(true)
    }

    /// Runs due jobs until none is left (tests and the CLI).
    pub async fn run_due(&self) -> ApiResult<usize> {
        let mut count = 0;
        while self.run_one().await? {
            count += 1;
        }
        Ok(count)
    }

    /// Claims one due job without running it: a worker that dies right after its claim
    /// (tests of the takeover).
    pub async fn claim_and_abandon(&self) -> ApiResult<Option<Uuid>> {
        Ok(self.claim(1).await?.pop().map(|claimed| claimed.id))
    }

    /// Runs jobs on `workers` concurrent tasks until `shutdown` resolves. Claims are made
    /// in batches of as many jobs as there are idle workers, so that no job waits behind
    /// another worker's long one; outcomes are recorded by one finisher, as many as have
    /// arrived in one transaction (one commit for many short jobs, instead of one each).
    pub async fn work(self, workers: usize, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        let workers = workers.max(1);
        let idle = Arc::new(tokio::sync::Semaphore::new(workers));
        let (outcomes, finisher) = tokio::sync::mpsc::unbounded_channel();
        let finishing = tokio::spawn(self.clone().finish_batches(finisher));
        loop {
            if *shutdown.borrow() {
                break;
            }
            let Ok(first) = idle.clone().acquire_owned().await else { break };
            let mut permits = vec![first];
            while let Ok(permit) = idle.clone().try_acquire_owned() {
                permits.push(permit);
            }
            let claimed = match self.claim(permits.len()).await {
                Ok(claimed) => claimed,
                Err(err) => {
                    tracing::error!(error = ?err, "job runner failed to claim jobs");
                    Vec::new()
                }
            };
            let got = claimed.len();
            for (claimed, permit) in claimed.into_iter().zip(permits.drain(..)) {
                let runner = self.clone();
                let outcomes = outcomes.clone();
                tokio::spawn(async move {
                    let outcome = runner.run(&claimed).await;
                    // The finisher outlives the workers: a send fails only at shutdown, and the
                    // job is then taken over after its lease.
                    let _ = outcomes.send((claimed, outcome));
                    drop(permit);
                });
            }
            drop(permits);
            if got == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(std::time::Duration::from_millis(250)) => {}
                    _ = shutdown.changed() => break,
                }
            }
        }
        // Let the running jobs finish, then their outcomes be recorded.
        let _ = idle.acquire_many(workers as u32).await;
        drop(outcomes);
        let _ = finishing.await;
    }

    /// Records outcomes as they arrive, all those waiting in one transaction.
    async fn finish_batches(self, mut outcomes: tokio::sync::mpsc::UnboundedReceiver<(Claimed, Result<(), Outcome>)>) {
        const MOST: usize = 256;
        let mut batch = Vec::with_capacity(MOST);
        while outcomes.recv_many(&mut batch, MOST).await > 0 {
            if let Err(err) = self.finish_all(&batch).await {
                // The jobs stay running under their lease and are taken over when it ends.
                tracing::error!(error = ?err, jobs = batch.len(), "job runner failed to record outcomes");
            }
            batch.clear();
        }
    }

    async fn finish_all(&self, batch: &[(Claimed, Result<(), Outcome>)]) -> ApiResult<()> {
        let txn = self.platform.unscoped(Why::JobQueue).begin().await?;
        for (claimed, outcome) in batch {
            self.finish(&txn, claimed, outcome.clone()).await?;
        }
        Ok(txn.commit().await?)
    }

    async fn run_claimed(&self, claimed: Claimed) -> ApiResult<()> {
        let outcome = self.run(&claimed).await;
        let db = self.platform.unscoped(Why::JobQueue);
        self.finish(&db, &claimed, outcome).await
    }

    /// Runs a claimed job's handler in the job's span.
    async fn run(&self, claimed: &Claimed) -> Result<(), Outcome> {
        match self.handlers.get_key_value(claimed.kind.as_str()) {
            Some((kind, handler)) => {
                let ctx = JobContext {
                    id: claimed.id,
                    kind,
                    attempt: claimed.attempts,
                    tenant_id: claimed.tenant_id,
                    platform: self.platform.clone(),
                };
                let span = tracing::info_span!("job", job.id = %claimed.id, job.kind = %kind, tenant.id = ?claimed.tenant_id, attempt = claimed.attempts);
                match handler(claimed.payload.clone(), ctx) {
                    Ok(run) => run.instrument(span).await.map_err(Outcome::Failed),
                    Err(refused) => Err(Outcome::Unrunnable(refused)),
                }
            }
            None => Err(Outcome::Unrunnable(JobFailure::new(format!("no handler for job kind {}", claimed.kind)))),
        }
    }

    /// Claims up to `limit` due jobs (queued and due, or running past their lease).
    async fn claim(&self, limit: usize) -> ApiResult<Vec<Claimed>> {
        let db = self.platform.unscoped(Why::JobQueue);
        let now = db.now();
        let backend = db.get_database_backend();
        let (lock, p) = match backend {
            DatabaseBackend::Postgres => ("FOR UPDATE SKIP LOCKED", ["$1", "$2", "$3", "$4"]),
            _ => ("", ["?1", "?2", "?3", "?4"]),
        };
        // Two index-ordered lookups (due queued jobs, expired leases) rather than one `OR`,
        // which made PostgreSQL sort every queued job at each claim.
        let sql = format!(
            "WITH queued AS (SELECT id FROM job WHERE status = 'QUEUED' AND run_at <= {p2} \
               ORDER BY run_at LIMIT {p4} {lock}), \
             expired AS (SELECT id FROM job WHERE status = 'RUNNING' AND locked_until < {p3} \
               ORDER BY run_at LIMIT {p4} {lock}), \
             due AS (SELECT id FROM queued UNION ALL SELECT id FROM expired LIMIT {p4}) \
             UPDATE job SET status = 'RUNNING', attempts = attempts + 1, locked_until = {p1} \
             WHERE id IN (SELECT id FROM due) \
             RETURNING id, tenant_id, kind, payload, attempts, max_attempts, every_seconds",
            p1 = p[0],
            p2 = p[1],
            p3 = p[2],
            p4 = p[3],
        );
        let values = [(now + LEASE).into(), now.into(), now.into(), (limit as i64).into()];
        let statement = Statement::from_sql_and_values(backend, sql, values);
        Ok(Claimed::find_by_statement(statement).all(&db).await?)
    }

    /// Records the outcome with one narrow update, only if the job is still this claim's
    /// (a worker whose lease expired and was taken over changes nothing).
    async fn finish(
        &self,
        db: &Unscoped<impl ConnectionTrait + Send + Sync>,
        claimed: &Claimed,
        outcome: Result<(), Outcome>,
    ) -> ApiResult<()> {
        let now = db.now();
        let update = db
            .update_many::<job::Entity>()
            .col_expr(job::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(job::Column::Id.eq(claimed.id))
            .filter(job::Column::Status.eq(JobStatus::Running))
            .filter(job::Column::Attempts.eq(claimed.attempts));
        let update = match (outcome, claimed.every_seconds) {
            (Ok(()), Some(every)) => update
                .col_expr(job::Column::Status, Expr::value(JobStatus::Queued))
                .col_expr(job::Column::RunAt, Expr::value(now + Duration::seconds(every)))
                .col_expr(job::Column::Attempts, Expr::value(0))
                .col_expr(job::Column::LastError, Expr::value(Option::<String>::None))
                .col_expr(job::Column::FinishedAt, Expr::value(Some(now))),
            (Ok(()), None) => update
                .col_expr(job::Column::Status, Expr::value(JobStatus::Done))
                .col_expr(job::Column::FinishedAt, Expr::value(Some(now))),
            (Err(outcome), every) => {
                let (failure, retry) = match outcome {
                    Outcome::Failed(failure) => (failure, claimed.attempts < claimed.max_attempts || every.is_some()),
                    Outcome::Unrunnable(failure) => (failure, false),
                };
                tracing::warn!(job = %claimed.id, kind = %claimed.kind, error = %failure.0, retry, "job failed");
                let update = update.col_expr(job::Column::LastError, Expr::value(Some(failure.0)));
                if retry {
                    // Exponential backoff: 30 s, 1 min, 2 min, ...
                    let delay = Duration::seconds(30 * (1i64 << claimed.attempts.clamp(0, 10)));
                    update
                        .col_expr(job::Column::Status, Expr::value(JobStatus::Queued))
                        .col_expr(job::Column::RunAt, Expr::value(now + delay))
                } else {
                    update
                        .col_expr(job::Column::Status, Expr::value(JobStatus::Dead))
                        .col_expr(job::Column::FinishedAt, Expr::value(Some(now)))
                }
            }
        };
        let finished = update.exec(db).await?;
        if finished.rows_affected == 0 {
            tracing::warn!(job = %claimed.id, kind = %claimed.kind, "job was taken over after its lease; this run's outcome is dropped");
        }
        Ok(())
    }
}

/// How a run ended without success.
#[derive(Clone, Debug)]
enum Outcome {
    /// The work failed: retried until the last attempt.
    Failed(JobFailure),
    /// The job cannot run (unknown kind, payload of another shape): retrying cannot help.
    Unrunnable(JobFailure),
}

/// Jobs that need operator staff's attention: dead after their last attempt, or running
/// past their lease (their worker is gone and nobody has taken them over yet).
pub async fn needing_attention(platform: &Platform, limit: u64) -> ApiResult<Vec<job::Model>> {
    let db = platform.unscoped(Why::OperatorWork);
    let now = db.now();
    let stuck = job::Column::Status.eq(JobStatus::Running).and(job::Column::LockedUntil.lt(now));
    Ok(db
        .find::<job::Entity>()
        .filter(job::Column::Status.eq(JobStatus::Dead).or(stuck))
        .order_by_desc(job::Column::RunAt)
        .limit(limit)
        .all(&db)
        .await?)
}

/// Queues a dead or stuck job again with fresh attempts, due now.
pub async fn retry(platform: &Platform, id: Uuid) -> ApiResult<job::Model> {
    let db = platform.unscoped(Why::OperatorWork);
    let now = db.now();
    let found = db.find::<job::Entity>().filter(job::Column::Id.eq(id)).one(&db).await?;
    let Some(found) = found else { return Err(ApiError::not_found("job")) };
    let stuck = found.status == JobStatus::Running && found.locked_until.is_some_and(|until| until < now);
    if found.status != JobStatus::Dead && !stuck {
        return Err(ApiError::conflict("JOB_NOT_RETRYABLE", "only a dead or stuck job can be retried"));
    }
    db.update_many::<job::Entity>()
        .col_expr(job::Column::Status, Expr::value(JobStatus::Queued))
        .col_expr(job::Column::Attempts, Expr::value(0))
        .col_expr(job::Column::RunAt, Expr::value(now))
        .col_expr(job::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(job::Column::FinishedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(job::Column::Id.eq(id))
        .exec(&db)
        .await?;
    let again = db.find::<job::Entity>().filter(job::Column::Id.eq(id)).one(&db).await?;
    again.ok_or_else(|| ApiError::not_found("job"))
}

/// How long a finished job's row is kept (its outcome readable by operator staff and the
/// import screens) before the daily purge deletes it. `DEAD` jobs stay until staff act.
pub const DONE_RETENTION: Duration = Duration::days(7);

/// The daily purge of finished one-off jobs: without it the queue grows by a row per import,
/// send and notification, for ever (the soak, issue 20). Recurring rows are never `DONE`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Serialize, serde::Deserialize)]
pub struct PurgeFinishedJobsJob;

impl PurgeFinishedJobsJob {
    pub const EVERY: Duration = Duration::days(1);
}

impl Job for PurgeFinishedJobsJob {
    const KIND: &'static str = "kernel.purge_finished_jobs";
    type Deps = ();

    async fn run(self, ctx: JobContext, _: ()) -> Result<(), JobFailure> {
        let purged = purge_finished(ctx.platform(), ctx.clock().now() - DONE_RETENTION).await?;
        tracing::info!(purged, "purged finished jobs");
        Ok(())
    }
}

/// Deletes the `DONE` jobs that finished before `before`; how many went.
pub async fn purge_finished(platform: &Platform, before: DateTime<Utc>) -> ApiResult<u64> {
    let db = platform.unscoped(Why::RetentionPurge);
    let purged = db
        .delete_many::<job::Entity>()
        .filter(job::Column::Status.eq(JobStatus::Done))
        .filter(job::Column::FinishedAt.lt(before))
        .exec(&db)
        .await?
        .rows_affected;
    Ok(purged)
}
