//! Postal quality runs on a tenant's contacts: RNVP results and duplicate groups.

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
                    .table("postal_run")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("kind"))
                    .col(uuid_null("segment_id"))
                    .col(string("status"))
                    .col(big_integer("total"))
                    .col(big_integer("processed"))
                    .col(big_integer("valid"))
                    .col(big_integer("corrected"))
                    .col(big_integer("invalid"))
                    .col(big_integer("groups"))
                    .col(uuid_null("last_contact_id"))
                    .col(text_null("error"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("rnvp_result")
                    .col(uuid("tenant_id"))
                    .col(uuid("run_id"))
                    .col(uuid("contact_id"))
                    .col(string("line1"))
                    .col(string("line2"))
                    .col(string("line3"))
                    .col(string("line4"))
                    .col(string("line5"))
                    .col(string("line6"))
                    .col(string("status"))
                    .col(string("reasons"))
                    .col(timestamp_with_time_zone_null("applied_at"))
                    .primary_key(Index::create().col("tenant_id").col("run_id").col("contact_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rnvp_result_status")
                    .table("rnvp_result")
                    .col("tenant_id")
                    .col("run_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("dedup_group")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("run_id"))
                    .col(double("confidence"))
                    .col(string("status"))
                    .col(uuid_null("survivor_id"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("dedup_group_run").table("dedup_group").col("tenant_id").col("run_id").to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("dedup_member")
                    .col(uuid("tenant_id"))
                    .col(uuid("group_id"))
                    .col(uuid("contact_id"))
                    .primary_key(Index::create().col("tenant_id").col("group_id").col("contact_id"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["dedup_member", "dedup_group", "rnvp_result", "postal_run"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
