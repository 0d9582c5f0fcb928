//! The one list of modules: their GraphQL roots and their `Module` declarations (jobs,
//! routes, per-request data). Adding a module touches this file only (ARCHITECTURE.md).

use crate::config::Settings;
use async_graphql::{MergedObject, MergedSubscription};
use crm360_audit::{AuditDeps, AuditModule, AuditQuery};
use crm360_billing::jobs::BillingDeps;
use crm360_billing::{BillingModule, BillingMutation, BillingQuery};
use crm360_campaigns::jobs::CampaignDeps;
use crm360_campaigns::{CampaignsModule, CampaignsMutation, CampaignsQuery};
use crm360_contacts::service::uploads::FileSettings;
use crm360_contacts::{ContactsModule, ContactsMutation, ContactsQuery, ContactsSubscription};
use crm360_identity::{CookiePolicy, IdentityModule, IdentityMutation, IdentityQuery, SessionPolicy};
use crm360_kernel::graphql::{KernelMutation, KernelQuery};
use crm360_kernel::module::Module;
use crm360_postal::{PostalModule, PostalMutation, PostalRunMutation, PostalRunQuery};
use crm360_support::{SupportDeps, SupportModule, SupportMutation, SupportQuery, TicketsMutation, TicketsQuery};
use std::sync::Arc;

#[derive(MergedObject, Default)]
pub struct QueryRoot(
    KernelQuery,
    IdentityQuery,
    ContactsQuery,
    PostalRunQuery,
    SupportQuery,
    CampaignsQuery,
    BillingQuery,
    TicketsQuery,
    AuditQuery,
);

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    KernelMutation,
    IdentityMutation,
    ContactsMutation,
    PostalMutation,
    PostalRunMutation,
    SupportMutation,
    CampaignsMutation,
    BillingMutation,
    TicketsMutation,
);

#[derive(MergedSubscription, Default)]
pub struct SubscriptionRoot(ContactsSubscription);

/// What the modules are configured with, from the settings.
#[derive(Clone)]
pub struct ModuleSettings {
    pub session: SessionPolicy,
    pub cookie: CookiePolicy,
    pub files: FileSettings,
    pub campaigns: CampaignDeps,
    pub billing: BillingDeps,
    pub support: SupportDeps,
    pub audit: AuditDeps,
}

impl ModuleSettings {
    pub fn from(settings: &Settings) -> anyhow::Result<ModuleSettings> {
        Ok(ModuleSettings {
            session: SessionPolicy {
                idle_timeout: chrono::Duration::seconds(settings.session_idle_timeout_seconds),
                absolute_lifetime: chrono::Duration::seconds(settings.session_absolute_lifetime_seconds),
                ..SessionPolicy::default()
            },
            cookie: CookiePolicy { secure: settings.cookie_secure, ..CookiePolicy::default() },
            files: FileSettings {
                data_dir: settings.data_dir.clone(),
                max_upload_bytes: settings.max_upload_bytes,
                quota_bytes: settings.upload_quota_bytes,
                retention_days: settings.files_retention_days,
            },
            campaigns: settings.campaign_deps()?,
            billing: BillingDeps {
                settings: settings.billing_settings()?,
                documents: crm360_billing::service::documents::Documents::new()?,
            },
            support: SupportDeps {
                data_dir: settings.data_dir.clone(),
                mailbox: settings.support.mailbox.clone(),
                close_after_resolution: chrono::Duration::days(settings.support.close_after_resolution_days),
                close_after_silence: chrono::Duration::days(settings.support.close_after_silence_days),
            },
            audit: settings.audit_deps()?,
        })
    }
}

/// Every module, in the order their jobs, routes and request data are registered.
pub fn all(settings: &ModuleSettings) -> Vec<Arc<dyn Module>> {
    vec![
        Arc::new(crm360_kernel::module::KernelModule),
        Arc::new(IdentityModule {
            session: settings.session.clone(),
            cookie: settings.cookie.clone(),
            links: crm360_identity::AccountLinks::new(Some(&settings.campaigns.settings.public_url)),
        }),
        Arc::new(ContactsModule { files: settings.files.clone() }),
        Arc::new(PostalModule),
        Arc::new(SupportModule { deps: settings.support.clone() }),
        Arc::new(CampaignsModule { deps: settings.campaigns.clone() }),
        Arc::new(BillingModule { deps: settings.billing.clone() }),
        Arc::new(AuditModule { deps: settings.audit.clone() }),
    ]
}
