//! Support and service levels. Today: the operator's announcements to tenants (shown as a
//! banner in the web app), and the audience measurement of contract article 12 (page views,
//! visits, client activity and return frequency), with its retention.

pub mod error;
pub mod graphql;
pub mod model;
pub mod paths;
pub mod service;

pub use graphql::{SupportMutation, SupportQuery};
