//! The operator's announcements: created, edited and ended by operator staff (audited), read
//! by every signed-in person while they are active for them.

use crate::error::{SupportError, SupportResult};
use crate::model::announcement;
use chrono::{DateTime, Utc};
use crm360_identity::service::tenants;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::pagination::Page;
use crm360_kernel::scope::OperatorScope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

/// The longest text of an announcement, in characters (a banner, not a newsletter).
pub const MAX_TEXT_CHARS: usize = 500;

/// How serious an announcement is; the most serious show first.
#[derive(Copy, Clone, Debug, Eq, PartialEq, Ord, PartialOrd)]
pub enum Severity {
    Maintenance,
    Warning,
    Info,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "INFO",
            Severity::Warning => "WARNING",
            Severity::Maintenance => "MAINTENANCE",
        }
    }

    pub fn from_code(code: &str) -> Severity {
        match code {
            "MAINTENANCE" => Severity::Maintenance,
            "WARNING" => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

/// Where an announcement stands at a given time.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum Status {
    Scheduled,
    Active,
    Ended,
}

pub fn status(a: &announcement::Model, now: DateTime<Utc>) -> Status {
    if a.ended_at.is_some() || a.ends_at.is_some_and(|end| end <= now) {
        Status::Ended
    } else if a.starts_at > now {
        Status::Scheduled
    } else {
        Status::Active
    }
}

/// What the operator writes; an edit replaces all of it.
#[derive(Clone, Debug)]
pub struct AnnouncementDraft {
    pub severity: Severity,
    pub text_fr: String,
    pub text_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    /// `None`: every tenant.
    pub tenant_id: Option<Uuid>,
}

struct Checked {
    text_fr: String,
    text_en: Option<String>,
}

async fn check(scope: &OperatorScope, draft: &AnnouncementDraft) -> SupportResult<Checked> {
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
    if draft.ends_at.is_some_and(|end| end <= draft.starts_at) {
        return Err(SupportError::EndsBeforeStart);
    }
    if let Some(tenant_id) = draft.tenant_id {
        let found = tenants::find_tenant(scope, tenant_id).await.map_err(|err| SupportError::Api(err.into()))?;
        if found.is_none() {
            return Err(SupportError::UnknownTenant);
        }
    }
    Ok(Checked { text_fr, text_en })
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

pub async fn create(scope: &OperatorScope, draft: AnnouncementDraft) -> SupportResult<announcement::Model> {
    let checked = check(scope, &draft).await?;
    let now = scope.now();
    let txn = scope.db().begin().await?;
    let created = announcement::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(draft.tenant_id),
        severity: Set(draft.severity.code().to_owned()),
        text_fr: Set(checked.text_fr),
        text_en: Set(checked.text_en),
        starts_at: Set(draft.starts_at),
        ends_at: Set(draft.ends_at),
        ended_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    scope
        .acting
        .audit(
            &txn,
            None,
            AuditChange::new("announcement.create", "announcement", created.id).after(audit_state(&created)),
        )
        .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> SupportResult<Option<announcement::Model>> {
    Ok(announcement::Entity::find_by_id(id).one(db).await?)
}

/// Replaces an announcement that has not ended.
pub async fn update(scope: &OperatorScope, id: Uuid, draft: AnnouncementDraft) -> SupportResult<announcement::Model> {
    let before = find(scope.db(), id).await?.ok_or(SupportError::NotFound("announcement"))?;
    if status(&before, scope.now()) == Status::Ended {
        return Err(SupportError::AnnouncementEnded);
    }
    let checked = check(scope, &draft).await?;
    let txn = scope.db().begin().await?;
    let mut update: announcement::ActiveModel = before.clone().into();
    update.tenant_id = Set(draft.tenant_id);
    update.severity = Set(draft.severity.code().to_owned());
    update.text_fr = Set(checked.text_fr);
    update.text_en = Set(checked.text_en);
    update.starts_at = Set(draft.starts_at);
    update.ends_at = Set(draft.ends_at);
    update.updated_at = Set(scope.now());
    let after = update.update(&txn).await?;
    scope
        .acting
        .audit(
            &txn,
            None,
            AuditChange::new("announcement.update", "announcement", id)
                .before(audit_state(&before))
                .after(audit_state(&after)),
        )
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Ends an announcement now: it disappears from every banner.
pub async fn end(scope: &OperatorScope, id: Uuid) -> SupportResult<announcement::Model> {
    let before = find(scope.db(), id).await?.ok_or(SupportError::NotFound("announcement"))?;
    let now = scope.now();
    if status(&before, now) == Status::Ended {
        return Err(SupportError::AnnouncementEnded);
    }
    let txn = scope.db().begin().await?;
    let mut update: announcement::ActiveModel = before.clone().into();
    update.ended_at = Set(Some(now));
    update.updated_at = Set(now);
    let after = update.update(&txn).await?;
    scope
        .acting
        .audit(
            &txn,
            None,
            AuditChange::new("announcement.end", "announcement", id)
                .before(audit_state(&before))
                .after(audit_state(&after)),
        )
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Every announcement, newest first (the operator's console).
pub async fn list(scope: &OperatorScope, page: &Page) -> SupportResult<Vec<announcement::Model>> {
    Ok(page.apply(announcement::Entity::find(), announcement::Column::Id).all(scope.db()).await?)
}

/// The announcements active at `now` for a person of `tenant_id` (`None`: operator staff, who
/// see those addressed to every tenant), the most serious first, then by start.
pub async fn active_for(
    db: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> SupportResult<Vec<announcement::Model>> {
    let audience = match tenant_id {
        Some(tenant_id) => Condition::any()
            .add(announcement::Column::TenantId.is_null())
            .add(announcement::Column::TenantId.eq(tenant_id)),
        None => Condition::all().add(announcement::Column::TenantId.is_null()),
    };
    let mut rows = announcement::Entity::find()
        .filter(audience)
        .filter(announcement::Column::StartsAt.lte(now))
        .filter(announcement::Column::EndedAt.is_null())
        .filter(Condition::any().add(announcement::Column::EndsAt.is_null()).add(announcement::Column::EndsAt.gt(now)))
        .all(db)
        .await?;
    rows.sort_by_key(|a| (Severity::from_code(&a.severity), a.starts_at, a.id));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn announcement(starts_at: DateTime<Utc>, ends_at: Option<DateTime<Utc>>) -> announcement::Model {
        announcement::Model {
            id: Uuid::nil(),
            tenant_id: None,
            severity: "INFO".to_owned(),
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
        assert_eq!(status(&a, start - Duration::seconds(1)), Status::Scheduled);
        assert_eq!(status(&a, start), Status::Active);
        assert_eq!(status(&a, start + Duration::hours(2)), Status::Ended);
        let ended = announcement::Model { ended_at: Some(start), ..announcement(start, None) };
        assert_eq!(status(&ended, start + Duration::hours(1)), Status::Ended);
    }

    #[test]
    fn the_most_serious_come_first() {
        let mut severities = vec![Severity::Info, Severity::Maintenance, Severity::Warning];
        severities.sort();
        assert_eq!(severities, vec![Severity::Maintenance, Severity::Warning, Severity::Info]);
        assert_eq!(Severity::from_code(Severity::Warning.code()), Severity::Warning);
    }
}
