//! The order of the contact list: by creation (the primary key) or by a column, keyset
//! paginated on `(sort key, id)` so that a page costs one index range scan however deep it is.
//!
//! The sort key of a text column is `COALESCE(LOWER(column), U+10FFFF)`, compared byte by byte:
//! - case-insensitive for ASCII letters (`dupont`, `Dupont` and `DUPONT` tie, then go by id);
//!   other characters compare by code point, so accented initials (`Émile`) come after `z`,
//!   and `É` and `é` differ. The same on SQLite (its `LOWER` and `BINARY` collation) and on
//!   PostgreSQL (`LOWER` and ordering under `COLLATE "C"`, whatever the database's locale);
//! - an absent value sorts as the largest key: last ascending, first descending. The key is
//!   never NULL, so the keyset comparison is one row-value comparison on both databases.
//!
//! Dates (`createdAt`, `updatedAt`) are never absent and sort as they are. Ties are broken by
//! the id, in the same direction, so the order is total and stable under inserts.
//!
//! The migration `m20261128_100000_contact_sort_indexes` indexes each key as
//! `(tenant_id, <key expression>, id)`; the expressions here must stay identical to it.

use crate::error::{ContactsError, ContactsResult};
use crate::model::contact;
use chrono::{DateTime, Utc};
use crm360_kernel::pagination::{
    DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Order, Page, decode_cursor, decode_opaque, encode_cursor, encode_opaque,
};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{DbBackend, EntityName, QueryFilter, QueryOrder, QuerySelect, Select, Value};
use uuid::Uuid;

/// The key of an absent text value: above any text a contact can hold.
pub const ABSENT_TEXT_KEY: &str = "\u{10FFFF}";

/// A column the contact list can be sorted by.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum SortField {
    LastName,
    FirstName,
    PersonalEmail,
    PostalCode,
    City,
    CreatedAt,
    UpdatedAt,
}

impl SortField {
    pub const ALL: [SortField; 7] = [
        SortField::LastName,
        SortField::FirstName,
        SortField::PersonalEmail,
        SortField::PostalCode,
        SortField::City,
        SortField::CreatedAt,
        SortField::UpdatedAt,
    ];

    /// The column's name in the `contact` table.
    pub fn column_name(self) -> &'static str {
        match self {
            SortField::LastName => "last_name",
            SortField::FirstName => "first_name",
            SortField::PersonalEmail => "personal_email",
            SortField::PostalCode => "postal_code",
            SortField::City => "city",
            SortField::CreatedAt => "created_at",
            SortField::UpdatedAt => "updated_at",
        }
    }

    fn is_text(self) -> bool {
        !matches!(self, SortField::CreatedAt | SortField::UpdatedAt)
    }

    /// The code stored in cursors (never reordered: old cursors must keep their meaning).
    fn code(self) -> u8 {
        match self {
            SortField::LastName => 1,
            SortField::FirstName => 2,
            SortField::PersonalEmail => 3,
            SortField::PostalCode => 4,
            SortField::City => 5,
            SortField::CreatedAt => 6,
            SortField::UpdatedAt => 7,
        }
    }

    fn from_code(code: u8) -> Option<SortField> {
        SortField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The SQL of the sort key, unqualified (`table` is `None`, for the index) or qualified.
    /// Literals are inlined, never bound, so that PostgreSQL matches the expression index.
    pub fn key_sql(self, backend: DbBackend, table: Option<&str>) -> String {
        let column = match table {
            Some(table) => format!("\"{table}\".\"{}\"", self.column_name()),
            None => format!("\"{}\"", self.column_name()),
        };
        if !self.is_text() {
            return column;
        }
        match backend {
            DbBackend::Postgres => {
                format!("COALESCE(LOWER({column} COLLATE \"C\"), '{ABSENT_TEXT_KEY}') COLLATE \"C\"")
            }
            _ => format!("COALESCE(LOWER({column}), '{ABSENT_TEXT_KEY}')"),
        }
    }

    fn text_of(self, c: &contact::Model) -> Option<&str> {
        match self {
            SortField::LastName => c.last_name.as_deref(),
            SortField::FirstName => c.first_name.as_deref(),
            SortField::PersonalEmail => c.personal_email.as_deref(),
            SortField::PostalCode => c.postal_code.as_deref(),
            SortField::City => c.city.as_deref(),
            SortField::CreatedAt | SortField::UpdatedAt => None,
        }
    }

    /// A contact's sort key, as the database computes it.
    pub fn key_of(self, c: &contact::Model) -> SortKey {
        match self {
            SortField::CreatedAt => SortKey::Time(c.created_at),
            SortField::UpdatedAt => SortKey::Time(c.updated_at),
            _ => SortKey::Text(text_key(self.text_of(c))),
        }
    }
}

