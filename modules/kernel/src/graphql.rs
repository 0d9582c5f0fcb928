//! The kernel's own GraphQL fields: operator staff's view of the durable jobs that need
//! attention (dead or stuck), and their retry.

use crate::audit::AuditChange;
use crate::context::{Platform, operator_scope};
use crate::error::{ApiResult, IntoGraphql};
use crate::guard::RequireOperator;
use crate::ids::parse_id;
use crate::jobs;
use crate::model::job::{self, JobStatus};
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

/// A durable job, as operator staff see it (no payload: it may name a tenant's objects).
#[derive(SimpleObject)]
pub struct DurableJob {
    pub id: ID,
    /// The job's kind (`contacts.import`, ...).
    pub kind: String,
    pub status: JobStatus,
    /// The tenant the job works for; none for platform work.
    pub tenant_id: Option<ID>,
    pub attempts: i32,
    pub max_attempts: i32,
    /// The error of its last failed attempt.
    pub last_error: Option<String>,
    pub run_at: DateTime<Utc>,
    /// Until when its worker holds it, while running.
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<job::Model> for DurableJob {
    fn from(row: job::Model) -> DurableJob {
        DurableJob {
            id: ID(row.id.to_string()),
            kind: row.kind,
            status: row.status,
            tenant_id: row.tenant_id.map(|id| ID(id.to_string())),
            attempts: row.attempts,
            max_attempts: row.max_attempts,
            last_error: row.last_error,
            run_at: row.run_at,
            locked_until: row.locked_until,
            created_at: row.created_at,
            finished_at: row.finished_at,
        }
    }
}

#[derive(Default)]
pub struct KernelQuery;

#[Object]
impl KernelQuery {
    /// Durable jobs that need attention: dead after their last attempt, or running past
    /// their lease. Newest first, at most 200.
    /// Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn jobs_needing_attention(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DurableJob>> {
        let platform = Platform::of(ctx)?;
        let rows = jobs::needing_attention(platform, 200).await.gql()?;
        Ok(rows.into_iter().map(DurableJob::from).collect())
    }
}

/// The payload of `retryJob`.
#[derive(SimpleObject)]
pub struct RetryJobPayload {
    pub job: DurableJob,
}

#[derive(Default)]
pub struct KernelMutation;

#[Object]
impl KernelMutation {
    /// Queues a dead or stuck job again, with fresh attempts, due now; audited.
    /// Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn retry_job(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<RetryJobPayload> {
        let scope = operator_scope(ctx)?;
        let platform = Platform::of(ctx)?;
        let id = parse_id(&id, "id").gql()?;
        let retried = retry_audited(platform, &scope, id).await.gql()?;
        Ok(RetryJobPayload { job: retried.into() })
    }
}

async fn retry_audited(platform: &Platform, scope: &crate::OperatorScope, id: uuid::Uuid) -> ApiResult<job::Model> {
    let before = jobs::retry(platform, id).await?;
    let change = AuditChange::new("job.retry", "job", id).after(serde_json::json!({ "kind": before.kind }));
    scope.audit(&scope.unscoped(), before.tenant_id, change).await?;
    Ok(before)
}
