//! The support desk's business-hours calendar, versioned: staff change the hours or add
//! closed days, each ticket keeps the version it is measured with, so a later change never
//! rewrites a past report. Version 1 is `crm360_sla::Calendar::standard()`.

use crate::error::{SupportError, SupportResult};
use crate::model::calendar;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{TenantTxn, Unscoped};
use crm360_sla::Calendar;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;

fn parse(row: calendar::Model) -> SupportResult<(i64, Calendar)> {
    let calendar: Calendar = serde_json::from_value(row.calendar).map_err(|err| SupportError::Invalid {
        field: "calendar",
        reason: "INVALID_CALENDAR",
        message: err.to_string(),
    })?;
    Ok((row.version, calendar))
}

/// The calendar new tickets are measured with.
pub async fn current<C: ConnectionTrait + Send + Sync>(db: &Unscoped<C>) -> SupportResult<(i64, Calendar)> {
    match db.find::<calendar::Entity>().order_by_desc(calendar::Column::Version).one(db).await? {
        Some(row) => parse(row),
        None => Ok((1, Calendar::standard())),
    }
}

/// A given version (the one a ticket was opened under).
pub async fn version<C: ConnectionTrait + Send + Sync>(db: &Unscoped<C>, version: i64) -> SupportResult<Calendar> {
    match db.find::<calendar::Entity>().filter(calendar::Column::Version.eq(version)).one(db).await? {
        Some(row) => parse(row).map(|(_, c)| c),
        None => Ok(Calendar::standard()),
    }
}

/// One version, read in a tenant's transaction on its own connection (the transaction may
/// hold SQLite's write lock: a second connection could wait out the pool's timeout).
pub async fn version_in(txn: &TenantTxn, version: i64) -> SupportResult<Calendar> {
    let row = txn.find_shared::<calendar::Entity>().filter(calendar::Column::Version.eq(version)).one(txn).await?;
    match row {
        Some(row) => parse(row).map(|(_, c)| c),
        None => Ok(Calendar::standard()),
    }
}

/// Every version, the latest first.
pub async fn versions<C: ConnectionTrait + Send + Sync>(db: &Unscoped<C>) -> SupportResult<Vec<(i64, Calendar)>> {
    let rows = db.find::<calendar::Entity>().order_by_desc(calendar::Column::Version).all(db).await?;
    let mut all = rows.into_iter().map(parse).collect::<SupportResult<Vec<_>>>()?;
    if !all.iter().any(|(v, _)| *v == 1) {
        all.push((1, Calendar::standard()));
    }
    Ok(all)
}

/// Records a new version (validated); tickets opened from now on are measured with it.
pub async fn set(scope: &OperatorScope, mut calendar: Calendar) -> SupportResult<(i64, Calendar)> {
    let db = scope.unscoped();
    let txn = db.begin().await?;
    let (latest, _) = current(&txn).await?;
    calendar.version = (latest + 1) as u32;
    calendar.validate().map_err(|err| SupportError::Invalid {
        field: "calendar",
        reason: "INVALID_CALENDAR",
        message: err.to_string(),
    })?;
    if latest == 1 && txn.find::<calendar::Entity>().one(&txn).await?.is_none() {
        txn.insert(calendar::ActiveModel {
            version: Set(1),
            calendar: Set(json!(Calendar::standard())),
            created_by: Set(None),
            ..Default::default()
        })
        .await?;
    }
    let row = txn
        .insert(calendar::ActiveModel {
            version: Set(latest + 1),
            calendar: Set(json!(calendar)),
            created_by: Set(scope.actor().id()),
            ..Default::default()
        })
        .await?;
    let change = AuditChange::new("support.calendar.update", "support_calendar", uuid::Uuid::nil())
        .after(json!({ "version": row.version }));
    scope.audit(&txn, None, change).await?;
    txn.commit().await?;
    Ok((row.version, calendar))
}