/// The sort key of a text value: ASCII letters lower-cased (as SQL `LOWER` does on both
/// databases here), the absent value above everything.
pub fn text_key(value: Option<&str>) -> String {
    match value {
        Some(value) => value.to_ascii_lowercase(),
        None => ABSENT_TEXT_KEY.to_owned(),
    }
}

/// A sort key value, as a cursor carries it.
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    Text(String),
    Time(DateTime<Utc>),
}

impl SortKey {
    fn value(&self) -> Value {
        match self {
            SortKey::Text(text) => text.clone().into(),
            SortKey::Time(time) => (*time).into(),
        }
    }
}

/// Ascending or descending.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum Direction {
    Ascending,
    Descending,
}

/// The order of the contact list.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum ContactSort {
    /// Creation order (the time-ordered id); its cursors are plain ids.
    Creation(Direction),
    /// By a column, then by id.
    By(SortField, Direction),
}

/// Where a page starts: after this position of the sort.
#[derive(Clone, Debug, PartialEq)]
enum After {
    Id(Uuid),
    Key(SortKey, Uuid),
}

/// A validated page request of the contact list (`first`, `after`, the sort).
#[derive(Clone, Debug)]
pub struct ContactPage {
    pub limit: u64,
    pub sort: ContactSort,
    after: Option<After>,
}

fn bad_cursor(message: &str) -> ContactsError {
    ContactsError::invalid("after", "INVALID_CURSOR", message)
}

const CURSOR_VERSION: u8 = 1;

impl ContactPage {
    pub fn parse(first: Option<i32>, after: Option<&str>, sort: ContactSort) -> ContactsResult<ContactPage> {
        let limit = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n >= 1 && n as u64 <= MAX_PAGE_SIZE => n as u64,
            Some(_) => {
                return Err(ContactsError::invalid(
                    "first",
                    "PAGE_SIZE_OUT_OF_RANGE",
                    format!("first must be between 1 and {MAX_PAGE_SIZE}"),
                ));
            }
        };
        let after = after.map(|cursor| decode(cursor, sort)).transpose()?;
        Ok(ContactPage { limit, sort, after })
    }

    /// Whether the page starts after a cursor.
    pub fn has_previous(&self) -> bool {
        self.after.is_some()
    }

    /// Adds the keyset filter, the order and a limit one above the page size (to learn
    /// whether a next page exists).
    pub fn apply(&self, select: Select<contact::Entity>, backend: DbBackend) -> Select<contact::Entity> {
        let id = || Expr::col((contact::Entity, contact::Column::Id));
        let (key, direction) = match self.sort {
            ContactSort::Creation(direction) => (None, direction),
            ContactSort::By(field, direction) => {
                (Some(Expr::cust(field.key_sql(backend, Some(contact::Entity.table_name())))), direction)
            }
        };
        let order = match direction {
            Direction::Ascending => sea_orm::Order::Asc,
            Direction::Descending => sea_orm::Order::Desc,
        };
        let mut select = select;
        if let Some(after) = &self.after {
            let (left, right): (SimpleExpr, SimpleExpr) = match (after, &key) {
                (After::Key(value, after_id), Some(key)) => {
                    (Expr::tuple([key.clone(), id()]), Expr::tuple([Expr::val(value.value()), Expr::val(*after_id)]))
                }
                (After::Id(after_id), _) => (id(), Expr::val(*after_id)),
                // `decode` only gives key cursors to column sorts.
                (After::Key(_, after_id), None) => (id(), Expr::val(*after_id)),
            };
            select = select.filter(match direction {
                Direction::Ascending => left.gt(right),
                Direction::Descending => left.lt(right),
            });
        }
        if let Some(key) = key {
            select = select.order_by(key, order.clone());
        }
        select.order_by(contact::Column::Id, order).limit(self.limit + 1)
    }

    /// The rows of the page (without the extra row) and whether a next page exists.
    pub fn split(&self, mut rows: Vec<contact::Model>) -> (Vec<contact::Model>, bool) {
        let has_next = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        (rows, has_next)
    }

    /// The cursor of a row of this sort.
    pub fn cursor_of(&self, c: &contact::Model) -> String {
        match self.sort {
            ContactSort::Creation(_) => encode_cursor(c.id),
            ContactSort::By(field, direction) => {
                let mut bytes = vec![CURSOR_VERSION, field.code(), direction_code(direction)];
                bytes.extend_from_slice(c.id.as_bytes());
                match field.key_of(c) {
                    SortKey::Text(text) => bytes.extend_from_slice(text.as_bytes()),
                    SortKey::Time(time) => bytes.extend_from_slice(&time_bytes(time)),
                }
                encode_opaque(&bytes)
            }
        }
    }
}

