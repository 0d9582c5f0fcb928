//! Rounding and French number formatting, in one place so every amount follows one rule.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to the cent, half away from zero (0.005 → 0.01, never banker's rounding: it is
/// what a reader checking an invoice by hand expects), always shown with two decimals.
pub fn round_cents(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // Scale at most 2 after rounding, so this only adds zeros ("1200" → "1200.00").
    rounded.rescale(2);
    rounded
}

/// A unit price for display: its own precision, but at least two decimals ("35.00", "0.006").
pub(crate) fn unit_price(price: Decimal) -> Decimal {
    let mut shown = price.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    shown
}

/// A whole number the French way: "500 000".
pub(crate) fn int_fr(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A decimal the French way: grouped thousands and a decimal comma ("1 825,50").
pub(crate) fn decimal_fr(d: Decimal) -> String {
    let text = d.abs().to_string();
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = int_fr(int_part.parse().unwrap_or(0));
    let sign = if d.is_sign_negative() && !d.is_zero() { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn cents_round_half_away_from_zero_with_two_decimals() {
        assert_eq!(round_cents(d("740.742")).to_string(), "740.74");
        assert_eq!(round_cents(d("2.345")).to_string(), "2.35");
        assert_eq!(round_cents(d("-2.345")).to_string(), "-2.35");
        assert_eq!(round_cents(d("0.333")).to_string(), "0.33");
        assert_eq!(round_cents(d("1200.000")).to_string(), "1200.00");
        assert_eq!(round_cents(d("35")).to_string(), "35.00");
    }

    #[test]
    fn french_formatting() {
        assert_eq!(int_fr(0), "0");
        assert_eq!(int_fr(999), "999");
        assert_eq!(int_fr(1000), "1 000");
        assert_eq!(int_fr(2_000_000), "2 000 000");
        assert_eq!(int_fr(-50_000), "-50 000");
        assert_eq!(decimal_fr(d("1825.50")), "1 825,50");
        assert_eq!(decimal_fr(d("0.006")), "0,006");
        assert_eq!(decimal_fr(d("-16.5")), "-16,5");
        assert_eq!(unit_price(d("35")).to_string(), "35.00");
        assert_eq!(unit_price(d("0.0060")).to_string(), "0.006");
        assert_eq!(unit_price(d("1.5")).to_string(), "1.50");
    }
}
