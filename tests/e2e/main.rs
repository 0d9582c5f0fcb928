//! End-to-end tests through HTTP GraphQL, on SQLite by default and on PostgreSQL when
//! `TEST_DATABASE_URL` is set. One binary, so the suite links once.

mod access;
mod auth;
mod consent_summary;
mod contact_sort;
mod contacts;
mod import_batches;
mod isolation;
mod postal;
mod protocol;
mod retention;
mod row_level_security;
mod jobs;
mod schema;
mod support;
