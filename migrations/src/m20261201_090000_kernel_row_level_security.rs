//! Row-level security on every tenant table of PostgreSQL (see `crate::rls`), and the job
//! states typed: a job that failed its last attempt is `DEAD` (was `FAILED`).

use crate::rls;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every table with a `tenant_id` column at this point, from the catalogue.
async fn tenant_tables(manager: &SchemaManager<'_>) -> Result<Vec<String>, DbErr> {
    let db = manager.get_connection();
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT table_name::text AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY 1",
        ))
        .await?;
    rows.iter().map(|row| row.try_get::<String>("", "name")).collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE job SET status = 'DEAD' WHERE status = 'FAILED'").await?;
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        for table in tenant_tables(manager).await? {
            rls::protect(manager, &table, "tenant_id").await?;
        }
        // A tenant's own row: its users read their tenant's name and settings.
        rls::protect(manager, "tenant", "id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            rls::unprotect(manager, "tenant").await?;
            for table in tenant_tables(manager).await? {
                rls::unprotect(manager, &table).await?;
            }
        }
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE job SET status = 'FAILED' WHERE status = 'DEAD'").await?;
        Ok(())
    }
}
