//! The billing module's GraphQL types. Money is `Decimal` (a string in JSON: exact).

use crate::model::{GridKind, InvoiceKind, InvoiceStatus, PaymentMethod, invoice, payment, plan, profile};
use crate::service::followup::Standing;
use crate::service::grids::GridVersion;
use crate::service::invoices::lines_of;
use crate::service::{plans, usage};
use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use crm360_kernel::ids::gql_id;
use rust_decimal::Decimal;

/// One line of a priced month.
#[derive(SimpleObject, Clone, Debug)]
pub struct PriceLine {
    /// `contacts`, `users`, `email`, `sms`, `rnvp`, `dedup`, `minimumTopUp`.
    pub code: String,
    /// The French label printed on the invoice.
    pub label: String,
    pub quantity: Decimal,
    /// `contact`, `utilisateur`, `tranche de 1 000`, `SMS`.
    pub unit: String,
    pub unit_price: Decimal,
    pub amount: Decimal,
}

/// A month's usage priced under a grid.
#[derive(SimpleObject, Clone, Debug)]
pub struct PriceQuote {
    pub grid_version: i64,
    pub lines: Vec<PriceLine>,
    pub subtotal: Decimal,
    /// The level's monthly minimum.
    pub minimum: Decimal,
    pub minimum_applied: bool,
    pub total_excluding_tax: Decimal,
    pub vat_rate: Decimal,
    pub vat: Decimal,
    pub total_including_tax: Decimal,
}

impl PriceQuote {
    pub fn of(grid_version: i64, quote: &crm360_pricing::Quote, vat_rate: Decimal) -> PriceQuote {
        let totals = crm360_pricing::with_vat(quote.total_excluding_tax, vat_rate);
        PriceQuote {
            grid_version,
            lines: quote
                .lines
                .iter()
                .map(|line| PriceLine {
                    code: serde_json::to_value(line.code)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    label: line.label_fr.clone(),
                    quantity: line.quantity,
                    unit: line.unit_fr.clone(),
                    unit_price: line.unit_price,
                    amount: line.amount,
                })
                .collect(),
            subtotal: quote.subtotal,
            minimum: quote.minimum,
            minimum_applied: quote.minimum_applied,
            total_excluding_tax: totals.total_excluding_tax,
            vat_rate: totals.vat_rate,
            vat: totals.vat_amount,
            total_including_tax: totals.total_including_tax,
        }
    }
}

/// A month's usage to price (the simulator).
#[derive(InputObject, Clone, Debug)]
pub struct UsageInput {
    /// 2 to 5.
    pub level: i32,
    pub contacts: i64,
    pub users: i64,
    #[graphql(default)]
    pub emails: i64,
    /// 0 (none) or one of the grid's email tiers.
    #[graphql(default)]
    pub email_commitment: i64,
    #[graphql(default)]
    pub sms: i64,
    #[graphql(default)]
    pub sms_commitment: i64,
    #[graphql(default)]
    pub rnvp_addresses: i64,
    #[graphql(default)]
    pub dedup_addresses: i64,
}

impl UsageInput {
    pub fn usage(&self) -> Result<crm360_pricing::Usage, crm360_pricing::PricingError> {
        let level = u8::try_from(self.level).ok().unwrap_or(0);
        Ok(crm360_pricing::Usage {
            level: crm360_pricing::Level::from_number(level)?,
            contacts: self.contacts,
            users: self.users,
            emails: self.emails,
            email_commitment: self.email_commitment,
            sms: self.sms,
            sms_commitment: self.sms_commitment,
            rnvp_addresses: self.rnvp_addresses,
            dedup_addresses: self.dedup_addresses,
        })
    }
}

/// A tenant's level and commitments.
#[derive(SimpleObject, Clone, Debug)]
pub struct BillingPlan {
    pub level: i32,
    pub email_commitment: i64,
    pub sms_commitment: i64,
    /// The first day it applies; null for the default (level 2, no commitment).
    pub effective_from: Option<NaiveDate>,
}

