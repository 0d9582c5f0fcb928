//! Support: announcements shown in the web app, and the page views of the audience measurement
//! (contract article 12: a random visitor id, the page, the time, the tenant; no user, no IP).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A platform table of the operator: `tenant_id` is the audience, null for every tenant.
        manager
            .create_table(
                Table::create()
                    .table("announcement")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("tenant_id"))
                    .col(string("severity"))
                    .col(text("text_fr"))
                    .col(text_null("text_en"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone_null("ends_at"))
                    .col(timestamp_with_time_zone_null("ended_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("announcement_starts").table("announcement").col("starts_at").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("page_view")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("visitor_id"))
                    .col(string("path"))
                    .col(timestamp_with_time_zone("at"))
                    .col(date("day"))
                    .col(boolean("new_visit"))
                    .col(integer_null("days_since_last_visit"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .to_owned(),
            )
            .await?;
        // The visit rule and the rate limit look up a visitor's latest page views.
        manager
            .create_index(
                Index::create()
                    .name("page_view_visitor")
                    .table("page_view")
                    .col("tenant_id")
                    .col("visitor_id")
                    .col("at")
                    .to_owned(),
            )
            .await?;
        // The operator's figures group by day; the purge deletes by time.
        manager.create_index(Index::create().name("page_view_day").table("page_view").col("day").to_owned()).await?;
        manager.create_index(Index::create().name("page_view_at").table("page_view").col("at").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("page_view").to_owned()).await?;
        manager.drop_table(Table::drop().table("announcement").to_owned()).await
    }
}
