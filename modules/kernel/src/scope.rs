//! Scoped data access: the one door to tenant data.
//!
//! A module never holds a database connection. It asks the request's [`TenantScope`] for a
//! transaction ([`TenantScope::begin`]); the transaction
//! - on PostgreSQL, runs `SET LOCAL app.tenant_id = '<tenant>'` first, so that row-level
//!   security shows and accepts the rows of that tenant only (the second wall);
//! - adds `tenant_id = <tenant>` to every query, update and delete it builds, and stamps
//!   `tenant_id` (with the id and creation time) on every row it inserts (the first wall, and
//!   the only one on SQLite);
//! - writes audit entries, durable jobs and usage events in the same transaction as the
//!   change that causes them, for the scope's tenant and actor.

use crate::actor::Actor;
use crate::audit::{self, AuditChange};
use crate::clock::Clock;
use crate::context::{Platform, RequestContext};
use crate::database::Database;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job};
use crate::metering::{self, UsageKind};
use crate::stamp;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, DbErr,
    DeleteMany, EntityTrait, ExecResult, Insert, IntoActiveModel, QueryFilter, QueryResult, Select, Statement,
    UpdateMany,
};
use uuid::Uuid;

/// An entity owned by a tenant: it names its `tenant_id` column.
pub trait TenantOwned: EntityTrait {
    fn tenant_column() -> Self::Column;
}

/// Implements [`TenantOwned`] for a sea-orm entity whose tenant column is `$column`.
#[macro_export]
macro_rules! tenant_owned {
    ($entity:path, $column:path) => {
        impl $crate::scope::TenantOwned for $entity {
            fn tenant_column() -> <Self as sea_orm::EntityTrait>::Column {
                $column
            }
        }
    };
}

/// A platform table that every tenant's work reads (no `tenant_id`: the platform-wide
/// suppression list, the quiet-hours rule). A tenant's transaction reads it on its own
/// connection ([`TenantTxn::find_shared`]): a transaction holding SQLite's one write lock must
/// never wait for a second connection from the pool, which the waiters for that lock hold.
pub trait SharedTable: EntityTrait {}

/// Implements [`SharedTable`] for a sea-orm entity of platform data.
#[macro_export]
macro_rules! shared_table {
    ($entity:path) => {
        impl $crate::scope::SharedTable for $entity {}
    };
}

/// Who acts and from where, shared by both kinds of scope.
#[derive(Clone, Debug)]
pub(crate) struct Acting {
    pub(crate) actor: Actor,
    pub(crate) database: Database,
    pub(crate) clock: Clock,
    pub(crate) ip: Option<String>,
    pub(crate) request_id: Option<String>,
}

impl Acting {
    pub(crate) fn new(platform: &Platform, request: &RequestContext) -> Acting {
        Acting {
            actor: request.actor.clone(),
            database: platform.database().clone(),
            clock: platform.clock().clone(),
            ip: request.ip.clone(),
            request_id: request.request_id.clone(),
        }
    }

    pub(crate) async fn audit(
        &self,
        conn: &impl ConnectionTrait,
        tenant_id: Option<Uuid>,
        change: AuditChange,
    ) -> Result<(), DbErr> {
        let at = self.clock.now();
        audit::record(conn, tenant_id, &self.actor, at, self.ip.clone(), self.request_id.clone(), change).await
    }
}

/// Access to one tenant's data on behalf of an actor of that tenant (or the system).
#[derive(Clone, Debug)]
pub struct TenantScope {
    tenant_id: Uuid,
    acting: Acting,
}

impl TenantScope {
    /// The scope of a request: only tenant actors have one.
    pub fn for_request(platform: &Platform, request: &RequestContext) -> ApiResult<TenantScope> {
        match request.actor.tenant_id() {
            Some(tenant_id) => Ok(TenantScope { tenant_id, acting: Acting::new(platform, request) }),
            None if request.actor == Actor::Anonymous => Err(request.unauthenticated()),
            None => Err(ApiError::forbidden("this operation acts on a tenant's data")),
        }
    }

    /// A scope for the platform's own work on a tenant (jobs, seeding, tests).
    pub fn system(platform: &Platform, tenant_id: Uuid) -> TenantScope {
        let request = RequestContext { actor: Actor::System, ..RequestContext::anonymous() };
        TenantScope { tenant_id, acting: Acting::new(platform, &request) }
    }

