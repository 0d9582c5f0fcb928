//! Months priced by hand from Annex 1, each checked numerically and snapshotted.
//!
//! Annex 1: per contact 0.006 / 0.004 / 0.002 / 0.001 € (levels 2-5), 35 € per user,
//! minimum 500 / 1 000 / 3 000 / 7 000 €; email per block of 1 000 by commitment 0 → 1.75,
//! 50 000 → 1.50, 100 000 → 1.25, 250 000 → 1.00, 500 000 → 0.75, 1 000 000 → 0.60,
//! 2 000 000 → 0.40; SMS per message 0 → 0.07, 50 000 → 0.06, 100 000 → 0.05,
//! 250 000 → 0.04; RNVP 10 € and deduplication 0.25 € per started block of 1 000.

use crm360_pricing::{Channel, Grid, Level, LineCode, PricingError, Quote, Usage, quote, with_vat};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn usage(
    level: u8,
    contacts: i64,
    users: i64,
    emails: i64,
    email_commitment: i64,
    sms: i64,
    sms_commitment: i64,
    rnvp: i64,
    dedup: i64,
) -> Usage {
    Usage {
        level: Level::from_number(level).unwrap(),
        contacts,
        users,
        emails,
        email_commitment,
        sms,
        sms_commitment,
        rnvp_addresses: rnvp,
        dedup_addresses: dedup,
    }
}

fn priced(u: &Usage) -> Quote {
    quote(&Grid::annex1(), u).unwrap()
}

/// (code, quantity, amount) of every line, to assert the hand calculation line by line.
fn lines(q: &Quote) -> Vec<(LineCode, String, String)> {
    q.lines.iter().map(|l| (l.code, l.quantity.to_string(), l.amount.to_string())).collect()
}

fn check(q: &Quote, subtotal: &str, minimum_applied: bool, total: &str) {
    assert_eq!(q.subtotal, d(subtotal), "subtotal");
    assert_eq!(q.minimum_applied, minimum_applied, "minimum applied");
    assert_eq!(q.total_excluding_tax, d(total), "total");
    assert_eq!(q.total_excluding_tax.to_string(), total, "two decimals");
    // The lines always add up to the total.
    assert_eq!(q.lines.iter().map(|l| l.amount).sum::<Decimal>(), q.total_excluding_tax);
}

#[test]
fn s01_level2_minimum_applied() {
    // 10 000 × 0.006 = 60.00; 2 × 35 = 70.00; subtotal 130.00 < 500
    // → top-up 370.00 → 500.00 HT.
    let q = priced(&usage(2, 10_000, 2, 0, 0, 0, 0, 0, 0));
    check(&q, "130.00", true, "500.00");
    assert_eq!(
        lines(&q),
        [
            (LineCode::Contacts, "10000".into(), "60.00".into()),
            (LineCode::Users, "2".into(), "70.00".into()),
            (LineCode::MinimumTopUp, "1".into(), "370.00".into()),
        ]
    );
    assert_eq!(q.lines[2].label_fr, "Complément au minimum de facturation");
    insta::assert_json_snapshot!("s01_level2_minimum_applied", q);
}

#[test]
fn s02_level2_email_without_commitment_partial_block() {
    // 50 000 × 0.006 = 300.00; 3 × 35 = 105.00; 120 500 emails without commitment
    // = 121 started blocks × 1.75 = 211.75; 616.75 ≥ 500 → 616.75 HT.
    let q = priced(&usage(2, 50_000, 3, 120_500, 0, 0, 0, 0, 0));
    check(&q, "616.75", false, "616.75");
    assert_eq!(lines(&q)[2], (LineCode::Email, "121".into(), "211.75".into()));
    assert_eq!(q.lines[2].label_fr, "Routage email (sans engagement)");
    insta::assert_json_snapshot!("s02_level2_email_without_commitment", q);
}