/// The kernel's creation-order page (benchmarks and older callers).
impl From<&Page> for ContactPage {
    fn from(page: &Page) -> ContactPage {
        let direction = match page.order {
            Order::OldestFirst => Direction::Ascending,
            Order::NewestFirst => Direction::Descending,
        };
        ContactPage { limit: page.limit, sort: ContactSort::Creation(direction), after: page.after.map(After::Id) }
    }
}

impl From<&ContactPage> for ContactPage {
    fn from(page: &ContactPage) -> ContactPage {
        page.clone()
    }
}

fn direction_code(direction: Direction) -> u8 {
    match direction {
        Direction::Ascending => 0,
        Direction::Descending => 1,
    }
}

/// Seconds and nanoseconds: the exact instant, whatever precision the database keeps.
fn time_bytes(time: DateTime<Utc>) -> [u8; 12] {
    let mut bytes = [0; 12];
    bytes[..8].copy_from_slice(&time.timestamp().to_be_bytes());
    bytes[8..].copy_from_slice(&time.timestamp_subsec_nanos().to_be_bytes());
    bytes
}

fn time_from(bytes: &[u8]) -> Option<DateTime<Utc>> {
    let seconds = i64::from_be_bytes(bytes.get(..8)?.try_into().ok()?);
    let nanos = u32::from_be_bytes(bytes.get(8..12)?.try_into().ok()?);
    (bytes.len() == 12).then(|| DateTime::from_timestamp(seconds, nanos)).flatten()
}

