//! French wording of amounts and dates in notices (`1 825,00 €`, `1er décembre 2026`).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

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

pub fn date_fr(day: NaiveDate) -> String {
    let month = MONTHS[day.month0() as usize];
    match day.day() {
        1 => format!("1er {month} {}", day.year()),
        d => format!("{d} {month} {}", day.year()),
    }
}

/// Two decimals, a comma, narrow no-break spaces between thousands, then `€`.
pub fn euros_fr(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.2}", rounded.abs());
    let (units, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push('\u{202F}');
        }
        grouped.push(digit);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() { "-" } else { "" };
    format!("{sign}{grouped},{cents}\u{00A0}€")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_amounts_and_dates() {
        assert_eq!(euros_fr(Decimal::new(182500, 2)), "1\u{202F}825,00\u{00A0}€");
        assert_eq!(euros_fr(Decimal::new(5, 1)), "0,50\u{00A0}€");
        assert_eq!(euros_fr(Decimal::new(123456789, 2)), "1\u{202F}234\u{202F}567,89\u{00A0}€");
        assert_eq!(date_fr(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()), "1er décembre 2026");
        assert_eq!(date_fr(NaiveDate::from_ymd_opt(2027, 2, 15).unwrap()), "15 février 2027");
    }
}
