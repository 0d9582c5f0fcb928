//! The login throttle's counters (issue 15): one row per throttled key, the digest of
//! "account and address", "account" or "address" (never the e-mail or the IP in clear), with
//! its consecutive failures and the earliest time of its next attempt. A login attempt
//! increments its counters and reads whether it may proceed in one statement (`INSERT ... ON
//! CONFLICT DO UPDATE ... WHERE ... RETURNING`), so that parallel attempts cannot all pass.
//! Times are Unix seconds: the statement computes the next attempt's time itself. Platform
//! data, before any tenant is known: no `tenant_id`, reached on the unscoped door (`Why::Login`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("login_throttle")
                    .col(string("key").primary_key())
                    .col(big_integer("failures"))
                    .col(big_integer("next_attempt_at"))
                    .col(big_integer("last_attempt_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("login_throttle_last_attempt_at")
                    .table("login_throttle")
                    .col("last_attempt_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("login_throttle").to_owned()).await
    }
}
