//! Late-payment interest and the recovery indemnity (article 10; Code de commerce L441-10).
//!
//! The contract: "toute somme non payée à son échéance produite [sic] de plein droit, sur le montant
//! Toutes Taxes Comprises et à compter de l'échéance, des intérêts de retard calculés au taux
//! [...] de la BCE à son opération de refinancement la plus récente, majoré de 10 points de
//! pourcentage par mois de retard". Read as the commercial-code rate (L441-10 II): an
//! annual rate, the ECB main refinancing rate in force on the due date plus 10 points,
//! charged per started month of delay:
//!
//! `interest = amount incl. tax × rate / 100 × months started / 12`, rounded to the cent.
//!
//! Months are calendar months counted from the due date: the n-th month has started once
//! the payment date is after due + (n - 1) months (chrono clamps to the month's end, so due
//! 2026-01-31 + 1 month = 2026-02-28). Paid on the due date or before: nothing.
//!
//! Not implemented: the literal reading "10 more points for each month of delay", and the
//! half-year rule of L441-10 (the ECB rate in force on 1 January or 1 July): the contract
//! says "la plus récente", so the rate in force on the due date is taken, for the whole
//! delay.

use crate::error::PricingError;
use crate::money::round_cents;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The fixed recovery indemnity owed by a business for any late payment, in euros
/// (Code de commerce L441-10 II and D441-5; article 10 of the contract), separate from the
/// interest.
pub const RECOVERY_INDEMNITY: Decimal = Decimal::from_parts(4000, 0, 0, false, 2);

/// The points added to the ECB rate (L441-10 II; article 10: "majoré de 10 points").
pub const LATE_INTEREST_MARGIN_POINTS: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

const ECB_MRO_JSON: &str = include_str!("../rates/ecb_mro.json");

static ANNEX: LazyLock<EcbRates> =
    LazyLock::new(|| EcbRates::from_json(ECB_MRO_JSON).expect("rates/ecb_mro.json is a valid table (tested)"));

/// A dated table of the ECB main refinancing operations rate: effective date → rate in
/// percent a year. The shipped table (`rates/ecb_mro.json`) is only as current as its
/// `asOf` date: the operator must keep it up to date (a file in the same format replaces
/// it in the configuration) whenever the ECB changes its rates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "EcbRatesData")]
pub struct EcbRates {
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The date up to which the table is known to be complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    rates: BTreeMap<NaiveDate, Decimal>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EcbRatesData {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    rates: BTreeMap<NaiveDate, Decimal>,
}

impl TryFrom<EcbRatesData> for EcbRates {
    type Error = PricingError;

    fn try_from(d: EcbRatesData) -> Result<EcbRates, PricingError> {
        if d.rates.is_empty() {
            return Err(PricingError::InvalidRates("the table has no rate".to_owned()));
        }
        Ok(EcbRates { source: d.source, as_of: d.as_of, rates: d.rates })
    }
}

impl EcbRates {
    /// The table shipped with the crate (`rates/ecb_mro.json`).
    pub fn annex() -> EcbRates {
        ANNEX.clone()
    }

    /// A table in the format of `rates/ecb_mro.json`:
    /// `{"source": "...", "asOf": "2025-10-30", "rates": {"2025-06-11": "2.15", ...}}`.
    pub fn from_json(json: &str) -> Result<EcbRates, PricingError> {
        serde_json::from_str(json).map_err(|err| PricingError::InvalidRates(err.to_string()))
    }

    /// A table from (effective date, rate in percent) pairs.
    pub fn from_entries(entries: impl IntoIterator<Item = (NaiveDate, Decimal)>) -> Result<EcbRates, PricingError> {
        EcbRates::try_from(EcbRatesData { source: None, as_of: None, rates: entries.into_iter().collect() })
    }

    /// The rate in force on `date` (the latest effective date on or before it); None before
    /// the table's first date.
    pub fn rate_on(&self, date: NaiveDate) -> Option<Decimal> {
        self.rates.range(..=date).next_back().map(|(_, r)| *r)
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = (NaiveDate, Decimal)> + '_ {
        self.rates.iter().map(|(d, r)| (*d, *r))
    }
}

/// Late-payment interest on one sum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LateInterest {
    /// The annual rate: the ECB rate in force on the due date + 10 points.
    pub rate_percent: Decimal,
    /// Months of delay started (0 when paid on or before the due date).
    pub months_late: u32,
    /// The interest, rounded to the cent (half away from zero).
    pub amount: Decimal,
}

/// Started calendar months from `due` to `until` (0 when `until <= due`).
pub fn months_started(due: NaiveDate, until: NaiveDate) -> u32 {
    if until <= due {
        return 0;
    }
    let after = |n: u32| due.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX);
    // Start from the calendar difference and adjust: at most a step or two either way.
    let diff = (until.year() - due.year()) * 12 + until.month() as i32 - due.month() as i32;
    let mut n = diff.max(1) as u32;
    while n > 1 && after(n - 1) >= until {
        n -= 1;
    }
    while after(n) < until {
        n += 1;
    }
    n
}

/// Interest on `amount_including_tax` unpaid from `due` to `until` (see the module doc for
/// the reading of the contract). The rate is taken on the due date; a due date before the
/// table's first entry takes its first rate (the shipped table starts in 2016, before any
/// invoice of this product).
pub fn late_interest(
    amount_including_tax: Decimal,
    due: NaiveDate,
    until: NaiveDate,
    rates: &EcbRates,
) -> LateInterest {
    let ecb = rates.rate_on(due).or_else(|| rates.entries().next().map(|(_, r)| r)).unwrap_or(Decimal::ZERO);
    let rate_percent = (ecb + LATE_INTEREST_MARGIN_POINTS).normalize();
    let months_late = months_started(due, until);
    let amount = if amount_including_tax > Decimal::ZERO && months_late > 0 {
        round_cents(amount_including_tax * rate_percent * Decimal::from(months_late) / Decimal::from(1200))
    } else {
        round_cents(Decimal::ZERO)
    };
    LateInterest { rate_percent, months_late, amount }
}
