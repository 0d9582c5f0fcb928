//! The command-line helper: a usage as JSON in, the priced month as JSON out.

use crate::error::PricingError;
use crate::grid::Grid;
use crate::level::Level;
use crate::money::round_cents;
use crate::quote::{QuoteLine, quote};
use crate::usage::Usage;
use crate::vat::{FRENCH_STANDARD_VAT_RATE, with_vat};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

/// The fields of the input, all required (a billing input should not guess).
const FIELDS: [&str; 9] = [
    "level",
    "contacts",
    "users",
    "emails",
    "emailCommitment",
    "sms",
    "smsCommitment",
    "rnvpAddresses",
    "dedupAddresses",
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Output {
    lines: Vec<QuoteLine>,
    subtotal: Decimal,
    minimum: Decimal,
    minimum_applied: bool,
    total_excluding_tax: Decimal,
    vat_rate: Decimal,
    vat: Decimal,
    total_including_tax: Decimal,
}

/// Reads a `Usage` as JSON (`{"level":3,"contacts":300000,...}`, every field required),
/// prices it under Annex 1 with French VAT (20 %) and returns the result as pretty JSON,
/// money as strings with two decimals. Errors name the field at fault.
pub fn quote_json(input: &str) -> Result<String, PricingError> {
    let usage = parse_usage(input)?;
    let q = quote(&Grid::annex1(), &usage)?;
    let totals = with_vat(q.total_excluding_tax, FRENCH_STANDARD_VAT_RATE);
    let out = Output {
        lines: q.lines,
        subtotal: round_cents(q.subtotal),
        minimum: round_cents(q.minimum),
        minimum_applied: q.minimum_applied,
        total_excluding_tax: totals.total_excluding_tax,
        vat_rate: totals.vat_rate,
        vat: totals.vat_amount,
        total_including_tax: totals.total_including_tax,
    };
    serde_json::to_string_pretty(&out).map_err(|err| PricingError::Input(err.to_string()))
}

/// Parses by hand rather than with serde so that a wrong type names its field (serde_json
/// only gives a line and column).
pub fn parse_usage(input: &str) -> Result<Usage, PricingError> {
    let value: Value = serde_json::from_str(input).map_err(|err| PricingError::Input(format!("not JSON: {err}")))?;
    let Value::Object(obj) = value else {
        return Err(PricingError::Input("the usage must be a JSON object".to_owned()));
    };
    if let Some(unknown) = obj.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(PricingError::Input(format!("unknown field `{unknown}` (expected {})", FIELDS.join(", "))));
    }
    let level = whole(&obj, "level")?;
    Ok(Usage {
        level: Level::try_from(level)?,
        contacts: whole(&obj, "contacts")?,
        users: whole(&obj, "users")?,
        emails: whole(&obj, "emails")?,
        email_commitment: whole(&obj, "emailCommitment")?,
        sms: whole(&obj, "sms")?,
        sms_commitment: whole(&obj, "smsCommitment")?,
        rnvp_addresses: whole(&obj, "rnvpAddresses")?,
        dedup_addresses: whole(&obj, "dedupAddresses")?,
    })
}

fn whole(obj: &Map<String, Value>, field: &str) -> Result<i64, PricingError> {
    let value = obj.get(field).ok_or_else(|| PricingError::Input(format!("missing field `{field}`")))?;
    value.as_i64().ok_or_else(|| PricingError::Input(format!("field `{field}` must be a whole number, not {value}")))
}
