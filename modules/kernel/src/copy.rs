//! Bulk loading of new rows with PostgreSQL's `COPY`, through the one door.
//!
//! A multi-row `INSERT` costs the client a statement of thousands of bound parameters and the
//! server a parse and a plan per chunk; `COPY ... FROM STDIN` streams rows as text and is the
//! fastest way in. But PostgreSQL refuses `COPY FROM` into a table under row-level security,
//! so a [`BulkLoad`] copies into a temporary staging table of the same shape (a session's own,
//! which no policy covers), then moves the rows with one `INSERT ... SELECT` per table: that
//! statement is checked by the policies like any other, in a transaction whose
//! `app.tenant_id` is the scope's, and every row is stamped with the scope's tenant here.
//!
//! SQLite has no `COPY`: [`TenantScope::bulk_load`] answers `None` and callers insert
//! through a [`crate::TenantTxn`].

use crate::audit::{self, AuditChange};
use crate::scope::{TenantOwned, TenantScope};
use crate::stamp;
use sea_orm::sqlx::{self, AssertSqlSafe, PgConnection, Postgres, Transaction};
use sea_orm::{ActiveModelTrait, ActiveValue, DbErr, EntityName, EntityTrait, IdenStatic, Iterable, Value};
use std::fmt::Write as _;

/// A transaction on one tenant's data that loads new rows with `COPY` (PostgreSQL only).
/// Dropped without [`BulkLoad::commit`], it rolls back (sqlx's transaction does so before its
/// connection serves anyone else).
pub struct BulkLoad {
    conn: Transaction<'static, Postgres>,
    scope: TenantScope,
    /// Staging tables created on this connection (they live as long as the session).
    staged: Vec<&'static str>,
    /// Tables loaded in this transaction (their staging table holds those rows until commit).
    loaded: Vec<&'static str>,
}

fn db_err(err: sqlx::Error) -> DbErr {
    DbErr::Custom(format!("bulk load: {err}"))
}

/// Runs statements the kernel built (names of its own tables, a validated UUID).
async fn run(conn: &mut PgConnection, sql: String) -> Result<(), DbErr> {
    sqlx::raw_sql(AssertSqlSafe(sql)).execute(conn).await.map_err(db_err)?;
    Ok(())
}

impl TenantScope {
    /// A bulk loader on PostgreSQL (its own connection and transaction, `app.tenant_id` set
    /// with `SET LOCAL` as in [`TenantScope::begin`]); `None` on SQLite.
    pub async fn bulk_load(&self) -> Result<Option<BulkLoad>, DbErr> {
        let Some(pool) = self.postgres_pool() else {
            return Ok(None);
        };
        let mut conn = pool.begin().await.map_err(db_err)?;
        // A literal, as in `begin`: a UUID prints as hex and hyphens only.
        run(&mut conn, format!("SET LOCAL app.tenant_id = '{}'", self.tenant_id())).await?;
        Ok(Some(BulkLoad { conn, scope: self.clone(), staged: Vec::new(), loaded: Vec::new() }))
    }
}

impl BulkLoad {
    /// Inserts new rows (stamped with the tenant, a new id and the creation time where unset).
    /// Every row must set the same columns: the first row's set columns are the ones loaded.
    pub async fn insert_rows<A>(&mut self, rows: Vec<A>) -> Result<(), DbErr>
    where
        A: ActiveModelTrait,
        A::Entity: TenantOwned,
    {
        let now = self.scope.now();
        let tenant = self.scope.tenant_id();
        let stamped = rows.into_iter().map(|mut row| {
            row.set(<A::Entity as TenantOwned>::tenant_column(), tenant.into());
            stamp::new_row(row, now)
        });
        self.load::<A>(stamped.collect()).await
    }

    /// Records audit entries of this scope's tenant and actor, as [`crate::TenantTxn::audit_many`].
    pub async fn audit_many(&mut self, changes: Vec<AuditChange>) -> Result<(), DbErr> {
        let scope = &self.scope;
        let rows = audit::entry_rows(
            Some(scope.tenant_id()),
            scope.actor(),
            scope.now(),
            scope.ip().map(str::to_owned),
            scope.request_id().map(str::to_owned),
            changes,
        );
        self.load(rows).await
    }