#[test]
fn s03_level3_contract_example_with_vat() {
    // 300 000 × 0.004 = 1 200.00; 5 × 35 = 175.00; 600 000 emails under the 500 000
    // commitment = 600 blocks × 0.75 = 450.00; 1 825.00 HT ≥ 1 000;
    // VAT 20 % = 365.00; 2 190.00 TTC.
    let q = priced(&usage(3, 300_000, 5, 600_000, 500_000, 0, 0, 0, 0));
    check(&q, "1825.00", false, "1825.00");
    assert_eq!(
        lines(&q),
        [
            (LineCode::Contacts, "300000".into(), "1200.00".into()),
            (LineCode::Users, "5".into(), "175.00".into()),
            (LineCode::Email, "600".into(), "450.00".into()),
        ]
    );
    assert_eq!(q.lines[0].label_fr, "Contacts en base (niveau 3)");
    assert_eq!(q.lines[2].label_fr, "Routage email (engagement 500 000)");
    let t = with_vat(q.total_excluding_tax, d("20"));
    assert_eq!((t.vat_amount, t.total_including_tax), (d("365.00"), d("2190.00")));
    insta::assert_json_snapshot!("s03_level3_contract_example", q);
}

#[test]
fn s04_level3_email_commitment_not_reached_take_or_pay() {
    // 100 000 × 0.004 = 400.00; 4 × 35 = 140.00; 30 000 emails under the 50 000
    // commitment: take or pay, 50 blocks × 1.50 = 75.00; 615.00 < 1 000
    // → top-up 385.00 → 1 000.00 HT.
    let q = priced(&usage(3, 100_000, 4, 30_000, 50_000, 0, 0, 0, 0));
    check(&q, "615.00", true, "1000.00");
    assert_eq!(lines(&q)[2], (LineCode::Email, "50".into(), "75.00".into()));
    assert_eq!(lines(&q)[3], (LineCode::MinimumTopUp, "1".into(), "385.00".into()));
    insta::assert_json_snapshot!("s04_level3_take_or_pay", q);
}

#[test]
fn s05_level4_email_100k_exceeded_minimum_applied() {
    // 1 000 000 × 0.002 = 2 000.00; 10 × 35 = 350.00; 150 001 emails under the 100 000
    // commitment: beyond it at the same price, 151 started blocks × 1.25 = 188.75;
    // 2 538.75 < 3 000 → top-up 461.25 → 3 000.00 HT.
    let q = priced(&usage(4, 1_000_000, 10, 150_001, 100_000, 0, 0, 0, 0));
    check(&q, "2538.75", true, "3000.00");
    assert_eq!(lines(&q)[2], (LineCode::Email, "151".into(), "188.75".into()));
    assert_eq!(lines(&q)[3], (LineCode::MinimumTopUp, "1".into(), "461.25".into()));
    insta::assert_json_snapshot!("s05_level4_minimum_applied", q);
}

#[test]
fn s06_level4_email_250k_sms_50k_not_reached() {
    // 1 200 000 × 0.002 = 2 400.00; 12 × 35 = 420.00; 260 000 emails under 250 000
    // = 260 blocks × 1.00 = 260.00; 40 000 SMS under the 50 000 commitment: take or pay,
    // 50 000 × 0.06 = 3 000.00; 6 080.00 ≥ 3 000 → 6 080.00 HT.
    let q = priced(&usage(4, 1_200_000, 12, 260_000, 250_000, 40_000, 50_000, 0, 0));
    check(&q, "6080.00", false, "6080.00");
    assert_eq!(lines(&q)[2], (LineCode::Email, "260".into(), "260.00".into()));
    assert_eq!(lines(&q)[3], (LineCode::Sms, "50000".into(), "3000.00".into()));
    assert_eq!(q.lines[3].label_fr, "Routage SMS (engagement 50 000)");
    insta::assert_json_snapshot!("s06_level4_sms_take_or_pay", q);
}

