//! Uploaded files and import error reports are kept for a configured delay, then purged
//! (issue 13's retention, issue 20's bounded disk): the upload's row stays (imports refer to
//! it) with the date its file went, and an import records when its error rows went.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::timestamp_with_time_zone_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("contact_upload")
                    .add_column(timestamp_with_time_zone_null("purged_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("contact_import")
                    .add_column(timestamp_with_time_zone_null("errors_purged_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("contact_import").drop_column("errors_purged_at").to_owned()).await?;
        manager.alter_table(Table::alter().table("contact_upload").drop_column("purged_at").to_owned()).await
    }
}
