//! The campaigns module's GraphQL types.

use crate::model::{campaign, campaign_run, platform_suppression, sender, suppression, template};
use crate::service::stats::SendStats as Stats;
use crate::service::templates::Rendered;
use async_graphql::{ComplexObject, Context, Enum, ID, Result, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_delivery::schedule::Recurrence;
use crm360_delivery::sms::{Encoding, SmsLength};
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;

pub use crate::model::{AbWinnerBy, CampaignStatus, Channel, RunPlan, RunStatus, SuppressionReason, Variant};

/// The character set an SMS is sent in: one character outside GSM-7 (`ê`, `œ`, an emoji)
/// switches the whole message to UCS-2, with shorter segments.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum SmsEncoding {
    Gsm7,
    Ucs2,
}

/// The length of an SMS as carriers count it.
#[derive(SimpleObject, Clone, Debug)]
pub struct SmsMeasure {
    pub encoding: SmsEncoding,
    /// Septets in GSM-7 (the extension characters `€ [ ] { } ^ ~ | \` count two), UTF-16
    /// units in UCS-2.
    pub units: i32,
    /// How many SMS are billed for one recipient.
    pub segments: i32,
    /// 160 or 153 (GSM-7), 70 or 67 (UCS-2).
    pub per_segment: i32,
    pub remaining_in_segment: i32,
    /// The characters that forced UCS-2.
    pub non_gsm_characters: Vec<String>,
}

impl From<SmsLength> for SmsMeasure {
    fn from(l: SmsLength) -> SmsMeasure {
        SmsMeasure {
            encoding: match l.encoding {
                Encoding::Gsm7 => SmsEncoding::Gsm7,
                Encoding::Ucs2 => SmsEncoding::Ucs2,
            },
            units: l.units as i32,
            segments: l.segments as i32,
            per_segment: l.per_segment as i32,
            remaining_in_segment: l.remaining_in_segment as i32,
            non_gsm_characters: l.non_gsm.iter().map(|c| c.to_string()).collect(),
        }
    }
}

/// A message template.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct MessageTemplate {
    pub id: ID,
    pub name: String,
    pub channel: Channel,
    /// Email only.
    pub subject: Option<String>,
    /// Email only; HTML, merge values escaped.
    pub html_body: Option<String>,
    /// The text part of an email, or the SMS itself.
    pub text_body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[ComplexObject]
impl MessageTemplate {
    /// The SMS's encoding and segments as written (merge values change it). SMS only.
    async fn sms_measure(&self) -> Option<SmsMeasure> {
        (self.channel == Channel::Sms).then(|| crm360_delivery::sms::measure(&self.text_body).into())
    }
}

