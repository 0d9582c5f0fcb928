//! The CLI helper: usage JSON in, priced JSON out.

use crm360_pricing::{PricingError, quote_json};
use serde_json::Value;

const EXAMPLE: &str = r#"{"level":3,"contacts":300000,"users":5,"emails":600000,"emailCommitment":500000,"sms":0,"smsCommitment":0,"rnvpAddresses":0,"dedupAddresses":0}"#;

#[test]
fn the_contract_example() {
    // 1 200.00 + 175.00 + 450.00 = 1 825.00 HT; VAT 365.00; 2 190.00 TTC.
    let out = quote_json(EXAMPLE).unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["subtotal"], "1825.00");
    assert_eq!(v["minimum"], "1000.00");
    assert_eq!(v["minimumApplied"], false);
    assert_eq!(v["totalExcludingTax"], "1825.00");
    assert_eq!(v["vatRate"], "20");
    assert_eq!(v["vat"], "365.00");
    assert_eq!(v["totalIncludingTax"], "2190.00");
    assert_eq!(v["lines"].as_array().unwrap().len(), 3);
    assert_eq!(v["lines"][2]["code"], "email");
    assert_eq!(v["lines"][2]["amount"], "450.00");
    // The keys in this order in the text (a serde_json Map would sort them).
    let at = |key: &str| out.find(&format!("\n  \"{key}\"")).unwrap_or_else(|| panic!("{key}"));
    let order =
        ["lines", "subtotal", "minimum", "minimumApplied", "totalExcludingTax", "vatRate", "vat", "totalIncludingTax"];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])));
    assert_eq!(v.as_object().unwrap().len(), order.len());
    insta::assert_snapshot!("cli_contract_example", out);
}

#[test]
fn minimum_and_two_decimals() {
    // Level 2, 10 contacts × 0.006 = 0.06, no user: top-up 499.94 → 500.00; VAT 100.00.
    let input = EXAMPLE.replace(
        r#""level":3,"contacts":300000,"users":5,"emails":600000,"emailCommitment":500000"#,
        r#""level":2,"contacts":10,"users":0,"emails":0,"emailCommitment":0"#,
    );
    let v: Value = serde_json::from_str(&quote_json(&input).unwrap()).unwrap();
    assert_eq!(v["lines"][0]["amount"], "0.06");
    assert_eq!(v["lines"][2]["code"], "minimumTopUp");
    assert_eq!(v["lines"][2]["amount"], "499.94");
    assert_eq!(
        (v["minimumApplied"].as_bool(), &v["vat"], &v["totalIncludingTax"]),
        (Some(true), &Value::from("100.00"), &Value::from("600.00"))
    );
}

fn input_error(input: &str) -> String {
    match quote_json(input) {
        Err(PricingError::Input(message)) => message,
        other => panic!("{input}: {other:?}"),
    }
}

#[test]
fn malformed_input_names_the_field() {
    assert!(input_error("{").starts_with("not JSON"));
    assert!(input_error("[1]").contains("object"));
    assert_eq!(input_error(&EXAMPLE.replace(r#","users":5"#, "")), "missing field `users`");
    assert_eq!(
        input_error(&EXAMPLE.replace(r#""sms":0"#, r#""sms":"0""#)),
        r#"field `sms` must be a whole number, not "0""#
    );
    assert_eq!(
        input_error(&EXAMPLE.replace(r#""contacts":300000"#, r#""contacts":1.5"#)),
        "field `contacts` must be a whole number, not 1.5"
    );
    assert!(input_error(&EXAMPLE.replace(r#""sms":0"#, r#""sms":0,"mms":1"#)).starts_with("unknown field `mms`"));
}

#[test]
fn pricing_errors_pass_through() {
    assert_eq!(
        quote_json(&EXAMPLE.replace(r#""level":3"#, r#""level":1"#)),
        Err(PricingError::UnknownLevel { level: 1 })
    );
    assert_eq!(
        quote_json(&EXAMPLE.replace(r#""users":5"#, r#""users":-5"#)),
        Err(PricingError::Negative { field: "users" })
    );
    let err = quote_json(&EXAMPLE.replace(r#""smsCommitment":0"#, r#""smsCommitment":75000"#)).unwrap_err();
    assert_eq!(err.to_string(), "SMS commitment 75000 is not a tier of the grid (allowed: [0, 50000, 100000, 250000])");
}

#[test]
fn round_trip_with_the_library_types() {
    use crm360_pricing::{Grid, QuoteLine, Usage, parse_usage, quote};
    // The hand parser and serde agree, and serde's own output is accepted back.
    let usage: Usage = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(parse_usage(EXAMPLE).unwrap(), usage);
    let reserialised = serde_json::to_string(&usage).unwrap();
    assert_eq!(parse_usage(&reserialised).unwrap(), usage);
    // The printed lines read back as the library's lines.
    let v: Value = serde_json::from_str(&quote_json(&reserialised).unwrap()).unwrap();
    let lines: Vec<QuoteLine> = serde_json::from_value(v["lines"].clone()).unwrap();
    assert_eq!(lines, quote(&Grid::annex1(), &usage).unwrap().lines);
}
