//! The monthly invoice run under a fault (issue 15): the real binary's `crm360 billing run`
//! killed with SIGKILL in the middle of a month of 60 tenants, then run again to the end.
//! Nothing is lost, doubled or half-written: one invoice per tenant, every one issued, the
//! numbers of the series gapless from 1 and unique, each invoice's totals those of its lines.
//! On SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set.

use crate::campaign_faults::{fresh_database, kill_9_and_wait};
use crate::server_process::binary;
use chrono::{NaiveDate, TimeZone, Utc};
use crm360_billing::model::{InvoiceStatus, invoice, profile};
use crm360_identity::model::tenant::{self, TenantPlatform, TenantStatus};
use crm360_kernel::model::usage_event::{self, UsageKind};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

const TENANTS: usize = 60;

/// `TENANTS` tenants with their billing identity and a month of samples and sends.
async fn billed_month(db: &sea_orm::DatabaseConnection) -> Vec<Uuid> {
    let created = Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap();
    let ids: Vec<Uuid> = (0..TENANTS).map(|_| Uuid::now_v7()).collect();
    for (n, id) in ids.iter().enumerate() {
        tenant::Entity::insert(tenant::ActiveModel {
            id: Set(*id),
            name: Set(format!("Boutique {n}")),
            platform: Set(TenantPlatform::Shared),
            status: Set(TenantStatus::Active),
            suspended_reason: Set(None),
            accepted_terms_version: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
        })
        .exec(db)
        .await
        .unwrap();
        profile::Entity::insert(profile::ActiveModel {
            tenant_id: Set(*id),
            legal_name: Set(format!("Boutique {n} SAS")),
            address_lines: Set(format!("{} rue de la République", 1 + n)),
            postcode: Set("69002".to_owned()),
            city: Set("Lyon".to_owned()),
            country_code: Set("FR".to_owned()),
            siren: Set(Some("732829320".to_owned())),
            vat_number: Set(None),
            invoice_email: Set(None),
            updated_at: Set(created),
        })
        .exec(db)
        .await
        .unwrap();
        let mut rows = Vec::new();
        for d in 1..=30u32 {
            let day = NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
            let at = Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap();
            for (kind, quantity, key) in [
                (UsageKind::ContactsSampled, 50_000 + (n as i64) * 100, format!("contacts:{day}")),
                (UsageKind::ActiveUsersSampled, 2 + (n as i64 % 4), format!("users:{day}")),
                (UsageKind::EmailSent, 1_500 + n as i64, format!("send:{day}")),
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
        usage_event::Entity::insert_many(rows).exec(db).await.unwrap();
    }
    ids
}

fn billing_run(database_url: &str, work: &std::path::Path) -> Command {
    let mut command = Command::new(binary());
    command
        .args(["billing", "run", "--month", "2026-11-01"])
        .env("DATABASE_URL", database_url)
        .env("CRM360_DATA_DIR", work.join("data"))
        .env("CRM360_CONFIG", work.join("none.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

async fn issued(db: &sea_orm::DatabaseConnection) -> usize {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM invoice WHERE number IS NOT NULL",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap() as usize
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_run_killed_midway_then_run_again_issues_each_invoice_once_with_gapless_numbers() {
    let work = std::env::temp_dir().join(format!("crm360-billing-faults-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&work).unwrap();
    let (database_url, postgres) = fresh_database(&work).await;
    let db = crm360::db::connect(&database_url).await.unwrap();
    crm360::db::migrate(&db).await.unwrap();
    let tenants: HashSet<Uuid> = billed_month(&db).await.into_iter().collect();

    // Killed once a few invoices are issued, well before the last.
    let mut child = billing_run(&database_url, &work).spawn().expect("the binary runs");
    let begun = Instant::now();
    let at_kill = loop {
        let n = issued(&db).await;
        if n >= 3 {
            kill_9_and_wait(child.id());
            break issued(&db).await;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the run ended ({status}) before it could be killed");
        }
        assert!(begun.elapsed() < Duration::from_secs(120), "no invoice issued in 2 minutes");
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let _ = child.wait();
    assert!(at_kill < TENANTS, "killed midway: {at_kill} of {TENANTS} issued");

    // What the kill left: numbered invoices are issued and whole, the others drafts.
    let left = invoice::Entity::find().all(&db).await.unwrap();
    for invoice in &left {
        assert_eq!(invoice.number.is_some(), invoice.status == InvoiceStatus::Issued, "{invoice:?}");
    }

    let output = billing_run(&database_url, &work).output().expect("the run again");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let invoices = invoice::Entity::find().all(&db).await.unwrap();
    assert_eq!(invoices.len(), TENANTS, "one invoice per tenant");
    let billed: HashSet<Uuid> = invoices.iter().map(|i| i.tenant_id).collect();
    assert_eq!(billed, tenants);
    let mut sequences: Vec<i64> = invoices.iter().map(|i| i.sequence.expect("numbered")).collect();
    sequences.sort_unstable();
    assert_eq!(sequences, (1..=TENANTS as i64).collect::<Vec<_>>(), "gapless and unique from 1");
    for invoice in &invoices {
        assert_eq!(invoice.status, InvoiceStatus::Issued);
        let lines: Vec<serde_json::Value> = serde_json::from_value(invoice.lines.clone()).unwrap();
        let sum: rust_decimal::Decimal = lines
            .iter()
            .map(|l| match &l["amount"] {
                serde_json::Value::String(amount) => amount.parse::<rust_decimal::Decimal>().unwrap(),
                other => other.to_string().parse().unwrap_or_else(|_| panic!("a line amount: {l}")),
            })
            .sum();
        assert_eq!(sum, invoice.total_excluding_tax(), "{}: totals of its lines", invoice.number.as_deref().unwrap());
    }

    drop(db);
    if let Some((admin, name)) = postgres {
        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
    }
    let _ = std::fs::remove_dir_all(&work);
}
