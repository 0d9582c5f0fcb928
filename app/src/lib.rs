//! The crm360 application: configuration, database, schema assembly, HTTP server, CLI
//! commands and background workers. Modules own the rules; this crate wires them.

pub mod config;
pub mod db;
pub mod explorer;
pub mod graphql_http;
pub mod modules;
pub mod schema;
pub mod seed;
pub mod server;
pub mod static_files;
pub mod telemetry;

pub use config::Settings;
pub use server::{App, build_app};
