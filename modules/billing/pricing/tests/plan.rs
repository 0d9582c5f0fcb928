//! The cheapest single plan over past months.

use crm360_pricing::{Grid, Level, Usage, cheapest_plan};
use rust_decimal::Decimal;

fn month(
    level: Level,
    contacts: i64,
    users: i64,
    emails: i64,
    email_commitment: i64,
    sms: i64,
    sms_commitment: i64,
) -> Usage {
    Usage {
        level,
        contacts,
        users,
        emails,
        email_commitment,
        sms,
        sms_commitment,
        rnvp_addresses: 0,
        dedup_addresses: 0,
    }
}

#[test]
fn the_contract_example_is_already_the_best() {
    // 1 825.00 a month at level 3 / 500 000. Alternatives for 600 000 emails: 1.75 → 1 050,
    // 1.50 → 900, 1.25 → 750, 1.00 → 600, 0.75 → 450, 1 000 000 → 600, 2 000 000 → 800;
    // level 2: 1 800 + 175 + 450 = 2 425; level 4: 1 225 < 3 000 → 3 000.
    let months = vec![month(Level::L3, 300_000, 5, 600_000, 500_000, 0, 0); 12];
    let a = cheapest_plan(&Grid::annex1(), &months).unwrap();
    assert_eq!((a.best_level, a.best_email_commitment, a.best_sms_commitment), (Level::L3, 500_000, 0));
    assert_eq!(a.actual_total, Decimal::from(21_900));
    assert_eq!(a.best_total, Decimal::from(21_900));
    assert_eq!(a.saving, Decimal::ZERO);
    assert_eq!(a.months, 12);
}

#[test]
fn a_better_level_and_commitment_is_found() {
    // Actual, level 2 without commitment: 1 800 + 175 + 600 × 1.75 = 3 025.00 a month,
    // 9 075.00 over 3 months. Best, level 3 / 500 000: 1 825.00 a month, 5 475.00;
    // saving 3 600.00.
    let months = vec![month(Level::L2, 300_000, 5, 600_000, 0, 0, 0); 3];
    let a = cheapest_plan(&Grid::annex1(), &months).unwrap();
    assert_eq!((a.best_level, a.best_email_commitment, a.best_sms_commitment), (Level::L3, 500_000, 0));
    assert_eq!(a.actual_total.to_string(), "9075.00");
    assert_eq!(a.best_total.to_string(), "5475.00");
    assert_eq!(a.saving.to_string(), "3600.00");
    insta::assert_json_snapshot!("plan_level3_500k", a);
}

#[test]
fn sms_commitment_and_level_over_varying_months() {
    // 100 000 contacts, no users, no email; SMS 60 000 then 40 000; actually level 2
    // without commitment: (600 + 4 200) + (600 + 2 800) = 8 200.00.
    // SMS per month: none 4 200 / 2 800; 50 000 (take or pay) 3 600 / 3 000;
    // 100 000: 5 000 / 5 000. Contacts: L2 600, L3 400, L4 200, L5 100.
    // L2 + 50 000: 4 200 + 3 600 = 7 800; L3 + 50 000: 4 000 + 3 400 = 7 400;
    // L4 + none: 4 400 + max(3 000, 3 000) = 7 400; L4 + 50 000: 3 800 + 3 200 = 7 000;
    // L5: each month under 7 000 → 14 000. Best: level 4, SMS 50 000, 7 000.00.
    let months = [month(Level::L2, 100_000, 0, 0, 0, 60_000, 0), month(Level::L2, 100_000, 0, 0, 0, 40_000, 0)];
    let a = cheapest_plan(&Grid::annex1(), &months).unwrap();
    assert_eq!(a.actual_total.to_string(), "8200.00");
    assert_eq!((a.best_level, a.best_email_commitment, a.best_sms_commitment), (Level::L4, 0, 50_000));
    assert_eq!(a.best_total.to_string(), "7000.00");
    assert_eq!(a.saving.to_string(), "1200.00");
}

#[test]
fn ties_go_to_the_lowest_level_and_commitments() {
    // An empty month costs the level's minimum: 500 at level 2 whatever the commitments
    // below it (50 000 emails × 1.50 = 75 → still 500), so every level-2 plan under the
    // minimum ties and the lowest one is chosen.
    let months = [month(Level::L2, 0, 0, 0, 0, 0, 0)];
    let a = cheapest_plan(&Grid::annex1(), &months).unwrap();
    assert_eq!((a.best_level, a.best_email_commitment, a.best_sms_commitment), (Level::L2, 0, 0));
    assert_eq!(a.best_total.to_string(), "500.00");
}

#[test]
fn no_months_and_errors() {
    let a = cheapest_plan(&Grid::annex1(), &[]).unwrap();
    assert_eq!((a.months, a.best_level, a.best_total, a.saving), (0, Level::L2, Decimal::ZERO, Decimal::ZERO));
    let bad = [month(Level::L2, 0, 0, 0, 12_345, 0, 0)];
    assert!(cheapest_plan(&Grid::annex1(), &bad).is_err());
}