#[test]
fn s07_level5_email_1m_sms_100k() {
    // 5 000 000 × 0.001 = 5 000.00; 20 × 35 = 700.00; 1 000 000 emails under 1 000 000
    // = 1 000 blocks × 0.60 = 600.00; 120 000 SMS under 100 000 = 120 000 × 0.05
    // = 6 000.00; 12 300.00 ≥ 7 000 → 12 300.00 HT.
    let q = priced(&usage(5, 5_000_000, 20, 1_000_000, 1_000_000, 120_000, 100_000, 0, 0));
    check(&q, "12300.00", false, "12300.00");
    assert_eq!(lines(&q)[2], (LineCode::Email, "1000".into(), "600.00".into()));
    assert_eq!(lines(&q)[3], (LineCode::Sms, "120000".into(), "6000.00".into()));
    insta::assert_json_snapshot!("s07_level5_email_1m_sms_100k", q);
}

#[test]
fn s08_level5_email_2m_not_reached_sub_cent_contacts() {
    // 333 × 0.001 = 0.333 → 0.33; 1 × 35 = 35.00; 1 500 000 emails under the 2 000 000
    // commitment: 2 000 blocks × 0.40 = 800.00; 835.33 < 7 000 → top-up 6 164.67
    // → 7 000.00 HT.
    let q = priced(&usage(5, 333, 1, 1_500_000, 2_000_000, 0, 0, 0, 0));
    check(&q, "835.33", true, "7000.00");
    assert_eq!(lines(&q)[0], (LineCode::Contacts, "333".into(), "0.33".into()));
    assert_eq!(lines(&q)[2], (LineCode::Email, "2000".into(), "800.00".into()));
    assert_eq!(lines(&q)[3], (LineCode::MinimumTopUp, "1".into(), "6164.67".into()));
    insta::assert_json_snapshot!("s08_level5_email_2m", q);
}

#[test]
fn s09_level2_rounding_and_sms_without_commitment() {
    // 123 457 × 0.006 = 740.742 → 740.74; 1 × 35 = 35.00; 1 234 SMS × 0.07 = 86.38;
    // 862.12 ≥ 500 → 862.12 HT.
    let q = priced(&usage(2, 123_457, 1, 0, 0, 1_234, 0, 0, 0));
    check(&q, "862.12", false, "862.12");
    assert_eq!(lines(&q)[0], (LineCode::Contacts, "123457".into(), "740.74".into()));
    assert_eq!(lines(&q)[2], (LineCode::Sms, "1234".into(), "86.38".into()));
    assert_eq!(q.lines[2].label_fr, "Routage SMS (sans engagement)");
    insta::assert_json_snapshot!("s09_level2_rounding_sms_without_commitment", q);
}

#[test]
fn s10_level3_sms_250k_exceeded() {
    // 250 000 × 0.004 = 1 000.00; 2 × 35 = 70.00; 300 001 SMS under 250 000
    // = 300 001 × 0.04 = 12 000.04; 13 070.04 HT.
    let q = priced(&usage(3, 250_000, 2, 0, 0, 300_001, 250_000, 0, 0));
    check(&q, "13070.04", false, "13070.04");
    assert_eq!(lines(&q)[2], (LineCode::Sms, "300001".into(), "12000.04".into()));
    insta::assert_json_snapshot!("s10_level3_sms_250k", q);
}

#[test]
fn s11_level2_rnvp_and_dedup_partial_blocks() {
    // 80 000 × 0.006 = 480.00; 1 × 35 = 35.00; RNVP 1 001 addresses = 2 blocks × 10
    // = 20.00; deduplication 10 500 addresses = 11 blocks × 0.25 = 2.75; 537.75 ≥ 500.
    let q = priced(&usage(2, 80_000, 1, 0, 0, 0, 0, 1_001, 10_500));
    check(&q, "537.75", false, "537.75");
    assert_eq!(lines(&q)[2], (LineCode::Rnvp, "2".into(), "20.00".into()));
    assert_eq!(lines(&q)[3], (LineCode::Dedup, "11".into(), "2.75".into()));
    assert_eq!((q.lines[2].label_fr.as_str(), q.lines[3].label_fr.as_str()), ("RNVP", "Déduplication postale"));
    insta::assert_json_snapshot!("s11_level2_rnvp_dedup_partial_blocks", q);
}

