//! The platform's database handles, private to the kernel.
//!
//! Two pools: the **application** pool, through which every tenant scope works (on
//! PostgreSQL it connects as a role that row-level security binds: it sees only the rows of
//! the tenant its transaction sets), and the **privileged** pool of the few deliberate
//! unscoped accesses ([`crate::unscoped`]), which connects as the schema's owner (a role with
//! `BYPASSRLS`). On SQLite both are the same pool: there the one door and the lint are the
//! guarantee.

use sea_orm::{DatabaseBackend, DatabaseConnection};

/// The two pools. Cheap to clone (each is a pool handle).
#[derive(Clone, Debug)]
pub struct Database {
    app: DatabaseConnection,
    privileged: DatabaseConnection,
}

impl Database {
    /// The application pool and the privileged one (the same pool on SQLite, or when one
    /// role does both, as in a demo).
    pub fn new(app: DatabaseConnection, privileged: DatabaseConnection) -> Database {
        Database { app, privileged }
    }

    /// One pool for both (SQLite, demos, tests of a single role).
    pub fn single(db: DatabaseConnection) -> Database {
        Database { app: db.clone(), privileged: db }
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.app.get_database_backend()
    }

    pub(crate) fn app(&self) -> &DatabaseConnection {
        &self.app
    }

    pub(crate) fn privileged(&self) -> &DatabaseConnection {
        &self.privileged
    }

    /// Whether both pools answer (the health check).
    pub async fn ping(&self) -> bool {
        self.app.ping().await.is_ok() && self.privileged.ping().await.is_ok()
    }
}

/// Begins a transaction. On SQLite it is `IMMEDIATE`: it takes the write lock at once, waiting
/// out the busy timeout, where a `DEFERRED` one that reads and then writes fails at once with
/// "database is locked" when another connection wrote in between (its snapshot is stale).
/// Rails made the same choice for its SQLite transactions. On PostgreSQL, a plain `BEGIN`.
pub(crate) async fn begin(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let options = TransactionOptions {
        isolation_level: None,
        access_mode: None,
        sqlite_transaction_mode: (db.get_database_backend() == DatabaseBackend::Sqlite)
            .then_some(SqliteTransactionMode::Immediate),
    };
    #[allow(clippy::disallowed_methods)] // the door itself
    db.begin_with_options(options).await
}
