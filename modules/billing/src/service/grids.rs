//! The versioned price grid: platform data, version 1 being Annex 1. A revision is checked
//! against article 10 (at most two ordinary revisions a calendar year, at most +15 % per
//! price; new products and flagged structure changes excepted), announced to every tenant
//! administrator, and applies from the first day of the month after the announcement.

use super::next_month_start;
use crate::error::{BillingError, BillingResult};
use crate::model::{GridKind, grid};
use chrono::{Datelike, NaiveDate};
use crm360_kernel::Unscoped;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::notify::{Language, Notification, NotificationKind};
use crm360_kernel::scope::OperatorScope;
use crm360_pricing::{Grid, RevisionKind, RevisionReport};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;

/// One version of the grid, as stored (or version 1, implicit until a first revision).
#[derive(Clone, Debug)]
pub struct GridVersion {
    pub version: i64,
    pub kind: GridKind,
    pub grid: Grid,
    pub effective_from: NaiveDate,
    pub announced_at: Option<chrono::DateTime<chrono::Utc>>,
    pub note: Option<String>,
}

/// Version 1: the grid of Annex 1, in force since the beginning.
pub fn first_version() -> GridVersion {
    GridVersion {
        version: 1,
        kind: GridKind::Initial,
        grid: Grid::annex1(),
        effective_from: NaiveDate::MIN,
        announced_at: None,
        note: Some("Annexe 1 des CGVU".to_owned()),
    }
}

fn version_of(row: grid::Model) -> BillingResult<GridVersion> {
    let grid: Grid = serde_json::from_value(row.grid)
        .map_err(|err| BillingError::Document(format!("stored grid {} unreadable: {err}", row.version)))?;
    Ok(GridVersion {
        version: row.version,
        kind: row.kind,
        grid,
        effective_from: row.effective_from,
        announced_at: Some(row.announced_at),
        note: row.note,
    })
}

/// The grid in force on `day`, with its version.
pub async fn in_force<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    day: NaiveDate,
) -> BillingResult<(i64, Grid)> {
    let row = db
        .find::<grid::Entity>()
        .filter(grid::Column::EffectiveFrom.lte(day))
        .order_by_desc(grid::Column::Version)
        .one(db)
        .await?;
    match row {
        Some(row) => version_of(row).map(|v| (v.version, v.grid)),
        None => Ok((1, Grid::annex1())),
    }
}

/// Every version, the latest first (version 1 included).
pub async fn versions<C: ConnectionTrait + Send + Sync>(db: &Unscoped<C>) -> BillingResult<Vec<GridVersion>> {
    let rows = db.find::<grid::Entity>().order_by_desc(grid::Column::Version).all(db).await?;
    let mut versions = rows.into_iter().map(version_of).collect::<BillingResult<Vec<_>>>()?;
    if !versions.iter().any(|v| v.version == 1) {
        versions.push(first_version());
    }
    Ok(versions)
}

/// A proposed revision.
pub struct Revision {
    pub grid: Grid,
    pub kind: RevisionKind,
    pub note: Option<String>,
}

/// Checks, records and announces a revision; refused with the grid unchanged when article
/// 10 does not allow it.
pub async fn revise(scope: &OperatorScope, revision: Revision) -> BillingResult<(GridVersion, RevisionReport, usize)> {
    let today = scope.clock().today();
    let effective_from = next_month_start(today);
    // Read before the transaction (on SQLite a second one would wait for its write lock).
    let recipients = recipients(scope).await?;
    let db = scope.unscoped();
    let txn = db.begin().await?;
    let all = versions(&txn).await?;
    let latest = all.first().cloned().unwrap_or_else(first_version);
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let ordinary_this_year = all
        .iter()
        .filter(|v| v.kind == GridKind::Ordinary)
        .filter(|v| v.announced_at.is_some_and(|at| scope.clock().date_of(at) >= year_start))
        .count() as u32;
    let report = crm360_pricing::check_revision(&latest.grid, &revision.grid, ordinary_this_year, revision.kind)?;
    if latest.version == 1 && !all.iter().any(|v| v.announced_at.is_some()) {
        // Version 1 is written down with the first revision, so that the history is whole.
        txn.insert(grid::ActiveModel {
            version: Set(1),
            kind: Set(GridKind::Initial),
            grid: Set(json!(Grid::annex1())),
            effective_from: Set(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)),
            announced_at: Set(chrono::DateTime::UNIX_EPOCH),
            note: Set(Some("Annexe 1 des CGVU".to_owned())),
            created_by: Set(None),
            ..Default::default()
        })
        .await?;
    }
    let kind = match revision.kind {
        RevisionKind::Ordinary => GridKind::Ordinary,
        RevisionKind::StructureChange => GridKind::StructureChange,
    };
    let now = scope.now();
    let row = txn
        .insert(grid::ActiveModel {
            version: Set(latest.version + 1),
            kind: Set(kind),
            grid: Set(json!(revision.grid)),
            effective_from: Set(effective_from),
            announced_at: Set(now),
            note: Set(revision.note.clone()),
            created_by: Set(scope.actor().id()),
            ..Default::default()
        })
        .await?;
    let change = AuditChange::new("billing.grid.revise", "billing_grid", uuid::Uuid::nil())
        .before(json!({ "version": latest.version }))
        .after(json!({ "version": row.version, "kind": kind, "effectiveFrom": effective_from, "changes": report.changes.len() }));
    scope.audit(&txn, None, change).await?;
    let announced = announce(&txn, &recipients, &report, row.version, effective_from).await?;
    txn.commit().await?;
    Ok((version_of(row)?, report, announced))
}

/// Every administrator of every tenant still under contract.
async fn recipients(scope: &OperatorScope) -> BillingResult<Vec<String>> {
    let mut all = Vec::new();
    for (tenant_id, status, _) in crm360_identity::service::tenants::all_tenant_statuses(scope).await? {
        if status != crm360_identity::model::tenant::TenantStatus::Terminated {
            all.extend(crm360_identity::service::users::admin_addresses(&scope.on_tenant(tenant_id)).await?);
        }
    }
    Ok(all)
}

/// Notifies every recipient of the revision; how many messages.
async fn announce<C: ConnectionTrait + Send + Sync>(
    txn: &Unscoped<C>,
    recipients: &[String],
    report: &RevisionReport,
    version: i64,
    effective_from: NaiveDate,
) -> BillingResult<usize> {
    let mut body = format!(
        "La grille tarifaire de crm360 évolue (version {version}). Elle s’appliquera à partir du {}.\n\n",
        crate::format::date_fr(effective_from)
    );
    for change in &report.changes {
        body.push_str(&format!("• {}\n", change.describe_fr()));
    }
    body.push_str(
        "\nConformément à l’article 10 des CGVU, cette communication précède l’application de la nouvelle grille.",
    );
    for to in recipients {
        let notice = Notification::new(to.clone(), Language::Fr, NotificationKind::Notice)
            .with("subject", "Évolution de la grille tarifaire crm360")
            .with("body", body.clone());
        txn.notify(&notice).await?;
    }
    Ok(recipients.len())
}
