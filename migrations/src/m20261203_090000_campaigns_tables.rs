//! Campaigns (issue 11): the tenant's allowed senders (configured by operator staff), its
//! message templates, its campaigns with their run plans, each run of a campaign, the send
//! ledger (one row per run and contact, the ground truth of what left and what did not), the
//! tenant's and the platform's suppression lists (hashed addresses and numbers), and the
//! versioned quiet-hours rule of marketing SMS.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, boolean, integer, json_binary, string, string_null, text, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};
use sea_orm_migration::sea_orm::prelude::Json;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TENANT_TABLES: [&str; 6] =
    ["campaign_sender", "message_template", "campaign", "campaign_run", "send_ledger", "suppression"];

fn tenant_fk(table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, "tenant_id").to("tenant", "id").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaign_sender")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("channel"))
                    // An email address, or an SMS sender id (11 letters and digits at most).
                    .col(string("address"))
                    .col(string_null("display_name"))
                    .col(string_null("reply_to"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("campaign_sender"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("campaign_sender_address")
                    .table("campaign_sender")
                    .col("tenant_id")
                    .col("channel")
                    .col("address")
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("message_template")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("name"))
                    .col(string("channel"))
                    .col(text_null("subject"))
                    .col(text_null("html_body"))
                    .col(text("text_body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("message_template"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("message_template_name")
                    .table("message_template")
                    .col("tenant_id")
                    .col("name")
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("campaign")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("name"))
                    .col(string("channel"))
                    .col(string("status"))
                    .col(uuid("segment_id"))
                    .col(uuid("template_id"))
                    .col(uuid("sender_id"))
                    // Prospecting (consent required, opt-out mention, quiet hours) unless false.
                    .col(boolean("marketing"))
                    .col(string("plan"))
                    .col(timestamp_with_time_zone_null("scheduled_at"))
                    .col(string_null("cron"))
                    .col(timestamp_with_time_zone_null("next_run_at"))
                    .col(integer("runs_started"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("campaign"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("campaign", ("tenant_id", "template_id"))
                            .to("message_template", ("tenant_id", "id")),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("campaign", ("tenant_id", "sender_id"))
                            .to("campaign_sender", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("campaign_name")
                    .table("campaign")
                    .col("tenant_id")
                    .col("name")
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("campaign_run")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("campaign_id"))
                    .col(integer("number"))
                    .col(string("status"))
                    // When the run was due (its plan's occurrence): one run per occurrence.
                    .col(timestamp_with_time_zone("due_at"))
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .col(integer("batches"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("campaign_run", ("tenant_id", "campaign_id"))
                            .to("campaign", ("tenant_id", "id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("campaign_run_occurrence")
                    .table("campaign_run")
                    .col("tenant_id")
                    .col("campaign_id")
                    .col("due_at")
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("send_ledger")
                    .col(uuid("tenant_id"))
                    .col(uuid("run_id"))
                    .col(uuid("contact_id"))
                    .col(uuid("campaign_id"))
                    .col(integer("batch"))
                    .col(string("status"))
                    .col(string_null("exclusion"))
                    // SHA-256 of the normalised address or number, for deduplication and suppression.
                    .col(string_null("recipient_hash"))
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone_null("not_before"))
                    .col(string_null("variant"))
                    .col(string_null("error"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(timestamp_with_time_zone_null("unsubscribed_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("run_id").col("contact_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("send_ledger", ("tenant_id", "run_id"))
                            .to("campaign_run", ("tenant_id", "id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("send_ledger_batch")
                    .table("send_ledger")
                    .col("tenant_id")
                    .col("run_id")
                    .col("batch")
                    .col("status")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("suppression")
                    .col(uuid("tenant_id"))
                    .col(string("channel"))
                    .col(string("value_hash"))
                    // A hint the screen can show without the address itself ("j•••@exemple.fr").
                    .col(string("masked"))
                    .col(string("reason"))
                    .col(uuid_null("campaign_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("channel").col("value_hash"))
                    .foreign_key(&mut tenant_fk("suppression"))
                    .to_owned(),
            )
            .await?;

        // The platform's own list (operator staff; every tenant's sends consult it).
        manager
            .create_table(
                Table::create()
                    .table("platform_suppression")
                    .col(string("channel"))
                    .col(string("value_hash"))
                    .col(string("masked"))
                    .col(string("reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("channel").col("value_hash"))
                    .to_owned(),
            )
            .await?;

        // The quiet-hours rule of marketing SMS, as data: carriers' charters change.
        manager
            .create_table(
                Table::create()
                    .table("quiet_hours_rule")
                    .col(big_integer("version").primary_key())
                    .col(json_binary("rule"))
                    .col(timestamp_with_time_zone("effective_from"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        let first: Json = sea_orm_migration::sea_orm::sea_query::value::prelude::serde_json::json!({
            "version": 1, "allowed_from": "08:00:00", "allowed_until": "22:00:00",
            "no_sundays": true, "no_public_holidays": true
        });
        let since = sea_orm_migration::sea_orm::prelude::ChronoDateTimeUtc::from_timestamp(0, 0).expect("the epoch");
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("quiet_hours_rule")
                    .columns(["version", "rule", "effective_from", "created_at"])
                    .values_panic([1i64.into(), first.into(), since.into(), since.into()])
                    .to_owned(),
            )
            .await?;

        for table in TENANT_TABLES {
            crate::rls::protect(manager, table, "tenant_id").await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TENANT_TABLES {
            crate::rls::unprotect(manager, table).await?;
        }
        for table in ["quiet_hours_rule", "platform_suppression"].into_iter().chain(TENANT_TABLES.into_iter().rev()) {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
