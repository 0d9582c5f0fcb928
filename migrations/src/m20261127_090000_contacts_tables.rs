//! Contacts: contacts, custom fields and their values, consent, segments, uploads, imports.
//! Every table leads with `tenant_id`; the indexes serve search, upsert keys and counts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 9] = [
    "contact_import_error",
    "contact_import",
    "import_mapping",
    "contact_upload",
    "segment",
    "contact_consent",
    "contact_custom_value",
    "custom_field",
    "contact",
];

fn index(name: &str, table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col(Alias::new((*col).to_owned()));
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut contact = Table::create();
        contact.table("contact").col(uuid("tenant_id")).col(uuid("id")).col(string_null("external_id"));
        for name in [
            "civility",
            "first_name",
            "last_name",
            "company_name",
            "job_title",
            "personal_email",
            "professional_email",
            "landline_phone",
            "mobile_phone",
            "address_line1",
            "address_line2",
            "address_line3",
            "address_line4",
            "address_line5",
            "address_line6",
            "postal_code",
            "city",
            "country",
        ] {
            contact.col(string_null(name));
        }
        contact
            .col(date_null("birth_date"))
            .col(string_null("marital_status"))
            .col(string_null("gender"))
            .col(string_null("nationality"))
            .col(string_null("spoken_language"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .primary_key(Index::create().col("tenant_id").col("id"))
            .foreign_key(ForeignKey::create().from("contact", "tenant_id").to("tenant", "id"));
        manager.create_table(contact.to_owned()).await?;
        for (name, cols, unique) in [
            ("contact_external_id", &["tenant_id", "external_id"][..], true),
            ("contact_personal_email", &["tenant_id", "personal_email"][..], false),
            ("contact_professional_email", &["tenant_id", "professional_email"][..], false),
            ("contact_last_name", &["tenant_id", "last_name"][..], false),
            ("contact_postal_code", &["tenant_id", "postal_code"][..], false),
            ("contact_mobile_phone", &["tenant_id", "mobile_phone"][..], false),
            ("contact_birth_date", &["tenant_id", "birth_date"][..], false),
            ("contact_created_at", &["tenant_id", "created_at"][..], false),
        ] {
            manager.create_index(index(name, "contact", cols, unique)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("custom_field")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("key"))
                    .col(string("label"))
                    .col(string("kind"))
                    .col(json("options"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("custom_field", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("custom_field_key", "custom_field", &["tenant_id", "key"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("contact_custom_value")
                    .col(uuid("tenant_id"))
                    .col(uuid("contact_id"))
                    .col(uuid("field_id"))
                    .col(string_null("value_text"))
                    .col(double_null("value_number"))
                    .col(date_null("value_date"))
                    .col(boolean_null("value_bool"))
                    .primary_key(Index::create().col("tenant_id").col("contact_id").col("field_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("contact_custom_value", ("tenant_id", "contact_id"))
                            .to("contact", ("tenant_id", "id")),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("contact_custom_value", ("tenant_id", "field_id"))
                            .to("custom_field", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;
        // Segments test custom values with EXISTS on (tenant, field, value).
        for (name, col) in [
            ("custom_value_text", "value_text"),
            ("custom_value_number", "value_number"),
            ("custom_value_date", "value_date"),
        ] {
            manager.create_index(index(name, "contact_custom_value", &["tenant_id", "field_id", col], false)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("contact_consent")
                    .col(uuid("tenant_id"))
                    .col(uuid("contact_id"))
                    .col(string("channel"))
                    .col(string("status"))
                    .col(timestamp_with_time_zone("collected_at"))
                    .col(string_null("source"))
                    .col(text_null("wording"))
                    .col(string_null("ip"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("contact_id").col("channel"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("contact_consent", ("tenant_id", "contact_id"))
                            .to("contact", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "consent_channel_status",
                "contact_consent",
                &["tenant_id", "channel", "status"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("segment")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("name"))
                    .col(text_null("description"))
                    .col(json("definition"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("segment", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("contact_upload")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("filename"))
                    .col(string("path"))
                    .col(big_integer("size_bytes"))
                    .col(string("sha256"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("contact_upload", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("import_mapping")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(string("name"))
                    .col(json("columns"))
                    .col(string("upsert_key"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(ForeignKey::create().from("import_mapping", "tenant_id").to("tenant", "id"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("contact_import")
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("upload_id"))
                    .col(string("filename"))
                    .col(json("columns"))
                    .col(string("upsert_key"))
                    .col(boolean("dry_run"))
                    .col(string("status"))
                    .col(text_null("failure"))
                    .col(string_null("encoding"))
                    .col(string_null("delimiter"))
                    .col(big_integer("bytes_total"))
                    .col(big_integer("bytes_done"))
                    .col(big_integer("rows_done"))
                    .col(big_integer("rows_created"))
                    .col(big_integer("rows_updated"))
                    .col(big_integer("rows_unchanged"))
                    .col(big_integer("rows_failed"))
                    .col(uuid_null("job_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .primary_key(Index::create().col("tenant_id").col("id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("contact_import", ("tenant_id", "upload_id"))
                            .to("contact_upload", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("contact_import_error")
                    .col(uuid("tenant_id"))
                    .col(uuid("import_id"))
                    .col(big_integer("seq"))
                    .col(big_integer("line"))
                    .col(string_null("column"))
                    .col(string("reason"))
                    .col(text("message"))
                    .primary_key(Index::create().col("tenant_id").col("import_id").col("seq"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("contact_import_error", ("tenant_id", "import_id"))
                            .to("contact_import", ("tenant_id", "id")),
                    )
                    .to_owned(),
            )
            .await?;

        // A contact's change history reads the audit trail by target.
        manager
            .create_index(index("audit_entry_target", "audit_entry", &["tenant_id", "target_type", "target_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("audit_entry_target").table("audit_entry").to_owned()).await?;
        for table in TABLES {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