#[test]
fn s12_level3_rnvp_whole_blocks_dedup_one_address() {
    // 200 000 × 0.004 = 800.00; 3 × 35 = 105.00; RNVP 5 000 = 5 blocks × 10 = 50.00;
    // deduplication 1 address = 1 block × 0.25 = 0.25; 955.25 < 1 000 → top-up 44.75
    // → 1 000.00 HT.
    let q = priced(&usage(3, 200_000, 3, 0, 0, 0, 0, 5_000, 1));
    check(&q, "955.25", true, "1000.00");
    assert_eq!(lines(&q)[2], (LineCode::Rnvp, "5".into(), "50.00".into()));
    assert_eq!(lines(&q)[3], (LineCode::Dedup, "1".into(), "0.25".into()));
    assert_eq!(lines(&q)[4], (LineCode::MinimumTopUp, "1".into(), "44.75".into()));
    insta::assert_json_snapshot!("s12_level3_rnvp_whole_blocks", q);
}

#[test]
fn s13_half_cent_rounds_away_from_zero() {
    // 2 345 × 0.001 = 2.345 → 2.35 (banker's rounding would give 2.34); 0 users = 0.00
    // (the line still appears); 2.35 < 7 000 → top-up 6 997.65 → 7 000.00 HT.
    let q = priced(&usage(5, 2_345, 0, 0, 0, 0, 0, 0, 0));
    check(&q, "2.35", true, "7000.00");
    assert_eq!(
        lines(&q),
        [
            (LineCode::Contacts, "2345".into(), "2.35".into()),
            (LineCode::Users, "0".into(), "0.00".into()),
            (LineCode::MinimumTopUp, "1".into(), "6997.65".into()),
        ]
    );
    insta::assert_json_snapshot!("s13_half_cent_away_from_zero", q);
}

#[test]
fn s14_empty_month_is_the_minimum() {
    // Nothing used at level 2: contacts 0.00 and users 0.00 still shown, top-up 500.00.
    let q = priced(&usage(2, 0, 0, 0, 0, 0, 0, 0, 0));
    check(&q, "0.00", true, "500.00");
    assert_eq!(q.lines.len(), 3);
    insta::assert_json_snapshot!("s14_empty_month", q);
}

#[test]
fn s15_email_commitment_with_nothing_sent_is_still_billed() {
    // 90 000 × 0.006 = 540.00; 0 users; 0 emails under the 100 000 commitment
    // = 100 blocks × 1.25 = 125.00; 665.00 HT.
    let q = priced(&usage(2, 90_000, 0, 0, 100_000, 0, 0, 0, 0));
    check(&q, "665.00", false, "665.00");
    assert_eq!(lines(&q)[2], (LineCode::Email, "100".into(), "125.00".into()));
    insta::assert_json_snapshot!("s15_commitment_nothing_sent", q);
}

#[test]
fn other_rounding_cases() {
    let grid = Grid::annex1();
    let amount = |level, contacts| quote(&grid, &usage(level, contacts, 0, 0, 0, 0, 0, 0, 0)).unwrap().lines[0].amount;
    assert_eq!(amount(3, 1_001), d("4.00")); // 4.004 → 4.00
    assert_eq!(amount(4, 12_345), d("24.69")); // exact
    assert_eq!(amount(5, 1_005), d("1.01")); // 1.005 → 1.01
    assert_eq!(amount(2, 1), d("0.01")); // 0.006 → 0.01
    assert_eq!(amount(5, 4), d("0.00")); // 0.004 → 0.00
}

