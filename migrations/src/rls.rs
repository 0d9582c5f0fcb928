//! Row-level security on PostgreSQL: the database's own wall between tenants.
//!
//! A protected table shows and accepts only the rows whose tenant is the one the current
//! transaction set with `SET LOCAL app.tenant_id = '<uuid>'` (the kernel's scope does it);
//! without it, no row at all. `FORCE` binds the table's owner too: only a role with
//! `BYPASSRLS` (the kernel's privileged pool) or a superuser sees across tenants.
//! SQLite has no row-level security: these are no-ops there.
//!
//! Every migration that creates a tenant table calls [`protect`]; a test lists the tables
//! with a `tenant_id` column from the catalogue and fails on any left unprotected.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// The tenant the current transaction set, or NULL (unset, or reset to '' after a
/// transaction that set it).
pub const CURRENT_TENANT: &str = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

/// Enables and forces row-level security on `table`, keyed on `column`.
pub async fn protect(manager: &SchemaManager<'_>, table: &str, column: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY; \
         ALTER TABLE {table} FORCE ROW LEVEL SECURITY; \
         CREATE POLICY tenant_isolation ON {table} \
         USING ({column} = {CURRENT_TENANT}) WITH CHECK ({column} = {CURRENT_TENANT})"
    ))
    .await?;
    Ok(())
}

/// Undoes [`protect`].
pub async fn unprotect(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "DROP POLICY IF EXISTS tenant_isolation ON {table}; \
         ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; \
         ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"
    ))
    .await?;
    Ok(())
}

/// Creates (once, cluster-wide) a login role that row-level security binds, neither superuser
/// nor `BYPASSRLS`, and lets it read and write the rows of `database`'s tables: the
/// application role of the tests and benches (production's is made by hand, see the README).
pub async fn grant_application_role(owner: &impl ConnectionTrait, role: &str, database: &str) -> Result<(), DbErr> {
    // Concurrent tests may race to create it: either error means it exists.
    owner
        .execute_unprepared(&format!(
            "DO $$ BEGIN CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS; \
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; \
             GRANT CONNECT ON DATABASE {database} TO {role}; \
             GRANT USAGE ON SCHEMA public TO {role}; \
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; \
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"
        ))
        .await?;
    Ok(())
}
