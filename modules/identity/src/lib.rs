//! Identity and permissions: tenants, operator staff, tenant users and their rights,
//! sessions, API tokens and the connection log.

pub mod email;
pub mod error;
pub mod graphql;
pub mod model;
pub mod password;
pub mod policy;
pub mod service;

pub use graphql::{IdentityMutation, IdentityQuery};
pub use policy::{CookiePolicy, SessionPolicy};
