//! Why a usage, a grid or a rate table cannot be priced or read.

use crate::grid::Channel;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    /// Levels are 2 to 5 (Annex 1 has no level 1).
    #[error("unknown level {level}: a level is 2, 3, 4 or 5")]
    UnknownLevel { level: i64 },
    /// A valid level that this grid version does not offer.
    #[error("level {level} is not offered by this price grid")]
    LevelNotInGrid { level: u8 },
    /// A commitment must be one of the grid's tiers (0 = none), never an arbitrary volume.
    #[error("{channel} commitment {value} is not a tier of the grid (allowed: {allowed:?})")]
    UnknownCommitment { channel: Channel, value: i64, allowed: Vec<i64> },
    #[error("{field} cannot be negative")]
    Negative { field: &'static str },
    /// Malformed input (JSON), naming the field at fault.
    #[error("invalid input: {0}")]
    Input(String),
    /// A grid that cannot be used (tiers out of order, no tier 0, negative price...).
    #[error("invalid price grid: {0}")]
    InvalidGrid(String),
    /// An ECB rate table that cannot be used.
    #[error("invalid ECB rate table: {0}")]
    InvalidRates(String),
}