impl From<plans::Plan> for BillingPlan {
    fn from(p: plans::Plan) -> BillingPlan {
        BillingPlan {
            level: i32::from(p.level),
            email_commitment: p.email_commitment,
            sms_commitment: p.sms_commitment,
            effective_from: p.effective_from,
        }
    }
}

/// One choice in the history of a tenant's plan.
#[derive(SimpleObject, Clone, Debug)]
pub struct BillingPlanChange {
    pub id: ID,
    pub level: i32,
    pub email_commitment: i64,
    pub sms_commitment: i64,
    pub effective_from: NaiveDate,
    /// When the tenant notified it.
    pub requested_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

impl From<plan::Model> for BillingPlanChange {
    fn from(p: plan::Model) -> BillingPlanChange {
        BillingPlanChange {
            id: gql_id(&p.id),
            level: p.level,
            email_commitment: p.email_commitment,
            sms_commitment: p.sms_commitment,
            effective_from: p.effective_from,
            requested_on: p.requested_on,
            recorded_at: p.created_at,
        }
    }
}

/// The plan in force, the one recorded for next month, and the history.
#[derive(SimpleObject, Clone, Debug)]
pub struct BillingPlanOverview {
    pub current: BillingPlan,
    pub next: Option<BillingPlan>,
    pub history: Vec<BillingPlanChange>,
}

/// One day's (or one month's) figures.
#[derive(SimpleObject, Clone, Debug)]
pub struct Consumption {
    /// The day, or the month's first day.
    pub day: NaiveDate,
    /// Contacts in the database (the day's sample; for a month, the billed mean).
    pub contacts: Option<i64>,
    /// Active users (the day's sample; for a month, the highest).
    pub users: Option<i64>,
    pub emails: i64,
    pub sms: i64,
    pub rnvp_addresses: i64,
    pub dedup_addresses: i64,
}

impl Consumption {
    pub fn of_day(d: &usage::DayUsage) -> Option<Consumption> {
        Some(Consumption {
            day: d.day?,
            contacts: d.contacts,
            users: d.users,
            emails: d.emails,
            sms: d.sms,
            rnvp_addresses: d.rnvp_addresses,
            dedup_addresses: d.dedup_addresses,
        })
    }

