//! The deliberate unscoped accesses, through one named door.
//!
//! A few things must cross tenants or come before any tenant is known: logging in and
//! looking up a session, claiming jobs, operator staff's work across tenants, retention
//! purges, announcements and the audience measurement (platform-wide), migrations and
//! seeding. They go through [`Platform::unscoped`] with the reason ([`Why`]) spelt at the
//! call site, on the privileged pool (on PostgreSQL the schema owner's role, which bypasses
//! row-level security). Nothing else reaches the database without a tenant.

use crate::clock::Clock;
use crate::context::Platform;
use crate::stamp;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction,
    DbErr, DeleteMany, EntityTrait, ExecResult, Insert, IntoActiveModel, QueryResult, Select, Statement, UpdateMany,
};

/// Why a piece of work reaches the database without a tenant scope.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum Why {
    /// Logging in, and the throttling of attempts: no tenant is known yet.
    Login,
    /// Turning a session or API token into an actor, before any scope exists.
    SessionLookup,
    /// Enqueuing platform jobs, claiming and finishing any job.
    JobQueue,
    /// Operator staff acting across tenants (tenants, staff, support queue).
    OperatorWork,
    /// Retention purges, across every tenant.
    RetentionPurge,
    /// Operator announcements, shown to every signed-in person.
    Announcements,
    /// The platform's audience measurement (article 12), for every visitor.
    AudienceMeasurement,
    /// Recording an access denial, written before any scope exists.
    AccessDenialAudit,
    /// The health check and the operator's platform-health screen.
    Health,
    /// Demo data and first set-up from the command line.
    Seeding,
    /// Database upkeep that only the schema's owner may do (refreshing a table's planner
    /// statistics during a large import).
    Maintenance,
    /// The platform-wide suppression list, which every tenant's sends consult.
    Suppression,
    /// Platform-wide settings that every tenant's work reads (the quiet-hours rule of SMS).
    PlatformSettings,
    /// The lost-password flow: the account is looked up by its address before anyone is
    /// signed in.
    PasswordReset,
    /// The support desk's platform data that tenants' tickets use: ticket numbers (one
    /// counter for every tenant) and the business-hours calendar.
    SupportDesk,
    /// The product's own measurement of its response times (Annex 2): every instance adds its
    /// counts, per tenant, to the shared table.
    ServiceLevels,
    /// The audit trail's seal and its verification: every tenant's chain is read, hashed and
    /// signed by the platform (`crm360-audit`).
    AuditSeal,
}

impl Platform {
    /// The privileged, unscoped door; `why` says at each call site why it is needed.
    pub fn unscoped(&self, why: Why) -> Unscoped {
        Unscoped::new(self.database().privileged().clone(), why, self.clock().clone())
    }
}

/// Unscoped access on the privileged pool (`Unscoped`) or in one of its transactions
/// (`Unscoped<DatabaseTransaction>`).
#[derive(Debug)]
pub struct Unscoped<C = DatabaseConnection> {
    conn: C,
    why: Why,
    clock: Clock,
}

impl Unscoped {
    pub(crate) fn new(conn: DatabaseConnection, why: Why, clock: Clock) -> Unscoped {
        Unscoped { conn, why, clock }
    }

    pub async fn begin(&self) -> Result<Unscoped<DatabaseTransaction>, DbErr> {
        Ok(Unscoped { conn: crate::database::begin(&self.conn).await?, why: self.why, clock: self.clock.clone() })
    }
}

impl Unscoped<DatabaseTransaction> {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.conn.commit().await
    }

    /// Queues this transaction behind any other that asked for `what`, until it ends (two
    /// instances sealing at once). PostgreSQL: a transaction-scoped advisory lock; SQLite:
    /// nothing more, the door's transactions take the one write lock at `BEGIN`.
    pub async fn serialize(&self, what: &str) -> Result<(), DbErr> {
        if self.conn.get_database_backend() == DatabaseBackend::Postgres {
            self.conn
                .execute_raw(Statement::from_sql_and_values(
                    DatabaseBackend::Postgres,
                    "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                    [format!("platform:{what}").into()],
                ))
                .await?;
        }
        Ok(())
    }
}

impl<C: ConnectionTrait> Unscoped<C> {
    pub fn why(&self) -> Why {
        self.why
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    #[allow(clippy::disallowed_methods)] // the door itself
    pub fn find<E: EntityTrait>(&self) -> Select<E> {
        E::find()
    }

    #[allow(clippy::disallowed_methods)] // the door itself
    pub fn update_many<E: EntityTrait>(&self) -> UpdateMany<E> {
        E::update_many()
    }

    #[allow(clippy::disallowed_methods)] // the door itself
    pub fn delete_many<E: EntityTrait>(&self) -> DeleteMany<E> {
        E::delete_many()
    }

    /// Inserts one row (id and creation time stamped where unset) and returns it.
    #[allow(clippy::disallowed_methods)] // the door itself
    pub async fn insert<A>(&self, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        stamp::new_row(row, self.now()).insert(&self.conn).await
    }

    /// An `INSERT` of one row, for options such as `ON CONFLICT`.
    #[allow(clippy::disallowed_methods)] // the door itself
    pub fn insert_statement<A: ActiveModelTrait>(&self, row: A) -> Insert<A> {
        <A::Entity as EntityTrait>::insert(stamp::new_row(row, self.now()))
    }

    /// Inserts many rows in the fixed statement sizes of [`crate::bulk`].
    pub async fn insert_rows<A: ActiveModelTrait + Send>(&self, rows: Vec<A>) -> Result<(), DbErr> {
        let now = self.now();
        let rows = rows.into_iter().map(|row| stamp::new_row(row, now)).collect();
        crate::bulk::insert_in_chunks(&self.conn, rows).await
    }

    /// Asks the notifications service to send `notification` (no tenant: the lost-password
    /// flow, operator notices), only if this connection's work commits.
    pub async fn notify(&self, notification: &crate::notify::Notification) -> Result<uuid::Uuid, DbErr> {
        let payload = serde_json::to_value(notification).map_err(|err| DbErr::Json(err.to_string()))?;
        crate::jobs::enqueue_kind(&self.conn, None, crate::notify::KIND, payload, self.now()).await
    }

    /// Records a change made by `actor` before any scope exists (a login: the account that
    /// just proved who it is), in this connection's work.
    pub async fn audit_as(
        &self,
        actor: &crate::actor::Actor,
        tenant_id: Option<uuid::Uuid>,
        ip: Option<String>,
        change: crate::audit::AuditChange,
    ) -> Result<(), DbErr> {
        crate::audit::record(&self.conn, tenant_id, actor, self.now(), ip, None, change).await
    }

    /// Updates one row by its primary key.
    #[allow(clippy::disallowed_methods)] // the door itself
    pub async fn update<A>(&self, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        row.update(&self.conn).await
    }

    /// Deletes one row by its primary key; how many rows went.
    #[allow(clippy::disallowed_methods)] // the door itself
    pub async fn delete<A: ActiveModelTrait + ActiveModelBehavior + Send>(&self, row: A) -> Result<u64, DbErr> {
        Ok(row.delete(&self.conn).await?.rows_affected)
    }
}

#[async_trait::async_trait]
impl<C: ConnectionTrait + Send + Sync> ConnectionTrait for Unscoped<C> {
    fn get_database_backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.conn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.conn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.conn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.conn.query_all_raw(stmt).await
    }
}
