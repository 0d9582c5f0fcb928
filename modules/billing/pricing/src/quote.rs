//! Pricing one month's usage under a grid: the invoice lines, the minimum, the total.

use crate::error::PricingError;
use crate::grid::{Channel, Grid, LevelPrices, Tier};
use crate::money::{int_fr, round_cents, unit_price};
use crate::usage::Usage;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a line bills; stable codes for storage and documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LineCode {
    Contacts,
    Users,
    Email,
    Sms,
    Rnvp,
    Dedup,
    MinimumTopUp,
}

/// One invoice line. `amount` is `quantity × unit_price` rounded to the cent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteLine {
    pub code: LineCode,
    pub label_fr: String,
    /// What is billed: contacts, users, blocks of 1 000, messages (1 for the top-up).
    pub quantity: Decimal,
    pub unit_fr: String,
    pub unit_price: Decimal,
    pub amount: Decimal,
}

/// A priced month, excluding tax (see `with_vat` for the VAT).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
    /// The sum of the usage lines, before the minimum.
    pub subtotal: Decimal,
    /// The level's monthly minimum.
    pub minimum: Decimal,
    /// Whether a "Complément au minimum de facturation" line was added.
    pub minimum_applied: bool,
    /// `max(subtotal, minimum)`: what is invoiced excluding tax.
    pub total_excluding_tax: Decimal,
}

/// A line before its labels (what `cheapest_plan` sums without allocating strings).
pub(crate) struct RawLine {
    pub code: LineCode,
    pub quantity: i64,
    pub unit_price: Decimal,
    pub amount: Decimal,
}

fn raw(code: LineCode, quantity: i64, price: Decimal) -> RawLine {
    // Exact product (an i64 times a grid price fits a Decimal), then one rounding per line.
    RawLine { code, quantity, unit_price: price, amount: round_cents(Decimal::from(quantity) * price) }
}

/// The lines that depend on the level only: contacts, users, RNVP, deduplication.
pub(crate) fn level_lines(grid: &Grid, prices: &LevelPrices, usage: &Usage) -> [RawLine; 4] {
    let blocks = |n| grid.block_rounding.blocks(n, grid.block_size);
    [
        raw(LineCode::Contacts, usage.contacts, prices.per_contact),
        raw(LineCode::Users, usage.users, prices.per_user),
        raw(LineCode::Rnvp, blocks(usage.rnvp_addresses), prices.rnvp_per_block),
        raw(LineCode::Dedup, blocks(usage.dedup_addresses), prices.dedup_per_block),
    ]
}

/// The routing line of `channel` under `tier` (take or pay: at least the committed volume).
pub(crate) fn channel_line(grid: &Grid, channel: Channel, tier: &Tier, sent: i64) -> RawLine {
    let volume = grid.commitment_rule.billed_volume(sent, tier.commitment);
    match channel {
        Channel::Email => raw(LineCode::Email, grid.block_rounding.blocks(volume, grid.block_size), tier.price),
        Channel::Sms => raw(LineCode::Sms, volume, tier.price),
    }
}

/// The level's minimum as an amount.
pub(crate) fn minimum_of(prices: &LevelPrices) -> Decimal {
    round_cents(prices.monthly_minimum)
}

/// Prices one month. Lines with a zero quantity are left out, except contacts and users
/// which always appear; each line is rounded to the cent (half away from zero) and the
/// rounded lines are summed; below the level's minimum a top-up line brings the total to it.
pub fn quote(grid: &Grid, usage: &Usage) -> Result<Quote, PricingError> {
    let checked = usage.check(grid)?;
    let [contacts, users, rnvp, dedup] = level_lines(grid, checked.level, usage);
    let email = channel_line(grid, Channel::Email, checked.email_tier, usage.emails);
    let sms = channel_line(grid, Channel::Sms, checked.sms_tier, usage.sms);
    let block = format!("tranche de {}", int_fr(grid.block_size));
    let mut lines: Vec<QuoteLine> = [
        (contacts, format!("Contacts en base (niveau {})", usage.level), "contact".to_owned()),
        (users, "Utilisateurs".to_owned(), "utilisateur".to_owned()),
        (email, format!("Routage email ({})", commitment_fr(usage.email_commitment)), block.clone()),
        (sms, format!("Routage SMS ({})", commitment_fr(usage.sms_commitment)), "SMS".to_owned()),
        (rnvp, "RNVP".to_owned(), block.clone()),
        (dedup, "Déduplication postale".to_owned(), block),
    ]
    .into_iter()
    .filter(|(line, _, _)| line.quantity != 0 || matches!(line.code, LineCode::Contacts | LineCode::Users))
    .map(|(line, label_fr, unit_fr)| QuoteLine {
        code: line.code,
        label_fr,
        quantity: Decimal::from(line.quantity),
        unit_fr,
        unit_price: unit_price(line.unit_price),
        amount: line.amount,
    })
    .collect();
    let subtotal = round_cents(lines.iter().map(|l| l.amount).sum());
    let minimum = minimum_of(checked.level);
    let minimum_applied = subtotal < minimum;
    if minimum_applied {
        let top_up = minimum - subtotal;
        lines.push(QuoteLine {
            code: LineCode::MinimumTopUp,
            label_fr: "Complément au minimum de facturation".to_owned(),
            quantity: Decimal::ONE,
            unit_fr: "forfait".to_owned(),
            unit_price: top_up,
            amount: top_up,
        });
    }
    Ok(Quote { lines, subtotal, minimum, minimum_applied, total_excluding_tax: subtotal.max(minimum) })
}

fn commitment_fr(commitment: i64) -> String {
    if commitment == 0 { "sans engagement".to_owned() } else { format!("engagement {}", int_fr(commitment)) }
}
