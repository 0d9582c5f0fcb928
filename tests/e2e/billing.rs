//! Billing end to end, on a manual clock: daily samples and metered usage, invoices on the
//! first of each month with gapless numbers, a late payment with its interest and indemnity,
//! the formal notice, suspension on day 8, payment and reactivation; price revisions
//! refused beyond article 10; rights and tenant isolation; two issuers at once.

#![allow(clippy::disallowed_methods)] // tests read stored rows directly

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use crm360_billing::model::{InvoiceStatus, invoice, invoice_number};
use crm360_billing::service::cycle;
use crm360_billing::service::documents::Documents;
use crm360_billing::settings::BillingSettings;
use crm360_identity::model::tenant::{self, TenantStatus};
use crm360_kernel::model::usage_event::UsageKind;
use crm360_kernel::notify::KIND as NOTIFICATION;
use crm360_suite::{Caller, TestApp, find_all, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

struct Billing {
    settings: BillingSettings,
    documents: Documents,
}

fn billing(app: &TestApp) -> Billing {
    Billing { settings: BillingSettings::defaults(&app.data_dir), documents: Documents::new().expect("renderer") }
}

/// Sets the manual clock to `day` at `hour` in Paris.
fn at(app: &TestApp, day: NaiveDate, hour: u32) {
    let local = day.and_hms_opt(hour, 0, 0).unwrap();
    app.clock.set(Paris.from_local_datetime(&local).single().unwrap().with_timezone(&Utc));
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn tick(app: &TestApp, b: &Billing) -> cycle::CycleReport {
    cycle::tick(&app.operator_scope(), &b.settings, &b.documents).await.expect("the billing cycle runs")
}

async fn meter(app: &TestApp, tenant_id: uuid::Uuid, kind: UsageKind, quantity: i64, key: &str) {
    let scope = app.operator_scope().on_tenant(tenant_id);
    let txn = scope.begin().await.unwrap();
    txn.meter(kind, quantity, key).await.unwrap();
    txn.commit().await.unwrap();
}

/// Gives a tenant its billing identity (required before an invoice is issued).
async fn profile(app: &TestApp, tenant_id: uuid::Uuid) {
    let input = crm360_billing::service::profiles::ProfileInput {
        legal_name: "Client SAS".to_owned(),
        address_lines: vec!["1 place de la Gare".to_owned()],
        postcode: "69002".to_owned(),
        city: "Lyon".to_owned(),
        country_code: "FR".to_owned(),
        siren: Some("732829320".to_owned()),
        vat_number: None,
        invoice_email: None,
    };
    crm360_billing::service::profiles::save(&app.operator_scope().on_tenant(tenant_id), input)
        .await
        .expect("a profile");
}

async fn invoices_of(app: &TestApp, tenant_id: uuid::Uuid) -> Vec<invoice::Model> {
    let mut rows: Vec<invoice::Model> =
        invoice::Entity::find().filter(invoice::Column::TenantId.eq(tenant_id)).all(&app.db).await.unwrap();
    rows.sort_by_key(|i| i.period_start);
    rows
}

async fn status_of(app: &TestApp, tenant_id: uuid::Uuid) -> (TenantStatus, Option<String>) {
    let t = tenant::Entity::find_by_id(tenant_id).one(&app.db).await.unwrap().unwrap();
    (t.status, t.suspended_reason)
}

const INVOICE_FIELDS: &str = "id number status periodStart issueDate dueDate totalExcludingTax vat totalIncludingTax
    outstanding overdue daysLate lateInterest interestRatePercent recoveryIndemnity formalNoticeAt pdfUrl
    lines { code label quantity unitPrice amount }";

#[tokio::test]
async fn a_tenant_through_three_months_of_invoices_a_late_payment_suspension_and_reactivation() {
    let app = spawn_app().await;
    let b = billing(&app);
    at(&app, day(2026, 12, 1), 10);
    let acme = app.tenant("acme").await;
    let operator = app.login(&app.operator("ops@operator.test").await).await;
    let admin = app.login(&acme.admin_email).await;
    let profile = app
        .gql(
            &admin,
            "mutation($i: BillingProfileInput!) { updateBillingProfile(input: $i) { legalName siren vatNumber } }",
            json!({ "i": { "legalName": "Acmé Boutique SAS", "addressLines": ["12 rue des Écoles"], "postcode": "75005",
                "city": "Paris", "siren": "732 829 320", "vatNumber": "FR44732829320" } }),
        )
        .await;
    assert_eq!(profile.ok()["updateBillingProfile"]["vatNumber"], "FR44732829320");

    // Level 3 requested on 1 December: it applies from 1 January (article 10).
    let plan = app
        .gql(
            &operator,
            "mutation($t: ID!) { setTenantPlan(tenantId: $t, level: 3) { level effectiveFrom } }",
            json!({ "t": acme.id }),
        )
        .await;
    assert_eq!(plan.ok()["setTenantPlan"]["effectiveFrom"], "2027-01-01");

    // December: a tick a day; 30 000 emails on the 10th (twice the same key: counted once).
    let mut d = day(2026, 12, 1);
    while d <= day(2026, 12, 31) {
        at(&app, d, 3);
        tick(&app, &b).await;
        if d == day(2026, 12, 10) {
            meter(&app, acme.id, UsageKind::EmailSent, 30_000, "send:test:1").await;
            meter(&app, acme.id, UsageKind::EmailSent, 30_000, "send:test:1").await;
        }
        d = d.succ_opt().unwrap();
    }
    assert!(invoices_of(&app, acme.id).await.is_empty(), "nothing is invoiced before the month is over");

    // 1 January: December is invoiced under level 2 (the change applies from January).
    // 11 users open (the administrator and the fixture's 10 users); no contact.
    // 0 contacts × 0,006 = 0,00; 11 × 35 = 385,00; 30 blocks × 1,75 = 52,50;
    // subtotal 437,50 < 500 → top-up 62,50 → 500,00 HT, VAT 100,00, 600,00 TTC.
    at(&app, day(2027, 1, 1), 3);
    let report = tick(&app, &b).await;
    assert_eq!((report.drafted, report.issued, report.failed), (1, 1, 0), "{report:?}");
    tick(&app, &b).await; // idempotent: a second pass adds nothing
    let issued = invoices_of(&app, acme.id).await;
    assert_eq!(issued.len(), 1);
    let december = &issued[0];
    assert_eq!(december.status, InvoiceStatus::Issued);
    assert_eq!(december.number.as_deref(), Some("F-2027-000001"));
    assert_eq!(december.total_excluding_tax_cents, 50_000);
    assert_eq!(december.total_including_tax_cents, 60_000);
    assert_eq!(december.due_date, Some(day(2027, 1, 31)));
    // Sessions do not outlive a month of idleness: sign in again.
    let admin = app.login(&acme.admin_email).await;
    let seen = app.gql(&admin, &format!("{{ invoices {{ nodes {{ {INVOICE_FIELDS} }} }} }}"), json!({})).await;
    let lines = seen.ok()["invoices"]["nodes"][0]["lines"].clone();
    let codes: Vec<&str> = lines.as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"email") && codes.contains(&"users"), "{lines:#}");
    let email_line = lines.as_array().unwrap().iter().find(|l| l["code"] == "email").unwrap();
    assert_eq!((email_line["quantity"].as_str(), email_line["amount"].as_str()), (Some("30"), Some("52.50")));

    // The Factur-X PDF kept at issue is what the administrator downloads.
    let pdf_url = seen.ok()["invoices"]["nodes"][0]["pdfUrl"].as_str().unwrap().to_owned();
    let (status, body) = app.get_text(&admin, &pdf_url).await;
    assert_eq!(status, 200);
    assert!(body.starts_with("%PDF"), "a PDF");

    // January at level 3, paid on time would be 1 000 HT minimum; every day ticks.
    let mut d = day(2027, 1, 2);
    while d <= day(2027, 2, 1) {
        at(&app, d, 3);
        tick(&app, &b).await;
        d = d.succ_opt().unwrap();
    }
    let both = invoices_of(&app, acme.id).await;
    assert_eq!(both.len(), 2);
    assert_eq!(both[1].number.as_deref(), Some("F-2027-000002"));
    assert_eq!(both[1].total_excluding_tax_cents, 100_000, "level 3's minimum");

    // December is overdue since 31 January: notice on 2 February.
    at(&app, day(2027, 2, 2), 10);
    let operator = app.login("ops@operator.test").await;
    let noticed = app
        .gql(
            &operator,
            &format!(
                "mutation($t: ID!, $i: ID!) {{ sendFormalNotice(tenantId: $t, invoiceId: $i) {{ {INVOICE_FIELDS} }} }}"
            ),
            json!({ "t": acme.id, "i": december.id }),
        )
        .await;
    let n = noticed.ok()["sendFormalNotice"].clone();
    assert_eq!(n["overdue"], true);
    assert!(n["formalNoticeAt"].is_string());
    let notices: Vec<crm360_kernel::model::job::Model> = find_all::<crm360_kernel::model::job::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|j| j.kind == NOTIFICATION && j.payload.to_string().contains("Mise en demeure"))
        .collect();
    assert_eq!(notices.len(), 1, "the administrator is notified of the formal notice");

    // Still open on day 7; suspended on day 8, with the reason the users see.
    for d in 3..=9 {
        at(&app, day(2027, 2, d), 11);
        tick(&app, &b).await;
        assert_eq!(status_of(&app, acme.id).await.0, TenantStatus::Active, "not before 8 days (2 February + {d})");
    }
    at(&app, day(2027, 2, 10), 11);
    tick(&app, &b).await;
    let (status, reason) = status_of(&app, acme.id).await;
    assert_eq!(status, TenantStatus::Suspended);
    assert!(reason.unwrap().contains("F-2027-000001"));
    let refused = app.try_login(&acme.admin_email, crm360_suite::PASSWORD).await.expect_err("suspended");
    assert_eq!(refused.reason(), Some("TENANT_SUSPENDED"));

    let operator = app.login("ops@operator.test").await;
    // Late interest on 10 February: due 31 January, one started month, ECB 2,15 + 10 points:
    // 600,00 × 12,15 % / 12 = 6,075 → 6,08; and the 40 € indemnity.
    let overdue = app
        .gql(&operator, &format!("{{ operatorInvoices(overdueOnly: true) {{ {INVOICE_FIELDS} }} }}"), json!({}))
        .await;
    let late = overdue.ok()["operatorInvoices"][0].clone();
    assert_eq!(late["number"], "F-2027-000001");
    assert_eq!(late["lateInterest"], "6.08", "{late:#}");
    assert_eq!(late["interestRatePercent"], "12.15");
    assert_eq!(late["recoveryIndemnity"], "40.00");
    // Termination is not yet possible (15 days after the notice).
    let early =
        app.gql(&operator, "mutation($t: ID!) { terminateForNonPayment(tenantId: $t) }", json!({ "t": acme.id })).await;
    assert_eq!(early.code(), Some("CONFLICT"));

    // Paid in two parts: a partial payment keeps the suspension, the rest lifts it.
    at(&app, day(2027, 2, 11), 9);
    let operator = app.login("ops@operator.test").await;
    let pay = |amount: &str| {
        app.gql(
            &operator,
            "mutation($t: ID!, $i: ID!, $a: Decimal!) { recordPayment(tenantId: $t, invoiceId: $i, amount: $a, paidOn: \"2027-02-11\") { outstanding } }",
            json!({ "t": acme.id, "i": december.id, "a": amount }),
        )
    };
    let too_much = pay("600.01").await;
    assert_eq!(too_much.reason(), Some("MORE_THAN_DUE"));
    assert_eq!(pay("100").await.ok()["recordPayment"]["outstanding"], "500.00");
    assert_eq!(status_of(&app, acme.id).await.0, TenantStatus::Suspended);
    assert_eq!(pay("500").await.ok()["recordPayment"]["outstanding"], "0.00");
    assert_eq!(status_of(&app, acme.id).await.0, TenantStatus::Active, "reactivated on payment");
    app.login(&acme.admin_email).await;

    // 1 March: February invoiced, the third number of the series, no gap.
    let mut d = day(2027, 2, 12);
    while d <= day(2027, 3, 1) {
        at(&app, d, 3);
        tick(&app, &b).await;
        d = d.succ_opt().unwrap();
    }
    let numbers: Vec<(String, i64)> =
        find_all::<invoice_number::Entity>(&app.db).await.into_iter().map(|n| (n.series, n.sequence)).collect();
    assert_eq!(numbers, vec![("F-2027".to_owned(), 1), ("F-2027".to_owned(), 2), ("F-2027".to_owned(), 3)]);
}

