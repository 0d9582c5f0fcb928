//! The four price levels of Annex 1 (there is no level 1).

use crate::error::PricingError;
use serde::{Deserialize, Serialize};

/// A price level; serialised as its number (2 to 5), as the contract names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub enum Level {
    L2,
    L3,
    L4,
    L5,
}

impl Level {
    /// Every level, lowest first (the order ties are broken in).
    pub const ALL: [Level; 4] = [Level::L2, Level::L3, Level::L4, Level::L5];

    pub fn from_number(number: u8) -> Result<Level, PricingError> {
        Level::try_from(i64::from(number))
    }

    pub fn number(self) -> u8 {
        match self {
            Level::L2 => 2,
            Level::L3 => 3,
            Level::L4 => 4,
            Level::L5 => 5,
        }
    }
}

impl TryFrom<i64> for Level {
    type Error = PricingError;

    fn try_from(level: i64) -> Result<Level, PricingError> {
        match level {
            2 => Ok(Level::L2),
            3 => Ok(Level::L3),
            4 => Ok(Level::L4),
            5 => Ok(Level::L5),
            _ => Err(PricingError::UnknownLevel { level }),
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.number()
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_others_are_refused() {
        for level in Level::ALL {
            assert_eq!(Level::from_number(level.number()), Ok(level));
            assert_eq!(serde_json::to_string(&level).unwrap(), level.number().to_string());
        }
        assert_eq!(Level::from_number(1), Err(PricingError::UnknownLevel { level: 1 }));
        assert_eq!(Level::from_number(6), Err(PricingError::UnknownLevel { level: 6 }));
        assert!(serde_json::from_str::<Level>("-3").is_err());
        assert_eq!(serde_json::from_str::<Level>("4").unwrap(), Level::L4);
    }
}
