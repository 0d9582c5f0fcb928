//! Identity and permissions: tenants, operator staff, tenant users and their rights,
//! sessions, API tokens and the connection log.

pub mod error;
pub mod graphql;
pub mod jobs;
pub mod model;
pub mod password;
pub mod policy;
pub mod service;

pub use graphql::{IdentityMutation, IdentityQuery, TenantUserCountLoader};
pub use jobs::PurgeConnectionIpsJob;
pub use policy::{CookiePolicy, SessionPolicy, TokenLifetime};
pub use service::password_reset::AccountLinks;

use async_graphql::dataloader::DataLoader;
use crm360_kernel::context::{Platform, RequestContext};
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::scope::OperatorScope;

/// The identity module: the recurring purge of old connection IPs, and the policies and
/// loader its resolvers read.
#[derive(Default)]
pub struct IdentityModule {
    pub session: SessionPolicy,
    pub cookie: CookiePolicy,
    /// Where the links of its e-mails (lost password, invitations) point: the platform's
    /// public URL.
    pub links: AccountLinks,
}

impl Module for IdentityModule {
    fn name(&self) -> &'static str {
        "identity"
    }

    fn jobs(&self, runner: &mut JobRunner) {
        runner.recurring(PurgeConnectionIpsJob, PurgeConnectionIpsJob::EVERY, self.session.clone());
    }

    fn request_data(&self, platform: &Platform, request: &RequestContext, data: &mut async_graphql::Data) {
        // Read by login, logout, `me` and the password change (`ctx.data::<SessionPolicy>()`).
        data.insert(self.session.clone());
        data.insert(self.cookie.clone());
        // Read by the lost-password request and the invitation (`ctx.data::<AccountLinks>()`).
        data.insert(self.links.clone());
        // Counting users across tenants is operator work: only their requests get the loader
        // (a viewer's own tenant is counted in the viewer's scope).
        if let Ok(scope) = OperatorScope::for_request(platform, request) {
            data.insert(DataLoader::new(TenantUserCountLoader::new(scope), tokio::spawn));
        }
    }
}