#[tokio::test]
async fn two_issuers_at_once_take_every_number_once_without_a_gap() {
    let app = spawn_app().await;
    let b = billing(&app);
    at(&app, day(2026, 11, 15), 10);
    let mut tenants = Vec::new();
    for i in 0..12 {
        let id = app.tenant(&format!("t{i}")).await.id;
        profile(&app, id).await;
        tenants.push(id);
    }
    at(&app, day(2026, 12, 1), 4);
    // Two instances' runs at the same moment, each on its own connections.
    let (first, second) = (app.operator_scope(), app.operator_scope());
    let (one, two) = tokio::join!(
        cycle::run_month(&first, &b.settings, &b.documents, day(2026, 11, 1)),
        cycle::run_month(&second, &b.settings, &b.documents, day(2026, 11, 1)),
    );
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.failed + two.failed, 0, "{one:?} {two:?}");
    assert_eq!(one.issued + two.issued, 12, "each tenant issued once: {one:?} {two:?}");
    let mut sequences: Vec<i64> =
        find_all::<invoice_number::Entity>(&app.db).await.into_iter().map(|n| n.sequence).collect();
    sequences.sort();
    assert_eq!(sequences, (1..=12).collect::<Vec<i64>>());
    let issued: Vec<invoice::Model> = find_all::<invoice::Entity>(&app.db).await;
    assert_eq!(issued.len(), 12);
    assert!(issued.iter().all(|i| i.status == InvoiceStatus::Issued && tenants.contains(&i.tenant_id)));
}

