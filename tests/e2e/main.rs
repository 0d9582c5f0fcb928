//! End-to-end tests through HTTP GraphQL, on SQLite by default and on PostgreSQL when
//! `TEST_DATABASE_URL` is set. One binary, so the suite links once.

// Tests check what is stored, and try what the door forbids, straight on the database.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod access;
mod auth;
mod consent_summary;
mod contact_sort;
mod contacts;
mod import_batches;
mod isolation;
mod jobs;
mod postal;
mod protocol;
mod retention;
mod row_level_security;
mod schema;
mod support;
