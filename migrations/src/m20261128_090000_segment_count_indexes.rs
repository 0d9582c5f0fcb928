//! Segment counts: the consent test of a segment (`EXISTS` a consent of the contact on a
//! channel with a status) reads only an index.
//!
//! `consent_channel_status` (tenant, channel, status) found the consents of a channel and
//! status but had to visit the table for each one to get its contact; with the contact id at
//! the end of the key, PostgreSQL answers the semi-join from the index alone (an index-only
//! scan, in contact id order, so a merge or hash join with the contacts). It replaces the
//! old index rather than adding one, so writing a consent costs what it did.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("consent_channel_status_contact")
                    .table("contact_consent")
                    .col("tenant_id")
                    .col("channel")
                    .col("status")
                    .col("contact_id")
                    .to_owned(),
            )
            .await?;
        manager.drop_index(Index::drop().name("consent_channel_status").table("contact_consent").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("consent_channel_status")
                    .table("contact_consent")
                    .col("tenant_id")
                    .col("channel")
                    .col("status")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name("consent_channel_status_contact").table("contact_consent").to_owned())
            .await?;
        Ok(())
    }
}
