//! Article 10's limits on revising the grid: at most two revisions a year and at most
//! +15 % per revision, except new products and changes of tariff structure.

use crate::grid::Grid;
use crate::money::{decimal_fr, int_fr};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Ordinary revisions allowed per calendar year (article 10: "deux (2) révisions par an").
pub const MAX_ORDINARY_REVISIONS_PER_YEAR: u32 = 2;

/// The largest rise of one price in one ordinary revision, in percent (exactly 15 % is allowed).
pub const MAX_INCREASE_PERCENT: Decimal = Decimal::from_parts(15, 0, 0, false, 0);

/// What the operator says a revision is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RevisionKind {
    /// Prices change, the structure does not: both limits apply.
    Ordinary,
    /// The tariff structure changes (tiers, levels, rules): exempt from both limits and not
    /// counted among the ordinary revisions of the year.
    StructureChange,
}

/// One price that a revision sets or changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceChange {
    /// A stable path mirroring the grid's JSON: `levels.3.perContact`, `emailTiers.0.price`.
    pub price: String,
    /// None for a new product (a price the current grid does not have).
    pub from: Option<Decimal>,
    pub to: Decimal,
    /// `(to - from) / from × 100`, exact in Decimal; None for a new price or a rise from 0.
    pub percent: Option<Decimal>,
    /// A new product, outside the limits of article 10.
    pub is_new: bool,
}

impl PriceChange {
    /// A French sentence for the announcement to tenants.
    pub fn describe_fr(&self) -> String {
        let label = price_label_fr(&self.price);
        match (self.from, self.percent) {
            (None, _) => format!("{label} : {} € (nouveau produit)", decimal_fr(self.to.normalize())),
            (Some(from), percent) => {
                let pct = match percent {
                    Some(p) => {
                        let shown = p.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize();
                        let sign = if shown.is_sign_positive() && !shown.is_zero() { "+" } else { "" };
                        format!("{sign}{} %", decimal_fr(shown))
                    }
                    None => "hausse depuis 0".to_owned(),
                };
                format!("{label} : {} € → {} € ({pct})", decimal_fr(from.normalize()), decimal_fr(self.to.normalize()))
            }
        }
    }
}

/// A price the proposed grid no longer has (only in a structure change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemovedPrice {
    pub price: String,
    pub from: Decimal,
}

/// What an accepted revision changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionReport {
    pub kind: RevisionKind,
    /// Every price set or changed, in grid order (unchanged prices are left out).
    pub changes: Vec<PriceChange>,
    /// Prices removed (a structure change only).
    pub removed: Vec<RemovedPrice>,
    /// What changes in the structure, in English (empty for an ordinary revision).
    pub structure_changes: Vec<String>,
}

/// A price raised beyond the limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceIncrease {
    pub price: String,
    pub from: Decimal,
    pub to: Decimal,
    /// None for a rise from 0 (an unbounded increase).
    pub percent: Option<Decimal>,
}

/// Why a revision is refused; the grid stays as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RevisionError {
    /// `year_count` ordinary revisions were already made this calendar year.
    #[error(
        "{year_count} ordinary revisions of the price grid were already made this calendar year; article 10 allows {MAX_ORDINARY_REVISIONS_PER_YEAR}"
    )]
    TooManyThisYear { year_count: u32 },
    /// Every price raised by more than 15 %.
    #[error("a revision may raise each price by at most 15 %: {}", list_increases(.increases))]
    IncreaseTooLarge { increases: Vec<PriceIncrease> },
    /// Tiers, levels or rules change but the revision was not flagged as a structure change
    /// (`structure_changes` says what changes).
    #[error(
        "the revision changes the tariff structure (tiers, levels or rules): it must be flagged as a structure change"
    )]
    StructureChangeNotFlagged,
    #[error("invalid proposed grid: {0}")]
    InvalidGrid(String),
}

