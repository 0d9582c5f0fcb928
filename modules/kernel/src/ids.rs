//! Identifiers: UUID v7, time-ordered so that primary-key indexes stay append-mostly.

use crate::error::{ApiError, ApiResult};
use uuid::Uuid;

pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// An id received from a client, for the input field `field`.
pub fn parse_id(raw: &str, field: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| ApiError::invalid(field, "INVALID_ID", "not a valid identifier"))
}

/// The id of a node we built ourselves from a UUID (connection cursors).
pub fn node_id(id: &async_graphql::ID) -> Uuid {
    Uuid::parse_str(id).unwrap_or_default()
}

/// A UUID as a GraphQL `ID`.
pub fn gql_id(id: &Uuid) -> async_graphql::ID {
    async_graphql::ID(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_parsed_or_refused_with_their_field() {
        let id = new_id();
        assert_eq!(parse_id(&id.to_string(), "id").unwrap(), id);
        let refused = parse_id("42", "userId").unwrap_err();
        assert_eq!((refused.field.as_deref(), refused.reason), (Some("userId"), Some("INVALID_ID")));
    }
}
