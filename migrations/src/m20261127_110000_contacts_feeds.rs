//! Contacts: automatic feeds (a saved mapping applied on schedule to a tenant's inbox folder).

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
                    .table("contact_feed")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("name"))
                    .col(uuid("mapping_id"))
                    .col(integer("every_minutes"))
                    .col(timestamp_with_time_zone("next_run_at"))
                    .col(timestamp_with_time_zone_null("last_run_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("contact_feed", ("tenant_id", "mapping_id"))
                            .to("import_mapping", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;
        // The scheduler looks for due feeds across tenants.
        manager
            .create_index(Index::create().name("contact_feed_due").table("contact_feed").col("next_run_at").to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("contact_feed").to_owned()).await
    }
}
