//! VAT on a month's total.

use crate::money::round_cents;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The standard French VAT rate in percent (CGI art. 278); the operator's setting decides.
pub const FRENCH_STANDARD_VAT_RATE: Decimal = Decimal::from_parts(20, 0, 0, false, 0);

/// An invoice's totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub total_excluding_tax: Decimal,
    /// In percent (20 = 20 %).
    pub vat_rate: Decimal,
    pub vat_amount: Decimal,
    pub total_including_tax: Decimal,
}

/// Adds VAT at `vat_rate` percent, computed once on the total (never per line) and rounded
/// to the cent, half away from zero.
pub fn with_vat(total_excluding_tax: Decimal, vat_rate: Decimal) -> Totals {
    let total_excluding_tax = round_cents(total_excluding_tax);
    let vat_amount = round_cents(total_excluding_tax * vat_rate / Decimal::ONE_HUNDRED);
    Totals {
        total_excluding_tax,
        vat_rate: vat_rate.normalize(),
        vat_amount,
        total_including_tax: total_excluding_tax + vat_amount,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn vat_is_rounded_once_on_the_total() {
        let t = with_vat(Decimal::from(1825), FRENCH_STANDARD_VAT_RATE);
        assert_eq!(t.vat_amount.to_string(), "365.00");
        assert_eq!(t.total_including_tax.to_string(), "2190.00");
        // 0.33 × 20 % = 0.066 → 0.07; 0.25 × 10 % = 0.025 → 0.03 (a half cent goes up).
        assert_eq!(with_vat(Decimal::from_str("0.33").unwrap(), Decimal::from(20)).vat_amount.to_string(), "0.07");
        assert_eq!(with_vat(Decimal::from_str("0.25").unwrap(), Decimal::from(10)).vat_amount.to_string(), "0.03");
        assert_eq!(
            with_vat(Decimal::from(100), Decimal::from_str("5.5").unwrap()).total_including_tax.to_string(),
            "105.50"
        );
    }
}
