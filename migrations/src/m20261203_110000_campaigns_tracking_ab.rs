//! Campaigns (issue 11): open and click tracking, off unless the tenant turns it on
//! (`campaign_tenant_settings`), recorded on the ledger row (first open, first click); and A/B
//! tests of a campaign: a variant template tried on a share of the segment, the winner (by
//! opens, clicks, or chosen) sent to the rest after a set delay.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, integer_null, string_null, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaign_tenant_settings")
                    .col(uuid("tenant_id").primary_key())
                    .col(boolean("tracking_enabled"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(ForeignKey::create().from("campaign_tenant_settings", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;
        for column in [timestamp_with_time_zone_null("opened_at"), timestamp_with_time_zone_null("clicked_at")] {
            manager.alter_table(Table::alter().table("send_ledger").add_column(column).to_owned()).await?;
        }
        let ab = [
            // The variant B template (variant A is the campaign's own).
            uuid_null("ab_template_id"),
            // The share of the segment that takes part in the test, in percent (half A, half B).
            integer_null("ab_share_percent"),
            // OPENS, CLICKS or CHOSEN.
            string_null("ab_winner_by"),
            integer_null("ab_decide_after_minutes"),
            // A or B, once decided.
            string_null("ab_winner"),
        ];
        for column in ab {
            manager.alter_table(Table::alter().table("campaign").add_column(column).to_owned()).await?;
        }
        // The first batch of a run's ledger held until the A/B test's winner is known.
        manager
            .alter_table(Table::alter().table("campaign_run").add_column(integer_null("held_from_batch")).to_owned())
            .await?;
        crate::rls::protect(manager, "campaign_tenant_settings", "tenant_id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::rls::unprotect(manager, "campaign_tenant_settings").await?;
        manager.alter_table(Table::alter().table("campaign_run").drop_column("held_from_batch").to_owned()).await?;
        for column in ["ab_template_id", "ab_share_percent", "ab_winner_by", "ab_decide_after_minutes", "ab_winner"] {
            manager.alter_table(Table::alter().table("campaign").drop_column(column).to_owned()).await?;
        }
        for column in ["opened_at", "clicked_at"] {
            manager.alter_table(Table::alter().table("send_ledger").drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table("campaign_tenant_settings").to_owned()).await
    }
}
