//! Message delivery without a database: what the campaigns module renders, counts, schedules
//! and sends, each part testable on its own.

pub mod bounce;
pub mod quiet_hours;
pub mod render;
pub mod schedule;
pub mod sink;
pub mod sms;
pub mod token;
pub mod tracking;
pub mod transport;
