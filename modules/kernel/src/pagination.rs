//! Relay-style cursor pagination, keyset on time-ordered UUID v7 ids: stable under inserts
//! and as fast on the millionth page as on the first.

use crate::error::{ApiError, ApiResult};
use async_graphql::OutputType;
use async_graphql::connection::{Connection, Edge};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

pub const DEFAULT_PAGE_SIZE: u64 = 50;
pub const MAX_PAGE_SIZE: u64 = 100;

/// Which end of the list comes first.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum Order {
    OldestFirst,
    NewestFirst,
}

/// A validated page request (`first`, `after`).
#[derive(Clone, Debug)]
pub struct Page {
    pub limit: u64,
    pub after: Option<Uuid>,
    pub order: Order,
}

impl Page {
    pub fn parse(first: Option<i32>, after: Option<String>, order: Order) -> ApiResult<Page> {
        let limit = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n >= 1 && n as u64 <= MAX_PAGE_SIZE => n as u64,
            Some(_) => {
                return Err(ApiError::invalid(
                    "first",
                    "PAGE_SIZE_OUT_OF_RANGE",
                    format!("first must be between 1 and {MAX_PAGE_SIZE}"),
                ));
            }
        };
        let after = after.map(|cursor| decode_cursor(&cursor)).transpose()?;
        Ok(Page { limit, after, order })
    }

    /// Adds the keyset filter, the order and a limit one above the page size (to learn
    /// whether a next page exists) to a query.
    pub fn apply<E: EntityTrait>(&self, select: Select<E>, id: E::Column) -> Select<E> {
        let select = match (self.after, self.order) {
            (Some(after), Order::OldestFirst) => select.filter(id.gt(after)),
            (Some(after), Order::NewestFirst) => select.filter(id.lt(after)),
            (None, _) => select,
        };
        let select = match self.order {
            Order::OldestFirst => select.order_by_asc(id),
            Order::NewestFirst => select.order_by_desc(id),
        };
        select.limit(self.limit + 1)
    }

    /// Builds the connection from the rows a query made by [`Page::apply`] returned.
    pub fn connection<N: OutputType>(&self, mut rows: Vec<N>, id_of: impl Fn(&N) -> Uuid) -> Connection<String, N> {
        let has_next = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        let mut connection = Connection::new(self.after.is_some(), has_next);
        connection.edges.extend(rows.into_iter().map(|node| Edge::new(encode_cursor(id_of(&node)), node)));
        connection
    }
}

pub fn encode_cursor(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

pub fn decode_cursor(cursor: &str) -> ApiResult<Uuid> {
    let bad = || ApiError::invalid("after", "INVALID_CURSOR", "the cursor is not one this API gave");
    let bytes = decode_opaque(cursor).ok_or_else(bad)?;
    Uuid::from_slice(&bytes).map_err(|_| bad())
}

/// The opaque text of a cursor that carries more than an id (a sort key, for instance).
pub fn encode_opaque(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The bytes of a cursor made by [`encode_opaque`], or `None` when it is not one.
pub fn decode_opaque(cursor: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(cursor).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let id = Uuid::now_v7();
        assert_eq!(decode_cursor(&encode_cursor(id)).unwrap(), id);
        assert_eq!(decode_cursor("not a cursor").unwrap_err().reason, Some("INVALID_CURSOR"));
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(Page::parse(None, None, Order::OldestFirst).unwrap().limit, DEFAULT_PAGE_SIZE);
        assert!(Page::parse(Some(0), None, Order::OldestFirst).is_err());
        assert!(Page::parse(Some(101), None, Order::OldestFirst).is_err());
        assert_eq!(Page::parse(Some(100), None, Order::OldestFirst).unwrap().limit, 100);
    }
}
