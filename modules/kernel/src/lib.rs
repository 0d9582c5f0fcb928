//! The kernel: what every crm360 module shares.
//!
//! Two rules of the product hold here by construction:
//! - **tenant scoping**: tenant data is reached only through [`scope::TenantScope`], which adds
//!   the tenant filter itself, so that no resolver can forget it;
//! - **authorization**: fields declare the right they need with a [`guard`], checked against
//!   the request's [`actor::Actor`]; denials are typed `FORBIDDEN` errors and are logged.

pub mod actor;
pub mod audit;
pub mod bulk;
pub mod clock;
pub mod context;
pub mod error;
pub mod guard;
pub mod ids;
pub mod jobs;
pub mod metering;
pub mod model;
pub mod pagination;
pub mod scope;
pub mod secret;

pub use actor::{Actor, ActorKind, Right, Rights};
pub use clock::Clock;
pub use context::{Platform, RequestContext};
pub use error::{ApiError, ErrorCode};
pub use scope::{TenantOwned, TenantScope};
