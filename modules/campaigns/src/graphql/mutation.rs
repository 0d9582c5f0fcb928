//! Campaigns mutations (thin: read the context, call the service).

use super::types::*;
use crate::jobs::CampaignDeps;
use crate::service::campaigns::{self, AbTestDraft, CampaignDraft};
use crate::service::senders::{self, SenderDraft};
use crate::service::suppressions;
use crate::service::templates::{self, TemplateDraft};
use crate::service::{ab_tests, tracking};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_kernel::Right;
use crm360_kernel::context::{Platform, operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireRight, RequireTenantAdmin};
use crm360_kernel::ids::parse_id;

#[derive(Default)]
pub struct CampaignsMutation;

/// A message template as written. Merge fields: `{{ first_name | default("client") }}`.
#[derive(InputObject)]
pub struct MessageTemplateInput {
    pub name: String,
    pub channel: Channel,
    /// Email only; required there.
    pub subject: Option<String>,
    /// Email only.
    pub html_body: Option<String>,
    /// The text part of an email, or the SMS.
    pub text_body: String,
}

impl MessageTemplateInput {
    fn draft(self) -> TemplateDraft {
        TemplateDraft {
            name: self.name,
            channel: self.channel,
            subject: self.subject,
            html_body: self.html_body,
            text_body: self.text_body,
        }
    }
}

#[derive(SimpleObject)]
pub struct MessageTemplatePayload {
    pub template: MessageTemplate,
}

/// A test send of a template to a few addresses or numbers.
#[derive(InputObject)]
pub struct SendTestMessageInput {
    pub template_id: ID,
    pub sender_id: ID,
    /// At most 10 addresses (email) or mobile numbers (SMS).
    pub to: Vec<String>,
    /// The contact whose values fill the merge fields; none: empty values.
    pub contact_id: Option<ID>,
}

/// A campaign as written.
#[derive(InputObject)]
pub struct CampaignInput {
    pub name: String,
    pub channel: Channel,
    pub segment_id: ID,
    pub template_id: ID,
    /// One of the tenant's allowed senders of the channel.
    pub sender_id: ID,
    /// Prospecting (default): consent required, SMS opt-out mention and quiet hours.
    /// False only for messages the contract with the contact calls for.
    pub marketing: Option<bool>,
    pub plan: RunPlan,
    /// `AT` plans: when, in the future.
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `RECURRING` plans: a five-field cron expression, Europe/Paris ("0 9 * * MON").
    pub cron: Option<String>,
    /// An A/B test of another template on a share of the segment.
    pub ab_test: Option<AbTestInput>,
}

/// An A/B test: variant B (`templateId`) against the campaign's template (variant A).
#[derive(InputObject)]
pub struct AbTestInput {
    pub template_id: ID,
    /// The share of the segment in the test, 2 to 90 % (half each side).
    pub share_percent: i32,
    /// `OPENS` and `CLICKS` need the tenant's tracking on; `CHOSEN`: a person picks.
    pub winner_by: AbWinnerBy,
    /// When the winner goes to the rest, 1 minute to 7 days after the run starts.
    pub decide_after_minutes: i32,
}

impl CampaignInput {
    fn draft(self) -> Result<CampaignDraft> {
        Ok(CampaignDraft {
            name: self.name,
            channel: self.channel,
            segment_id: parse_id(&self.segment_id, "segmentId")?,
            template_id: parse_id(&self.template_id, "templateId")?,
            sender_id: parse_id(&self.sender_id, "senderId")?,
            marketing: self.marketing.unwrap_or(true),
            plan: self.plan,
            scheduled_at: self.scheduled_at,
            cron: self.cron,
            ab_test: self
                .ab_test
                .map(|ab| -> Result<AbTestDraft> {
                    Ok(AbTestDraft {
                        template_id: parse_id(&ab.template_id, "abTest.templateId")?,
                        share_percent: ab.share_percent,
                        winner_by: ab.winner_by,
                        decide_after_minutes: ab.decide_after_minutes,
                    })
                })
                .transpose()?,
        })
    }
}

#[derive(SimpleObject)]
pub struct CampaignPayload {
    pub campaign: Campaign,
}

/// A sender a tenant may use.
#[derive(InputObject)]
pub struct AllowCampaignSenderInput {
    pub tenant_id: ID,
    pub channel: Channel,
    /// An email address, or an SMS sender id (1 to 11 letters and digits, one letter at least).
    pub address: String,
    pub display_name: Option<String>,
    pub reply_to: Option<String>,
}

