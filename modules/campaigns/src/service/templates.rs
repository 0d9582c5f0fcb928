//! Message templates: saved only when every part compiles and reads known merge fields;
//! previewed for a chosen contact; test-sent to given addresses or numbers.

use crate::error::{CampaignsError, CampaignsResult};
use crate::model::{Channel, template};
use crate::service::settings::{CampaignSettings, Transports};
use crate::service::{merge, sending};
use crm360_contacts::service::{contacts, custom_fields};
use crm360_delivery::render::{self, Part, TemplateError, TemplateErrorKind};
use crm360_delivery::sms::{self, SmsLength};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::error::UniqueKey;
use crm360_kernel::pagination::Page;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, QueryFilter, Set};
use uuid::Uuid;

const NAME_MAX: usize = 200;
const SUBJECT_MAX: usize = 500;
const BODY_MAX: usize = 200_000;
/// An SMS of more than 10 segments is refused by most carriers.
const SMS_MAX_SEGMENTS: usize = 10;
/// Test sends go to a handful of people, not to a list.
pub const TEST_RECIPIENTS_MAX: usize = 10;

const TEMPLATE_NAME: UniqueKey =
    UniqueKey { name: "message_template_name", table: "message_template", columns: &["tenant_id", "name"] };

/// A template as written.
#[derive(Clone, Debug)]
pub struct TemplateDraft {
    pub name: String,
    pub channel: Channel,
    pub subject: Option<String>,
    pub html_body: Option<String>,
    pub text_body: String,
}

/// A template rendered for one contact.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub subject: Option<String>,
    pub html: Option<String>,
    pub text: String,
    /// The SMS's encoding and segments (SMS only).
    pub sms: Option<SmsLength>,
}

fn template_error(field: &'static str, err: TemplateError) -> CampaignsError {
    let reason = match err.kind {
        TemplateErrorKind::Syntax => "TEMPLATE_SYNTAX",
        TemplateErrorKind::UnknownField => "UNKNOWN_MERGE_FIELD",
        TemplateErrorKind::TooExpensive => "TEMPLATE_TOO_EXPENSIVE",
    };
    CampaignsError::Template { field, reason, message: err.message_en() }
}