fn raised(grid: &Value, percent: i64) -> Value {
    let mut grid = grid.clone();
    // Level 2's price per contact up by `percent` (0.006 → 0.0069 at +15 %).
    let price: rust_decimal::Decimal = grid["levels"][0]["perContact"]
        .as_str()
        .map(|s| s.parse().unwrap())
        .unwrap_or_else(|| panic!("the grid's shape: {grid:#}"));
    let new = price * (rust_decimal::Decimal::from(100 + percent)) / rust_decimal::Decimal::from(100);
    grid["levels"][0]["perContact"] = json!(new.normalize().to_string());
    grid
}

#[tokio::test]
async fn a_revision_beyond_article_10_is_refused_and_leaves_the_grid_unchanged() {
    let app = spawn_app().await;
    at(&app, day(2027, 3, 10), 10);
    let acme = app.tenant("acme").await;
    let operator = app.login(&app.operator("ops@operator.test").await).await;
    let grids = |caller: Caller| {
        let app = &app;
        async move { app.gql(&caller, "{ priceGrids { version effectiveFrom grid } }", json!({})).await }
    };
    let before = grids(operator.clone()).await;
    let grid = before.ok()["priceGrids"][0]["grid"].clone();
    let revise = |grid: Value, structure: bool| {
        app.gql(
            &operator,
            "mutation($g: JSON!, $s: Boolean!) { revisePriceGrid(grid: $g, structureChange: $s) { version { version effectiveFrom } notified changes { price percent } } }",
            json!({ "g": grid, "s": structure }),
        )
    };
    let refused = revise(raised(&grid, 16), false).await;
    assert_eq!(refused.reason(), Some("INCREASE_TOO_LARGE"), "{:#}", refused.body);
    assert_eq!(grids(operator.clone()).await.ok(), before.ok(), "the grid is unchanged");

    let first = revise(raised(&grid, 15), false).await;
    let first = first.ok()["revisePriceGrid"].clone();
    assert_eq!(first["version"]["version"], 2);
    assert_eq!(first["version"]["effectiveFrom"], "2027-04-01", "the first day of the month after the notice");
    assert_eq!(first["notified"], 1, "the tenant's administrator is told");
    let notices = find_all::<crm360_kernel::model::job::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|j| j.kind == NOTIFICATION && j.payload.to_string().contains(&acme.admin_email))
        .count();
    assert_eq!(notices, 1);

    let second_grid = grids(operator.clone()).await.ok()["priceGrids"][0]["grid"].clone();
    revise(raised(&second_grid, 5), false).await.ok();
    let third_grid = grids(operator.clone()).await.ok()["priceGrids"][0]["grid"].clone();
    let versions_before = grids(operator.clone()).await.ok().clone();
    let third = revise(raised(&third_grid, 1), false).await;
    assert_eq!(third.reason(), Some("TOO_MANY_REVISIONS"), "a third ordinary revision in 2027");
    assert_eq!(grids(operator.clone()).await.ok(), &versions_before);
    // A structure change is outside the limits, flagged as such.
    assert_eq!(revise(raised(&third_grid, 30), true).await.ok()["revisePriceGrid"]["version"]["version"], 4);
}

