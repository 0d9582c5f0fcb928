//! The tenant administrator's access operations (the contract's Annex 3 form): create a
//! user, restrict or grant rights, close and reopen, list; each change audited.

use crate::email::EmailAddress;
use crate::error::{IdentityError, IdentityResult};
use crate::model::{operator_staff, tenant_user};
use crate::service::auth::{new_password_hash, revoke_sessions_of};
use crate::service::statuses::*;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::pagination::Page;
use crm360_kernel::{Actor, Rights, TenantScope};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Serialize;
use uuid::Uuid;

const NAME_MAX: usize = 100;

/// What the administrator fills in to open an access.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: Option<String>,
    pub password: String,
    pub rights: Rights,
    pub is_admin: bool,
}

/// The state of a user as the audit trail records it (never the password hash).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserSnapshot<'a> {
    email: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    organization: Option<&'a str>,
    is_admin: bool,
    rights: Vec<&'static str>,
    status: &'a str,
}

fn snapshot(user: &tenant_user::Model) -> UserSnapshot<'_> {
    UserSnapshot {
        email: &user.email,
        first_name: &user.first_name,
        last_name: &user.last_name,
        organization: user.organization.as_deref(),
        is_admin: user.is_admin,
        rights: user.rights().to_list().into_iter().map(|r| r.code()).collect(),
        status: &user.status,
    }
}

pub(crate) fn required_text(value: &str, field: &'static str, max: usize) -> IdentityResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(IdentityError::Required { field });
    }
    if trimmed.chars().count() > max {
        return Err(IdentityError::TooLong { field, max });
    }
    Ok(trimmed.to_owned())
}

/// Refuses an email that already names an account anywhere on the platform.
pub(crate) async fn ensure_email_free(db: &impl ConnectionTrait, email: &EmailAddress) -> IdentityResult<()> {
    let user = tenant_user::Entity::find().filter(tenant_user::Column::Email.eq(email.as_str())).one(db).await?;
    let staff = operator_staff::Entity::find().filter(operator_staff::Column::Email.eq(email.as_str())).one(db).await?;
    if user.is_some() || staff.is_some() {
        return Err(IdentityError::EmailTaken);
    }
    Ok(())
}

pub async fn create_user(scope: &TenantScope, new: NewUser) -> IdentityResult<tenant_user::Model> {
    let email = EmailAddress::parse(&new.email)?;
    let first_name = required_text(&new.first_name, "firstName", NAME_MAX)?;
    let last_name = required_text(&new.last_name, "lastName", NAME_MAX)?;
    let organization = match new.organization.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(org) => Some(required_text(org, "organization", NAME_MAX)?),
    };
    let hash = new_password_hash(&new.password, &email, &[&first_name, &last_name], "password")?;
    let now = scope.now();
    let txn = scope.db().begin().await?;
    ensure_email_free(&txn, &email).await?;
    let user = insert_user(
        &txn,
        scope.tenant_id(),
        NewAccount {
            email,
            first_name,
            last_name,
            organization,
            password_hash: hash,
            rights: new.rights,
            is_admin: new.is_admin,
        },
        now,
    )
    .await?;
    scope.audit(&txn, AuditChange::new("user.create", "user", user.id).after(snapshot(&user))).await?;
    txn.commit().await?;
    Ok(user)
}

/// A validated account to insert.
pub(crate) struct NewAccount {
    pub email: EmailAddress,
    pub first_name: String,
    pub last_name: String,
    pub organization: Option<String>,
    pub password_hash: String,
    pub rights: Rights,
    pub is_admin: bool,
}

/// Inserts a user account; its first password was chosen by someone else, so the user must
/// replace it at first login.
pub(crate) async fn insert_user(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    account: NewAccount,
    now: chrono::DateTime<chrono::Utc>,
) -> IdentityResult<tenant_user::Model> {
    Ok(tenant_user::ActiveModel {
        tenant_id: Set(tenant_id),
        id: Set(new_id()),
        email: Set(account.email.as_str().to_owned()),
        first_name: Set(account.first_name),
        last_name: Set(account.last_name),
        organization: Set(account.organization),
        password_hash: Set(account.password_hash),
        is_admin: Set(account.is_admin),
        can_import: Set(account.rights.import),
        can_consult: Set(account.rights.consult),
        can_communicate: Set(account.rights.communicate),
        can_analyse: Set(account.rights.analyse),
        status: Set(USER_ACTIVE.to_owned()),
        must_change_password: Set(true),
        password_changed_at: Set(now),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        closed_at: Set(None),
    }
    .insert(conn)
    .await?)
}

pub fn parse_id(raw: &str, field: &'static str) -> IdentityResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| IdentityError::InvalidId { field })
}

pub async fn find_user(scope: &TenantScope, id: Uuid) -> IdentityResult<Option<tenant_user::Model>> {
    Ok(scope.find::<tenant_user::Entity>().filter(tenant_user::Column::Id.eq(id)).one(scope.db()).await?)
}

pub async fn list_users(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<tenant_user::Model>> {
    Ok(page.apply(scope.find::<tenant_user::Entity>(), tenant_user::Column::Id).all(scope.db()).await?)
}

async fn get_user(scope: &TenantScope, id: Uuid) -> IdentityResult<tenant_user::Model> {
    find_user(scope, id).await?.ok_or(IdentityError::NotFound("user"))
}

/// Restricts or grants rights: the new set replaces the old one.
pub async fn set_rights(scope: &TenantScope, user_id: Uuid, rights: Rights) -> IdentityResult<tenant_user::Model> {
    let before = get_user(scope, user_id).await?;
    let txn = scope.db().begin().await?;
    let mut update: tenant_user::ActiveModel = before.clone().into();
    update.can_import = Set(rights.import);
    update.can_consult = Set(rights.consult);
    update.can_communicate = Set(rights.communicate);
    update.can_analyse = Set(rights.analyse);
    update.updated_at = Set(scope.now());
    let after = update.update(&txn).await?;
    scope
        .audit(
            &txn,
            AuditChange::new("user.rights.set", "user", user_id).before(snapshot(&before)).after(snapshot(&after)),
        )
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Closes an access: the user can no longer log in and their sessions end now.
pub async fn close_user(scope: &TenantScope, user_id: Uuid) -> IdentityResult<tenant_user::Model> {
    if matches!(scope.actor(), Actor::TenantUser { user_id: me, .. } if *me == user_id) {
        return Err(IdentityError::SelfLockout);
    }
    set_status(scope, user_id, USER_CLOSED, "user.close").await
}

pub async fn reopen_user(scope: &TenantScope, user_id: Uuid) -> IdentityResult<tenant_user::Model> {
    set_status(scope, user_id, USER_ACTIVE, "user.reopen").await
}

async fn set_status(
    scope: &TenantScope,
    user_id: Uuid,
    status: &str,
    action: &'static str,
) -> IdentityResult<tenant_user::Model> {
    let before = get_user(scope, user_id).await?;
    let now = scope.now();
    let txn = scope.db().begin().await?;
    let mut update: tenant_user::ActiveModel = before.clone().into();
    update.status = Set(status.to_owned());
    update.closed_at = Set(if status == USER_CLOSED { Some(now) } else { None });
    update.updated_at = Set(now);
    let after = update.update(&txn).await?;
    if status == USER_CLOSED {
        revoke_sessions_of(&txn, user_id, None, now).await?;
    }
    scope
        .audit(&txn, AuditChange::new(action, "user", user_id).before(snapshot(&before)).after(snapshot(&after)))
        .await?;
    txn.commit().await?;
    Ok(after)
}