impl From<template::Model> for MessageTemplate {
    fn from(t: template::Model) -> MessageTemplate {
        MessageTemplate {
            id: ID(t.id.to_string()),
            name: t.name,
            channel: t.channel,
            subject: t.subject,
            html_body: t.html_body,
            text_body: t.text_body,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

/// A template rendered for one contact, as it would leave.
#[derive(SimpleObject, Clone, Debug)]
pub struct RenderedMessage {
    pub subject: Option<String>,
    pub html: Option<String>,
    pub text: String,
    pub sms_measure: Option<SmsMeasure>,
}

impl From<Rendered> for RenderedMessage {
    fn from(r: Rendered) -> RenderedMessage {
        RenderedMessage { subject: r.subject, html: r.html, text: r.text, sms_measure: r.sms.map(SmsMeasure::from) }
    }
}

/// A sender the tenant may use, configured by operator staff.
#[derive(SimpleObject, Clone, Debug)]
pub struct CampaignSender {
    pub id: ID,
    pub channel: Channel,
    /// An email address, or an SMS sender id.
    pub address: String,
    pub display_name: Option<String>,
    pub reply_to: Option<String>,
}

impl From<sender::Model> for CampaignSender {
    fn from(s: sender::Model) -> CampaignSender {
        CampaignSender {
            id: ID(s.id.to_string()),
            channel: s.channel,
            address: s.address,
            display_name: s.display_name,
            reply_to: s.reply_to,
        }
    }
}

/// What became of the messages of a run or a campaign.
#[derive(SimpleObject, Clone, Debug, Default)]
pub struct SendStats {
    /// Contacts of the segment when each run started.
    pub targeted: i64,
    pub queued: i64,
    /// SMS waiting for the end of the quiet hours (22:00-08:00, Sundays, public holidays).
    pub waiting_quiet_hours: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub bounced: i64,
    /// Their worker stopped while sending them: they may or may not have left, and are never
    /// sent again.
    pub uncertain: i64,
    pub cancelled: i64,
    pub excluded_no_consent: i64,
    pub excluded_suppressed: i64,
    pub excluded_invalid_address: i64,
    pub excluded_duplicate: i64,
    pub unsubscribed: i64,
    /// Opened at least once (tracking on; images are often blocked: a floor).
    pub opened: i64,
    /// Clicked at least once (tracking on).
    pub clicked: i64,
}

impl From<Stats> for SendStats {
    fn from(s: Stats) -> SendStats {
        SendStats {
            targeted: s.targeted,
            queued: s.queued,
            waiting_quiet_hours: s.waiting_quiet_hours,
            sending: s.sending,
            sent: s.sent,
            failed: s.failed,
            bounced: s.bounced,
            uncertain: s.uncertain,
            cancelled: s.cancelled,
            excluded_no_consent: s.excluded_no_consent,
            excluded_suppressed: s.excluded_suppressed,
            excluded_invalid_address: s.excluded_invalid_address,
            excluded_duplicate: s.excluded_duplicate,
            unsubscribed: s.unsubscribed,
            opened: s.opened,
            clicked: s.clicked,
        }
    }
}

/// A campaign: a template sent to a segment from an allowed sender, on a run plan.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct Campaign {
    pub id: ID,
    pub name: String,
    pub channel: Channel,
    pub status: CampaignStatus,
    pub segment_id: ID,
    pub template_id: ID,
    pub sender_id: ID,
    /// Prospecting: consent required (CPCE L.34-5), SMS opt-out mention and quiet hours.
    pub marketing: bool,
    pub plan: RunPlan,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Recurring plans: a five-field cron expression, Europe/Paris.
    pub cron: Option<String>,
    pub next_run_at: Option<DateTime<Utc>>,
    pub runs_started: i32,
    /// Its A/B test, if any.
    pub ab_test: Option<AbTest>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An A/B test as planned, and the winner of the latest run's test once known.
#[derive(SimpleObject, Clone, Debug)]
pub struct AbTest {
    /// Variant B's template (variant A is the campaign's).
    pub template_id: ID,
    pub share_percent: i32,
    pub winner_by: AbWinnerBy,
    pub decide_after_minutes: i32,
    pub winner: Option<Variant>,
}

/// One side of a run's A/B test.
#[derive(SimpleObject, Clone, Debug)]
pub struct AbSide {
    pub variant: Variant,
    pub sent: i64,
    pub opened: i64,
    pub clicked: i64,
}

#[ComplexObject]
impl Campaign {
    /// The recurring plan in words ("chaque lundi à 09:00").
    async fn plan_description(&self) -> Option<String> {
        let cron = self.cron.as_deref()?;
        Recurrence::parse(cron, chrono_tz::Europe::Paris).ok().map(|r| r.describe_fr())
    }

    /// The figures of every run together.
    async fn stats(&self, ctx: &Context<'_>) -> Result<SendStats> {
        let scope = tenant_scope(ctx)?;
        let id = crm360_kernel::ids::node_id(&self.id);
        let txn = scope.begin().await.gql()?;
        let runs = crate::service::stats::run_ids_of(&txn, id).await.gql()?;
        let stats = crate::service::stats::of_runs(&txn, &runs).await.gql()?;
        txn.commit().await.gql()?;
        Ok(stats.into())
    }

    /// Its runs, newest first (at most 100).
    async fn runs(&self, ctx: &Context<'_>) -> Result<Vec<CampaignRun>> {
        let scope = tenant_scope(ctx)?;
        let id = crm360_kernel::ids::node_id(&self.id);
        Ok(crate::service::campaigns::runs_of(&scope, id).await.gql()?.into_iter().map(CampaignRun::from).collect())
    }
}

impl From<campaign::Model> for Campaign {
    fn from(c: campaign::Model) -> Campaign {
        Campaign {
            id: ID(c.id.to_string()),
            name: c.name,
            channel: c.channel,
            status: c.status,
            segment_id: ID(c.segment_id.to_string()),
            template_id: ID(c.template_id.to_string()),
            sender_id: ID(c.sender_id.to_string()),
            marketing: c.marketing,
            plan: c.plan,
            scheduled_at: c.scheduled_at,
            cron: c.cron,
            next_run_at: c.next_run_at,
            runs_started: c.runs_started,
            ab_test: match (c.ab_template_id, c.ab_share_percent, c.ab_winner_by, c.ab_decide_after_minutes) {
                (Some(template), Some(share_percent), Some(winner_by), Some(decide_after_minutes)) => Some(AbTest {
                    template_id: ID(template.to_string()),
                    share_percent,
                    winner_by,
                    decide_after_minutes,
                    winner: c.ab_winner,
                }),
                _ => None,
            },
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// One run of a campaign, with its own figures.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct CampaignRun {
    pub id: ID,
    pub campaign_id: ID,
    /// 1 for the campaign's first run.
    pub number: i32,
    pub status: RunStatus,
    pub due_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub ab_tested: bool,
}

#[ComplexObject]
impl CampaignRun {
    /// What became of its messages.
    async fn stats(&self, ctx: &Context<'_>) -> Result<SendStats> {
        let scope = tenant_scope(ctx)?;
        let txn = scope.begin().await.gql()?;
        let stats = crate::service::stats::of_runs(&txn, &[crm360_kernel::ids::node_id(&self.id)]).await.gql()?;
        txn.commit().await.gql()?;
        Ok(stats.into())
    }

    /// The two sides of its A/B test (empty without one).
    async fn ab_sides(&self, ctx: &Context<'_>) -> Result<Vec<AbSide>> {
        if !self.ab_tested {
            return Ok(Vec::new());
        }
        let scope = tenant_scope(ctx)?;
        let txn = scope.begin().await.gql()?;
        let mut sides = Vec::new();
        for variant in [Variant::A, Variant::B] {
            let f = crate::service::ab_tests::side_figures(&txn, crm360_kernel::ids::node_id(&self.id), variant)
                .await
                .gql()?;
            sides.push(AbSide { variant, sent: f.sent as i64, opened: f.opened as i64, clicked: f.clicked as i64 });
        }
        txn.commit().await.gql()?;
        Ok(sides)
    }
}

impl From<campaign_run::Model> for CampaignRun {
    fn from(r: campaign_run::Model) -> CampaignRun {
        CampaignRun {
            id: ID(r.id.to_string()),
            campaign_id: ID(r.campaign_id.to_string()),
            number: r.number,
            status: r.status,
            due_at: r.due_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
            ab_tested: r.held_from_batch.is_some(),
        }
    }
}

/// An address or number never sent to again; the list keeps a hash and a hint, not the
/// address.
#[derive(SimpleObject, Clone, Debug)]
pub struct Suppression {
    pub channel: Channel,
    /// SHA-256 of the normalised address or number (the entry's key).
    pub value_hash: String,
    /// A hint: `j•••@exemple.fr`, `+336 •• •• •• 78`.
    pub masked: String,
    pub reason: SuppressionReason,
    pub campaign_id: Option<ID>,
    pub created_at: DateTime<Utc>,
}

impl From<suppression::Model> for Suppression {
    fn from(s: suppression::Model) -> Suppression {
        Suppression {
            channel: s.channel,
            value_hash: s.value_hash,
            masked: s.masked,
            reason: s.reason,
            campaign_id: s.campaign_id.map(|id| ID(id.to_string())),
            created_at: s.created_at,
        }
    }
}

impl From<platform_suppression::Model> for Suppression {
    fn from(s: platform_suppression::Model) -> Suppression {
        Suppression {
            channel: s.channel,
            value_hash: s.value_hash,
            masked: s.masked,
            reason: s.reason,
            campaign_id: None,
            created_at: s.created_at,
        }
    }
}

/// A saved segment as a campaign sees it: its name and its size.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct CampaignSegment {
    pub id: ID,
    pub name: String,
    /// None when the stored definition does not read (its count is then an error).
    #[graphql(skip)]
    pub definition: Option<crm360_contacts::service::segments::Node>,
}

#[ComplexObject]
impl CampaignSegment {
    /// How many contacts it holds now (before consent and suppression are applied).
    async fn contact_count(&self, ctx: &Context<'_>) -> Result<i64> {
        let scope = tenant_scope(ctx)?;
        let definition = self
            .definition
            .as_ref()
            .ok_or_else(|| crm360_kernel::ApiError::internal("a stored segment does not read"))?;
        Ok(crm360_contacts::service::segments::count(&scope, definition).await.gql()? as i64)
    }
}

impl From<crm360_contacts::model::segment::Model> for CampaignSegment {
    fn from(s: crm360_contacts::model::segment::Model) -> CampaignSegment {
        let definition = crm360_contacts::service::segments::definition_of(&s).ok();
        CampaignSegment { id: ID(s.id.to_string()), name: s.name, definition }
    }
}
