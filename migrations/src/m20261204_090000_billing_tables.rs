//! Billing (issue 12): the versioned price grids (platform data, Annex 1 first), each
//! tenant's level and commitments with their history, its billing identity, invoices and
//! credit notes (money in cents, exact on both databases), the register of invoice numbers
//! (gapless per series: a counter row updated under its lock, and one register row per
//! number), payments; and the metering's idempotency key and calendar day.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, date, date_null, integer, json_binary, string, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

// `invoice_number` is platform data reached through the unscoped door only; it names its
// tenant, so it is protected like a tenant table.
const TENANT_TABLES: [&str; 5] = ["billing_plan", "billing_profile", "invoice", "payment", "invoice_number"];

fn tenant_fk(table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, "tenant_id").to("tenant", "id").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Platform data: one row per version of the grid. Absent rows mean version 1, the
        // grid of Annex 1 (crm360_pricing::Grid::annex1), in force since the beginning.
        manager
            .create_table(
                Table::create()
                    .table("billing_grid")
                    .col(big_integer("version").primary_key())
                    // INITIAL, ORDINARY or STRUCTURE_CHANGE.
                    .col(string("kind"))
                    .col(json_binary("grid"))
                    .col(date("effective_from"))
                    .col(timestamp_with_time_zone("announced_at"))
                    .col(text_null("note"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("billing_plan")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(integer("level"))
                    .col(big_integer("email_commitment"))
                    .col(big_integer("sms_commitment"))
                    // The first day of the month after the request.
                    .col(date("effective_from"))
                    .col(date("requested_on"))
                    .col(uuid_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("billing_plan"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("billing_plan_effective")
                    .table("billing_plan")
                    .col("tenant_id")
                    .col("effective_from")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("billing_profile")
                    .col(uuid("tenant_id").primary_key())
                    .col(string("legal_name"))
                    // One line of the address per line of text.
                    .col(text("address_lines"))
                    .col(string("postcode"))
                    .col(string("city"))
                    .col(string("country_code"))
                    .col(string_null("siren"))
                    .col(string_null("vat_number"))
                    .col(string_null("invoice_email"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut tenant_fk("billing_profile"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("invoice")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    // INVOICE or CREDIT_NOTE.
                    .col(string("kind"))
                    // DRAFT or ISSUED; an issued document never changes again.
                    .col(string("status"))
                    // One invoice per tenant and month ("2026-11"); a credit note's own key.
                    .col(string("period_key"))
                    .col(date("period_start"))
                    .col(date("period_end"))
                    .col(string("series"))
                    .col(big_integer_null("sequence"))
                    .col(string_null("number"))
                    .col(date_null("issue_date"))
                    .col(date_null("due_date"))
                    .col(big_integer("grid_version"))
                    // The plan, the month's usage and the priced lines, as they were priced.
                    .col(json_binary("plan"))
                    .col(json_binary("usage"))
                    .col(json_binary("lines"))
                    .col(big_integer("total_excluding_tax_cents"))
                    .col(string("vat_rate"))
                    .col(big_integer("vat_cents"))
                    .col(big_integer("total_including_tax_cents"))
                    .col(json_binary("seller"))
                    .col(json_binary("buyer"))
                    .col(uuid_null("corrects_invoice_id"))
                    .col(text_null("reason"))
                    .col(string_null("document_sha256"))
                    .col(timestamp_with_time_zone_null("formal_notice_at"))
                    .col(timestamp_with_time_zone_null("suspended_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("invoice"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("invoice_period")
                    .table("invoice")
                    .col("tenant_id")
                    .col("period_key")
                    .unique()
                    .to_owned(),
            )
            .await?;

        // Platform data: the last number taken in each series, updated under its row lock.
        manager
            .create_table(
                Table::create()
                    .table("invoice_series")
                    .col(string("series").primary_key())
                    .col(big_integer("last_sequence"))
                    .to_owned(),
            )
            .await?;
        // Platform data: every number ever issued, once (the primary key refuses a double).
        manager
            .create_table(
                Table::create()
                    .table("invoice_number")
                    .col(string("series"))
                    .col(big_integer("sequence"))
                    .col(string("number"))
                    .col(uuid("tenant_id"))
                    .col(uuid("invoice_id"))
                    .col(timestamp_with_time_zone("issued_at"))
                    .primary_key(Index::create().col("series").col("sequence"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("payment")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("invoice_id"))
                    .col(big_integer("amount_cents"))
                    .col(date("paid_on"))
                    .col(string("method"))
                    .col(string_null("reference"))
                    .col(uuid_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(&mut tenant_fk("payment"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("payment_invoice").table("payment").col("tenant_id").col("invoice_id").to_owned(),
            )
            .await?;

        // Metering: a key that makes a retried recording count once, and the calendar day
        // (platform time zone) the unit is billed on.
        for column in [string_null("idempotency_key"), date_null("day")] {
            manager.alter_table(Table::alter().table("usage_event").add_column(column).to_owned()).await?;
        }
        let backfill = match manager.get_database_backend() {
            DbBackend::Postgres => "UPDATE usage_event SET day = (at AT TIME ZONE 'Europe/Paris')::date",
            _ => "UPDATE usage_event SET day = date(at)",
        };
        manager.get_connection().execute_unprepared(backfill).await?;
        manager
            .create_index(
                Index::create()
                    .name("usage_event_idempotency")
                    .table("usage_event")
                    .col("tenant_id")
                    .col("idempotency_key")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("usage_event_tenant_day")
                    .table("usage_event")
                    .col("tenant_id")
                    .col("day")
                    .col("kind")
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
        for index in ["usage_event_idempotency", "usage_event_tenant_day"] {
            manager.drop_index(Index::drop().name(index).table("usage_event").to_owned()).await?;
        }
        for column in ["idempotency_key", "day"] {
            manager.alter_table(Table::alter().table("usage_event").drop_column(column).to_owned()).await?;
        }
        for table in [
            "payment",
            "invoice_number",
            "invoice_series",
            "invoice",
            "billing_profile",
            "billing_plan",
            "billing_grid",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
