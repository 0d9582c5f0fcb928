//! Two contact indexes that no query reads any more, dropped: each costs every contact
//! written (an import of a million contacts wrote them a million times each).
//!
//! - `contact_last_name` (tenant, last_name): segments and the name search compare the folded
//!   copy `last_name_folded` (m20261129_090000), and the list sorts by `contact_sort_last_name`.
//! - `contact_professional_email` (tenant, professional_email): segments compare e-mails with
//!   `lower()`, and the search's `LIKE 'term%'` cannot use an index in the database's
//!   collation; nothing looks a professional e-mail up exactly.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const DROPPED: [(&str, &str); 2] =
    [("contact_last_name", "last_name"), ("contact_professional_email", "professional_email")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in DROPPED {
            manager.drop_index(Index::drop().name(name).table("contact").to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in DROPPED {
            manager
                .create_index(Index::create().name(name).table("contact").col("tenant_id").col(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
