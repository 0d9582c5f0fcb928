//! The rules Annex 1 leaves open, as data carried by each grid version. Each enum has one
//! variant today: the choice is written in the grid (and so in every stored version), and a
//! grid naming a rule this code does not implement fails to load instead of being
//! mispriced. Changing a rule is a change of tariff structure (see `revision`).

use crate::error::PricingError;
use crate::money::int_fr;
use serde::{Deserialize, Serialize};

/// How a partial block ("par tranche de 1 000") is charged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BlockRounding {
    /// Each started block is charged in full: 1 001 addresses = 2 blocks (the literal
    /// reading of "par tranche de 1 000").
    #[default]
    EachStartedBlock,
}

impl BlockRounding {
    /// How many blocks of `size` a count makes.
    pub fn blocks(self, count: i64, size: i64) -> i64 {
        match self {
            // Written without `count + size - 1` so that it cannot overflow.
            BlockRounding::EachStartedBlock => count / size + i64::from(count % size != 0),
        }
    }

    pub fn description_fr(self, size: i64) -> String {
        let size = int_fr(size);
        match self {
            BlockRounding::EachStartedBlock => format!(
                "Toute tranche de {size} commencée est facturée en entier : {} adresses ou emails font 2 tranches.",
                int_fr(1001)
            ),
        }
    }
}

/// What an email or SMS commitment tier means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CommitmentRule {
    /// Take or pay: the committed volume is billed at the tier's price even when less is
    /// sent; the volume beyond it is billed at the same tier price.
    #[default]
    TakeOrPay,
}

impl CommitmentRule {
    /// The volume billed for `sent` under a commitment of `committed`.
    pub fn billed_volume(self, sent: i64, committed: i64) -> i64 {
        match self {
            CommitmentRule::TakeOrPay => sent.max(committed),
        }
    }

    pub fn description_fr(self) -> String {
        match self {
            CommitmentRule::TakeOrPay => "Engagement ferme : le volume engagé (email ou SMS) est facturé au prix de son palier même s'il n'est pas atteint ; le volume envoyé au-delà est facturé au même prix unitaire.".to_owned(),
        }
    }
}

/// How the month's contact count is taken from the daily samples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContactCountRule {
    /// The mean of the daily samples, rounded up to a whole contact.
    #[default]
    MeanOfDailySamplesRoundedUp,
}

impl ContactCountRule {
    /// The month's count; 0 when nothing was sampled.
    pub fn count(self, daily_samples: &[i64]) -> Result<i64, PricingError> {
        if daily_samples.iter().any(|&s| s < 0) {
            return Err(PricingError::Negative { field: "contacts" });
        }
        if daily_samples.is_empty() {
            return Ok(0);
        }
        match self {
            ContactCountRule::MeanOfDailySamplesRoundedUp => {
                // i128: a month of samples near i64::MAX cannot overflow the sum.
                let sum: i128 = daily_samples.iter().map(|&s| i128::from(s)).sum();
                let n = daily_samples.len() as i128;
                let mean = sum / n + i128::from(sum % n != 0);
                // The mean of i64 values fits an i64.
                Ok(mean as i64)
            }
        }
    }

    pub fn description_fr(self) -> String {
        match self {
            ContactCountRule::MeanOfDailySamplesRoundedUp => "Le nombre de contacts en base du mois est la moyenne des relevés quotidiens, arrondie au contact supérieur.".to_owned(),
        }
    }
}

/// How the month's user count is taken from the daily samples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UserCountRule {
    /// The highest daily sample of active users.
    #[default]
    MaxOfDailySamples,
}

impl UserCountRule {
    /// The month's count; 0 when nothing was sampled.
    pub fn count(self, daily_samples: &[i64]) -> Result<i64, PricingError> {
        if daily_samples.iter().any(|&s| s < 0) {
            return Err(PricingError::Negative { field: "users" });
        }
        match self {
            UserCountRule::MaxOfDailySamples => Ok(daily_samples.iter().copied().max().unwrap_or(0)),
        }
    }

    pub fn description_fr(self) -> String {
        match self {
            UserCountRule::MaxOfDailySamples => {
                "Le nombre d'utilisateurs du mois est le plus élevé des relevés quotidiens d'utilisateurs actifs."
                    .to_owned()
            }
        }
    }
}

/// How the level's monthly minimum applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MinimumRule {
    /// The minimum applies to the month's total excluding tax of all lines; below it, a
    /// top-up line "Complément au minimum de facturation" brings the total to the minimum.
    #[default]
    TopUpOnTotalExcludingTax,
}

impl MinimumRule {
    pub fn description_fr(self) -> String {
        match self {
            MinimumRule::TopUpOnTotalExcludingTax => "Le minimum de facturation mensuelle du niveau s'applique au total hors taxes de toutes les lignes du mois ; s'il n'est pas atteint, une ligne « Complément au minimum de facturation » porte le total au minimum.".to_owned(),
        }
    }
}

/// How amounts are rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AmountRounding {
    /// Each line's amount (quantity × unit price) is rounded to the cent, half away from
    /// zero, then the lines are summed; VAT is computed once, on the total, and rounded the
    /// same way.
    #[default]
    EachLineToTheCentHalfAwayFromZero,
}

impl AmountRounding {
    pub fn description_fr(self) -> String {
        match self {
            AmountRounding::EachLineToTheCentHalfAwayFromZero => "Le montant de chaque ligne (quantité × prix unitaire) est arrondi au centime le plus proche, un demi-centime étant arrondi au centime supérieur (0,005 € → 0,01 €), puis les lignes sont additionnées ; la TVA est calculée une seule fois, sur le total hors taxes, et arrondie de la même façon.".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn started_blocks_are_charged() {
        let r = BlockRounding::EachStartedBlock;
        assert_eq!(r.blocks(0, 1000), 0);
        assert_eq!(r.blocks(1, 1000), 1);
        assert_eq!(r.blocks(1000, 1000), 1);
        assert_eq!(r.blocks(1001, 1000), 2);
        assert_eq!(r.blocks(i64::MAX, 1000), i64::MAX / 1000 + 1);
    }

    #[test]
    fn take_or_pay() {
        let r = CommitmentRule::TakeOrPay;
        assert_eq!(r.billed_volume(30_000, 50_000), 50_000);
        assert_eq!(r.billed_volume(60_000, 50_000), 60_000);
        assert_eq!(r.billed_volume(0, 0), 0);
    }

    #[test]
    fn contacts_are_the_mean_rounded_up_users_the_highest_sample() {
        let c = ContactCountRule::MeanOfDailySamplesRoundedUp;
        assert_eq!(c.count(&[100, 101]), Ok(101)); // 100.5 → 101
        assert_eq!(c.count(&[100, 100, 100]), Ok(100));
        assert_eq!(c.count(&[1, 0, 0]), Ok(1)); // 0.33 → 1
        assert_eq!(c.count(&[]), Ok(0));
        assert_eq!(c.count(&[i64::MAX, i64::MAX]), Ok(i64::MAX));
        assert_eq!(c.count(&[5, -1]), Err(PricingError::Negative { field: "contacts" }));
        let u = UserCountRule::MaxOfDailySamples;
        assert_eq!(u.count(&[3, 7, 5]), Ok(7));
        assert_eq!(u.count(&[]), Ok(0));
        assert_eq!(u.count(&[-2]), Err(PricingError::Negative { field: "users" }));
    }
}
