//! One month's usage of a tenant, as billing sees it (already counted: see the count rules).

use crate::error::PricingError;
use crate::grid::{Channel, Grid, LevelPrices, Tier};
use crate::level::Level;
use serde::{Deserialize, Serialize};

/// What a month is priced on, with the tenant's level and commitments for that month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Usage {
    pub level: Level,
    /// The month's contact count (`ContactCountRule`: mean of the daily samples, rounded up).
    pub contacts: i64,
    /// The month's user count (`UserCountRule`: highest daily sample of active users).
    pub users: i64,
    /// Emails sent in the month.
    pub emails: i64,
    /// One of the grid's email tiers, 0 = no commitment.
    pub email_commitment: i64,
    /// SMS sent in the month.
    pub sms: i64,
    /// One of the grid's SMS tiers, 0 = no commitment.
    pub sms_commitment: i64,
    /// Addresses processed by RNVP.
    pub rnvp_addresses: i64,
    /// Addresses read by postal deduplication.
    pub dedup_addresses: i64,
}

/// A usage checked against a grid: what pricing needs, looked up once.
pub(crate) struct Checked<'a> {
    pub level: &'a LevelPrices,
    pub email_tier: &'a Tier,
    pub sms_tier: &'a Tier,
}

impl Usage {
    /// The counts under their JSON names, in a fixed order (the first negative one is named).
    fn counts(&self) -> [(&'static str, i64); 8] {
        [
            ("contacts", self.contacts),
            ("users", self.users),
            ("emails", self.emails),
            ("emailCommitment", self.email_commitment),
            ("sms", self.sms),
            ("smsCommitment", self.sms_commitment),
            ("rnvpAddresses", self.rnvp_addresses),
            ("dedupAddresses", self.dedup_addresses),
        ]
    }

    pub(crate) fn check<'a>(&self, grid: &'a Grid) -> Result<Checked<'a>, PricingError> {
        if let Some((field, _)) = self.counts().into_iter().find(|&(_, n)| n < 0) {
            return Err(PricingError::Negative { field });
        }
        let level = grid.level(self.level).ok_or(PricingError::LevelNotInGrid { level: self.level.number() })?;
        Ok(Checked {
            level,
            email_tier: grid.tier(Channel::Email, self.email_commitment)?,
            sms_tier: grid.tier(Channel::Sms, self.sms_commitment)?,
        })
    }
}
