//! The grid as data: Annex 1's figures, the JSON form, validation, the rules in French.

use crm360_pricing::{Grid, Level, PricingError};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn annex1_has_the_contract_figures() {
    let g = Grid::annex1();
    assert_eq!(g.block_size, 1000);
    let levels: Vec<_> = g
        .levels
        .iter()
        .map(|l| (l.level.number(), l.per_contact, l.per_user, l.monthly_minimum, l.rnvp_per_block, l.dedup_per_block))
        .collect();
    assert_eq!(
        levels,
        [
            (2, d("0.006"), d("35"), d("500"), d("10"), d("0.25")),
            (3, d("0.004"), d("35"), d("1000"), d("10"), d("0.25")),
            (4, d("0.002"), d("35"), d("3000"), d("10"), d("0.25")),
            (5, d("0.001"), d("35"), d("7000"), d("10"), d("0.25")),
        ]
    );
    let tiers = |t: &[crm360_pricing::Tier]| t.iter().map(|t| (t.commitment, t.price)).collect::<Vec<_>>();
    assert_eq!(
        tiers(&g.email_tiers),
        [
            (0, d("1.75")),
            (50_000, d("1.50")),
            (100_000, d("1.25")),
            (250_000, d("1.00")),
            (500_000, d("0.75")),
            (1_000_000, d("0.60")),
            (2_000_000, d("0.40")),
        ]
    );
    assert_eq!(tiers(&g.sms_tiers), [(0, d("0.07")), (50_000, d("0.06")), (100_000, d("0.05")), (250_000, d("0.04"))]);
    assert!(g.level(Level::L3).is_some());
}

#[test]
fn json_round_trips_and_rules_default() {
    let g = Grid::annex1();
    let json = serde_json::to_string(&g).unwrap();
    assert_eq!(Grid::from_json(&json).unwrap(), g);
    let value = serde_json::to_value(&g).unwrap();
    assert_eq!(value["levels"][1]["perContact"], "0.004");
    assert_eq!(value["blockRounding"], "eachStartedBlock");
    assert_eq!(value["commitmentRule"], "takeOrPay");
    // A proposed grid may leave the rules out: today's choices apply.
    let mut bare = value.clone();
    for rule in
        ["blockRounding", "commitmentRule", "contactCountRule", "userCountRule", "minimumRule", "amountRounding"]
    {
        bare.as_object_mut().unwrap().remove(rule);
    }
    assert_eq!(serde_json::from_value::<Grid>(bare).unwrap(), g);
    // Tiers given out of order are put in order.
    let mut shuffled = value;
    shuffled["emailTiers"].as_array_mut().unwrap().reverse();
    assert_eq!(serde_json::from_value::<Grid>(shuffled).unwrap(), g);
}

#[test]
fn invalid_grids_do_not_load() {
    let base = serde_json::to_value(Grid::annex1()).unwrap();
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = base.clone();
        edit(&mut v);
        let err = Grid::from_json(&v.to_string()).unwrap_err();
        assert!(matches!(err, PricingError::InvalidGrid(_)), "{err:?}");
        err.to_string()
    };
    assert!(refused(&|v| v["smsTiers"][0]["commitment"] = 10.into()).contains("commitment 0"));
    assert!(refused(&|v| v["emailTiers"][1]["commitment"] = 0.into()).contains("unique"));
    assert!(refused(&|v| v["levels"][0]["perUser"] = "-1".into()).contains("levels.2.perUser"));
    assert!(refused(&|v| v["levels"][1]["level"] = 2.into()).contains("unique"));
    assert!(refused(&|v| v["levels"][1]["level"] = 7.into()).contains("unknown level 7"));
    assert!(refused(&|v| v["blockSize"] = 0.into()).contains("blockSize"));
    assert!(refused(&|v| v["blockRounding"] = "prorata".into()).contains("prorata"));
    assert!(refused(&|v| v["levels"][0]["perContacts"] = "1".into()).contains("perContacts"));
    assert!(refused(&|v| v["levels"] = serde_json::json!([])).contains("no level"));
}

#[test]
fn rules_in_french() {
    let rules = Grid::annex1().rules_fr();
    assert_eq!(rules.len(), 6);
    assert!(rules[0].contains("1 001"));
    assert!(rules[4].contains("Complément au minimum de facturation"));
    insta::assert_json_snapshot!("annex1_rules_fr", rules);
}
