//! The kernel's tables: audit trail, usage events, durable jobs.

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
                    .table("audit_entry")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("tenant_id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string("actor_kind"))
                    .col(uuid_null("actor_id"))
                    .col(string("action"))
                    .col(string("target_type"))
                    .col(string_null("target_id"))
                    .col(json_binary_null("before"))
                    .col(json_binary_null("after"))
                    .col(string_null("ip"))
                    .col(string_null("request_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("audit_entry_tenant").table("audit_entry").col("tenant_id").col("id").to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("usage_event")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("kind"))
                    .col(big_integer("quantity"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string_null("reference"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("usage_event_tenant_kind_at")
                    .table("usage_event")
                    .col("tenant_id")
                    .col("kind")
                    .col("at")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("job")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("tenant_id"))
                    .col(string("kind"))
                    .col(json_binary("payload"))
                    .col(string("status"))
                    .col(timestamp_with_time_zone("run_at"))
                    .col(integer("attempts"))
                    .col(integer("max_attempts"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(text_null("last_error"))
                    .col(big_integer("progress_done"))
                    .col(big_integer("progress_total"))
                    .col(string_null("schedule_key").unique_key())
                    .col(big_integer_null("every_seconds"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("job_due").table("job").col("status").col("run_at").to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["job", "usage_event", "audit_entry"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
