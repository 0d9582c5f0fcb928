//! The operator's announcements: created, edited and ended by operator staff (audited), read
//! by every signed-in person while they are active for them.
//!
//! An announcement belongs to no tenant (its `tenant_id` is an audience filter), so the
//! operator's work on it goes through [`OperatorScope::unscoped`] and the banner's reading
//! through `platform.unscoped(Why::Announcements)`.

use crate::error::{SupportError, SupportResult};
use crate::model::announcement::{self, AnnouncementSeverity, AnnouncementStatus};
use chrono::{DateTime, Utc};
use crm360_identity::service::tenants;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::context::Platform;
use crm360_kernel::pagination::Page;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::unscoped::Why;
use sea_orm::{ColumnTrait, Condition, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;

/// The longest text of an announcement, in characters (a banner, not a newsletter).
pub const MAX_TEXT_CHARS: usize = 500;

/// Where an announcement stands at `now`.
pub fn status(a: &announcement::Model, now: DateTime<Utc>) -> AnnouncementStatus {
    a.status(now)
}

/// What the operator writes; an edit replaces all of it.
#[derive(Clone, Debug)]
pub struct AnnouncementDraft {
    pub severity: AnnouncementSeverity,
    pub text_fr: String,
    pub text_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    /// `None`: every tenant.
    pub tenant_id: Option<Uuid>,
}

/// The texts of a draft, trimmed and within their limits.
struct Checked {
    text_fr: String,
    text_en: Option<String>,
}

fn check_texts(draft: &AnnouncementDraft) -> SupportResult<Checked> {
    let text_fr = draft.text_fr.trim().to_owned();
    if text_fr.is_empty() {
        return Err(SupportError::Required { field: "textFr" });
    }
    if text_fr.chars().count() > MAX_TEXT_CHARS {
        return Err(SupportError::TooLong { field: "textFr", max: MAX_TEXT_CHARS });
    }
    let text_en = draft.text_en.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    if text_en.as_ref().is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS) {
        return Err(SupportError::TooLong { field: "textEn", max: MAX_TEXT_CHARS });
    }
    Ok(Checked { text_fr, text_en })
}

async fn check(scope: &OperatorScope, draft: &AnnouncementDraft) -> SupportResult<Checked> {
    let checked = check_texts(draft)?;
    if draft.ends_at.is_some_and(|end| end <= draft.starts_at) {
        return Err(SupportError::EndsBeforeStart);
    }
    if let Some(tenant_id) = draft.tenant_id
        && tenants::find_tenant(scope, tenant_id).await?.is_none()
    {
        return Err(SupportError::UnknownTenant);
    }
    Ok(checked)
}

fn audit_state(a: &announcement::Model) -> serde_json::Value {
    json!({
        "severity": a.severity,
        "textFr": a.text_fr,
        "textEn": a.text_en,
        "startsAt": a.starts_at,
        "endsAt": a.ends_at,
        "endedAt": a.ended_at,
        "tenantId": a.tenant_id,
    })
}

/// The draft's fields on a row (new or edited).
fn apply(row: &mut announcement::ActiveModel, draft: AnnouncementDraft, checked: Checked) {
    row.tenant_id = Set(draft.tenant_id);
    row.severity = Set(draft.severity);
    row.text_fr = Set(checked.text_fr);
    row.text_en = Set(checked.text_en);
    row.starts_at = Set(draft.starts_at);
    row.ends_at = Set(draft.ends_at);
}

pub async fn create(scope: &OperatorScope, draft: AnnouncementDraft) -> SupportResult<announcement::Model> {
    let checked = check(scope, &draft).await?;
    // The id and times are left unset: the door stamps them.
    let mut row = announcement::ActiveModel { ended_at: Set(None), ..Default::default() };
    apply(&mut row, draft, checked);
    let txn = scope.unscoped().begin().await?;
    let created = txn.insert(row).await?;
    let change = AuditChange::new("announcement.create", "announcement", created.id).after(audit_state(&created));
    scope.audit(&txn, None, change).await?;
    txn.commit().await?;
    Ok(created)
}

/// One announcement by id (the operator's console).
pub async fn find(scope: &OperatorScope, id: Uuid) -> SupportResult<Option<announcement::Model>> {
    let db = scope.unscoped();
    Ok(db.find::<announcement::Entity>().filter(announcement::Column::Id.eq(id)).one(&db).await?)
}

/// The announcement `id` if it has not ended at `now`.
async fn not_ended(scope: &OperatorScope, id: Uuid, now: DateTime<Utc>) -> SupportResult<announcement::Model> {
    let found = find(scope, id).await?.ok_or(SupportError::NotFound("announcement"))?;
    if found.status(now) == AnnouncementStatus::Ended {
        return Err(SupportError::AnnouncementEnded);
    }
    Ok(found)
}

