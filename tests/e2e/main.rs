//! End-to-end tests through HTTP GraphQL, on SQLite by default and on PostgreSQL when
//! `TEST_DATABASE_URL` is set. One binary, so the suite links once.

// Tests check what is stored, and try what the door forbids, straight on the database.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod access;
mod api_tokens;
mod audit_trail;
mod auth;
mod billing;
mod billing_faults;
mod campaign_faults;
mod campaigns;
mod consent_summary;
mod contact_sort;
mod contacts;
mod contacts_french;
mod contacts_partition;
mod contacts_security;
mod contacts_values;
mod faults;
mod fuzz_findings;
mod import_batches;
mod import_french_files;
mod isolation;
mod jobs;
mod network_filter;
mod password_reset;
mod postal;
mod protocol;
mod retention;
mod row_level_security;
mod schema;
mod security_http;
mod security_limits;
mod security_login;
mod server_process;
mod support;
mod support_desk;
mod upload_quota;
