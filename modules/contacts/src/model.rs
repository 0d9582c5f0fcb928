//! The contacts module's tables.

pub mod consent;
pub mod contact;
pub mod custom_field;
pub mod custom_value;
pub mod feed;
pub mod import;
pub mod import_mapping;
pub mod import_row_error;
pub mod segment;
pub mod upload;
