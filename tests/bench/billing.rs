//! Monthly invoice run benchmark (not a timed test): `BENCH_TENANTS` tenants (1 000 by
//! default), each with a month of daily samples and metered usage, invoiced by one run of
//! `crm360_billing::service::cycle::run_month`: drafts priced, numbers taken under the
//! series' lock, Factur-X PDFs rendered and kept. On the database the end-to-end suite uses
//! (PostgreSQL when `TEST_DATABASE_URL` is set).
//!
//! ```text
//! TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_TENANTS=1000 \
//!   cargo bench -p crm360-suite --bench billing
//! ```

// The benchmark sets up its tenants straight in the tables, beside the kernel's door.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::{NaiveDate, TimeZone, Utc};
use crm360_billing::model::{InvoiceStatus, invoice, profile};
use crm360_billing::service::cycle;
use crm360_billing::service::documents::Documents;
use crm360_billing::settings::BillingSettings;
use crm360_identity::model::tenant::{self, TenantPlatform, TenantStatus};
use crm360_kernel::model::usage_event::{self, UsageKind};
use crm360_suite::spawn_app;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::time::Instant;
use uuid::Uuid;

#[tokio::main]
async fn main() {
    let tenants: usize = std::env::var("BENCH_TENANTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let app = spawn_app().await;
    let created = Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap();
    let month = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let setup = Instant::now();
    let ids: Vec<Uuid> = (0..tenants).map(|_| Uuid::now_v7()).collect();
    for chunk in ids.chunks(500) {
        let rows = chunk.iter().enumerate().map(|(n, id)| tenant::ActiveModel {
            id: Set(*id),
            name: Set(format!("Boutique {n}")),
            platform: Set(TenantPlatform::Shared),
            status: Set(TenantStatus::Active),
            suspended_reason: Set(None),
            accepted_terms_version: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
        });
        tenant::Entity::insert_many(rows).exec(&app.db).await.expect("tenants");
        let profiles = chunk.iter().enumerate().map(|(n, id)| profile::ActiveModel {
            tenant_id: Set(*id),
            legal_name: Set(format!("Boutique {n} SAS")),
            address_lines: Set(format!("{} rue de la République", 1 + n % 90)),
            postcode: Set("69002".to_owned()),
            city: Set("Lyon".to_owned()),
            country_code: Set("FR".to_owned()),
            siren: Set(Some("732829320".to_owned())),
            vat_number: Set(None),
            invoice_email: Set(None),
            updated_at: Set(created),
        });
        profile::Entity::insert_many(profiles).exec(&app.db).await.expect("profiles");
    }
    // 30 days of samples and two usage events a day per tenant.
    for (n, id) in ids.iter().enumerate() {
        let mut rows = Vec::new();
        for d in 1..=30u32 {
            let day = NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
            let at = Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap();
            for (kind, quantity, key) in [
                (UsageKind::ContactsSampled, 100_000 + (n as i64) * 10 + i64::from(d), format!("contacts:{day}")),
                (UsageKind::ActiveUsersSampled, 3 + (n as i64 % 5), format!("users:{day}")),
                (UsageKind::EmailSent, 20_000, format!("send:{day}")),
                (UsageKind::SmsSent, 500, format!("sms:{day}")),
            ] {
                rows.push(usage_event::ActiveModel {
                    tenant_id: Set(*id),
                    id: Set(Uuid::now_v7()),
                    kind: Set(kind),
                    quantity: Set(quantity),
                    at: Set(at),
                    reference: Set(Some(key.clone())),
                    idempotency_key: Set(Some(key)),
                    day: Set(Some(day)),
                });
            }
        }
        usage_event::Entity::insert_many(rows).exec(&app.db).await.expect("usage");
    }
    eprintln!("setup: {tenants} tenants in {:.1} s", setup.elapsed().as_secs_f64());
    app.clock.set(Utc.with_ymd_and_hms(2026, 12, 1, 4, 0, 0).unwrap());
    let settings = BillingSettings::defaults(&app.data_dir);
    let documents = Documents::new().expect("renderer");
    let started = Instant::now();
    let report = cycle::run_month(&app.operator_scope(), &settings, &documents, month).await.expect("the run");
    let elapsed = started.elapsed().as_secs_f64();
    let issued =
        invoice::Entity::find().filter(invoice::Column::Status.eq(InvoiceStatus::Issued)).count(&app.db).await.unwrap();
    assert_eq!(report.failed, 0, "{report:?}");
    assert_eq!(issued as usize, tenants);
    let pdf_bytes: u64 = walk(&settings.documents_dir);
    println!(
        "monthly invoice run: {tenants} tenants, {issued} invoices issued with their Factur-X PDFs in {elapsed:.2} s \
         ({:.1} ms a tenant, {:.0} KiB of PDFs)",
        elapsed * 1000.0 / tenants as f64,
        pdf_bytes as f64 / 1024.0
    );
}

fn walk(dir: &std::path::Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        total += if path.is_dir() { walk(&path) } else { entry.metadata().map(|m| m.len()).unwrap_or(0) };
    }
    total
}