    pub(crate) fn with_acting(tenant_id: Uuid, acting: Acting) -> TenantScope {
        TenantScope { tenant_id, acting }
    }

    pub fn tenant_id(&self) -> Uuid {
        self.tenant_id
    }

    /// The platform this scope works on, for the few reads and writes of platform data a
    /// tenant's work needs (each through `Platform::unscoped` with its reason).
    pub fn platform(&self) -> Platform {
        Platform::new(self.acting.database.clone(), self.acting.clock.clone())
    }

    pub fn actor(&self) -> &Actor {
        &self.acting.actor
    }

    pub fn clock(&self) -> &Clock {
        &self.acting.clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.acting.clock.now()
    }

    /// The client's address, for the records that keep it (consent proofs).
    pub fn ip(&self) -> Option<&str> {
        self.acting.ip.as_deref()
    }

    pub fn request_id(&self) -> Option<&str> {
        self.acting.request_id.as_deref()
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.acting.database.backend()
    }

    /// A transaction on this tenant's data (reads too: on PostgreSQL a statement outside a
    /// tenant transaction sees no tenant row). Dropped without [`TenantTxn::commit`], it
    /// rolls back.
    pub async fn begin(&self) -> Result<TenantTxn, DbErr> {
        let txn = crate::database::begin(self.acting.database.app()).await?;
        if txn.get_database_backend() == DatabaseBackend::Postgres {
            // A literal, not a bound `set_config`: it also propagates on Citus
            // (`citus.propagate_set_commands = local`). A UUID prints as hex and hyphens only.
            txn.execute_unprepared(&format!("SET LOCAL app.tenant_id = '{}'", self.tenant_id)).await?;
        }
        Ok(TenantTxn { scope: self.clone(), txn })
    }

    /// The application's PostgreSQL pool, for [`crate::copy::BulkLoad`]; `None` on SQLite.
    pub(crate) fn postgres_pool(&self) -> Option<&sea_orm::sqlx::PgPool> {
        let db = self.acting.database.app();
        (db.get_database_backend() == DatabaseBackend::Postgres).then(|| db.get_postgres_connection_pool())
    }

    /// Refreshes PostgreSQL's planner statistics of `table` (as a large import fills it:
    /// plans made on an empty table scan it). Only the owner may `ANALYZE`: this runs on the
    /// privileged pool. Nothing to do on SQLite.
    pub async fn refresh_statistics(&self, table: &'static str) -> Result<(), DbErr> {
        let db = self.acting.database.privileged();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(&format!("ANALYZE {table}")).await?;
        }
        Ok(())
    }

    /// `SELECT ... WHERE tenant_id = <this tenant>`, to run on one of its transactions.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        #[allow(clippy::disallowed_methods)] // the door itself
        E::find().filter(E::tenant_column().eq(self.tenant_id))
    }
}

/// A transaction on one tenant's data: every query it builds is filtered by the tenant,
/// every row it inserts is stamped with it.
#[derive(Debug)]
pub struct TenantTxn {
    scope: TenantScope,
    txn: DatabaseTransaction,
}

impl TenantTxn {
    pub fn scope(&self) -> &TenantScope {
        &self.scope
    }

    pub fn tenant_id(&self) -> Uuid {
        self.scope.tenant_id
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.scope.now()
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    /// Undoes everything, now (dropping a transaction rolls it back too, but only once its
    /// connection is next used: on SQLite its write lock would outlive it until then).
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }

    /// Queues this transaction behind any other of the same tenant that asked for `what`,
    /// until it ends: a check and the write it allows (a quota) then hold together. On
    /// PostgreSQL a transaction-scoped advisory lock on (tenant, `what`); on SQLite nothing
    /// more is needed, the door's transactions already take the one write lock at `BEGIN`.
    pub async fn serialize(&self, what: &str) -> Result<(), DbErr> {
        if self.txn.get_database_backend() == DatabaseBackend::Postgres {
            let key = format!("{}:{what}", self.scope.tenant_id);
            self.txn
                .execute_raw(sea_orm::Statement::from_sql_and_values(
                    DatabaseBackend::Postgres,
                    "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                    [key.into()],
                ))
                .await?;
        }
        Ok(())
    }

