//! Hindsight advice: which single level and commitments would have cost least.

use crate::error::PricingError;
use crate::grid::{Channel, Grid};
use crate::level::Level;
use crate::money::round_cents;
use crate::quote::{channel_line, level_lines, minimum_of, quote};
use crate::usage::Usage;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The cheapest single plan over some months, against what was actually billed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanAdvice {
    pub months: usize,
    /// The months priced under the level and commitments each actually had.
    pub actual_total: Decimal,
    pub best_level: Level,
    pub best_email_commitment: i64,
    pub best_sms_commitment: i64,
    /// The same months priced under the best single plan.
    pub best_total: Decimal,
    /// `actual_total - best_total`; negative only when month-by-month choices beat every
    /// single plan.
    pub saving: Decimal,
}

/// Prices `months` under every level of the grid × every email tier × every SMS tier and
/// returns the cheapest combination in total excluding tax (minimum included, month by
/// month). Ties go to the lower level, then the lower email commitment, then the lower SMS
/// commitment. The parts are priced once each (level, email tier, SMS tier) and only the
/// minimum is applied per combination, so the cost is a few thousand additions.
pub fn cheapest_plan(grid: &Grid, months: &[Usage]) -> Result<PlanAdvice, PricingError> {
    let mut actual_total = Decimal::ZERO;
    for month in months {
        actual_total += quote(grid, month)?.total_excluding_tax;
    }
    // Per level: per month (subtotal of the level lines, minimum).
    let by_level: Vec<(Level, Vec<(Decimal, Decimal)>)> = grid
        .levels
        .iter()
        .map(|prices| {
            let per_month = months
                .iter()
                .map(|m| (level_lines(grid, prices, m).iter().map(|l| l.amount).sum(), minimum_of(prices)))
                .collect();
            (prices.level, per_month)
        })
        .collect();
    let channel = |channel: Channel| -> Vec<(i64, Vec<Decimal>)> {
        grid.tiers(channel)
            .iter()
            .map(|tier| {
                let sent = |m: &Usage| if channel == Channel::Email { m.emails } else { m.sms };
                (tier.commitment, months.iter().map(|m| channel_line(grid, channel, tier, sent(m)).amount).collect())
            })
            .collect()
    };
    let (email, sms) = (channel(Channel::Email), channel(Channel::Sms));

    let mut best: Option<(Decimal, Level, i64, i64)> = None;
    // Ascending loops and a strict `<` keep the first (lowest) combination on a tie.
    for (level, level_months) in &by_level {
        for (email_commitment, email_months) in &email {
            for (sms_commitment, sms_months) in &sms {
                let total: Decimal = (0..months.len())
                    .map(|i| {
                        let (base, minimum) = level_months[i];
                        (base + email_months[i] + sms_months[i]).max(minimum)
                    })
                    .sum();
                if best.as_ref().is_none_or(|(b, ..)| total < *b) {
                    best = Some((total, *level, *email_commitment, *sms_commitment));
                }
            }
        }
    }
    // A validated grid has a level and a tier 0 on each channel, so `best` is set.
    let (best_total, best_level, best_email_commitment, best_sms_commitment) =
        best.ok_or_else(|| PricingError::InvalidGrid("the grid offers no plan".to_owned()))?;
    Ok(PlanAdvice {
        months: months.len(),
        actual_total: round_cents(actual_total),
        best_level,
        best_email_commitment,
        best_sms_commitment,
        best_total: round_cents(best_total),
        saving: round_cents(actual_total - best_total),
    })
}
