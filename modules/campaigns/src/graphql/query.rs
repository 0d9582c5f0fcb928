//! Campaigns queries. Guarded fields say what they require in their doc comment, in the
//! words the end-to-end isolation walk reads.

use super::types::*;
use crate::jobs::CampaignDeps;
use crate::service::{campaigns, senders, suppressions, templates};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use crm360_delivery::schedule::Recurrence;
use crm360_kernel::context::{operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireRight};
use crm360_kernel::ids::{node_id, parse_id};
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{ApiError, Right};

#[derive(Default)]
pub struct CampaignsQuery;

#[Object]
impl CampaignsQuery {
    /// The tenant's message templates, oldest first. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn message_templates(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, MessageTemplate>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = templates::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(MessageTemplate::from).collect(), |t| node_id(&t.id)))
    }

    /// One message template. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn message_template(&self, ctx: &Context<'_>, id: ID) -> Result<Option<MessageTemplate>> {
        let scope = tenant_scope(ctx)?;
        Ok(templates::find(&scope, parse_id(&id, "id")?).await.gql()?.map(MessageTemplate::from))
    }

    /// The merge fields a template may read (`first_name`, `custom.loyalty_tier`,
    /// `unsubscribe_url`). Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn merge_fields(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let scope = tenant_scope(ctx)?;
        templates::merge_fields(&scope).await.gql()
    }

    /// The encoding, length and segments of an SMS text, as the user types it.
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn measure_sms(&self, text: String) -> Result<SmsMeasure> {
        if text.chars().count() > 5_000 {
            return Err(ApiError::invalid("text", "TOO_LONG", "at most 5000 characters").into());
        }
        Ok(crm360_delivery::sms::measure(&text).into())
    }

    /// A template rendered for one of the tenant's contacts.
    /// Requires all of the rights `COMMUNICATE`, `CONSULT`.
    #[graphql(guard = "RequireRight(Right::Communicate).and(RequireRight(Right::Consult))")]
    async fn preview_message(&self, ctx: &Context<'_>, template_id: ID, contact_id: ID) -> Result<RenderedMessage> {
        let scope = tenant_scope(ctx)?;
        let deps = ctx.data::<CampaignDeps>()?;
        let rendered = templates::preview(
            &scope,
            &deps.settings,
            parse_id(&template_id, "templateId")?,
            parse_id(&contact_id, "contactId")?,
        )
        .await
        .gql()?;
        Ok(rendered.into())
    }

    /// The saved segments a campaign may target, with their size (names and counts only: no
    /// condition, no personal data), oldest first. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn campaign_segments(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, CampaignSegment>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = crm360_contacts::service::segments::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(CampaignSegment::from).collect(), |s| node_id(&s.id)))
    }

    /// The senders the tenant may use (configured by operator staff).
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn campaign_senders(&self, ctx: &Context<'_>) -> Result<Vec<CampaignSender>> {
        let scope = tenant_scope(ctx)?;
        Ok(senders::list(&scope).await.gql()?.into_iter().map(CampaignSender::from).collect())
    }

    /// The tenant's campaigns, newest first. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn campaigns(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Campaign>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = campaigns::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(Campaign::from).collect(), |c| node_id(&c.id)))
    }

    /// One campaign. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn campaign(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Campaign>> {
        let scope = tenant_scope(ctx)?;
        Ok(campaigns::find(&scope, parse_id(&id, "id")?).await.gql()?.map(Campaign::from))
    }

    /// The next runs of a recurring plan (a five-field cron expression, Europe/Paris), for
    /// the wizard's preview; a typed error when it is invalid or runs more than once an hour.
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn upcoming_runs(&self, ctx: &Context<'_>, cron: String, count: Option<i32>) -> Result<Vec<DateTime<Utc>>> {
        let scope = tenant_scope(ctx)?;
        let recurrence = Recurrence::parse(&cron, chrono_tz::Europe::Paris)
            .map_err(|e| ApiError::invalid("cron", "INVALID_CRON", e.to_string()))?;
        Ok(recurrence.upcoming(scope.now(), count.unwrap_or(5).clamp(1, 20) as usize))
    }

    /// The tenant's suppression list, newest first, by pages (`offset`).
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn suppressions(
        &self,
        ctx: &Context<'_>,
        channel: Option<Channel>,
        first: Option<i32>,
        offset: Option<i32>,
    ) -> Result<Vec<Suppression>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, None, Order::NewestFirst)?;
        let offset = offset.unwrap_or(0).max(0) as u64;
        let rows = suppressions::list(&scope, channel, &page, offset).await.gql()?;
        Ok(rows.into_iter().map(Suppression::from).collect())
    }

    /// Whether an address or number is on the tenant's suppression list.
    /// Requires all of the rights `COMMUNICATE`, `CONSULT`.
    #[graphql(guard = "RequireRight(Right::Communicate).and(RequireRight(Right::Consult))")]
    async fn find_suppression(
        &self,
        ctx: &Context<'_>,
        channel: Channel,
        value: String,
    ) -> Result<Option<Suppression>> {
        let scope = tenant_scope(ctx)?;
        Ok(suppressions::lookup(&scope, channel, &value).await.gql()?.map(Suppression::from))
    }

    /// Whether the tenant tracks opens and clicks of its emails (off by default).
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn campaign_tracking(&self, ctx: &Context<'_>) -> Result<bool> {
        let scope = tenant_scope(ctx)?;
        crate::service::tracking::enabled(&scope).await.gql()
    }

    /// The senders a tenant may use. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn tenant_campaign_senders(&self, ctx: &Context<'_>, tenant_id: ID) -> Result<Vec<CampaignSender>> {
        let operator = operator_scope(ctx)?;
        let scope = operator.on_tenant(parse_id(&tenant_id, "tenantId")?);
        Ok(senders::list(&scope).await.gql()?.into_iter().map(CampaignSender::from).collect())
    }
}
