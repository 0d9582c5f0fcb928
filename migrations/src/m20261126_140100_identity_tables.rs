//! Identity: tenants, operator staff, tenant users, sessions, API tokens, connection log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("tenant")
                    .col(uuid("id").primary_key())
                    .col(string("name"))
                    .col(string("platform"))
                    .col(string("status"))
                    .col(text_null("suspended_reason"))
                    .col(string_null("accepted_terms_version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("operator_staff")
                    .col(uuid("id").primary_key())
                    .col(string("email").unique_key())
                    .col(string("first_name"))
                    .col(string("last_name"))
                    .col(string("password_hash"))
                    .col(string("status"))
                    .col(boolean("must_change_password"))
                    .col(timestamp_with_time_zone("password_changed_at"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("tenant_user")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("email"))
                    .col(string("first_name"))
                    .col(string("last_name"))
                    .col(string_null("organization"))
                    .col(string("password_hash"))
                    .col(boolean("is_admin"))
                    .col(boolean("can_import"))
                    .col(boolean("can_consult"))
                    .col(boolean("can_communicate"))
                    .col(boolean("can_analyse"))
                    .col(string("status"))
                    .col(boolean("must_change_password"))
                    .col(timestamp_with_time_zone("password_changed_at"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("tenant_user", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;
        // Login is by email alone, so an email names one account on the whole platform.
        manager
            .create_index(
                Index::create().name("tenant_user_email").table("tenant_user").col("email").unique().to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("session")
                    .col(uuid("id").primary_key())
                    .col(string("token_hash").unique_key())
                    .col(string("subject_kind"))
                    .col(uuid_null("tenant_id"))
                    .col(uuid("subject_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(string_null("ip"))
                    .col(string_null("user_agent"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("session_subject").table("session").col("subject_id").col("revoked_at").to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("api_token")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("name"))
                    .col(string("prefix"))
                    .col(string("token_hash").unique_key())
                    .col(boolean("can_import"))
                    .col(boolean("can_consult"))
                    .col(boolean("can_communicate"))
                    .col(boolean("can_analyse"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("api_token", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("connection_log")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("tenant_id"))
                    .col(uuid_null("subject_id"))
                    .col(string("email"))
                    .col(string_null("ip"))
                    .col(string_null("user_agent"))
                    .col(string("outcome"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("connection_log_tenant", &["tenant_id", "id"][..]),
            ("connection_log_email_at", &["email", "at"][..]),
            ("connection_log_ip_at", &["ip", "at"][..]),
            ("connection_log_at", &["at"][..]),
        ] {
            let mut index = Index::create();
            index.name(name).table("connection_log");
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["connection_log", "api_token", "session", "tenant_user", "operator_staff", "tenant"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