fn trimmed(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

fn bounded(value: &str, field: &'static str, max: usize) -> CampaignsResult<()> {
    if value.chars().count() > max {
        return Err(CampaignsError::TooLong { field, max });
    }
    Ok(())
}

/// Validates a draft against the tenant's merge fields: what a template may be saved as.
pub fn validate(mut draft: TemplateDraft, fields: &[String]) -> CampaignsResult<TemplateDraft> {
    draft.name = draft.name.trim().to_owned();
    if draft.name.is_empty() {
        return Err(CampaignsError::Required { field: "name" });
    }
    bounded(&draft.name, "name", NAME_MAX)?;
    draft.text_body = draft.text_body.trim_end().to_owned();
    if draft.text_body.trim().is_empty() {
        return Err(CampaignsError::Required { field: "textBody" });
    }
    bounded(&draft.text_body, "textBody", BODY_MAX)?;
    match draft.channel {
        Channel::Email => {
            draft.subject = trimmed(draft.subject.as_deref());
            draft.html_body = trimmed(draft.html_body.as_deref());
            let subject = draft.subject.as_deref().ok_or(CampaignsError::Required { field: "subject" })?;
            bounded(subject, "subject", SUBJECT_MAX)?;
            render::check(Part::Subject, subject, fields).map_err(|e| template_error("subject", e))?;
            if let Some(html) = draft.html_body.as_deref() {
                bounded(html, "htmlBody", BODY_MAX)?;
                render::check(Part::Html, html, fields).map_err(|e| template_error("htmlBody", e))?;
            }
            render::check(Part::Text, &draft.text_body, fields).map_err(|e| template_error("textBody", e))?;
        }
        Channel::Sms => {
            draft.subject = None;
            draft.html_body = None;
            render::check(Part::Sms, &draft.text_body, fields).map_err(|e| template_error("textBody", e))?;
            if sms::measure(&draft.text_body).segments > SMS_MAX_SEGMENTS {
                return Err(CampaignsError::TooLong { field: "textBody", max: SMS_MAX_SEGMENTS * 153 });
            }
        }
    }
    Ok(draft)
}

/// The merge fields templates of the tenant may read.
pub async fn merge_fields_in(txn: &TenantTxn) -> CampaignsResult<Vec<String>> {
    Ok(merge::available(&custom_fields::list_on(txn).await?))
}

pub async fn merge_fields(scope: &TenantScope) -> CampaignsResult<Vec<String>> {
    let txn = scope.begin().await?;
    let fields = merge_fields_in(&txn).await?;
    txn.commit().await?;
    Ok(fields)
}

fn snapshot(t: &template::Model) -> serde_json::Value {
    serde_json::json!({ "name": t.name, "channel": t.channel, "subject": t.subject })
}

pub async fn create(scope: &TenantScope, draft: TemplateDraft) -> CampaignsResult<template::Model> {
    let txn = scope.begin().await?;
    let draft = validate(draft, &merge_fields_in(&txn).await?)?;
    let row = template::ActiveModel {
        name: Set(draft.name),
        channel: Set(draft.channel),
        subject: Set(draft.subject),
        html_body: Set(draft.html_body),
        text_body: Set(draft.text_body),
        ..Default::default()
    };
    let saved = txn.insert(row).await.map_err(name_taken)?;
    txn.audit(AuditChange::new("template.create", "template", saved.id).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

fn name_taken(err: sea_orm::DbErr) -> CampaignsError {
    if TEMPLATE_NAME.violated_by(&err) { CampaignsError::NameTaken { field: "name" } } else { err.into() }
}

pub async fn update(scope: &TenantScope, id: Uuid, draft: TemplateDraft) -> CampaignsResult<template::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    if draft.channel != before.channel {
        return Err(CampaignsError::ChannelMismatch {
            field: "channel",
            what: "template",
            expected: format!("{:?}", before.channel),
            found: format!("{:?}", draft.channel),
        });
    }
    let draft = validate(draft, &merge_fields_in(&txn).await?)?;
    let row = template::ActiveModel {
        tenant_id: Set(before.tenant_id),
        id: Set(id),
        name: Set(draft.name),
        subject: Set(draft.subject),
        html_body: Set(draft.html_body),
        text_body: Set(draft.text_body),
        ..Default::default()
    };
    let saved = txn.update(row).await.map_err(name_taken)?;
    txn.audit(AuditChange::new("template.update", "template", id).before(snapshot(&before)).after(snapshot(&saved)))
        .await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn delete(scope: &TenantScope, id: Uuid) -> CampaignsResult<template::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    if crate::service::campaigns::template_in_use(&txn, id).await? {
        return Err(CampaignsError::InvalidState { action: "delete a template used by", status: "a campaign".into() });
    }
    txn.delete_many::<template::Entity>().filter(template::Column::Id.eq(id)).exec(&txn).await?;
    txn.audit(AuditChange::new("template.delete", "template", id).before(snapshot(&before))).await?;
    txn.commit().await?;
    Ok(before)
}

pub async fn find(scope: &TenantScope, id: Uuid) -> CampaignsResult<Option<template::Model>> {
    let txn = scope.begin().await?;
    let found = txn.find::<template::Entity>().filter(template::Column::Id.eq(id)).one(&txn).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> CampaignsResult<template::Model> {
    txn.find::<template::Entity>()
        .filter(template::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(CampaignsError::NotFound("template"))
}

pub async fn list(scope: &TenantScope, page: &Page) -> CampaignsResult<Vec<template::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<template::Entity>(), template::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Renders a template's parts with merge values (the unsubscribe footer and the SMS opt-out
/// mention added the way a real send adds them).
pub fn render_parts(
    t: &template::Model,
    values: &serde_json::Value,
    marketing: bool,
    settings: &CampaignSettings,
) -> CampaignsResult<Rendered> {
    match t.channel {
        Channel::Email => {
            let subject = render::render(Part::Subject, t.subject.as_deref().unwrap_or_default(), values)
                .map_err(|e| template_error("subject", e))?;
            let mut text =
                render::render(Part::Text, &t.text_body, values).map_err(|e| template_error("textBody", e))?;
            let mut html = t
                .html_body
                .as_deref()
                .map(|h| render::render(Part::Html, h, values).map_err(|e| template_error("htmlBody", e)))
                .transpose()?;
            if let Some(url) = values.get(merge::UNSUBSCRIBE_URL).and_then(|v| v.as_str()) {
                sending::ensure_unsubscribe_link(&mut text, html.as_mut(), url, !reads_unsubscribe(t));
            }
            Ok(Rendered { subject: Some(subject), html, text, sms: None })
        }
        Channel::Sms => {
            let mut text =
                render::render(Part::Sms, &t.text_body, values).map_err(|e| template_error("textBody", e))?;
            if marketing {
                text = sms::with_stop_mention(&text, &settings.sms_stop_mention);
            }
            let length = sms::measure(&text);
            Ok(Rendered { subject: None, html: None, text, sms: Some(length) })
        }
    }
}

/// Whether the template places the unsubscribe link itself.
fn reads_unsubscribe(t: &template::Model) -> bool {
    t.text_body.contains(merge::UNSUBSCRIBE_URL)
        && t.html_body.as_deref().is_none_or(|h| h.contains(merge::UNSUBSCRIBE_URL))
}

/// The template rendered for one of the tenant's contacts.
pub async fn preview(
    scope: &TenantScope,
    settings: &CampaignSettings,
    template_id: Uuid,
    contact_id: Uuid,
) -> CampaignsResult<Rendered> {
    let txn = scope.begin().await?;
    let t = get_in(&txn, template_id).await?;
    let contact = contacts::get_in(&txn, contact_id).await?;
    let custom =
        contacts::custom_values_of_contacts(&txn, &[contact_id]).await?.remove(&contact_id).unwrap_or_default();
    txn.commit().await?;
    let url = format!("{}/desabonnement/apercu", settings.public_url.trim_end_matches('/'));
    let values = merge::values_of(&contact, &custom, Some(&url));
    render_parts(&t, &values, true, settings)
}

/// Sends the template to a few addresses or numbers, rendered with an example contact's values
/// (`contact_id`) or with empty ones; the subject is prefixed with "[TEST]". Not metered as a
/// campaign and not in any ledger.
pub async fn send_test(
    scope: &TenantScope,
    settings: &CampaignSettings,
    transports: &Transports,
    template_id: Uuid,
    sender_id: Uuid,
    to: &[String],
    contact_id: Option<Uuid>,
) -> CampaignsResult<usize> {
    // A contact's values are personal data: reading them is the Consult right's.
    if contact_id.is_some() && !scope.actor().rights().consult {
        return Err(CampaignsError::Forbidden("filling a test with a contact's values requires CONSULT"));
    }
    if to.is_empty() {
        return Err(CampaignsError::Required { field: "to" });
    }
    if to.len() > TEST_RECIPIENTS_MAX {
        return Err(CampaignsError::TooManyRecipients { max: TEST_RECIPIENTS_MAX });
    }
    let txn = scope.begin().await?;
    let t = get_in(&txn, template_id).await?;
    let sender = crate::service::senders::get_in(&txn, sender_id).await?;
    if sender.channel != t.channel {
        return Err(CampaignsError::ChannelMismatch {
            field: "senderId",
            what: "sender",
            expected: format!("{:?}", t.channel),
            found: format!("{:?}", sender.channel),
        });
    }
    let recipients = to
        .iter()
        .map(|raw| {
            crate::service::suppressions::parse_value(t.channel, raw).map_err(|_| match t.channel {
                Channel::Email => CampaignsError::InvalidEmail { field: "to" },
                Channel::Sms => CampaignsError::InvalidPhone { field: "to" },
            })
        })
        .collect::<CampaignsResult<Vec<_>>>()?;
    let values = match contact_id {
        Some(id) => {
            let contact = contacts::get_in(&txn, id).await?;
            let custom = contacts::custom_values_of_contacts(&txn, &[id]).await?.remove(&id).unwrap_or_default();
            merge::values_of(&contact, &custom, None)
        }
        None => serde_json::json!({ "custom": {} }),
    };
    txn.audit(AuditChange::new("template.test_send", "template", template_id).after(serde_json::json!({
        "recipients": recipients.len(),
    })))
    .await?;
    txn.commit().await?;
    let url = format!("{}/desabonnement/test", settings.public_url.trim_end_matches('/'));
    let mut values = values;
    values[merge::UNSUBSCRIBE_URL] = serde_json::Value::String(url);
    let mut rendered = render_parts(&t, &values, true, settings)?;
    if let Some(subject) = rendered.subject.as_mut() {
        *subject = format!("[TEST] {subject}");
    }
    for (n, recipient) in recipients.iter().enumerate() {
        let message_id = format!("test.{}.{n}@{}", Uuid::now_v7().simple(), settings.message_id_domain);
        sending::deliver(transports, &sender, recipient, &rendered, &message_id, &[])
            .await
            .map_err(|e| CampaignsError::TestRefused(e.to_string()))?;
    }
    Ok(recipients.len())
}
