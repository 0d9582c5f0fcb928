//! Sorting the contact list by a column: one index per sort key, `(tenant_id, key, id)`, so
//! that a page in any order is one index range scan, forwards or backwards, however deep.
//!
//! Text keys are expressions, `COALESCE(LOWER(column), U+10FFFF)` (case-insensitive for ASCII
//! letters, absent values last), compared byte by byte: under `COLLATE "C"` on PostgreSQL,
//! SQLite's default `BINARY` collation. They must stay identical, character for character, to
//! `SortField::key_sql` in `modules/contacts/src/service/contact_sort.rs`, or PostgreSQL
//! stops using them. `contact_created_at` (tenant, created_at) is replaced by its extension
//! with the id, so creating a contact maintains six new indexes, not seven.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The absent value's key: above any text a contact can hold.
const ABSENT: &str = "\u{10FFFF}";

const TEXT_COLUMNS: [&str; 5] = ["last_name", "first_name", "personal_email", "postal_code", "city"];

fn text_key(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("COALESCE(LOWER(\"{column}\" COLLATE \"C\"), '{ABSENT}') COLLATE \"C\""),
        _ => format!("COALESCE(LOWER(\"{column}\"), '{ABSENT}')"),
    }
}

fn plain_index(name: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table("contact");
    for col in cols {
        index.col(Alias::new((*col).to_owned()));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for column in TEXT_COLUMNS {
            let key = text_key(backend, column);
            db.execute_unprepared(&format!(
                "CREATE INDEX \"contact_sort_{column}\" ON \"contact\" (\"tenant_id\", ({key}), \"id\")"
            ))
            .await?;
        }
        for column in ["created_at", "updated_at"] {
            manager.create_index(plain_index(&format!("contact_sort_{column}"), &["tenant_id", column, "id"])).await?;
        }
        manager.drop_index(Index::drop().name("contact_created_at").table("contact").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(plain_index("contact_created_at", &["tenant_id", "created_at"])).await?;
        for column in TEXT_COLUMNS.into_iter().chain(["created_at", "updated_at"]) {
            manager
                .drop_index(Index::drop().name(format!("contact_sort_{column}")).table("contact").to_owned())
                .await?;
        }
        Ok(())
    }
}
