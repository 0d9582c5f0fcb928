//! The support desk (issue 14): tickets with their thread, attachments, interventions and
//! pauses; the versioned business-hours calendar the deadlines are measured with (platform
//! data); ticket numbers (a counter per year); and the service-level measurements shared by
//! every instance: request latencies as histogram buckets per tenant and hour, the
//! availability probes, and the monthly reports kept once issued.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, boolean, date, integer, json_binary, string, string_null, text, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

// `latency_bucket` is written by every instance through the unscoped door; it names its
// tenant, so it is protected like a tenant table.
const TENANT_TABLES: [&str; 7] =
    ["ticket", "ticket_message", "ticket_attachment", "ticket_event", "ticket_pause", "sla_report", "latency_bucket"];

fn tenant_fk(table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, "tenant_id").to("tenant", "id").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Platform data: absent rows mean version 1, `crm360_sla::Calendar::standard()`.
        manager
            .create_table(
                Table::create()
                    .table("support_calendar")
                    .col(big_integer("version").primary_key())
                    .col(json_binary("calendar"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ticket_counter")
                    .col(string("series").primary_key())
                    .col(big_integer("last_sequence"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("ticket")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("number"))
                    // ANOMALY or QUESTION.
                    .col(string("kind"))
                    // P1, P2, P3: proposed by the user, then qualified by support.
                    .col(string("proposed_priority"))
                    .col(string("priority"))
                    .col(timestamp_with_time_zone_null("qualified_at"))
                    // OPEN, IN_PROGRESS, WAITING_FOR_USER, RESOLVED, CLOSED.
                    .col(string("status"))
                    .col(string("subject"))
                    // PRODUCT or EMAIL.
                    .col(string("channel"))
                    .col(uuid_null("opened_by"))
                    .col(string("requester_email"))
                    .col(uuid_null("assigned_to"))
                    .col(timestamp_with_time_zone("opened_at"))
                    // Taken in charge by support (Annex 2's response time ends here).
                    .col(timestamp_with_time_zone_null("responded_at"))
                    // The response deadline, for the queue's order; null while paused.
                    .col(timestamp_with_time_zone_null("due_at"))
                    .col(big_integer("calendar_version"))
                    .col(timestamp_with_time_zone_null("workaround_at"))
                    .col(timestamp_with_time_zone_null("resolved_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(string_null("closed_reason"))
                    .col(timestamp_with_time_zone_null("waiting_since"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("ticket"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_number")
                    .table("ticket")
                    .col("tenant_id")
                    .col("number")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_status_due")
                    .table("ticket")
                    .col("tenant_id")
                    .col("status")
                    .col("due_at")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("ticket_message")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("ticket_id"))
                    // USER, SUPPORT or SYSTEM.
                    .col(string("author_kind"))
                    .col(uuid_null("author_id"))
                    .col(string("author_name"))
                    .col(text("body"))
                    // The Message-ID of a message that came (or went) by email, for threading.
                    .col(string_null("email_message_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("ticket_message"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_message_ticket")
                    .table("ticket_message")
                    .col("tenant_id")
                    .col("ticket_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ticket_attachment")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("ticket_id"))
                    .col(uuid("message_id"))
                    .col(string("filename"))
                    .col(string("content_type"))
                    .col(big_integer("size_bytes"))
                    .col(string("sha256"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("ticket_attachment"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ticket_event")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("ticket_id"))
                    .col(string("action"))
                    // USER, SUPPORT or SYSTEM, and who.
                    .col(string("actor_kind"))
                    .col(uuid_null("actor_id"))
                    .col(string("actor_name"))
                    .col(json_binary("detail"))
                    .col(timestamp_with_time_zone("at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("ticket_event"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_event_ticket")
                    .table("ticket_event")
                    .col("tenant_id")
                    .col("ticket_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ticket_pause")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("ticket_id"))
                    .col(timestamp_with_time_zone("paused_from"))
                    .col(timestamp_with_time_zone_null("paused_until"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("ticket_pause"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ticket_pause_ticket")
                    .table("ticket_pause")
                    .col("tenant_id")
                    .col("ticket_id")
                    .to_owned(),
            )
            .await?;

        // Platform data: request latencies, counted per tenant (the nil id for none), hour and
        // histogram bucket; each instance adds its counts (`count = count + n`).
        manager
            .create_table(
                Table::create()
                    .table("latency_bucket")
                    .col(uuid("tenant_id"))
                    .col(timestamp_with_time_zone("hour"))
                    // The bucket's upper bound in milliseconds (i64::MAX for the overflow).
                    .col(big_integer("le_ms"))
                    .col(big_integer("count"))
                    .primary_key(Index::create().col("tenant_id").col("hour").col("le_ms"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("latency_bucket_hour").table("latency_bucket").col("hour").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("availability_probe")
                    .col(uuid("id").primary_key())
                    // WEB or API.
                    .col(string("target"))
                    .col(timestamp_with_time_zone("at"))
                    .col(boolean("up"))
                    .col(integer("latency_ms"))
                    .col(string("instance"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("availability_probe_at")
                    .table("availability_probe")
                    .col("target")
                    .col("at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sla_report")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(date("month"))
                    .col(json_binary("figures"))
                    .col(big_integer("calendar_version"))
                    .col(timestamp_with_time_zone("issued_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("sla_report"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sla_report_month")
                    .table("sla_report")
                    .col("tenant_id")
                    .col("month")
                    .unique()
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
        for table in [
            "sla_report",
            "availability_probe",
            "latency_bucket",
            "ticket_pause",
            "ticket_event",
            "ticket_attachment",
            "ticket_message",
            "ticket",
            "ticket_counter",
            "support_calendar",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
