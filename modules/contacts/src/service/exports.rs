//! Export of a segment's contacts to CSV (`;`, UTF-8 with BOM), page by page so that memory
//! stays flat whatever the segment's size. Every export is in the audit trail.

use crate::error::{ContactsError, ContactsResult};
use crate::fields::ContactField;
use crate::model::contact;
use crate::service::segments::{self, Compiler};
use crm360_kernel::TenantScope;
use crm360_kernel::audit::AuditChange;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

const PAGE: u64 = 1000;

/// An export being written: the segment's compiled condition and where it got to.
pub struct Export {
    condition: Condition,
    after: Option<Uuid>,
    done: bool,
}

fn csv_bytes(rows: impl IntoIterator<Item = Vec<String>>) -> ContactsResult<Vec<u8>> {
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    for row in rows {
        out.write_record(row).map_err(|err| ContactsError::Internal(err.to_string()))?;
    }
    out.into_inner().map_err(|err| ContactsError::Internal(err.to_string()))
}

/// Starts the export of a saved segment, recording it in the audit trail.
pub async fn start(scope: &TenantScope, segment_id: Uuid) -> ContactsResult<(Export, Vec<u8>, String)> {
    let txn = scope.begin().await?;
    let segment = segments::get_in(&txn, segment_id).await?;
    let node = segments::definition_of(&segment)?;
    let condition = Compiler::within(&txn).await?.compile(&node, "definition")?;
    let count = txn.find::<contact::Entity>().filter(condition.clone()).count(&txn).await?;
    let change = AuditChange::new("segment.export", "segment", segment_id)
        .after(serde_json::json!({ "name": segment.name, "contacts": count }));
    txn.audit(change).await?;
    txn.commit().await?;
    let mut header = vec![0xEF, 0xBB, 0xBF];
    let mut columns = vec!["id".to_owned()];
    columns.extend(ContactField::ALL.iter().map(|f| f.key().to_owned()));
    columns.push("createdAt".to_owned());
    header.extend(csv_bytes([columns])?);
    Ok((Export { condition, after: None, done: false }, header, segment.name))
}

impl Export {
    /// The next chunk of CSV, or `None` when every contact was written.
    pub async fn next_chunk(&mut self, scope: &TenantScope) -> ContactsResult<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let txn = scope.begin().await?;
        let mut query = txn.find::<contact::Entity>().filter(self.condition.clone());
        if let Some(after) = self.after {
            query = query.filter(contact::Column::Id.gt(after));
        }
        let page = query.order_by_asc(contact::Column::Id).limit(PAGE).all(&txn).await?;
        txn.commit().await?;
        if (page.len() as u64) < PAGE {
            self.done = true;
        }
        let Some(last) = page.last() else { return Ok(None) };
        self.after = Some(last.id);
        let rows = page.iter().map(|c| {
            let mut row = vec![c.id.to_string()];
            row.extend(ContactField::ALL.iter().map(|f| f.get(c).map(|v| v.display()).unwrap_or_default()));
            row.push(c.created_at.to_rfc3339());
            row
        });
        Ok(Some(csv_bytes(rows)?))
    }
}
