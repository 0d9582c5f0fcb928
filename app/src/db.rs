//! The database: connect (SQLite by default, PostgreSQL in production), count statements
//! and migrate. The binary opens the pools here and hands them to the kernel, which alone
//! uses them afterwards (ARCHITECTURE.md, "The one door").
#![allow(clippy::disallowed_types, clippy::disallowed_methods)] // opening the pools is this module's job

use crate::config::Settings;
use crm360_kernel::database::Database;
use crm360_migrations::{Migrator, MigratorTrait};
use sea_orm::metric::Info;
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database as SeaDatabase, DatabaseConnection, DbBackend, DbErr, Statement,
};
use std::sync::Arc;
use std::time::Duration;

/// Told of every SQL statement a connection runs (after it ran).
pub type StatementObserver = Arc<dyn Fn(&Info<'_>) + Send + Sync>;

/// Opens the configured pools, migrates the schema (as the privileged role), and warns when
/// the application's role would bypass row-level security.
pub async fn open(settings: &Settings, observer: Option<StatementObserver>) -> anyhow::Result<Database> {
    let mut privileged = connect(settings.database_privileged_url()).await?;
    migrate(&privileged).await?;
    let (database, app) = if settings.database_privileged_url.is_some() {
        let mut app = connect(settings.database_url()).await?;
        count_statements(&mut app, observer.clone());
        count_statements(&mut privileged, observer);
        (Database::new(app.clone(), privileged), app)
    } else {
        count_statements(&mut privileged, observer);
        (Database::single(privileged.clone()), privileged)
    };
    if bypasses_row_level_security(&app).await? {
        tracing::warn!(
            "the application's database role bypasses row-level security (superuser or BYPASSRLS): \
             only the application's scoping separates tenants; see the README, Running on PostgreSQL"
        );
    }
    Ok(database)
}

/// Connects, preparing what SQLite needs (its folder, WAL, foreign keys, a busy timeout).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|err| DbErr::Custom(format!("cannot create {dir:?}: {err}")))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // One writer at a time is SQLite's rule; a small pool avoids lock storms. The pragmas
        // are per connection, so every connection of the pool gets them as it opens.
        options.max_connections(4).min_connections(1).map_sqlx_sqlite_opts(|sqlite| {
            sqlite.journal_mode(SqliteJournalMode::Wal).foreign_keys(true).busy_timeout(Duration::from_secs(10))
        });
    } else {
        // A server that does not answer gives a typed 503 within 5 s rather than a hang.
        options.max_connections(32).min_connections(2).acquire_timeout(Duration::from_secs(5));
    }
    let mut db = SeaDatabase::connect(options).await?;
    count_statements(&mut db, None);
    Ok(db)
}

/// Counts every statement the connection runs, in the Prometheus metrics
/// `crm360_sql_statements_total` (by outcome) and `crm360_sql_statement_duration_seconds`,
/// and tells `also` of it (the test suite counts the statements of one request with it).
/// Statements run through sea-orm, transactions included; `BEGIN` and `COMMIT` are not
/// counted, nor is a tenant transaction's `SET LOCAL` (run unprepared, beside the metric).
/// Call it before cloning the connection: clones keep the observer they were made with.
pub fn count_statements(db: &mut DatabaseConnection, also: Option<StatementObserver>) {
    db.set_metric_callback(move |info: &Info<'_>| {
        crate::telemetry::record_statement(info.failed, info.elapsed);
        if let Some(also) = &also {
            also(info);
        }
    });
}

/// On PostgreSQL, whether the connection's role bypasses row-level security (a superuser or
/// a `BYPASSRLS` role): then only the application's own scoping separates tenants.
pub async fn bypasses_row_level_security(db: &DatabaseConnection) -> Result<bool, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(false);
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT (rolsuper OR rolbypassrls) AS bypass FROM pg_roles WHERE rolname = current_user",
        ))
        .await?;
    Ok(row.map(|row| row.try_get::<bool>("", "bypass")).transpose()?.unwrap_or(false))
}

fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

#[cfg(test)]
mod tests {
    use super::{connect, sqlite_file};
    use sea_orm::{ConnectionTrait, Statement};

    #[tokio::test]
    async fn every_sqlite_connection_gets_the_pragmas() {
        let path = std::env::temp_dir().join(format!("crm360-pragmas-{}.db", uuid::Uuid::new_v4().simple()));
        let db = connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        // Hold several connections at once so that the pool opens more than one.
        let queries = (0..4).map(|_| {
            let db = db.clone();
            async move {
                let backend = db.get_database_backend();
                let row = db
                    .query_one_raw(Statement::from_string(backend, "SELECT foreign_keys, (SELECT timeout FROM pragma_busy_timeout) AS busy FROM pragma_foreign_keys"))
                    .await
                    .unwrap()
                    .unwrap();
                (row.try_get::<i64>("", "foreign_keys").unwrap(), row.try_get::<i64>("", "busy").unwrap())
            }
        });
        for (foreign_keys, busy) in futures::future::join_all(queries).await {
            assert_eq!((foreign_keys, busy), (1, 10_000));
        }
    }

    #[test]
    fn sqlite_paths_are_found_in_urls() {
        assert_eq!(sqlite_file("sqlite://data/crm360.db?mode=rwc"), Some("data/crm360.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/x"), None);
    }
}
