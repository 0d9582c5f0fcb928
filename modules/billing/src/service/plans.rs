//! A tenant's level and commitments: level 2 without commitment unless operator staff
//! recorded another choice at the tenant's request; a change applies from the first day
//! of the month after the request (article 10); every choice stays in the history.

use super::{grids, month_start, next_month_start};
use crate::error::{BillingError, BillingResult};
use crate::model::plan;
use chrono::NaiveDate;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{TenantScope, TenantTxn};
use crm360_pricing::{Level, Usage};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// The plan a month is billed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub level: u8,
    pub email_commitment: i64,
    pub sms_commitment: i64,
    /// The first day it applies (None: the default, since the tenant's first day).
    pub effective_from: Option<NaiveDate>,
}

impl Plan {
    /// Level 2, no commitment (DESIGN: the default).
    pub const DEFAULT: Plan = Plan { level: 2, email_commitment: 0, sms_commitment: 0, effective_from: None };

    fn of(row: &plan::Model) -> Plan {
        Plan {
            level: row.level as u8,
            email_commitment: row.email_commitment,
            sms_commitment: row.sms_commitment,
            effective_from: Some(row.effective_from),
        }
    }

    /// The usage record priced under this plan, counts left at zero.
    pub fn usage(&self) -> Usage {
        Usage {
            level: Level::from_number(self.level).unwrap_or(Level::L2),
            contacts: 0,
            users: 0,
            emails: 0,
            email_commitment: self.email_commitment,
            sms: 0,
            sms_commitment: self.sms_commitment,
            rnvp_addresses: 0,
            dedup_addresses: 0,
        }
    }
}

/// The plan in force on `day`.
pub async fn in_force(txn: &TenantTxn, day: NaiveDate) -> BillingResult<Plan> {
    let row = txn
        .find::<plan::Entity>()
        .filter(plan::Column::EffectiveFrom.lte(day))
        .order_by_desc(plan::Column::EffectiveFrom)
        .order_by_desc(plan::Column::CreatedAt)
        .one(txn)
        .await?;
    Ok(row.as_ref().map(Plan::of).unwrap_or(Plan::DEFAULT))
}

/// The plan in force today, and the one recorded for later, if any.
pub async fn current_and_next(scope: &TenantScope) -> BillingResult<(Plan, Option<Plan>)> {
    let today = scope.clock().today();
    let txn = scope.begin().await?;
    let current = in_force(&txn, today).await?;
    let next = txn
        .find::<plan::Entity>()
        .filter(plan::Column::EffectiveFrom.gt(today))
        .order_by_desc(plan::Column::EffectiveFrom)
        .order_by_desc(plan::Column::CreatedAt)
        .one(&txn)
        .await?
        .as_ref()
        .map(Plan::of);
    txn.commit().await?;
    Ok((current, next))
}

/// Every choice recorded, the latest first.
pub async fn history(scope: &TenantScope) -> BillingResult<Vec<plan::Model>> {
    let txn = scope.begin().await?;
    let rows = txn
        .find::<plan::Entity>()
        .order_by_desc(plan::Column::EffectiveFrom)
        .order_by_desc(plan::Column::CreatedAt)
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(rows)
}

/// What staff record at a tenant's request.
#[derive(Clone, Debug)]
pub struct PlanChange {
    pub level: u8,
    pub email_commitment: i64,
    pub sms_commitment: i64,
    /// When the tenant notified its choice (default: today); it applies from the first day
    /// of the next month.
    pub requested_on: Option<NaiveDate>,
}

/// Records a tenant's new level and commitments (operator staff, at the tenant's request).
pub async fn change(scope: &OperatorScope, tenant_id: Uuid, change: PlanChange) -> BillingResult<plan::Model> {
    let today = scope.clock().today();
    let requested_on = change.requested_on.unwrap_or(today);
    if requested_on > today {
        return Err(BillingError::Invalid {
            field: "requestedOn",
            reason: "IN_THE_FUTURE",
            message: "a request cannot be dated in the future".to_owned(),
        });
    }
    // Never a month already begun before the request, never one already billed.
    let effective_from = next_month_start(requested_on).max(month_start(today));
    // Validated against the grid that will apply.
    let (_, grid) = grids::in_force(&scope.unscoped(), effective_from).await?;
    let proposed = Plan {
        level: change.level,
        email_commitment: change.email_commitment,
        sms_commitment: change.sms_commitment,
        effective_from: Some(effective_from),
    };
    crm360_pricing::quote(&grid, &proposed.usage())?;
    let tenant = scope.on_tenant(tenant_id);
    let txn = tenant.begin().await?;
    let before = in_force(&txn, effective_from).await?;
    let row = txn
        .insert(plan::ActiveModel {
            level: Set(i32::from(change.level)),
            email_commitment: Set(change.email_commitment),
            sms_commitment: Set(change.sms_commitment),
            effective_from: Set(effective_from),
            requested_on: Set(requested_on),
            recorded_by: Set(scope.actor().id()),
            ..Default::default()
        })
        .await?;
    txn.audit(
        AuditChange::new("billing.plan.change", "billing_plan", row.id).before(json!(before)).after(json!(proposed)),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}
