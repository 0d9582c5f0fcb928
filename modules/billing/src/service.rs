//! The billing rules, callable without GraphQL.

pub mod cycle;
pub mod documents;
pub mod followup;
pub mod grids;
pub mod invoices;
pub mod numbering;
pub mod plans;
pub mod profiles;
pub mod quotes;
pub mod reports;
pub mod usage;

use crate::error::BillingError;
use chrono::{Datelike, Months, NaiveDate};
use uuid::Uuid;

pub fn parse_id(id: &str, field: &'static str) -> Result<Uuid, BillingError> {
    Uuid::parse_str(id).map_err(|_| BillingError::InvalidId { field })
}

/// The first day of `day`'s month.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The first day of the month after `day`'s: when a change notified on `day` applies
/// (article 10).
pub fn next_month_start(day: NaiveDate) -> NaiveDate {
    month_start(day) + Months::new(1)
}

/// The last day of the month that starts on `start`.
pub fn month_end(start: NaiveDate) -> NaiveDate {
    next_month_start(start).pred_opt().unwrap_or(start)
}

/// `"2026-11"`.
pub fn month_key(start: NaiveDate) -> String {
    format!("{:04}-{:02}", start.year(), start.month())
}
