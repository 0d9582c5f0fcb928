//! Support mutations: the operator's announcements and the recording of page views.

use super::guard::RequireSignedIn;
use super::types::*;
use crate::service::analytics::{self, PageViewReport};
use crate::service::announcements::{self, AnnouncementDraft};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use crm360_kernel::context::{Platform, operator_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireOperator;
use crm360_kernel::ids::parse_id;
use crm360_kernel::{Actor, RequestContext};

#[derive(Default)]
pub struct SupportMutation;

/// An announcement as the operator writes it.
#[derive(InputObject)]
pub struct CreateAnnouncementInput {
    pub severity: AnnouncementSeverity,
    /// Required, at most 500 characters.
    pub text_fr: String,
    /// At most 500 characters; the French text is shown when absent.
    pub text_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    /// After `startsAt`; none: until ended by hand.
    pub ends_at: Option<DateTime<Utc>>,
    /// The one tenant to address; none: every tenant.
    pub tenant_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct CreateAnnouncementPayload {
    pub announcement: Announcement,
}

/// A new version of an announcement that has not ended: every field is replaced.
#[derive(InputObject)]
pub struct UpdateAnnouncementInput {
    pub id: ID,
    pub severity: AnnouncementSeverity,
    pub text_fr: String,
    pub text_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub tenant_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct UpdateAnnouncementPayload {
    pub announcement: Announcement,
}

#[derive(InputObject)]
pub struct EndAnnouncementInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct EndAnnouncementPayload {
    pub announcement: Announcement,
}

/// A page view of the web app, sent only when the user accepted the audience measurement.
#[derive(InputObject)]
pub struct RecordPageViewInput {
    /// The random id of the measurement cookie (a UUID, with or without dashes).
    pub visitor_id: String,
    /// The page's path; ids and query strings are dropped (`/contacts/:id`).
    pub path: String,
    /// The date of the last visit the cookie remembers, for the return frequency.
    pub previous_visit_on: Option<NaiveDate>,
}

#[derive(SimpleObject)]
pub struct RecordPageViewPayload {
    /// False for operator staff and API clients: only the clients' users are measured.
    pub recorded: bool,
    /// Whether this page view starts a visit (none from this visitor for 30 minutes).
    pub new_visit: bool,
}

fn draft(
    severity: AnnouncementSeverity,
    text_fr: String,
    text_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: Option<DateTime<Utc>>,
    tenant_id: Option<ID>,
) -> Result<AnnouncementDraft> {
    Ok(AnnouncementDraft {
        severity,
        text_fr,
        text_en,
        starts_at,
        ends_at,
        tenant_id: tenant_id.map(|id| parse_id(&id, "tenantId")).transpose()?,
    })
}

#[Object]
impl SupportMutation {
    /// Publishes an announcement (audited). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn create_announcement(
        &self,
        ctx: &Context<'_>,
        input: CreateAnnouncementInput,
    ) -> Result<CreateAnnouncementPayload> {
        let scope = operator_scope(ctx)?;
        let draft =
            draft(input.severity, input.text_fr, input.text_en, input.starts_at, input.ends_at, input.tenant_id)?;
        let created = announcements::create(&scope, draft).await.gql()?;
        Ok(CreateAnnouncementPayload { announcement: Announcement::new(created, scope.now()) })
    }

    /// Changes an announcement that has not ended (audited). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn update_announcement(
        &self,
        ctx: &Context<'_>,
        input: UpdateAnnouncementInput,
    ) -> Result<UpdateAnnouncementPayload> {
        let scope = operator_scope(ctx)?;
        let id = parse_id(&input.id, "id")?;
        let draft =
            draft(input.severity, input.text_fr, input.text_en, input.starts_at, input.ends_at, input.tenant_id)?;
        let updated = announcements::update(&scope, id, draft).await.gql()?;
        Ok(UpdateAnnouncementPayload { announcement: Announcement::new(updated, scope.now()) })
    }

    /// Ends an announcement now (audited). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn end_announcement(&self, ctx: &Context<'_>, input: EndAnnouncementInput) -> Result<EndAnnouncementPayload> {
        let scope = operator_scope(ctx)?;
        let id = parse_id(&input.id, "id")?;
        let ended = announcements::end(&scope, id).await.gql()?;
        Ok(EndAnnouncementPayload { announcement: Announcement::new(ended, scope.now()) })
    }

    /// Records a page view for the audience measurement (contract article 12): the visitor's
    /// random id, the page's route pattern, the time and the tenant, never who the user is.
    /// At most 60 a minute per visitor. Signed-in users only.
    #[graphql(guard = "RequireSignedIn")]
    async fn record_page_view(&self, ctx: &Context<'_>, input: RecordPageViewInput) -> Result<RecordPageViewPayload> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        let report = PageViewReport {
            visitor_id: input.visitor_id,
            path: input.path,
            previous_visit_on: input.previous_visit_on,
        };
        // Only the clients' people are measured: operator staff and API clients are not.
        let Actor::TenantUser { tenant_id, .. } = request.actor else {
            analytics::validate(&report).gql()?;
            return Ok(RecordPageViewPayload { recorded: false, new_visit: false });
        };
        let recorded = analytics::record_page_view(platform, tenant_id, report).await.gql()?;
        Ok(RecordPageViewPayload { recorded: true, new_visit: recorded.new_visit })
    }
}
