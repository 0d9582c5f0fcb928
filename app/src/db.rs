//! The database: connect (SQLite by default, PostgreSQL in production) and migrate.

use crm360_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

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
        options.max_connections(32).min_connections(2);
    }
    Database::connect(options).await
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