/// Writes `row` and records the change from `before`, in one transaction.
async fn save_audited(
    scope: &OperatorScope,
    action: &'static str,
    before: &announcement::Model,
    row: announcement::ActiveModel,
) -> SupportResult<announcement::Model> {
    let txn = scope.unscoped().begin().await?;
    let after = txn.update(row).await?;
    let change =
        AuditChange::new(action, "announcement", before.id).before(audit_state(before)).after(audit_state(&after));
    scope.audit(&txn, None, change).await?;
    txn.commit().await?;
    Ok(after)
}

/// Replaces an announcement that has not ended.
pub async fn update(scope: &OperatorScope, id: Uuid, draft: AnnouncementDraft) -> SupportResult<announcement::Model> {
    let before = not_ended(scope, id, scope.now()).await?;
    let checked = check(scope, &draft).await?;
    let mut row: announcement::ActiveModel = before.clone().into();
    apply(&mut row, draft, checked);
    row.updated_at = Set(scope.now());
    save_audited(scope, "announcement.update", &before, row).await
}

/// Ends an announcement now: it disappears from every banner.
pub async fn end(scope: &OperatorScope, id: Uuid) -> SupportResult<announcement::Model> {
    let now = scope.now();
    let before = not_ended(scope, id, now).await?;
    let mut row: announcement::ActiveModel = before.clone().into();
    row.ended_at = Set(Some(now));
    row.updated_at = Set(now);
    save_audited(scope, "announcement.end", &before, row).await
}

/// Every announcement, newest first (the operator's console).
pub async fn list(scope: &OperatorScope, page: &Page) -> SupportResult<Vec<announcement::Model>> {
    let db = scope.unscoped();
    Ok(page.apply(db.find::<announcement::Entity>(), announcement::Column::Id).all(&db).await?)
}

/// The announcements active at `now` for a person of `tenant_id` (`None`: operator staff, who
/// see those addressed to every tenant), the most serious first, then by start.
pub async fn active_for(
    platform: &Platform,
    tenant_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> SupportResult<Vec<announcement::Model>> {
    let audience = match tenant_id {
        Some(tenant_id) => Condition::any()
            .add(announcement::Column::TenantId.is_null())
            .add(announcement::Column::TenantId.eq(tenant_id)),
        None => Condition::all().add(announcement::Column::TenantId.is_null()),
    };
    let db = platform.unscoped(Why::Announcements);
    let mut rows = db
        .find::<announcement::Entity>()
        .filter(audience)
        .filter(announcement::Column::StartsAt.lte(now))
        .filter(announcement::Column::EndedAt.is_null())
        .filter(Condition::any().add(announcement::Column::EndsAt.is_null()).add(announcement::Column::EndsAt.gt(now)))
        .all(&db)
        .await?;
    rows.sort_by_key(|a| (a.severity.banner_rank(), a.starts_at, a.id));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use sea_orm::{ActiveEnum, Iterable};

    fn announcement(starts_at: DateTime<Utc>, ends_at: Option<DateTime<Utc>>) -> announcement::Model {
        announcement::Model {
            id: Uuid::nil(),
            tenant_id: None,
            severity: AnnouncementSeverity::Info,
            text_fr: "Bonjour".to_owned(),
            text_en: None,
            starts_at,
            ends_at,
            ended_at: None,
            created_at: starts_at,
            updated_at: starts_at,
        }
    }

    #[test]
    fn status_follows_the_clock() {
        let start = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let a = announcement(start, Some(start + Duration::hours(2)));
        assert_eq!(status(&a, start - Duration::seconds(1)), AnnouncementStatus::Scheduled);
        assert_eq!(status(&a, start), AnnouncementStatus::Active);
        assert_eq!(status(&a, start + Duration::hours(2)), AnnouncementStatus::Ended);
        let ended = announcement::Model { ended_at: Some(start), ..announcement(start, None) };
        assert_eq!(status(&ended, start + Duration::hours(1)), AnnouncementStatus::Ended);
    }

    #[test]
    fn the_most_serious_come_first() {
        let mut severities =
            vec![AnnouncementSeverity::Info, AnnouncementSeverity::Maintenance, AnnouncementSeverity::Warning];
        severities.sort_by_key(|s| s.banner_rank());
        assert_eq!(
            severities,
            vec![AnnouncementSeverity::Maintenance, AnnouncementSeverity::Warning, AnnouncementSeverity::Info]
        );
    }

    #[test]
    fn severities_keep_their_stored_and_audited_spelling() {
        let stored: Vec<String> = AnnouncementSeverity::iter().map(|s| s.to_value()).collect();
        assert_eq!(stored, ["INFO", "WARNING", "MAINTENANCE"]);
        for severity in AnnouncementSeverity::iter() {
            assert_eq!(json!(severity), json!(severity.to_value()), "the audit trail spells it as stored");
        }
        assert!(AnnouncementSeverity::try_from_value(&"URGENT".to_owned()).is_err(), "no silent fallback");
    }
}
