//! The audit trail's evidence (issue 13): each entry gets its place in its chain (one chain
//! per tenant, one for platform-wide work), the hash of its personal content, its leaf and
//! chain hashes, all written by the sealing job; the signed checkpoints of each chain's
//! Merkle tree are kept in `audit_checkpoint`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, json_binary, string, string_null, text, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            big_integer_null("chain_position"),
            string_null("content_hash"),
            string_null("leaf_hash"),
            string_null("chain_hash"),
            timestamp_with_time_zone_null("redacted_at"),
        ];
        for column in columns {
            let mut column = column;
            manager.alter_table(Table::alter().table("audit_entry").add_column(&mut column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("audit_entry_chain")
                    .table("audit_entry")
                    .col("tenant_id")
                    .col("chain_position")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_checkpoint")
                    .col(uuid("id").primary_key())
                    // NULL for the platform's chain, like its entries.
                    .col(uuid_null("tenant_id"))
                    .col(string("chain"))
                    .col(big_integer("size"))
                    .col(string("root"))
                    // The chain hash of the last entry sealed, where the next seal goes on.
                    .col(string("chain_head"))
                    // The tree's right edge (crm360_audit_ledger::Frontier), to extend it.
                    .col(json_binary("frontier"))
                    .col(text("signature"))
                    .col(string("public_key"))
                    .col(timestamp_with_time_zone("sealed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_checkpoint_chain")
                    .table("audit_checkpoint")
                    .col("tenant_id")
                    .col("chain")
                    .col("size")
                    .unique()
                    .to_owned(),
            )
            .await?;
        crate::rls::protect(manager, "audit_checkpoint", "tenant_id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("audit_checkpoint").to_owned()).await?;
        manager.drop_index(Index::drop().name("audit_entry_chain").table("audit_entry").to_owned()).await?;
        for column in ["chain_position", "content_hash", "leaf_hash", "chain_hash", "redacted_at"] {
            manager.alter_table(Table::alter().table("audit_entry").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
