//! The price grid as data: one version of Annex 1 (prices, tiers and the open rules).

use crate::error::PricingError;
use crate::level::Level;
use crate::rules::{AmountRounding, BlockRounding, CommitmentRule, ContactCountRule, MinimumRule, UserCountRule};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Annex 1 of the contract, the first grid version (embedded: nothing is read at run time).
const ANNEX1_JSON: &str = include_str!("../grids/annex1.json");

static ANNEX1: LazyLock<Grid> =
    LazyLock::new(|| Grid::from_json(ANNEX1_JSON).expect("grids/annex1.json is a valid grid (tested)"));

/// The two routed channels priced by commitment tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    Email,
    Sms,
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Channel::Email => "email",
            Channel::Sms => "SMS",
        })
    }
}

/// One level's column of Annex 1. RNVP and deduplication are in the level columns of the
/// contract's table (the same price in each today), so they are per level here too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelPrices {
    pub level: Level,
    /// Per contact in the database, per month.
    pub per_contact: Decimal,
    /// Per user, per month.
    pub per_user: Decimal,
    /// The monthly minimum, excluding tax.
    pub monthly_minimum: Decimal,
    /// Per block of addresses processed by RNVP.
    pub rnvp_per_block: Decimal,
    /// Per block of addresses read by postal deduplication.
    pub dedup_per_block: Decimal,
}

/// A commitment tier: a monthly volume the tenant commits to (0 = no commitment) and its
/// price (email: per block; SMS: per message).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tier {
    pub commitment: i64,
    pub price: Decimal,
}

/// One version of the whole price grid. Deserialising validates it (levels unique, tiers
/// ascending from 0, prices not negative), so a stored or proposed grid that loads can be
/// priced. Money is serialised as strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "GridData")]
pub struct Grid {
    /// The size of a block ("tranche") for email, RNVP and deduplication: 1 000.
    pub block_size: i64,
    /// Lowest level first.
    pub levels: Vec<LevelPrices>,
    /// Email routing price per block, by commitment; ascending, the first one 0.
    pub email_tiers: Vec<Tier>,
    /// SMS price per message, by commitment; ascending, the first one 0.
    pub sms_tiers: Vec<Tier>,
    pub block_rounding: BlockRounding,
    pub commitment_rule: CommitmentRule,
    pub contact_count_rule: ContactCountRule,
    pub user_count_rule: UserCountRule,
    pub minimum_rule: MinimumRule,
    pub amount_rounding: AmountRounding,
}

/// The wire form, checked before it becomes a `Grid`. The rules default to today's choices
/// so that an operator's proposed grid may leave them out.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GridData {
    block_size: i64,
    levels: Vec<LevelPrices>,
    email_tiers: Vec<Tier>,
    sms_tiers: Vec<Tier>,
    #[serde(default)]
    block_rounding: BlockRounding,
    #[serde(default)]
    commitment_rule: CommitmentRule,
    #[serde(default)]
    contact_count_rule: ContactCountRule,
    #[serde(default)]
    user_count_rule: UserCountRule,
    #[serde(default)]
    minimum_rule: MinimumRule,
    #[serde(default)]
    amount_rounding: AmountRounding,
}

impl TryFrom<GridData> for Grid {
    type Error = PricingError;

    fn try_from(d: GridData) -> Result<Grid, PricingError> {
        let mut grid = Grid {
            block_size: d.block_size,
            levels: d.levels,
            email_tiers: d.email_tiers,
            sms_tiers: d.sms_tiers,
            block_rounding: d.block_rounding,
            commitment_rule: d.commitment_rule,
            contact_count_rule: d.contact_count_rule,
            user_count_rule: d.user_count_rule,
            minimum_rule: d.minimum_rule,
            amount_rounding: d.amount_rounding,
        };
        // Canonical order, so that comparing and storing versions is stable.
        grid.levels.sort_by_key(|l| l.level);
        grid.email_tiers.sort_by_key(|t| t.commitment);
        grid.sms_tiers.sort_by_key(|t| t.commitment);
        grid.validate()?;
        Ok(grid)
    }
}

impl Grid {
    /// Annex 1 of the contract (version 1 of the grid).
    pub fn annex1() -> Grid {
        ANNEX1.clone()
    }

