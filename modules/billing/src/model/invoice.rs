use super::{InvoiceKind, InvoiceStatus};
use rust_decimal::Decimal;
use sea_orm::entity::prelude::*;

/// An invoice (one per tenant and month) or a credit note. Money in cents: exact on both
/// databases; [`Model::total_excluding_tax`] and friends give `Decimal`s.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub period_key: String,
    pub period_start: Date,
    pub period_end: Date,
    pub series: String,
    pub sequence: Option<i64>,
    pub number: Option<String>,
    pub issue_date: Option<Date>,
    pub due_date: Option<Date>,
    pub grid_version: i64,
    pub plan: Json,
    pub usage: Json,
    pub lines: Json,
    pub total_excluding_tax_cents: i64,
    pub vat_rate: String,
    pub vat_cents: i64,
    pub total_including_tax_cents: i64,
    pub seller: Json,
    pub buyer: Json,
    pub corrects_invoice_id: Option<Uuid>,
    pub reason: Option<String>,
    pub document_sha256: Option<String>,
    pub formal_notice_at: Option<DateTimeUtc>,
    pub suspended_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

/// Cents as euros.
pub fn euros(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Euros (already rounded to the cent) as cents.
pub fn cents(amount: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero) * Decimal::ONE_HUNDRED)
        .to_i64()
        .unwrap_or(i64::MAX)
}

impl Model {
    pub fn total_excluding_tax(&self) -> Decimal {
        euros(self.total_excluding_tax_cents)
    }
    pub fn vat(&self) -> Decimal {
        euros(self.vat_cents)
    }
    pub fn total_including_tax(&self) -> Decimal {
        euros(self.total_including_tax_cents)
    }
    pub fn vat_rate(&self) -> Decimal {
        self.vat_rate.parse().unwrap_or_default()
    }
}
