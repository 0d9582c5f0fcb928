//! Usage as billing reads it: the daily samples of contacts and active users, and the units
//! metered by the work itself (emails, SMS, RNVP addresses, dedup addresses read), per day
//! and per month.

use crate::error::BillingResult;
use chrono::NaiveDate;
use crm360_kernel::model::usage_event::{self, UsageKind};
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Takes the day's samples of contacts and active users, once a day (the key is the day).
pub async fn sample_day(scope: &TenantScope, day: NaiveDate) -> BillingResult<()> {
    let contacts = crm360_contacts::service::contacts::count_all(scope)
        .await
        .map_err(|err| crate::error::BillingError::Document(format!("counting contacts: {err}")))?;
    let users = crm360_identity::service::users::count_active_users(scope).await?;
    let txn = scope.begin().await?;
    txn.meter(UsageKind::ContactsSampled, contacts as i64, format!("contacts:{day}")).await?;
    txn.meter(UsageKind::ActiveUsersSampled, users as i64, format!("users:{day}")).await?;
    txn.commit().await?;
    Ok(())
}

/// One day's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayUsage {
    pub day: Option<NaiveDate>,
    pub contacts: Option<i64>,
    pub users: Option<i64>,
    pub emails: i64,
    pub sms: i64,
    pub rnvp_addresses: i64,
    pub dedup_addresses: i64,
}

/// Every day from `from` to `to` (inclusive) that has a figure, in order.
pub async fn daily(txn: &TenantTxn, from: NaiveDate, to: NaiveDate) -> BillingResult<Vec<DayUsage>> {
    let rows: Vec<(Option<NaiveDate>, UsageKind, i64)> = txn
        .find::<usage_event::Entity>()
        .select_only()
        .column(usage_event::Column::Day)
        .column(usage_event::Column::Kind)
        .column(usage_event::Column::Quantity)
        .filter(usage_event::Column::Day.gte(from))
        .filter(usage_event::Column::Day.lte(to))
        .order_by_asc(usage_event::Column::Day)
        .into_tuple()
        .all(txn)
        .await?;
    let mut days: BTreeMap<NaiveDate, DayUsage> = BTreeMap::new();
    for (day, kind, quantity) in rows {
        let Some(day) = day else { continue };
        let entry = days.entry(day).or_insert_with(|| DayUsage { day: Some(day), ..DayUsage::default() });
        match kind {
            UsageKind::EmailSent => entry.emails += quantity,
            UsageKind::SmsSent => entry.sms += quantity,
            UsageKind::RnvpAddress => entry.rnvp_addresses += quantity,
            UsageKind::DedupAddressRead => entry.dedup_addresses += quantity,
            // One sample a day (the key); the first one kept.
            UsageKind::ContactsSampled => entry.contacts = Some(entry.contacts.unwrap_or(0).max(quantity)),
            UsageKind::ActiveUsersSampled => entry.users = Some(entry.users.unwrap_or(0).max(quantity)),
        }
    }
    Ok(days.into_values().collect())
}

/// A month's usage as billed: consumed units add up; the contact count is the mean of the
/// days sampled, rounded up, and the user count the highest sample (the grid's rules).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthUsage {
    pub contacts: i64,
    pub users: i64,
    pub emails: i64,
    pub sms: i64,
    pub rnvp_addresses: i64,
    pub dedup_addresses: i64,
    /// How many days had a sample (a month with none bills no contact: say so on screen).
    pub days_sampled: i64,
}

impl MonthUsage {
    /// The month from its days, the counts taken from the samples by the grid's rules.
    pub fn of(days: &[DayUsage], grid: &crm360_pricing::Grid) -> BillingResult<MonthUsage> {
        let contact_samples: Vec<i64> = days.iter().filter_map(|d| d.contacts).collect();
        let user_samples: Vec<i64> = days.iter().filter_map(|d| d.users).collect();
        let sampled = contact_samples.len() as i64;
        Ok(MonthUsage {
            contacts: grid.contact_count_rule.count(&contact_samples)?,
            users: grid.user_count_rule.count(&user_samples)?,
            emails: days.iter().map(|d| d.emails).sum(),
            sms: days.iter().map(|d| d.sms).sum(),
            rnvp_addresses: days.iter().map(|d| d.rnvp_addresses).sum(),
            dedup_addresses: days.iter().map(|d| d.dedup_addresses).sum(),
            days_sampled: sampled,
        })
    }

    /// The record the grid prices, under `plan`.
    pub fn priced_under(&self, plan: &super::plans::Plan) -> crm360_pricing::Usage {
        crm360_pricing::Usage {
            contacts: self.contacts,
            users: self.users,
            emails: self.emails,
            sms: self.sms,
            rnvp_addresses: self.rnvp_addresses,
            dedup_addresses: self.dedup_addresses,
            ..plan.usage()
        }
    }
}

/// The usage of the month that starts on `start`, counted by `grid`'s rules.
pub async fn month(txn: &TenantTxn, start: NaiveDate, grid: &crm360_pricing::Grid) -> BillingResult<MonthUsage> {
    MonthUsage::of(&daily(txn, start, super::month_end(start)).await?, grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_the_mean_rounded_up_and_users_the_highest_sample() {
        let day = |contacts, users, emails| DayUsage {
            contacts: Some(contacts),
            users: Some(users),
            emails,
            ..DayUsage::default()
        };
        let grid = crm360_pricing::Grid::annex1();
        let month = MonthUsage::of(&[day(100, 3, 10), day(101, 5, 20), day(101, 4, 0)], &grid).unwrap();
        // (100 + 101 + 101) / 3 = 100.67 -> 101.
        assert_eq!(month.contacts, 101);
        assert_eq!(month.users, 5);
        assert_eq!(month.emails, 30);
        assert_eq!(month.days_sampled, 3);
        assert_eq!(MonthUsage::of(&[], &grid).unwrap().contacts, 0);
    }
}
