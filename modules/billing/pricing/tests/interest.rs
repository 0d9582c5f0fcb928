//! Late-payment interest: ECB rate on the due date + 10 points a year, per started month.

use chrono::NaiveDate;
use crm360_pricing::{EcbRates, PricingError, RECOVERY_INDEMNITY, late_interest, months_started};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).unwrap()
}

#[test]
fn the_shipped_table_has_the_ecb_history() {
    let rates = EcbRates::annex();
    for (date, rate) in [
        ("2023-09-20", "4.50"),
        ("2024-06-12", "4.25"),
        ("2024-09-18", "3.65"),
        ("2024-10-23", "3.40"),
        ("2024-12-18", "3.15"),
        ("2025-02-05", "2.90"),
        ("2025-03-12", "2.65"),
        ("2025-04-23", "2.40"),
        ("2025-06-11", "2.15"),
    ] {
        assert_eq!(rates.rate_on(day(date)), Some(d(rate)), "{date}");
    }
    // In force until the next change, and before the first entry nothing.
    assert_eq!(rates.rate_on(day("2024-06-11")), Some(d("4.50")));
    assert_eq!(rates.rate_on(day("2026-12-01")), Some(d("2.15")));
    assert_eq!(rates.rate_on(day("2016-03-15")), None);
    assert_eq!(rates.as_of, Some(day("2025-10-30")));
}

#[test]
fn months_are_started_calendar_months_from_the_due_date() {
    for (due, until, months) in [
        ("2026-01-15", "2026-01-15", 0), // paid on the due date
        ("2026-01-15", "2026-01-10", 0), // paid early
        ("2026-01-15", "2026-01-16", 1), // one day late
        ("2026-01-15", "2026-02-15", 1),
        ("2026-01-15", "2026-02-16", 2),
        ("2026-01-31", "2026-02-28", 1), // month end: Jan 31 + 1 month = Feb 28
        ("2026-01-31", "2026-03-01", 2),
        ("2026-01-31", "2026-03-31", 2),
        ("2026-01-31", "2026-04-01", 3),
        ("2024-01-31", "2024-02-29", 1), // leap year
        ("2024-01-31", "2024-03-01", 2),
        ("2026-02-28", "2026-03-28", 1),
        ("2026-02-28", "2026-03-29", 2),
        ("2026-12-15", "2027-01-15", 1), // across a year
        ("2026-12-15", "2027-12-16", 13),
    ] {
        assert_eq!(months_started(day(due), day(until)), months, "{due} → {until}");
    }
}

#[test]
fn interest_on_the_amount_including_tax() {
    let rates = EcbRates::annex();
    // Due 2025-07-15 (ECB 2.15 → 12.15 %), paid 2025-09-10: 2 started months.
    // 2 190.00 × 12.15 / 100 × 2 / 12 = 44.3475 → 44.35.
    let i = late_interest(d("2190.00"), day("2025-07-15"), day("2025-09-10"), &rates);
    assert_eq!((i.rate_percent, i.months_late, i.amount), (d("12.15"), 2, d("44.35")));
    // The rate is the one of the due date: 2024-06-11 still 4.50 → 14.50 %; one day late,
    // 1 month: 1 000 × 14.5 / 100 / 12 = 12.0833 → 12.08.
    let i = late_interest(d("1000"), day("2024-06-11"), day("2024-06-12"), &rates);
    assert_eq!((i.rate_percent, i.months_late, i.amount), (d("14.5"), 1, d("12.08")));
    // Month ends: due 2026-01-31, 1 200.00 at 12.15 %: 12.15 a month.
    let i = late_interest(d("1200"), day("2026-01-31"), day("2026-02-28"), &rates);
    assert_eq!((i.months_late, i.amount), (1, d("12.15")));
    let i = late_interest(d("1200"), day("2026-01-31"), day("2026-03-01"), &rates);
    assert_eq!((i.months_late, i.amount), (2, d("24.30")));
    assert_eq!(i.amount.to_string(), "24.30");
}

#[test]
fn nothing_when_paid_in_time() {
    let rates = EcbRates::annex();
    for until in ["2026-01-31", "2026-01-01"] {
        let i = late_interest(d("1200"), day("2026-01-31"), day(until), &rates);
        assert_eq!((i.months_late, i.amount.to_string()), (0, "0.00".to_owned()));
        assert_eq!(i.rate_percent, d("12.15"));
    }
    assert_eq!(late_interest(Decimal::ZERO, day("2026-01-31"), day("2026-05-01"), &rates).amount, Decimal::ZERO);
}

#[test]
fn the_table_is_configurable() {
    let rates = EcbRates::from_json(r#"{"rates": {"2026-01-01": "2.00", "2026-07-01": "1.75"}}"#).unwrap();
    assert_eq!(rates.rate_on(day("2026-06-30")), Some(d("2.00")));
    // Due 2026-07-01 at 11.75 %, 3 months on 1 000: 29.375 → 29.38 (half away from zero).
    let i = late_interest(d("1000"), day("2026-07-01"), day("2026-09-15"), &rates);
    assert_eq!((i.rate_percent, i.months_late, i.amount), (d("11.75"), 3, d("29.38")));
    // Before the first entry the first rate applies.
    assert_eq!(late_interest(d("1000"), day("2020-01-01"), day("2020-01-02"), &rates).rate_percent, d("12"));
    for bad in [r#"{"rates": {}}"#, r#"{"rates": {"2026-13-01": "2"}}"#, r#"{"rate": {}}"#, "[]"] {
        assert!(matches!(EcbRates::from_json(bad), Err(PricingError::InvalidRates(_))), "{bad}");
    }
    let round_trip = EcbRates::from_json(&serde_json::to_string(&EcbRates::annex()).unwrap()).unwrap();
    assert_eq!(round_trip, EcbRates::annex());
}

#[test]
fn the_recovery_indemnity_is_40_euros() {
    assert_eq!(RECOVERY_INDEMNITY.to_string(), "40.00");
}
