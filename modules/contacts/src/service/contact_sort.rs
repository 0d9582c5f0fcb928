//! The order of the contact list: by creation (the primary key) or by a column, keyset
//! paginated on `(sort key, id)` so that a page costs one index range scan however deep it is.
//!
//! The sort key of a free-text column (names, e-mail, city) is its folded copy then the text
//! itself, `(COALESCE(<column>_folded, U+10FFFF), COALESCE(<column>, U+10FFFF))`, compared byte
//! by byte (`COLLATE "C"` on PostgreSQL, SQLite's `BINARY`):
//! - French order: the folded copy ([`crm360_kernel::text::fold`]) has no accents, case,
//!   hyphens or apostrophes, so `Émile` sorts beside `emile`, not after `z`, identically on
//!   both databases whatever their locale; spellings that fold alike then go by their bytes
//!   (`Eluard`, `eluard`, `Éluard`), then by id;
//! - an absent value sorts as the largest key: last ascending, first descending. The key is
//!   never NULL, so the keyset comparison is one row-value comparison on both databases.
//!
//! The postal code (digits and capitals) sorts by `COALESCE(LOWER(postal_code), U+10FFFF)`.
//! Dates (`createdAt`, `updatedAt`) are never absent and sort as they are. Ties are broken by
//! the id, in the same direction, so the order is total and stable under inserts.
//!
//! The migrations `m20261128_100000_contact_sort_indexes` (postal code, dates) and
//! `m20261202_100000_contact_folded_columns` (folded text) index each key as
//! `(tenant_id, <key expressions>, id)`; the expressions here must stay identical to them.

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

    /// Whether the key is the folded copy then the text (see the module's documentation).
    fn is_folded(self) -> bool {
        matches!(self, SortField::LastName | SortField::FirstName | SortField::PersonalEmail | SortField::City)
    }

    /// The SQL of the sort key's expressions, unqualified (`table` is `None`, for the index) or
    /// qualified. Literals are inlined, never bound, so that PostgreSQL matches the expression
    /// index.
    pub fn key_sql(self, backend: DbBackend, table: Option<&str>) -> Vec<String> {
        let name = |column: String| match table {
            Some(table) => format!("\"{table}\".\"{column}\""),
            None => format!("\"{column}\""),
        };
        let column = name(self.column_name().to_owned());
        if !self.is_text() {
            return vec![column];
        }
        let bytewise = |expr: String| match backend {
            DbBackend::Postgres => format!("COALESCE({expr} COLLATE \"C\", '{ABSENT_TEXT_KEY}') COLLATE \"C\""),
            _ => format!("COALESCE({expr}, '{ABSENT_TEXT_KEY}')"),
        };
        if self.is_folded() {
            let folded = name(format!("{}_folded", self.column_name()));
            return vec![bytewise(folded), bytewise(column)];
        }
        match backend {
            DbBackend::Postgres => {
                vec![format!("COALESCE(LOWER({column} COLLATE \"C\"), '{ABSENT_TEXT_KEY}') COLLATE \"C\"")]
            }
            _ => vec![format!("COALESCE(LOWER({column}), '{ABSENT_TEXT_KEY}')")],
        }
    }

    /// The text and its folded copy, as stored.
    fn texts_of(self, c: &contact::Model) -> (Option<&str>, Option<&str>) {
        match self {
            SortField::LastName => (c.last_name.as_deref(), c.last_name_folded.as_deref()),
            SortField::FirstName => (c.first_name.as_deref(), c.first_name_folded.as_deref()),
            SortField::PersonalEmail => (c.personal_email.as_deref(), c.personal_email_folded.as_deref()),
            SortField::PostalCode => (c.postal_code.as_deref(), None),
            SortField::City => (c.city.as_deref(), c.city_folded.as_deref()),
            SortField::CreatedAt | SortField::UpdatedAt => (None, None),
        }
    }

    /// A contact's sort key, as the database computes it.
    pub fn key_of(self, c: &contact::Model) -> SortKey {
        match self {
            SortField::CreatedAt => SortKey::Time(c.created_at),
            SortField::UpdatedAt => SortKey::Time(c.updated_at),
            _ if self.is_folded() => {
                let (text, folded) = self.texts_of(c);
                SortKey::Folded(absent_last(folded), absent_last(text))
            }
            _ => SortKey::Text(text_key(self.texts_of(c).0)),
        }
    }
}

/// A text as a key part: itself, or above everything when absent.
fn absent_last(value: Option<&str>) -> String {
    value.map_or_else(|| ABSENT_TEXT_KEY.to_owned(), str::to_owned)
}

