//! Article 10: at most 2 ordinary revisions a year, at most +15 % per price, except new
//! products and flagged changes of structure.

use crm360_pricing::{
    Grid, Level, PriceIncrease, RevisionError, RevisionKind, Tier, check_revision, structure_changes,
};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn level(g: &mut Grid, level: Level) -> &mut crm360_pricing::LevelPrices {
    g.levels.iter_mut().find(|l| l.level == level).unwrap()
}

#[test]
fn exactly_15_percent_is_allowed_and_decreases_are_free() {
    let current = Grid::annex1();
    let mut proposed = current.clone();
    level(&mut proposed, Level::L2).per_contact = d("0.0069"); // 0.006 × 1.15
    level(&mut proposed, Level::L2).per_user = d("40.25"); // 35 × 1.15
    level(&mut proposed, Level::L3).monthly_minimum = d("1150"); // 1 000 × 1.15
    proposed.email_tiers[0].price = d("2.0125"); // 1.75 × 1.15
    level(&mut proposed, Level::L5).per_contact = d("0.0005"); // -50 %
    let report = check_revision(&current, &proposed, 1, RevisionKind::Ordinary).unwrap();
    let changes: Vec<_> = report.changes.iter().map(|c| (c.price.as_str(), c.percent, c.is_new)).collect();
    assert_eq!(
        changes,
        [
            ("levels.2.perContact", Some(d("15")), false),
            ("levels.2.perUser", Some(d("15")), false),
            ("levels.3.monthlyMinimum", Some(d("15")), false),
            ("levels.5.perContact", Some(d("-50")), false),
            ("emailTiers.0.price", Some(d("15")), false),
        ]
    );
    assert!(report.structure_changes.is_empty() && report.removed.is_empty());
    assert_eq!(
        report.changes[0].describe_fr(),
        "Niveau 2, prix mensuel par contact en base : 0,006 € → 0,0069 € (+15 %)"
    );
    assert_eq!(
        report.changes[3].describe_fr(),
        "Niveau 5, prix mensuel par contact en base : 0,001 € → 0,0005 € (-50 %)"
    );
    insta::assert_json_snapshot!("revision_15_percent", report);
}

#[test]
fn a_hundredth_of_a_percent_more_is_refused() {
    let current = Grid::annex1();
    let mut proposed = current.clone();
    level(&mut proposed, Level::L3).monthly_minimum = d("1150.10"); // +15.01 %
    assert_eq!(
        check_revision(&current, &proposed, 0, RevisionKind::Ordinary),
        Err(RevisionError::IncreaseTooLarge {
            increases: vec![PriceIncrease {
                price: "levels.3.monthlyMinimum".into(),
                from: d("1000"),
                to: d("1150.10"),
                percent: Some(d("15.01")),
            }]
        })
    );
}

#[test]
fn sixteen_percent_is_refused_listing_every_price() {
    let current = Grid::annex1();
    let mut proposed = current.clone();
    level(&mut proposed, Level::L3).per_user = d("40.60"); // 35 × 1.16
    proposed.sms_tiers[0].price = d("0.0812"); // 0.07 × 1.16
    proposed.email_tiers[6].price = d("0.44"); // +10 %: allowed, not listed
    let err = check_revision(&current, &proposed, 0, RevisionKind::Ordinary).unwrap_err();
    let RevisionError::IncreaseTooLarge { increases } = &err else { panic!("{err:?}") };
    let listed: Vec<_> = increases.iter().map(|i| (i.price.as_str(), i.from, i.to, i.percent)).collect();
    assert_eq!(
        listed,
        [
            ("levels.3.perUser", d("35"), d("40.60"), Some(d("16"))),
            ("smsTiers.0.price", d("0.07"), d("0.0812"), Some(d("16"))),
        ]
    );
    assert_eq!(
        err.to_string(),
        "a revision may raise each price by at most 15 %: levels.3.perUser 35 → 40.60 (+16 %), smsTiers.0.price 0.07 → 0.0812 (+16 %)"
    );
}

#[test]
fn a_third_ordinary_revision_in_the_year_is_refused() {
    let current = Grid::annex1();
    let mut proposed = current.clone();
    level(&mut proposed, Level::L2).per_user = d("36");
    assert!(check_revision(&current, &proposed, 0, RevisionKind::Ordinary).is_ok());
    assert!(check_revision(&current, &proposed, 1, RevisionKind::Ordinary).is_ok());
    assert_eq!(
        check_revision(&current, &proposed, 2, RevisionKind::Ordinary),
        Err(RevisionError::TooManyThisYear { year_count: 2 })
    );
    // A flagged structure change is exempt from the count.
    assert!(check_revision(&current, &proposed, 2, RevisionKind::StructureChange).is_ok());
}