#[test]
fn usage_errors() {
    let grid = Grid::annex1();
    let mut u = usage(3, 10, 1, 0, 0, 0, 0, 0, 0);
    u.users = -1;
    assert_eq!(quote(&grid, &u), Err(PricingError::Negative { field: "users" }));
    let u = usage(3, 10, 1, 0, 60_000, 0, 0, 0, 0);
    assert_eq!(
        quote(&grid, &u),
        Err(PricingError::UnknownCommitment {
            channel: Channel::Email,
            value: 60_000,
            allowed: vec![0, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000],
        })
    );
    let u = usage(3, 10, 1, 0, 0, 0, 500_000, 0, 0);
    assert!(matches!(
        quote(&grid, &u),
        Err(PricingError::UnknownCommitment { channel: Channel::Sms, value: 500_000, .. })
    ));
    let mut small = grid.clone();
    small.levels.retain(|l| l.level != Level::L5);
    assert_eq!(quote(&small, &usage(5, 1, 1, 0, 0, 0, 0, 0, 0)), Err(PricingError::LevelNotInGrid { level: 5 }));
}

#[test]
fn huge_counts_do_not_overflow() {
    let q = priced(&usage(2, i64::MAX, i64::MAX, i64::MAX, 0, i64::MAX, 0, i64::MAX, i64::MAX));
    assert!(q.total_excluding_tax > Decimal::from(i64::MAX));
}

/// A price revision: Annex 1 with level 3's price per contact raised 15 % (0.004 → 0.0046)
/// and its email tier of 500 000 raised 10 % (0.75 → 0.825). The contract example priced
/// under it: 300 000 × 0.0046 = 1 380.00; 5 × 35 = 175.00; 600 blocks × 0.825 = 495.00;
/// total 2 050.00 (1 825.00 under Annex 1).
#[test]
fn s16_the_contract_example_under_a_revised_grid() {
    let mut grid = Grid::annex1();
    let level3 = grid.levels.iter_mut().find(|l| l.level == Level::L3).unwrap();
    level3.per_contact = d("0.0046");
    let tier = grid.email_tiers.iter_mut().find(|t| t.commitment == 500_000).unwrap();
    tier.price = d("0.825");
    let report = crm360_pricing::check_revision(&Grid::annex1(), &grid, 0, crm360_pricing::RevisionKind::Ordinary)
        .expect("+15 % and +10 % are within article 10");
    assert_eq!(report.changes.len(), 2);
    let q = quote(&grid, &usage(3, 300_000, 5, 600_000, 500_000, 0, 0, 0, 0)).unwrap();
    check(&q, "2050.00", false, "2050.00");
    insta::assert_json_snapshot!("s16_revised_grid", q);
}

/// A level change notified mid-month takes effect on the first day of the next month: the
/// month of the notice is priced at the old level, the next one at the new. The same usage
/// (120 000 contacts, 4 users, 80 000 emails without commitment):
/// level 2: 120 000 × 0.006 = 720.00; 4 × 35 = 140.00; 80 blocks × 1.75 = 140.00 → 1 000.00;
/// level 4 the month after: 120 000 × 0.002 = 240.00; 140.00; 140.00 → 520.00 < 3 000
/// minimum → top-up 2 480.00 → 3 000.00.
#[test]
fn s17_a_mid_month_level_change_applies_the_month_after() {
    let month_of_notice = priced(&usage(2, 120_000, 4, 80_000, 0, 0, 0, 0, 0));
    check(&month_of_notice, "1000.00", false, "1000.00");
    let next_month = priced(&usage(4, 120_000, 4, 80_000, 0, 0, 0, 0, 0));
    check(&next_month, "520.00", true, "3000.00");
    insta::assert_json_snapshot!("s17_level_change", (month_of_notice, next_month));
}