    /// Commits everything loaded.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.conn.commit().await.map_err(db_err)
    }

    /// Copies the rows into the table's staging table, then moves them into the table.
    async fn load<A: ActiveModelTrait>(&mut self, rows: Vec<A>) -> Result<(), DbErr> {
        let Some(first) = rows.first() else {
            return Ok(());
        };
        let columns: Vec<<A::Entity as EntityTrait>::Column> =
            <A::Entity as EntityTrait>::Column::iter().filter(|c| !first.get(*c).is_not_set()).collect();
        let table = A::Entity::default().table_name();
        let stage = format!("crm360_stage_{table}");
        if !self.staged.contains(&table) {
            // ON COMMIT DELETE ROWS: the staging table is empty again at every commit.
            let create = format!(
                "CREATE TEMPORARY TABLE IF NOT EXISTS {stage} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            );
            run(&mut self.conn, create).await?;
            self.staged.push(table);
        }
        let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
        let names = names.join(", ");
        let mut text = String::with_capacity(rows.len() * 256);
        for row in &rows {
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                match row.get(*column) {
                    ActiveValue::Set(value) | ActiveValue::Unchanged(value) => write_value(&mut text, &value)?,
                    ActiveValue::NotSet => {
                        return Err(DbErr::Custom(format!(
                            "bulk load of {table}: a row leaves {} unset",
                            column.as_str()
                        )));
                    }
                }
            }
            text.push('\n');
        }
        // ON COMMIT DELETE ROWS empties the staging table at each commit; a second load of
        // the same table in one transaction empties it first (a DELETE: TRUNCATE would make a
        // new file each time).
        if self.loaded.contains(&table) {
            run(&mut self.conn, format!("DELETE FROM {stage}")).await?;
        }
        let mut copy = self.conn.copy_in_raw(&format!("COPY {stage} ({names}) FROM STDIN")).await.map_err(db_err)?;
        copy.send(text.into_bytes()).await.map_err(db_err)?;
        copy.finish().await.map_err(db_err)?;
        let moved = format!("INSERT INTO {table} ({names}) SELECT {names} FROM {stage}");
        self.loaded.push(table);
        run(&mut self.conn, moved).await?;
        Ok(())
    }
}

/// Writes a value in `COPY`'s text format: `\N` for NULL, backslash escapes for the
/// delimiter, line ends and backslashes.
fn write_value(out: &mut String, value: &Value) -> Result<(), DbErr> {
    fn text(out: &mut String, s: &str) {
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
    }
    macro_rules! display {
        ($v:expr) => {
            match $v {
                Some(v) => {
                    let _ = write!(out, "{v}");
                }
                None => out.push_str("\\N"),
            }
        };
    }
    match value {
        Value::Bool(v) => display!(v.map(|b| if b { "t" } else { "f" })),
        Value::TinyInt(v) => display!(v),
        Value::SmallInt(v) => display!(v),
        Value::Int(v) => display!(v),
        Value::BigInt(v) => display!(v),
        Value::TinyUnsigned(v) => display!(v),
        Value::SmallUnsigned(v) => display!(v),
        Value::Unsigned(v) => display!(v),
        Value::BigUnsigned(v) => display!(v),
        Value::Float(v) => display!(v),
        Value::Double(v) => display!(v),
        Value::Decimal(v) => display!(v),
        Value::Uuid(v) => display!(v),
        Value::ChronoDate(v) => display!(v),
        Value::ChronoTime(v) => display!(v),
        Value::ChronoDateTime(v) => display!(v.map(|t| t.format("%Y-%m-%d %H:%M:%S%.f"))),
        Value::ChronoDateTimeUtc(v) => display!(v.map(|t| t.to_rfc3339())),
        Value::ChronoDateTimeLocal(v) => display!(v.map(|t| t.to_rfc3339())),
        Value::ChronoDateTimeWithTimeZone(v) => display!(v.map(|t| t.to_rfc3339())),
        Value::String(Some(s)) => text(out, s),
        Value::Char(Some(c)) => text(out, c.encode_utf8(&mut [0; 4])),
        Value::Enum(sea_orm::sea_query::OptionEnum::Some(e)) => text(out, &e.value),
        Value::Json(Some(json)) => text(out, &json.to_string()),
        Value::Bytes(Some(bytes)) => {
            out.push_str("\\\\x");
            for b in bytes {
                let _ = write!(out, "{b:02x}");
            }
        }
        Value::String(None)
        | Value::Char(None)
        | Value::Json(None)
        | Value::Bytes(None)
        | Value::Enum(sea_orm::sea_query::OptionEnum::None(_)) => out.push_str("\\N"),
        other => return Err(DbErr::Custom(format!("bulk load: no COPY text for {other:?}"))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_text(value: Value) -> String {
        let mut out = String::new();
        write_value(&mut out, &value).unwrap();
        out
    }

    #[test]
    fn values_are_written_in_copy_text_format() {
        assert_eq!(copy_text(Value::String(Some("a\tb\nc\\d\re".into()))), "a\\tb\\nc\\\\d\\re");
        assert_eq!(copy_text(Value::String(None)), "\\N");
        assert_eq!(copy_text(Value::Bool(Some(true))), "t");
        assert_eq!(copy_text(Value::BigInt(Some(-42))), "-42");
        // JSON escapes the tab as `\t`; COPY then doubles that backslash.
        assert_eq!(copy_text(Value::Json(Some(Box::new(serde_json::json!({"a": "x\ty"}))))), "{\"a\":\"x\\\\ty\"}");
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-02T10:30:00.123456Z").unwrap().to_utc();
        assert_eq!(copy_text(Value::ChronoDateTimeUtc(Some(at))), "2026-12-02T10:30:00.123456+00:00");
        assert_eq!(copy_text(Value::Bytes(Some(vec![0, 255]))), "\\\\x00ff");
        assert_eq!(copy_text(Value::ChronoDate(None)), "\\N");
    }
}