#[test]
fn a_new_product_is_exempt() {
    // The current grid did not offer level 5; the proposed one does (a new product, at any
    // price) and raises level 4's users by 10 % (an ordinary change).
    let annex = Grid::annex1();
    let mut current = annex.clone();
    current.levels.retain(|l| l.level != Level::L5);
    let mut proposed = annex;
    level(&mut proposed, Level::L4).per_user = d("38.50");
    let report = check_revision(&current, &proposed, 0, RevisionKind::Ordinary).unwrap();
    let new: Vec<_> = report.changes.iter().filter(|c| c.is_new).map(|c| (c.price.as_str(), c.from, c.to)).collect();
    assert_eq!(
        new,
        [
            ("levels.5.perContact", None, d("0.001")),
            ("levels.5.perUser", None, d("35")),
            ("levels.5.monthlyMinimum", None, d("7000")),
            ("levels.5.rnvpPerBlock", None, d("10")),
            ("levels.5.dedupPerBlock", None, d("0.25")),
        ]
    );
    let old: Vec<_> = report.changes.iter().filter(|c| !c.is_new).map(|c| (c.price.as_str(), c.percent)).collect();
    assert_eq!(old, [("levels.4.perUser", Some(d("10")))]);
    let users = report.changes.iter().find(|c| c.price == "levels.5.perUser").unwrap();
    assert_eq!(users.describe_fr(), "Niveau 5, prix mensuel par utilisateur : 35 € (nouveau produit)");
}

#[test]
fn a_structure_change_is_refused_unless_flagged() {
    let current = Grid::annex1();
    // A new email tier at 5 000 000, and level 2 users up 50 %.
    let mut proposed = current.clone();
    proposed.email_tiers.push(Tier { commitment: 5_000_000, price: d("0.30") });
    level(&mut proposed, Level::L2).per_user = d("52.50");
    assert_eq!(
        check_revision(&current, &proposed, 0, RevisionKind::Ordinary),
        Err(RevisionError::StructureChangeNotFlagged)
    );
    let report = check_revision(&current, &proposed, 2, RevisionKind::StructureChange).unwrap();
    assert_eq!(
        report.structure_changes,
        [
            "emailTiers [0, 50000, 100000, 250000, 500000, 1000000, 2000000] → [0, 50000, 100000, 250000, 500000, 1000000, 2000000, 5000000]"
        ]
    );
    let changes: Vec<_> = report.changes.iter().map(|c| (c.price.as_str(), c.percent, c.is_new)).collect();
    assert_eq!(changes, [("levels.2.perUser", Some(d("50")), false), ("emailTiers.5000000.price", None, true)]);
    insta::assert_json_snapshot!("revision_structure_change", report);
}

#[test]
fn removing_a_tier_or_a_level_or_resizing_blocks_is_a_structure_change() {
    let current = Grid::annex1();
    let mut no_tier = current.clone();
    no_tier.sms_tiers.retain(|t| t.commitment != 250_000);
    let mut no_level = current.clone();
    no_level.levels.retain(|l| l.level != Level::L2);
    let mut blocks = current.clone();
    blocks.block_size = 500;
    for proposed in [&no_tier, &no_level, &blocks] {
        assert_eq!(
            check_revision(&current, proposed, 0, RevisionKind::Ordinary),
            Err(RevisionError::StructureChangeNotFlagged)
        );
    }
    assert_eq!(structure_changes(&current, &no_level), ["level 2 removed"]);
    assert_eq!(structure_changes(&current, &blocks), ["blockSize 1000 → 500"]);
    let report = check_revision(&current, &no_tier, 0, RevisionKind::StructureChange).unwrap();
    assert_eq!(report.removed.len(), 1);
    assert_eq!((report.removed[0].price.as_str(), report.removed[0].from), ("smsTiers.250000.price", d("0.04")));
    assert!(report.changes.is_empty());
}

#[test]
fn an_invalid_proposed_grid_is_refused() {
    let current = Grid::annex1();
    let mut proposed = current.clone();
    proposed.email_tiers.remove(0);
    assert!(matches!(
        check_revision(&current, &proposed, 0, RevisionKind::StructureChange),
        Err(RevisionError::InvalidGrid(_))
    ));
    // An unchanged grid is an (empty) ordinary revision.
    assert!(check_revision(&current, &current, 0, RevisionKind::Ordinary).unwrap().changes.is_empty());
}
