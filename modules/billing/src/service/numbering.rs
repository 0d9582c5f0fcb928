//! Invoice numbers: sequential without a gap per series (`F-2026`, `AV-2026`), taken at
//! issue time. Never a database sequence (a rolled-back transaction would leave a hole):
//! the series' counter row is incremented by one `UPDATE … RETURNING`, which holds the row
//! lock until the issuing transaction ends, so concurrent issuers (several instances
//! included) queue on it; a rollback gives the number back. Each number also gets one row
//! in the register, whose primary key refuses a double.

use crate::error::{BillingError, BillingResult};
use crate::model::{invoice_number, invoice_series};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use crm360_kernel::Unscoped;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter, Set};
use uuid::Uuid;

/// The series of a document issued on `day` with `prefix`: one per prefix and year.
pub fn series(prefix: &str, day: NaiveDate) -> String {
    format!("{prefix}-{:04}", day.year())
}

/// `F-2026-000042`.
pub fn format_number(series: &str, sequence: i64) -> String {
    format!("{series}-{sequence:06}")
}

/// Takes the next number of `series` for the invoice, in the issuing transaction.
pub async fn take(
    txn: &Unscoped<DatabaseTransaction>,
    series: &str,
    tenant_id: Uuid,
    invoice_id: Uuid,
    at: DateTime<Utc>,
) -> BillingResult<(i64, String)> {
    txn.insert_statement(invoice_series::ActiveModel { series: Set(series.to_owned()), last_sequence: Set(0) })
        .on_conflict(OnConflict::column(invoice_series::Column::Series).do_nothing().to_owned())
        .try_insert()
        .exec(txn)
        .await?;
    let taken = txn
        .update_many::<invoice_series::Entity>()
        .col_expr(invoice_series::Column::LastSequence, Expr::col(invoice_series::Column::LastSequence).add(1))
        .filter(invoice_series::Column::Series.eq(series))
        .exec_with_returning(txn)
        .await?;
    let sequence = taken
        .first()
        .map(|row| row.last_sequence)
        .ok_or_else(|| BillingError::Document(format!("the series {series} has no counter")))?;
    let number = format_number(series, sequence);
    txn.insert(invoice_number::ActiveModel {
        series: Set(series.to_owned()),
        sequence: Set(sequence),
        number: Set(number.clone()),
        tenant_id: Set(tenant_id),
        invoice_id: Set(invoice_id),
        issued_at: Set(at),
    })
    .await?;
    Ok((sequence, number))
}