    /// A grid from its JSON (the format of `grids/annex1.json`), validated.
    pub fn from_json(json: &str) -> Result<Grid, PricingError> {
        serde_json::from_str(json).map_err(|err| PricingError::InvalidGrid(err.to_string()))
    }

    /// Checks what pricing relies on; a grid built in code should pass it too.
    pub fn validate(&self) -> Result<(), PricingError> {
        let bad = |why: String| Err(PricingError::InvalidGrid(why));
        if self.block_size <= 0 {
            return bad(format!("blockSize must be positive, not {}", self.block_size));
        }
        if self.levels.is_empty() {
            return bad("the grid offers no level".to_owned());
        }
        if self.levels.windows(2).any(|w| w[0].level >= w[1].level) {
            return bad("levels must be unique, lowest first".to_owned());
        }
        for l in &self.levels {
            let n = l.level.number();
            for (name, price) in [
                ("perContact", l.per_contact),
                ("perUser", l.per_user),
                ("monthlyMinimum", l.monthly_minimum),
                ("rnvpPerBlock", l.rnvp_per_block),
                ("dedupPerBlock", l.dedup_per_block),
            ] {
                if price.is_sign_negative() && !price.is_zero() {
                    return bad(format!("levels.{n}.{name} is negative"));
                }
            }
        }
        for (name, tiers) in [("emailTiers", &self.email_tiers), ("smsTiers", &self.sms_tiers)] {
            if tiers.first().map(|t| t.commitment) != Some(0) {
                return bad(format!("{name} must start with commitment 0 (no commitment)"));
            }
            if tiers.windows(2).any(|w| w[0].commitment >= w[1].commitment) {
                return bad(format!("{name} commitments must be unique and ascending"));
            }
            if let Some(t) = tiers.iter().find(|t| t.price.is_sign_negative() && !t.price.is_zero()) {
                return bad(format!("{name}.{}.price is negative", t.commitment));
            }
        }
        Ok(())
    }

    /// The prices of `level`, if this grid offers it.
    pub fn level(&self, level: Level) -> Option<&LevelPrices> {
        self.levels.iter().find(|l| l.level == level)
    }

    pub fn tiers(&self, channel: Channel) -> &[Tier] {
        match channel {
            Channel::Email => &self.email_tiers,
            Channel::Sms => &self.sms_tiers,
        }
    }

    /// The tier of `commitment` on `channel`, or the error naming the allowed ones.
    pub fn tier(&self, channel: Channel, commitment: i64) -> Result<&Tier, PricingError> {
        let tiers = self.tiers(channel);
        tiers.iter().find(|t| t.commitment == commitment).ok_or_else(|| PricingError::UnknownCommitment {
            channel,
            value: commitment,
            allowed: tiers.iter().map(|t| t.commitment).collect(),
        })
    }

    /// Every price of the grid under a stable path that mirrors the JSON
    /// (`levels.3.perContact`, `emailTiers.500000.price`, `smsTiers.0.price`), in grid order.
    pub fn price_points(&self) -> Vec<(String, Decimal)> {
        let mut points = Vec::with_capacity(self.levels.len() * 5 + self.email_tiers.len() + self.sms_tiers.len());
        for l in &self.levels {
            let n = l.level.number();
            points.push((format!("levels.{n}.perContact"), l.per_contact));
            points.push((format!("levels.{n}.perUser"), l.per_user));
            points.push((format!("levels.{n}.monthlyMinimum"), l.monthly_minimum));
            points.push((format!("levels.{n}.rnvpPerBlock"), l.rnvp_per_block));
            points.push((format!("levels.{n}.dedupPerBlock"), l.dedup_per_block));
        }
        for t in &self.email_tiers {
            points.push((format!("emailTiers.{}.price", t.commitment), t.price));
        }
        for t in &self.sms_tiers {
            points.push((format!("smsTiers.{}.price", t.commitment), t.price));
        }
        points
    }

    /// The open rules this grid applies, one French sentence each (for documents and
    /// screens), in a fixed order: blocks, commitments, contacts, users, minimum, rounding.
    pub fn rules_fr(&self) -> Vec<String> {
        vec![
            self.block_rounding.description_fr(self.block_size),
            self.commitment_rule.description_fr(),
            self.contact_count_rule.description_fr(),
            self.user_count_rule.description_fr(),
            self.minimum_rule.description_fr(),
            self.amount_rounding.description_fr(),
        ]
    }
}
