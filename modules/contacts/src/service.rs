//! The contacts rules, callable without GraphQL.

pub mod consents;
pub mod contact_sort;
pub mod contacts;
pub mod csv_file;
pub mod custom_fields;
pub mod exports;
pub mod feeds;
pub mod imports;
pub mod merge;
pub mod retention;
pub mod segments;
pub mod uploads;

use crate::error::{ContactsError, ContactsResult};
use uuid::Uuid;

pub fn parse_id(raw: &str, field: &str) -> ContactsResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| ContactsError::invalid(field, "INVALID_ID", "not a valid identifier"))
}