#[tokio::test]
async fn tenants_see_only_their_own_consumption_and_invoices() {
    let app = spawn_app().await;
    let b = billing(&app);
    at(&app, day(2026, 11, 20), 10);
    let acme = app.tenant("acme").await;
    let beta = app.tenant("beta").await;
    profile(&app, acme.id).await;
    profile(&app, beta.id).await;
    meter(&app, acme.id, UsageKind::SmsSent, 1_234, "sms:acme").await;
    at(&app, day(2026, 12, 1), 4);
    tick(&app, &b).await;
    let acme_invoice = invoices_of(&app, acme.id).await.remove(0);

    let acme_analyst = app.login(acme.email("analyse")).await;
    let beta_admin = app.login(&beta.admin_email).await;
    let acme_admin = app.login(&acme.admin_email).await;
    let by_month = "{ consumptionByMonth(months: 2) { day sms } }";
    let seen = app.gql(&acme_analyst, by_month, json!({})).await;
    assert_eq!(seen.ok()["consumptionByMonth"][0]["sms"], 1_234);
    let other = app.gql(&beta_admin, by_month, json!({})).await;
    assert_eq!(other.ok()["consumptionByMonth"][0]["sms"], 0, "beta sees none of acme's usage");

    // Invoices: administrators only, each their own.
    let query = "query($id: ID!) { invoice(id: $id) { number } }";
    let vars = json!({ "id": acme_invoice.id });
    let number = app.gql(&acme_admin, query, vars.clone()).await.ok()["invoice"]["number"].clone();
    assert!(number.as_str().is_some_and(|n| n.starts_with("F-2026-")), "{number}");
    assert_eq!(app.gql(&beta_admin, query, vars.clone()).await.ok()["invoice"], Value::Null);
    assert_eq!(app.gql(&acme_analyst, query, vars.clone()).await.code(), Some("FORBIDDEN"));
    let pdf = format!("/factures/{}.pdf", acme_invoice.id);
    assert_eq!(app.get_text(&acme_admin, &pdf).await.0, 200);
    assert_eq!(app.get_text(&beta_admin, &pdf).await.0, 404, "another tenant's invoice does not exist for beta");
    assert_eq!(app.get_text(&acme_analyst, &pdf).await.0, 403);
    assert_eq!(app.get_text(&Caller::Anonymous, &pdf).await.0, 401);

    // Only staff record payments and plans.
    let pay = "mutation($t: ID!, $i: ID!) { recordPayment(tenantId: $t, invoiceId: $i, amount: \"1\", paidOn: \"2026-12-01\") { id } }";
    let tried = app.gql(&acme_admin, pay, json!({ "t": acme.id, "i": acme_invoice.id })).await;
    assert_eq!(tried.code(), Some("FORBIDDEN"));
    let plan = "mutation($t: ID!) { setTenantPlan(tenantId: $t, level: 5) { level } }";
    assert_eq!(app.gql(&acme_admin, plan, json!({ "t": acme.id })).await.code(), Some("FORBIDDEN"));
}