    /// `SELECT` on a platform table every tenant reads, to run in this transaction.
    #[allow(clippy::disallowed_methods)] // the door itself
    pub fn find_shared<E: SharedTable>(&self) -> Select<E> {
        E::find()
    }

    /// `SELECT ... WHERE tenant_id = <this tenant>`.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        self.scope.find::<E>()
    }

    /// `UPDATE ... WHERE tenant_id = <this tenant>`.
    pub fn update_many<E: TenantOwned>(&self) -> UpdateMany<E> {
        #[allow(clippy::disallowed_methods)] // the door itself
        E::update_many().filter(E::tenant_column().eq(self.scope.tenant_id))
    }

    /// `DELETE ... WHERE tenant_id = <this tenant>`.
    pub fn delete_many<E: TenantOwned>(&self) -> DeleteMany<E> {
        #[allow(clippy::disallowed_methods)] // the door itself
        E::delete_many().filter(E::tenant_column().eq(self.scope.tenant_id))
    }

    /// The row with this tenant's id, a new id and creation time where unset.
    pub fn stamp<A>(&self, mut row: A) -> A
    where
        A: ActiveModelTrait,
        A::Entity: TenantOwned,
    {
        row.set(<A::Entity as TenantOwned>::tenant_column(), self.scope.tenant_id.into());
        stamp::new_row(row, self.now())
    }

    /// Inserts one row (stamped) and returns it as stored.
    pub async fn insert<A>(&self, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        #[allow(clippy::disallowed_methods)] // the door itself
        self.stamp(row).insert(&self.txn).await
    }

    /// An `INSERT` of one stamped row, for options such as `ON CONFLICT`.
    pub fn insert_statement<A>(&self, row: A) -> Insert<A>
    where
        A: ActiveModelTrait,
        A::Entity: TenantOwned,
    {
        #[allow(clippy::disallowed_methods)] // the door itself
        <A::Entity as EntityTrait>::insert(self.stamp(row))
    }

    /// Inserts many stamped rows, in the fixed statement sizes of [`crate::bulk`].
    pub async fn insert_rows<A>(&self, rows: Vec<A>) -> Result<(), DbErr>
    where
        A: ActiveModelTrait + Send,
        A::Entity: TenantOwned,
    {
        let rows = rows.into_iter().map(|row| self.stamp(row)).collect();
        crate::bulk::insert_in_chunks(&self.txn, rows).await
    }

    /// Updates one row by its primary key, within this tenant: a row of another tenant is
    /// `NOT_FOUND`, never touched.
    pub async fn update<A>(&self, mut row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let tenant_column = <A::Entity as TenantOwned>::tenant_column();
        // The tenant is not the row's to change: keep it out of the SET clause.
        if !stamp::is_primary_key::<A::Entity>(tenant_column) {
            row.not_set(tenant_column);
        }
        let row = stamp::touched(row, self.now());
        #[allow(clippy::disallowed_methods)] // the door itself
        let update = <A::Entity as EntityTrait>::update(row).validate()?;
        update.filter(tenant_column.eq(self.scope.tenant_id)).exec(&self.txn).await
    }

    /// Deletes one row by its primary key, within this tenant; how many rows went (0 or 1).
    pub async fn delete<A>(&self, row: A) -> Result<u64, DbErr>
    where
        A: ActiveModelTrait + Send,
        A::Entity: TenantOwned,
    {
        let tenant_column = <A::Entity as TenantOwned>::tenant_column();
        #[allow(clippy::disallowed_methods)] // the door itself
        let delete = <A::Entity as EntityTrait>::delete(row).validate()?;
        Ok(delete.filter(tenant_column.eq(self.scope.tenant_id)).exec(&self.txn).await?.rows_affected)
    }

    /// Records a change to this tenant's data in the audit trail.
    pub async fn audit(&self, change: AuditChange) -> Result<(), DbErr> {
        self.scope.acting.audit(&self.txn, Some(self.scope.tenant_id), change).await
    }

    /// Erases the personal content (states before and after, IP) of this tenant's audit entries
    /// about one object, keeping who, what, when and the entry itself: the data subject's
    /// erasure (GDPR art. 17) reaches the trail without breaking it. How many entries changed.
    pub async fn redact_audit(&self, target_type: &str, target_id: &str) -> Result<u64, DbErr> {
        audit::redact_target(&self.txn, self.now(), self.scope.tenant_id, target_type, target_id).await
    }

    /// Records many changes in one statement (imports).
    pub async fn audit_many(&self, changes: Vec<AuditChange>) -> Result<(), DbErr> {
        let a = &self.scope.acting;
        let at = self.now();
        audit::record_many(
            &self.txn,
            Some(self.scope.tenant_id),
            &a.actor,
            at,
            a.ip.clone(),
            a.request_id.clone(),
            changes,
        )
        .await
    }

    /// Enqueues a durable job of this tenant, due now; it runs only if this transaction
    /// commits.
    pub async fn enqueue<J: Job>(&self, job: &J) -> Result<Uuid, DbErr> {
        self.enqueue_at(job, self.now()).await
    }

    /// Enqueues a durable job of this tenant, due at `run_at`.
    pub async fn enqueue_at<J: Job>(&self, job: &J, run_at: DateTime<Utc>) -> Result<Uuid, DbErr> {
        jobs::enqueue(&self.txn, Some(self.scope.tenant_id), job, run_at, self.now()).await
    }

    /// Asks the notifications service to send `notification`, only if this commits.
    pub async fn notify(&self, notification: &crate::notify::Notification) -> Result<Uuid, DbErr> {
        let payload = serde_json::to_value(notification).map_err(|err| DbErr::Json(err.to_string()))?;
        jobs::enqueue_kind(&self.txn, Some(self.scope.tenant_id), crate::notify::KIND, payload, self.now()).await
    }

    /// Records billable usage of this tenant, committed with the work it measures, once per
    /// key (`key` names the unit of work: a retried job records nothing twice). Whether it
    /// was new.
    pub async fn meter(&self, kind: UsageKind, quantity: i64, key: impl Into<String>) -> Result<bool, DbErr> {
        let now = self.now();
        let day = self.scope.clock().date_of(now);
        metering::record(&self.txn, self.scope.tenant_id, metering::Usage::new(kind, quantity, key), now, day).await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for TenantTxn {
    fn get_database_backend(&self) -> DatabaseBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }
}

