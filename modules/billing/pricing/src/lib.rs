#![doc = include_str!("../README.md")]

mod cli;
mod error;
mod grid;
mod interest;
mod level;
mod money;
mod plan;
mod quote;
mod revision;
mod rules;
mod usage;
mod vat;

pub use cli::{parse_usage, quote_json};
pub use error::PricingError;
pub use grid::{Channel, Grid, LevelPrices, Tier};
pub use interest::{
    EcbRates, LATE_INTEREST_MARGIN_POINTS, LateInterest, RECOVERY_INDEMNITY, late_interest, months_started,
};
pub use level::Level;
pub use money::round_cents;
pub use plan::{PlanAdvice, cheapest_plan};
pub use quote::{LineCode, Quote, QuoteLine, quote};
pub use revision::{
    MAX_INCREASE_PERCENT, MAX_ORDINARY_REVISIONS_PER_YEAR, PriceChange, PriceIncrease, RemovedPrice, RevisionError,
    RevisionKind, RevisionReport, check_revision, price_label_fr, structure_changes,
};
pub use rules::{AmountRounding, BlockRounding, CommitmentRule, ContactCountRule, MinimumRule, UserCountRule};
pub use usage::Usage;
pub use vat::{FRENCH_STANDARD_VAT_RATE, Totals, with_vat};
