//! The kernel: what every crm360 module shares.
//!
//! Two rules of the product hold here by construction:
//! - **tenant scoping**: the database handle is private to the kernel; tenant data is reached
//!   only through [`scope::TenantScope`] and its transactions, which add the tenant filter and
//!   stamp the tenant themselves (backed on PostgreSQL by row-level security); the few
//!   deliberate exceptions go through [`unscoped`], naming why;
//! - **authorization**: fields declare the right they need with a [`guard`], checked against
//!   the request's [`actor::Actor`]; denials are typed `FORBIDDEN` errors and are audited.
//!
//! `ARCHITECTURE.md` at the repository's root is the house guide.

// The kernel is the door: it alone holds connections and runs sea-orm's raw verbs.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod actor;
pub mod audit;
pub mod bulk;
pub mod clock;
pub mod context;
pub mod copy;
pub mod csv;
pub mod database;
pub mod error;
pub mod graphql;
pub mod guard;
pub mod http;
pub mod ids;
pub mod jobs;
pub mod metering;
pub mod model;
pub mod module;
pub mod notify;
pub mod pagination;
pub mod rate_limit;
pub mod scope;
pub mod secret;
mod stamp;
pub mod text;
pub mod unscoped;
pub mod values;

pub use actor::{Actor, ActorKind, Right, Rights};
pub use clock::Clock;
pub use context::{Platform, RequestContext};
pub use error::{ApiError, ErrorCode};
pub use jobs::{Job, JobContext, JobFailure};
pub use scope::{OperatorScope, TenantOwned, TenantScope, TenantTxn};
pub use unscoped::{Unscoped, Why};