/// Access to the platform on behalf of operator staff (tenants, plans, support queue).
#[derive(Clone, Debug)]
pub struct OperatorScope {
    acting: Acting,
}

impl OperatorScope {
    pub fn for_request(platform: &Platform, request: &RequestContext) -> ApiResult<OperatorScope> {
        match request.actor {
            Actor::Operator { .. } | Actor::System => Ok(OperatorScope { acting: Acting::new(platform, request) }),
            Actor::Anonymous => Err(request.unauthenticated()),
            _ => Err(ApiError::forbidden("operator staff only")),
        }
    }

    /// The platform acting on its own (seeding, CLI).
    pub fn system(platform: &Platform) -> OperatorScope {
        let request = RequestContext { actor: Actor::System, ..RequestContext::anonymous() };
        OperatorScope { acting: Acting::new(platform, &request) }
    }

    pub fn actor(&self) -> &Actor {
        &self.acting.actor
    }

    pub fn clock(&self) -> &Clock {
        &self.acting.clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.acting.clock.now()
    }

    /// The operator's work across tenants: the privileged path.
    pub fn unscoped(&self) -> crate::unscoped::Unscoped {
        crate::unscoped::Unscoped::new(
            self.acting.database.privileged().clone(),
            crate::unscoped::Why::OperatorWork,
            self.acting.clock.clone(),
        )
    }

    /// A scope on one tenant for the operator's work on it (creating its first administrator).
    pub fn on_tenant(&self, tenant_id: Uuid) -> TenantScope {
        TenantScope::with_acting(tenant_id, self.acting.clone())
    }

    /// Records an operator action (on `tenant_id`, or on the platform when `None`) within
    /// `conn`, so that it commits with the change.
    pub async fn audit(
        &self,
        conn: &impl ConnectionTrait,
        tenant_id: Option<Uuid>,
        change: AuditChange,
    ) -> Result<(), DbErr> {
        self.acting.audit(conn, tenant_id, change).await
    }
}