/// Reads a cursor, which must come from the same sort.
fn decode(cursor: &str, sort: ContactSort) -> ContactsResult<After> {
    match sort {
        ContactSort::Creation(_) => {
            let id = decode_cursor(cursor).map_err(|_| bad_cursor("the cursor is not one this API gave"))?;
            Ok(After::Id(id))
        }
        ContactSort::By(field, direction) => {
            let bytes = decode_opaque(cursor).ok_or_else(|| bad_cursor("the cursor is not one this API gave"))?;
            let [version, field_code, direction_byte, rest @ ..] = bytes.as_slice() else {
                return Err(bad_cursor("the cursor belongs to another order of the list"));
            };
            if *version != CURSOR_VERSION || rest.len() < 16 || SortField::from_code(*field_code).is_none() {
                return Err(bad_cursor("the cursor belongs to another order of the list"));
            }
            if *field_code != field.code() || *direction_byte != direction_code(direction) {
                return Err(bad_cursor("the cursor belongs to another order of the list"));
            }
            let id = Uuid::from_slice(&rest[..16]).map_err(|_| bad_cursor("the cursor is not one this API gave"))?;
            let key = if field.is_text() {
                let text =
                    std::str::from_utf8(&rest[16..]).map_err(|_| bad_cursor("the cursor is not one this API gave"))?;
                SortKey::Text(text.to_owned())
            } else {
                SortKey::Time(time_from(&rest[16..]).ok_or_else(|| bad_cursor("the cursor is not one this API gave"))?)
            };
            Ok(After::Key(key, id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn contact(last_name: Option<&str>) -> contact::Model {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap() + chrono::Duration::nanoseconds(123_456_789);
        contact::Model {
            tenant_id: Uuid::now_v7(),
            id: Uuid::now_v7(),
            external_id: None,
            civility: None,
            first_name: None,
            last_name: last_name.map(str::to_owned),
            company_name: None,
            job_title: None,
            personal_email: None,
            professional_email: None,
            landline_phone: None,
            mobile_phone: None,
            address_line1: None,
            address_line2: None,
            address_line3: None,
            address_line4: None,
            address_line5: None,
            address_line6: None,
            postal_code: None,
            city: None,
            country: None,
            birth_date: None,
            marital_status: None,
            gender: None,
            nationality: None,
            spoken_language: None,
            consent_email: None,
            consent_sms: None,
            consent_post: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn cursors_round_trip_for_their_own_sort_only() {
        let c = contact(Some("Émile DUPONT"));
        for field in SortField::ALL {
            for direction in [Direction::Ascending, Direction::Descending] {
                let sort = ContactSort::By(field, direction);
                let page = ContactPage::parse(Some(10), None, sort).unwrap();
                let cursor = page.cursor_of(&c);
                let parsed = ContactPage::parse(Some(10), Some(&cursor), sort).unwrap();
                assert_eq!(parsed.after, Some(After::Key(field.key_of(&c), c.id)));
                let other = ContactSort::By(
                    field,
                    if direction == Direction::Ascending { Direction::Descending } else { Direction::Ascending },
                );
                assert!(ContactPage::parse(Some(10), Some(&cursor), other).is_err());
                assert!(ContactPage::parse(Some(10), Some(&cursor), ContactSort::Creation(direction)).is_err());
            }
        }
        let id_cursor = encode_cursor(c.id);
        assert!(
            ContactPage::parse(None, Some(&id_cursor), ContactSort::By(SortField::City, Direction::Ascending)).is_err()
        );
        for garbage in ["", "!!", "AAAA", "not a cursor"] {
            let err = ContactPage::parse(None, Some(garbage), ContactSort::By(SortField::City, Direction::Ascending));
            assert!(matches!(err, Err(ContactsError::Invalid { reason: "INVALID_CURSOR", .. })), "{garbage:?}");
        }
    }

    #[test]
    fn text_keys_fold_ascii_case_only_and_put_absent_values_last() {
        assert_eq!(text_key(Some("DuPont")), "dupont");
        assert_eq!(text_key(Some("ÉMILE")), "Émile");
        assert!(text_key(Some("zoé")) < text_key(Some("Émile")));
        assert!(text_key(Some("\u{10FFFE}")) < text_key(None));
    }

    #[test]
    fn key_expressions_are_those_the_migration_indexes() {
        assert_eq!(
            SortField::City.key_sql(DbBackend::Postgres, None),
            "COALESCE(LOWER(\"city\" COLLATE \"C\"), '\u{10FFFF}') COLLATE \"C\""
        );
        assert_eq!(
            SortField::City.key_sql(DbBackend::Sqlite, Some("contact")),
            "COALESCE(LOWER(\"contact\".\"city\"), '\u{10FFFF}')"
        );
        assert_eq!(SortField::CreatedAt.key_sql(DbBackend::Sqlite, None), "\"created_at\"");
    }
}
