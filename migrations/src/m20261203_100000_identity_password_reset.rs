//! The lost-password and invitation links: one row per single-use link sent by e-mail, kept
//! as the SHA-256 digest of its token (a database leak gives no usable link). Platform data,
//! like the login throttle: a link is looked up by its token before anyone is signed in, on
//! the unscoped door (`Why::PasswordReset`). Its account's tenant is `account_tenant_id`
//! (NULL for operator staff), not `tenant_id`: the table is not under row-level security.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("password_reset")
                    .col(uuid("id").primary_key())
                    .col(string("token_hash").unique_key())
                    // TENANT_USER | OPERATOR_STAFF
                    .col(string("account_kind"))
                    .col(uuid("account_id"))
                    .col(uuid_null("account_tenant_id"))
                    // RESET | INVITATION
                    .col(string("purpose"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        // A new link invalidates the account's earlier unused ones.
        manager
            .create_index(
                Index::create()
                    .name("password_reset_account")
                    .table("password_reset")
                    .col("account_id")
                    .col("used_at")
                    .to_owned(),
            )
            .await?;
        // The retention purge of old links.
        manager
            .create_index(
                Index::create().name("password_reset_expires_at").table("password_reset").col("expires_at").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("password_reset").to_owned()).await
    }
}