    pub fn of_month(start: NaiveDate, m: &usage::MonthUsage) -> Consumption {
        Consumption {
            day: start,
            contacts: (m.days_sampled > 0).then_some(m.contacts),
            users: (m.days_sampled > 0).then_some(m.users),
            emails: m.emails,
            sms: m.sms,
            rnvp_addresses: m.rnvp_addresses,
            dedup_addresses: m.dedup_addresses,
        }
    }
}

/// The current month so far, priced as if it ended today.
#[derive(SimpleObject, Clone, Debug)]
pub struct BillingEstimate {
    pub month: Consumption,
    pub days_sampled: i64,
    pub quote: PriceQuote,
}

/// The level and commitments that would have cost least over the last months.
#[derive(SimpleObject, Clone, Debug)]
pub struct PlanAdvice {
    pub months: i32,
    pub actual_total: Decimal,
    pub best_level: i32,
    pub best_email_commitment: i64,
    pub best_sms_commitment: i64,
    pub best_total: Decimal,
    pub saving: Decimal,
}

/// A payment received.
#[derive(SimpleObject, Clone, Debug)]
pub struct Payment {
    pub id: ID,
    pub amount: Decimal,
    pub paid_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl From<payment::Model> for Payment {
    fn from(p: payment::Model) -> Payment {
        Payment {
            id: gql_id(&p.id),
            amount: invoice::euros(p.amount_cents),
            paid_on: p.paid_on,
            method: p.method,
            reference: p.reference,
            recorded_at: p.created_at,
        }
    }
}

/// An invoice or a credit note, with where it stands.
#[derive(SimpleObject, Clone, Debug)]
pub struct Invoice {
    pub id: ID,
    pub tenant_id: ID,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    /// Null while a draft.
    pub number: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub grid_version: i64,
    pub lines: Vec<PriceLine>,
    pub total_excluding_tax: Decimal,
    pub vat_rate: Decimal,
    pub vat: Decimal,
    pub total_including_tax: Decimal,
    pub paid: Decimal,
    pub outstanding: Decimal,
    pub overdue: bool,
    pub days_late: i64,
    /// Late interest accrued to today (ECB rate + 10 points, per started month of delay).
    pub late_interest: Decimal,
    pub interest_rate_percent: Decimal,
    /// The 40 € recovery indemnity, due once an invoice is paid late.
    pub recovery_indemnity: Decimal,
    pub formal_notice_at: Option<DateTime<Utc>>,
    pub suspended_at: Option<DateTime<Utc>>,
    /// For a credit note: the invoice it corrects.
    pub corrects_invoice_id: Option<ID>,
    pub reason: Option<String>,
    pub document_sha256: Option<String>,
    /// The printable page, the Factur-X PDF (PDF/A-3 with its EN 16931 XML), the XML alone.
    pub html_url: Option<String>,
    pub pdf_url: Option<String>,
    pub xml_url: Option<String>,
    pub payments: Vec<Payment>,
}

impl Invoice {
    pub fn of(i: invoice::Model, paid: Decimal, standing: Standing, payments: Vec<payment::Model>) -> Invoice {
        let issued = i.status == InvoiceStatus::Issued;
        let url = |suffix: &str| issued.then(|| format!("/factures/{}{suffix}", i.id));
        Invoice {
            id: gql_id(&i.id),
            tenant_id: gql_id(&i.tenant_id),
            kind: i.kind,
            status: i.status,
            number: i.number.clone(),
            period_start: i.period_start,
            period_end: i.period_end,
            issue_date: i.issue_date,
            due_date: i.due_date,
            grid_version: i.grid_version,
            lines: lines_of(&i)
                .into_iter()
                .map(|l| PriceLine {
                    code: l.code,
                    label: l.label,
                    quantity: l.quantity,
                    unit: l.unit,
                    unit_price: l.unit_price,
                    amount: l.amount,
                })
                .collect(),
            total_excluding_tax: i.total_excluding_tax(),
            vat_rate: i.vat_rate(),
            vat: i.vat(),
            total_including_tax: i.total_including_tax(),
            paid,
            outstanding: standing.outstanding,
            overdue: standing.overdue,
            days_late: standing.days_late,
            late_interest: standing.late_interest,
            interest_rate_percent: standing.interest_rate_percent,
            recovery_indemnity: standing.recovery_indemnity,
            formal_notice_at: i.formal_notice_at,
            suspended_at: i.suspended_at,
            corrects_invoice_id: i.corrects_invoice_id.map(|id| gql_id(&id)),
            reason: i.reason.clone(),
            document_sha256: i.document_sha256.clone(),
            html_url: url(".html"),
            pdf_url: url(".pdf"),
            xml_url: url(".xml"),
            payments: payments.into_iter().map(Payment::from).collect(),
        }
    }
}

/// The tenant's identity as a buyer.
#[derive(SimpleObject, Clone, Debug)]
pub struct BillingProfile {
    pub legal_name: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    pub country_code: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub invoice_email: Option<String>,
}

impl From<profile::Model> for BillingProfile {
    fn from(p: profile::Model) -> BillingProfile {
        BillingProfile {
            legal_name: p.legal_name,
            address_lines: p.address_lines.lines().map(str::to_owned).collect(),
            postcode: p.postcode,
            city: p.city,
            country_code: p.country_code,
            siren: p.siren,
            vat_number: p.vat_number,
            invoice_email: p.invoice_email,
        }
    }
}

#[derive(InputObject, Clone, Debug)]
pub struct BillingProfileInput {
    pub legal_name: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    #[graphql(default_with = "\"FR\".to_owned()")]
    pub country_code: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub invoice_email: Option<String>,
}

impl From<BillingProfileInput> for crate::service::profiles::ProfileInput {
    fn from(i: BillingProfileInput) -> Self {
        crate::service::profiles::ProfileInput {
            legal_name: i.legal_name,
            address_lines: i.address_lines,
            postcode: i.postcode,
            city: i.city,
            country_code: i.country_code,
            siren: i.siren,
            vat_number: i.vat_number,
            invoice_email: i.invoice_email,
        }
    }
}

/// One version of the price grid.
#[derive(SimpleObject, Clone, Debug)]
pub struct PriceGridVersion {
    pub version: i64,
    pub kind: GridKind,
    /// For version 1 (Annex 1): null, in force since the beginning.
    pub effective_from: Option<NaiveDate>,
    pub announced_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    /// The grid as data (`crm360_pricing::Grid`).
    pub grid: async_graphql::Json<serde_json::Value>,
    /// The rules the contract leaves open, as the grid states them, in French.
    pub rules: Vec<String>,
}

impl From<GridVersion> for PriceGridVersion {
    fn from(v: GridVersion) -> PriceGridVersion {
        PriceGridVersion {
            version: v.version,
            kind: v.kind,
            effective_from: (v.effective_from > NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN))
                .then_some(v.effective_from),
            announced_at: v.announced_at.filter(|at| at.timestamp() > 0),
            note: v.note,
            rules: v.grid.rules_fr(),
            grid: async_graphql::Json(serde_json::to_value(&v.grid).unwrap_or_default()),
        }
    }
}

/// One price changed by a revision.
#[derive(SimpleObject, Clone, Debug)]
pub struct GridPriceChange {
    /// A stable path such as `levels.3.perContact`.
    pub price: String,
    pub from: Option<Decimal>,
    pub to: Decimal,
    pub percent: Option<Decimal>,
    /// A new product, outside the limits of article 10.
    pub is_new: bool,
    pub description: String,
}

/// A recorded revision.
#[derive(SimpleObject, Clone, Debug)]
pub struct GridRevision {
    pub version: PriceGridVersion,
    pub changes: Vec<GridPriceChange>,
    /// How many administrators were notified.
    pub notified: i32,
}

/// A tenant's billing at a glance, for operator staff.
#[derive(SimpleObject, Clone, Debug)]
pub struct TenantBilling {
    pub tenant_id: ID,
    pub tenant_name: String,
    pub tenant_status: crm360_identity::model::tenant::TenantStatus,
    pub suspended_reason: Option<String>,
    pub plan: BillingPlan,
    pub next_plan: Option<BillingPlan>,
    pub outstanding: Decimal,
    pub overdue_invoices: i32,
}

/// What a monthly run did.
#[derive(SimpleObject, Clone, Debug)]
pub struct InvoiceRunReport {
    pub drafted: i32,
    pub issued: i32,
    pub failed: i32,
    /// The first failures, by tenant.
    pub errors: Vec<String>,
}

/// Revenue invoiced in a month (issued invoices minus credit notes), excluding tax.
#[derive(SimpleObject, Clone, Debug)]
pub struct MonthRevenue {
    pub month: NaiveDate,
    pub invoiced_excluding_tax: Decimal,
    pub credited_excluding_tax: Decimal,
    pub net_excluding_tax: Decimal,
    pub invoices: i32,
}

impl From<&crm360_pricing::PriceChange> for GridPriceChange {
    fn from(c: &crm360_pricing::PriceChange) -> GridPriceChange {
        GridPriceChange {
            price: c.price.clone(),
            from: c.from,
            to: c.to,
            percent: c.percent,
            is_new: c.is_new,
            description: c.describe_fr(),
        }
    }
}

impl From<crm360_pricing::PlanAdvice> for PlanAdvice {
    fn from(a: crm360_pricing::PlanAdvice) -> PlanAdvice {
        PlanAdvice {
            months: a.months as i32,
            actual_total: a.actual_total,
            best_level: i32::from(a.best_level.number()),
            best_email_commitment: a.best_email_commitment,
            best_sms_commitment: a.best_sms_commitment,
            best_total: a.best_total,
            saving: a.saving,
        }
    }
}