fn list_increases(increases: &[PriceIncrease]) -> String {
    increases
        .iter()
        .map(|i| match i.percent {
            Some(p) => format!("{} {} → {} (+{} %)", i.price, i.from, i.to, p.round_dp(2).normalize()),
            None => format!("{} {} → {}", i.price, i.from, i.to),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a proposed grid against the current one.
///
/// - `StructureChange` (the operator's flag): no limit applies; the report lists changes.
/// - `Ordinary`: refused when `ordinary_revisions_this_year` is already 2 (this would be
///   the third in the calendar year), when the structure changes, or when any price that
///   exists in both grids rises by more than 15 % (all such prices are listed). Exactly
///   +15 % is allowed; decreases are free; a price the current grid lacks (a level it did
///   not offer: a new product) is exempt and reported with `is_new`.
pub fn check_revision(
    current: &Grid,
    proposed: &Grid,
    ordinary_revisions_this_year: u32,
    kind: RevisionKind,
) -> Result<RevisionReport, RevisionError> {
    proposed.validate().map_err(|err| RevisionError::InvalidGrid(err.to_string()))?;
    let structure = structure_changes(current, proposed);
    if kind == RevisionKind::Ordinary {
        if ordinary_revisions_this_year >= MAX_ORDINARY_REVISIONS_PER_YEAR {
            return Err(RevisionError::TooManyThisYear { year_count: ordinary_revisions_this_year });
        }
        if !structure.is_empty() {
            return Err(RevisionError::StructureChangeNotFlagged);
        }
    }
    let before: BTreeMap<String, Decimal> = current.price_points().into_iter().collect();
    let after = proposed.price_points();
    let mut changes = Vec::new();
    let mut too_large = Vec::new();
    for (price, to) in &after {
        match before.get(price) {
            None => {
                changes.push(PriceChange { price: price.clone(), from: None, to: *to, percent: None, is_new: true })
            }
            Some(from) if from == to => {}
            Some(&from) => {
                let percent = (!from.is_zero()).then(|| ((*to - from) * Decimal::ONE_HUNDRED / from).normalize());
                // Compared without division, so exactly +15 % is exactly allowed.
                if kind == RevisionKind::Ordinary && (*to - from) * Decimal::ONE_HUNDRED > from * MAX_INCREASE_PERCENT {
                    too_large.push(PriceIncrease { price: price.clone(), from, to: *to, percent });
                }
                changes.push(PriceChange { price: price.clone(), from: Some(from), to: *to, percent, is_new: false });
            }
        }
    }
    if !too_large.is_empty() {
        return Err(RevisionError::IncreaseTooLarge { increases: too_large });
    }
    let kept: std::collections::BTreeSet<&String> = after.iter().map(|(p, _)| p).collect();
    let removed = current
        .price_points()
        .into_iter()
        .filter(|(p, _)| !kept.contains(p))
        .map(|(price, from)| RemovedPrice { price, from })
        .collect();
    Ok(RevisionReport { kind, changes, removed, structure_changes: structure })
}

/// How the structure differs: block size, email or SMS tier set, a level removed, a rule.
/// A level added is not a structure change but a new product.
pub fn structure_changes(current: &Grid, proposed: &Grid) -> Vec<String> {
    let mut out = Vec::new();
    if current.block_size != proposed.block_size {
        out.push(format!("blockSize {} → {}", current.block_size, proposed.block_size));
    }
    let tiers = |g: &Grid, email: bool| -> Vec<i64> {
        let tiers = if email { &g.email_tiers } else { &g.sms_tiers };
        tiers.iter().map(|t| t.commitment).collect()
    };
    for (name, email) in [("emailTiers", true), ("smsTiers", false)] {
        let (a, b) = (tiers(current, email), tiers(proposed, email));
        if a != b {
            out.push(format!("{name} {a:?} → {b:?}"));
        }
    }
    for l in &current.levels {
        if proposed.level(l.level).is_none() {
            out.push(format!("level {} removed", l.level));
        }
    }
    let rules = |g: &Grid| {
        [
            ("blockRounding", format!("{:?}", g.block_rounding)),
            ("commitmentRule", format!("{:?}", g.commitment_rule)),
            ("contactCountRule", format!("{:?}", g.contact_count_rule)),
            ("userCountRule", format!("{:?}", g.user_count_rule)),
            ("minimumRule", format!("{:?}", g.minimum_rule)),
            ("amountRounding", format!("{:?}", g.amount_rounding)),
        ]
    };
    for ((name, a), (_, b)) in rules(current).into_iter().zip(rules(proposed)) {
        if a != b {
            out.push(format!("{name} {a} → {b}"));
        }
    }
    out
}

/// The French name of a price path, for announcements.
pub fn price_label_fr(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["levels", n, field] => {
            let what = match *field {
                "perContact" => "prix mensuel par contact en base",
                "perUser" => "prix mensuel par utilisateur",
                "monthlyMinimum" => "minimum de facturation mensuelle",
                "rnvpPerBlock" => "traitement RNVP par tranche d'adresses",
                "dedupPerBlock" => "déduplication postale par tranche d'adresses lues",
                other => other,
            };
            format!("Niveau {n}, {what}")
        }
        [tiers @ ("emailTiers" | "smsTiers"), c, _] => {
            let channel =
                if *tiers == "emailTiers" { "Routage email, prix par tranche" } else { "Routage SMS, prix par SMS" };
            match c.parse::<i64>() {
                Ok(0) => format!("{channel}, sans engagement"),
                Ok(c) => format!("{channel}, engagement {}", int_fr(c)),
                Err(_) => path.to_owned(),
            }
        }
        _ => path.to_owned(),
    }
}