#[Object]
impl CampaignsMutation {
    /// Saves a new template; refused with the line when a part does not compile or reads an
    /// unknown merge field. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn create_message_template(
        &self,
        ctx: &Context<'_>,
        input: MessageTemplateInput,
    ) -> Result<MessageTemplatePayload> {
        let scope = tenant_scope(ctx)?;
        let saved = templates::create(&scope, input.draft()).await.gql()?;
        Ok(MessageTemplatePayload { template: saved.into() })
    }

    /// Replaces a template's name and parts (its channel stays). Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn update_message_template(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: MessageTemplateInput,
    ) -> Result<MessageTemplatePayload> {
        let scope = tenant_scope(ctx)?;
        let saved = templates::update(&scope, parse_id(&id, "id")?, input.draft()).await.gql()?;
        Ok(MessageTemplatePayload { template: saved.into() })
    }

    /// Deletes a template no campaign uses. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn delete_message_template(&self, ctx: &Context<'_>, id: ID) -> Result<MessageTemplatePayload> {
        let scope = tenant_scope(ctx)?;
        let gone = templates::delete(&scope, parse_id(&id, "id")?).await.gql()?;
        Ok(MessageTemplatePayload { template: gone.into() })
    }

    /// Sends a template to a few addresses or numbers, subject prefixed with "[TEST]"; how
    /// many were sent. Filling it with a contact's values (`contactId`) also needs `CONSULT`. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn send_test_message(&self, ctx: &Context<'_>, input: SendTestMessageInput) -> Result<i32> {
        let scope = tenant_scope(ctx)?;
        let deps = ctx.data::<CampaignDeps>()?;
        let contact_id = input.contact_id.map(|id| parse_id(&id, "contactId")).transpose()?;
        let sent = templates::send_test(
            &scope,
            &deps.settings,
            &deps.transports,
            parse_id(&input.template_id, "templateId")?,
            parse_id(&input.sender_id, "senderId")?,
            &input.to,
            contact_id,
        )
        .await
        .gql()?;
        Ok(sent as i32)
    }

    /// Saves a new campaign as a draft. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn create_campaign(&self, ctx: &Context<'_>, input: CampaignInput) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        let saved = campaigns::create(&scope, input.draft()?).await.gql()?;
        Ok(CampaignPayload { campaign: saved.into() })
    }

    /// Changes a draft campaign. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn update_campaign(&self, ctx: &Context<'_>, id: ID, input: CampaignInput) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        let saved = campaigns::update(&scope, parse_id(&id, "id")?, input.draft()?).await.gql()?;
        Ok(CampaignPayload { campaign: saved.into() })
    }

    /// Launches a draft on its plan. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn launch_campaign(&self, ctx: &Context<'_>, id: ID) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        Ok(CampaignPayload { campaign: campaigns::launch(&scope, parse_id(&id, "id")?).await.gql()?.into() })
    }

    /// Suspends a campaign's sending and plan. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn pause_campaign(&self, ctx: &Context<'_>, id: ID) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        Ok(CampaignPayload { campaign: campaigns::pause(&scope, parse_id(&id, "id")?).await.gql()?.into() })
    }

    /// Resumes a paused campaign where it stopped. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn resume_campaign(&self, ctx: &Context<'_>, id: ID) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        Ok(CampaignPayload { campaign: campaigns::resume(&scope, parse_id(&id, "id")?).await.gql()?.into() })
    }

    /// Stops a campaign for good. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn cancel_campaign(&self, ctx: &Context<'_>, id: ID) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        Ok(CampaignPayload { campaign: campaigns::cancel(&scope, parse_id(&id, "id")?).await.gql()?.into() })
    }

    /// Chooses the winner of the campaign's latest A/B test: the held messages go out with it.
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn choose_ab_winner(&self, ctx: &Context<'_>, id: ID, winner: Variant) -> Result<CampaignPayload> {
        let scope = tenant_scope(ctx)?;
        Ok(CampaignPayload { campaign: ab_tests::choose(&scope, parse_id(&id, "id")?, winner).await.gql()?.into() })
    }

    /// Turns open and click tracking of the tenant's emails on or off (off by default: links
    /// are rewritten and an image added only when on). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn set_campaign_tracking(&self, ctx: &Context<'_>, enabled: bool) -> Result<bool> {
        let scope = tenant_scope(ctx)?;
        tracking::set(&scope, enabled).await.gql()
    }

    /// Adds an address or number to the tenant's suppression list. Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn add_suppression(&self, ctx: &Context<'_>, channel: Channel, value: String) -> Result<Suppression> {
        let scope = tenant_scope(ctx)?;
        Ok(suppressions::add(&scope, channel, &value).await.gql()?.into())
    }

    /// Removes an entry of the tenant's suppression list (after a new, proven consent).
    /// Requires the `COMMUNICATE` right.
    #[graphql(guard = "RequireRight(Right::Communicate)")]
    async fn remove_suppression(&self, ctx: &Context<'_>, channel: Channel, value_hash: String) -> Result<Suppression> {
        let scope = tenant_scope(ctx)?;
        Ok(suppressions::remove(&scope, channel, &value_hash).await.gql()?.into())
    }

    /// Allows a sender for a tenant (or updates its display name and reply-to). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn allow_campaign_sender(
        &self,
        ctx: &Context<'_>,
        input: AllowCampaignSenderInput,
    ) -> Result<CampaignSender> {
        let operator = operator_scope(ctx)?;
        let draft = SenderDraft {
            channel: input.channel,
            address: input.address,
            display_name: input.display_name,
            reply_to: input.reply_to,
        };
        let tenant_id = parse_id(&input.tenant_id, "tenantId")?;
        Ok(senders::add(&operator, tenant_id, draft).await.gql()?.into())
    }

    /// Withdraws a sender no campaign uses. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn withdraw_campaign_sender(&self, ctx: &Context<'_>, tenant_id: ID, id: ID) -> Result<CampaignSender> {
        let operator = operator_scope(ctx)?;
        let gone = senders::remove(&operator, parse_id(&tenant_id, "tenantId")?, parse_id(&id, "id")?).await.gql()?;
        Ok(gone.into())
    }

    /// Adds an address or number to the platform's suppression list, which every tenant's
    /// sends consult. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn add_platform_suppression(
        &self,
        ctx: &Context<'_>,
        channel: Channel,
        value: String,
    ) -> Result<Suppression> {
        let operator = operator_scope(ctx)?;
        let platform = Platform::of(ctx)?;
        Ok(suppressions::add_platform(&operator, platform, channel, &value).await.gql()?.into())
    }
}