/// The sort key of the postal code: ASCII letters lower-cased (as SQL `LOWER` does on both
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
    /// The folded copy, then the text.
    Folded(String, String),
    Time(DateTime<Utc>),
}

impl SortKey {
    fn values(&self) -> Vec<Value> {
        match self {
            SortKey::Text(text) => vec![text.clone().into()],
            SortKey::Folded(folded, text) => vec![folded.clone().into(), text.clone().into()],
            SortKey::Time(time) => vec![(*time).into()],
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

/// 2 since text sorts by its folded copy then itself (older cursors are refused).
const CURSOR_VERSION: u8 = 2;

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
                let parts = field.key_sql(backend, Some(contact::Entity.table_name()));
                (Some(parts.into_iter().map(Expr::cust).collect::<Vec<SimpleExpr>>()), direction)
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
                    let mut left = key.clone();
                    left.push(id());
                    let mut right: Vec<SimpleExpr> = value.values().into_iter().map(Expr::val).collect();
                    right.push(Expr::val(*after_id));
                    (Expr::tuple(left), Expr::tuple(right))
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
        for part in key.into_iter().flatten() {
            select = select.order_by(part, order.clone());
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
                    SortKey::Folded(folded, text) => {
                        bytes.extend_from_slice(&(folded.len() as u32).to_be_bytes());
                        bytes.extend_from_slice(folded.as_bytes());
                        bytes.extend_from_slice(text.as_bytes());
                    }
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
            let not_ours = || bad_cursor("the cursor is not one this API gave");
            let utf8 = |bytes: &[u8]| std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| not_ours());
            let key = if field.is_folded() {
                let rest = &rest[16..];
                let length =
                    rest.get(..4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes).ok_or_else(not_ours)?;
                let folded = rest.get(4..4 + length as usize).ok_or_else(not_ours)?;
                SortKey::Folded(utf8(folded)?, utf8(&rest[4 + length as usize..])?)
            } else if field.is_text() {
                SortKey::Text(utf8(&rest[16..])?)
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
            external_id_folded: None,
            first_name_folded: None,
            last_name_folded: crm360_kernel::text::fold_opt(last_name),
            company_name_folded: None,
            job_title_folded: None,
            personal_email_folded: None,
            professional_email_folded: None,
            address_line1_folded: None,
            address_line2_folded: None,
            address_line3_folded: None,
            address_line4_folded: None,
            address_line5_folded: None,
            address_line6_folded: None,
            city_folded: None,
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
    fn folded_keys_sort_in_french_order_and_put_absent_values_last() {
        let key = |name: Option<&str>| SortField::LastName.key_of(&contact(name));
        assert_eq!(key(Some("Émile")), SortKey::Folded("emile".into(), "Émile".into()));
        let sorted = |names: &[Option<&str>]| {
            let mut keys: Vec<(SortKey, Option<String>)> =
                names.iter().map(|n| (key(*n), n.map(str::to_owned))).collect();
            let parts = |k: &SortKey| match k {
                SortKey::Folded(folded, text) => (folded.clone(), text.clone()),
                other => panic!("{other:?}"),
            };
            keys.sort_by(|a, b| parts(&a.0).cmp(&parts(&b.0)));
            keys.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
        };
        let names = sorted(&[Some("Zola"), None, Some("Éluard"), Some("eluard"), Some("Emile")]);
        assert_eq!(
            names,
            [Some("eluard".into()), Some("Éluard".into()), Some("Emile".into()), Some("Zola".into()), None]
        );
        assert_eq!(text_key(Some("2A004")), "2a004");
    }

    #[test]
    fn key_expressions_are_those_the_migrations_index() {
        assert_eq!(
            SortField::City.key_sql(DbBackend::Postgres, None),
            [
                "COALESCE(\"city_folded\" COLLATE \"C\", '\u{10FFFF}') COLLATE \"C\"",
                "COALESCE(\"city\" COLLATE \"C\", '\u{10FFFF}') COLLATE \"C\""
            ]
        );
        assert_eq!(
            SortField::City.key_sql(DbBackend::Sqlite, Some("contact")),
            ["COALESCE(\"contact\".\"city_folded\", '\u{10FFFF}')", "COALESCE(\"contact\".\"city\", '\u{10FFFF}')"]
        );
        assert_eq!(
            SortField::PostalCode.key_sql(DbBackend::Postgres, None),
            ["COALESCE(LOWER(\"postal_code\" COLLATE \"C\"), '\u{10FFFF}') COLLATE \"C\""]
        );
        assert_eq!(SortField::CreatedAt.key_sql(DbBackend::Sqlite, None), ["\"created_at\""]);
    }
}
