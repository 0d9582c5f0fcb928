//! French formatting for the printed documents and ISO formatting for the XML.
//!
//! Printed: "1 825,00 €" (narrow no-break space U+202F between thousands, decimal comma,
//! no-break space U+00A0 before the sign), "01/12/2026", "1er décembre 2026".
//! XML: "1825.00", "20261201" (format 102).

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// Narrow no-break space: the French thousands separator.
pub const NNBSP: char = '\u{202F}';
/// No-break space: between a number and its unit ("€", "%").
pub const NBSP: char = '\u{00A0}';

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Rounds to the cent, half away from zero (the rule of `crm360-pricing`), with two decimals.
pub fn round_cents(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// Groups the digits of a whole number by three with narrow no-break spaces.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// A decimal the French way, with its own decimals: "12 345", "0,006", "-1 825,5".
pub fn decimal_fr(d: Decimal) -> String {
    let text = d.abs().to_string();
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if d.is_sign_negative() && !d.is_zero() { "-" } else { "" };
    let grouped = group(int_part);
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// An amount in euros, rounded to the cent: "1 825,00 €".
pub fn amount_fr(amount: Decimal) -> String {
    format!("{}{NBSP}€", decimal_fr(round_cents(amount)))
}

/// A unit price in euros with its own precision, at least two decimals: "35,00 €", "0,006 €".
pub fn unit_price_fr(price: Decimal) -> String {
    format!("{}{NBSP}€", decimal_fr(min_two_decimals(price)))
}

/// A quantity without trailing zeros: "12 345", "1,5".
pub fn quantity_fr(quantity: Decimal) -> String {
    decimal_fr(quantity.normalize())
}

/// A VAT rate: "20 %", "5,5 %".
pub fn percent_fr(rate: Decimal) -> String {
    format!("{}{NBSP}%", decimal_fr(rate.normalize()))
}

/// A date as printed on the document: "01/12/2026".
pub fn date_fr(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A date in words: "1er décembre 2026", "15 mars 2026".
pub fn date_long_fr(date: NaiveDate) -> String {
    let day = date.day();
    let month = MONTHS[date.month0() as usize];
    if day == 1 { format!("1er {month} {}", date.year()) } else { format!("{day} {month} {}", date.year()) }
}

/// A SIREN grouped by three: "123 456 789" (other identifiers are returned unchanged).
pub fn siren_fr(siren: &str) -> String {
    let digits: String = siren.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {}", &digits[0..3], &digits[3..6], &digits[6..9])
    } else {
        siren.to_owned()
    }
}

/// A SIREN without spaces ("123456789"), as written in the XML.
pub(crate) fn siren_compact(siren: &str) -> String {
    siren.chars().filter(|c| !c.is_whitespace()).collect()
}

/// An IBAN grouped by four: "FR76 3000 6000 0112 3456 7890 189".
pub fn iban_fr(iban: &str) -> String {
    let compact = iban_compact(iban);
    let chars: Vec<char> = compact.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// An IBAN without spaces, upper case, as written in the XML.
pub(crate) fn iban_compact(iban: &str) -> String {
    iban.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

/// At least two decimals, no trailing zeros beyond them: 35 → 35.00, 0.0060 → 0.006.
pub(crate) fn min_two_decimals(d: Decimal) -> Decimal {
    let mut shown = d.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    shown
}

/// An amount in the XML: rounded to the cent, two decimals, dot: "1825.00".
pub fn amount_xml(amount: Decimal) -> String {
    round_cents(amount).to_string()
}

/// A date in the XML, format 102: "20261201".
pub fn date_xml(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn amounts_in_french() {
        assert_eq!(amount_fr(d("1825")), "1\u{202F}825,00\u{A0}€");
        assert_eq!(amount_fr(d("0")), "0,00\u{A0}€");
        assert_eq!(amount_fr(d("999.999")), "1\u{202F}000,00\u{A0}€");
        assert_eq!(amount_fr(d("1234567.5")), "1\u{202F}234\u{202F}567,50\u{A0}€");
        assert_eq!(amount_fr(d("-16.5")), "-16,50\u{A0}€");
        assert_eq!(amount_fr(d("2.345")), "2,35\u{A0}€");
        assert_eq!(amount_fr(d("100")), "100,00\u{A0}€");
    }

    #[test]
    fn prices_quantities_and_rates_in_french() {
        assert_eq!(unit_price_fr(d("0.0060")), "0,006\u{A0}€");
        assert_eq!(unit_price_fr(d("35")), "35,00\u{A0}€");
        assert_eq!(unit_price_fr(d("1200.5")), "1\u{202F}200,50\u{A0}€");
        assert_eq!(quantity_fr(d("12345.000")), "12\u{202F}345");
        assert_eq!(quantity_fr(d("1.50")), "1,5");
        assert_eq!(percent_fr(d("20.00")), "20\u{A0}%");
        assert_eq!(percent_fr(d("5.5")), "5,5\u{A0}%");
        assert_eq!(decimal_fr(d("0")), "0");
    }

    #[test]
    fn dates_in_french() {
        assert_eq!(date_fr(date(2026, 12, 1)), "01/12/2026");
        assert_eq!(date_fr(date(2027, 1, 31)), "31/01/2027");
        assert_eq!(date_long_fr(date(2026, 12, 1)), "1er décembre 2026");
        assert_eq!(date_long_fr(date(2026, 2, 28)), "28 février 2026");
        assert_eq!(date_long_fr(date(2026, 8, 15)), "15 août 2026");
    }

    #[test]
    fn identifiers_and_xml_formats() {
        assert_eq!(siren_fr("123456789"), "123 456 789");
        assert_eq!(siren_fr("123 456 789"), "123 456 789");
        assert_eq!(siren_compact("123 456 789"), "123456789");
        assert_eq!(iban_fr("fr7630006000011234567890189"), "FR76 3000 6000 0112 3456 7890 189");
        assert_eq!(amount_xml(d("1825")), "1825.00");
        assert_eq!(amount_xml(d("0.005")), "0.01");
        assert_eq!(date_xml(date(2026, 12, 1)), "20261201");
        assert_eq!(min_two_decimals(d("0.0060")).to_string(), "0.006");
        assert_eq!(min_two_decimals(d("20")).to_string(), "20.00");
    }
}
