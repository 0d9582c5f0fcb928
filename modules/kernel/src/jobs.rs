//! The durable job runner: work that outlives a request (imports, sends, RNVP, purges) is a
//! row in `job`, claimed by one worker at a time, retried with backoff, resumable after a
//! crash (an expired lease makes a running job claimable again).
//!
//! Recurring work (the daily purge of old connection IPs, ...) is one row with a
//! `schedule_key`: when it completes, it is re-queued for its next run instead of finishing.

use crate::clock::Clock;
use crate::error::ApiResult;
use crate::ids::new_id;
use crate::model::job;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, FromQueryResult,
    QueryFilter, Set, Statement,
};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use uuid::Uuid;

pub const STATUS_QUEUED: &str = "QUEUED";
pub const STATUS_RUNNING: &str = "RUNNING";
pub const STATUS_DONE: &str = "DONE";
pub const STATUS_FAILED: &str = "FAILED";

/// How long a claimed job is reserved for its worker before others may take it over.
const LEASE: Duration = Duration::minutes(5);

/// A job as its handler sees it.
#[derive(Clone, Debug)]
pub struct JobRun {
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub db: DatabaseConnection,
    pub clock: Clock,
}

impl JobRun {
    /// Reports progress, readable by query while the job runs.
    pub async fn progress(&self, done: i64, total: i64) -> ApiResult<()> {
        job::Entity::update_many()
            .col_expr(job::Column::ProgressDone, done.into())
            .col_expr(job::Column::ProgressTotal, total.into())
            .filter(job::Column::Id.eq(self.id))
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

type HandlerFuture = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;
type Handler = Arc<dyn Fn(JobRun) -> HandlerFuture + Send + Sync>;

/// Enqueues a one-off job.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    kind: &str,
    payload: serde_json::Value,
    run_at: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let id = new_id();
    new_job(id, tenant_id, kind, payload, run_at, None, None).insert(conn).await?;
    Ok(id)
}

/// Makes sure a recurring job exists (idempotent: one row per `schedule_key`).
pub async fn ensure_recurring(
    conn: &impl ConnectionTrait,
    kind: &str,
    every: Duration,
    first_run: DateTime<Utc>,
) -> ApiResult<()> {
    let model = new_job(new_id(), None, kind, serde_json::Value::Null, first_run, Some(kind), Some(every));
    job::Entity::insert(model)
        .on_conflict(OnConflict::column(job::Column::ScheduleKey).do_nothing().to_owned())
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

fn new_job(
    id: Uuid,
    tenant_id: Option<Uuid>,
    kind: &str,
    payload: serde_json::Value,
    run_at: DateTime<Utc>,
    schedule_key: Option<&str>,
    every: Option<Duration>,
) -> job::ActiveModel {
    job::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant_id),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        status: Set(STATUS_QUEUED.to_owned()),
        run_at: Set(run_at),
        attempts: Set(0),
        max_attempts: Set(5),
        locked_until: Set(None),
        last_error: Set(None),
        progress_done: Set(0),
        progress_total: Set(0),
        schedule_key: Set(schedule_key.map(str::to_owned)),
        every_seconds: Set(every.map(|d| d.num_seconds())),
        created_at: Set(run_at),
        finished_at: Set(None),
    }
}

/// Runs jobs with the handlers registered for their kinds.
#[derive(Clone)]
pub struct JobRunner {
    db: DatabaseConnection,
    clock: Clock,
    handlers: HashMap<String, Handler>,
}

impl JobRunner {
    pub fn new(db: DatabaseConnection, clock: Clock) -> JobRunner {
        JobRunner { db, clock, handlers: HashMap::new() }
    }

    /// Registers the handler of a job kind.
    pub fn register<F, Fut>(&mut self, kind: &str, handler: F)
    where
        F: Fn(JobRun) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), String>> + Send + 'static,
    {
        self.handlers.insert(kind.to_owned(), Arc::new(move |run| Box::pin(handler(run))));
    }

    /// Claims and runs one due job; `Ok(false)` when none was due.
    pub async fn run_one(&self) -> ApiResult<bool> {
        let Some(claimed) = self.claim().await? else {
            return Ok(false);
        };
        let run = JobRun {
            id: claimed.id,
            tenant_id: claimed.tenant_id,
            kind: claimed.kind.clone(),
            payload: claimed.payload.clone(),
            attempts: claimed.attempts,
            db: self.db.clone(),
            clock: self.clock.clone(),
        };
        let outcome = match self.handlers.get(&claimed.kind) {
            Some(handler) => handler(run).await,
            None => Err(format!("no handler for job kind {}", claimed.kind)),
        };
        self.finish(&claimed, outcome).await?;
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

    /// Polls for jobs until `shutdown` resolves.
    pub async fn work(self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        loop {
            let ran = match self.run_one().await {
                Ok(ran) => ran,
                Err(err) => {
                    tracing::error!(error = ?err, "job runner failed to claim or finish a job");
                    false
                }
            };
            if *shutdown.borrow() {
                return;
            }
            if !ran {
                tokio::select! {
                    _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
                    _ = shutdown.changed() => return,
                }
            }
        }
    }

    async fn claim(&self) -> ApiResult<Option<job::Model>> {
        let now = self.clock.now();
        let backend = self.db.get_database_backend();
        let lock = if backend == DatabaseBackend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let p = |n: usize| {
            if backend == DatabaseBackend::Postgres { format!("${n}") } else { "?".to_owned() }
        };
        let sql = format!(
            "UPDATE job SET status = '{running}', attempts = attempts + 1, locked_until = {p1} \
             WHERE id = (SELECT id FROM job WHERE (status = '{queued}' AND run_at <= {p2}) \
             OR (status = '{running}' AND locked_until < {p3}) ORDER BY run_at LIMIT 1 {lock}) RETURNING *",
            running = STATUS_RUNNING,
            queued = STATUS_QUEUED,
            p1 = p(1),
            p2 = p(2),
            p3 = p(3),
        );
        let statement = Statement::from_sql_and_values(backend, sql, [(now + LEASE).into(), now.into(), now.into()]);
        Ok(job::Model::find_by_statement(statement).one(&self.db).await?)
    }

    async fn finish(&self, claimed: &job::Model, outcome: Result<(), String>) -> ApiResult<()> {
        let now = self.clock.now();
        let mut update: job::ActiveModel = claimed.clone().into();
        update.locked_until = Set(None);
        match outcome {
            Ok(()) => match claimed.every_seconds {
                Some(every) => {
                    update.status = Set(STATUS_QUEUED.to_owned());
                    update.run_at = Set(now + Duration::seconds(every));
                    update.attempts = Set(0);
                    update.last_error = Set(None);
                    update.finished_at = Set(Some(now));
                }
                None => {
                    update.status = Set(STATUS_DONE.to_owned());
                    update.finished_at = Set(Some(now));
                }
            },
            Err(error) => {
                tracing::warn!(job = %claimed.id, kind = %claimed.kind, %error, "job failed");
                update.last_error = Set(Some(error));
                if claimed.attempts >= claimed.max_attempts && claimed.every_seconds.is_none() {
                    update.status = Set(STATUS_FAILED.to_owned());
                    update.finished_at = Set(Some(now));
                } else {
                    // Exponential backoff: 30 s, 1 min, 2 min, ...
                    let delay = Duration::seconds(30 * (1i64 << claimed.attempts.clamp(0, 10)));
                    update.status = Set(STATUS_QUEUED.to_owned());
                    update.run_at = Set(now + delay);
                }
            }
        }
        update.update(&self.db).await?;
        Ok(())
    }
}
