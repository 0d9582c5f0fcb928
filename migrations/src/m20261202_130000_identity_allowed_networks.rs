//! Network filtering per tenant (issue 15, the contract's "filtrage des accès"): the CIDR
//! ranges a tenant's administrator allows its users and API tokens to connect from. No row:
//! no filtering. The ranges are stored normalised (`10.0.0.0/8`, `2001:db8::/32`), once each.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, string_null, timestamp_with_time_zone, uuid, uuid_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("allowed_network")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("cidr"))
                    .col(string_null("description"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("allowed_network", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("allowed_network_tenant_cidr")
                    .table("allowed_network")
                    .col("tenant_id")
                    .col("cidr")
                    .unique()
                    .to_owned(),
            )
            .await?;
        crate::rls::protect(manager, "allowed_network", "tenant_id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::rls::unprotect(manager, "allowed_network").await?;
        manager.drop_table(Table::drop().table("allowed_network").to_owned()).await
    }
}
