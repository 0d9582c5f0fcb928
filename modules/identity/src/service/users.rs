//! The tenant administrator's access operations (the contract's Annex 3 form): create a
//! user, restrict or grant rights, close and reopen, list; each change audited.

use crate::error::{IdentityError, IdentityResult};
use crate::model::tenant_user::{self, UserStatus};
use crate::model::{operator_staff, session};
use crate::password;
use crate::service::auth::{new_password_hash, revoke_sessions_of};
use crate::service::password_reset::{self, AccountLinks};
use chrono::{DateTime, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::error::UniqueKey;
use crm360_kernel::pagination::Page;
use crm360_kernel::values::EmailAddress;
use crm360_kernel::{Actor, Rights, TenantScope, TenantTxn, secret};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DbErr, PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use serde::Serialize;
use uuid::Uuid;

const NAME_MAX: usize = 100;

/// Login is by email alone, so an email names one account on the whole platform: this index
/// holds it among tenant users (across tenants)...
pub(crate) const TENANT_USER_EMAIL: UniqueKey =
    UniqueKey { name: "tenant_user_email", table: "tenant_user", columns: &["email"] };
/// ... and this one among operator staff. Between the two tables, a check before writing
/// does ([`ensure_no_staff_with`], `tenants::ensure_no_user_with`).
pub(crate) const OPERATOR_STAFF_EMAIL: UniqueKey =
    UniqueKey { name: "operator_staff_email_key", table: "operator_staff", columns: &["email"] };

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
    status: UserStatus,
}

fn snapshot(user: &tenant_user::Model) -> UserSnapshot<'_> {
    UserSnapshot {
        email: &user.email,
        first_name: &user.first_name,
        last_name: &user.last_name,
        organization: user.organization.as_deref(),
        is_admin: user.is_admin,
        rights: user.rights().to_list().into_iter().map(|r| r.code()).collect(),
        status: user.status,
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

/// A login typed into the input field `field`.
pub(crate) fn parse_email(raw: &str, field: &'static str) -> IdentityResult<EmailAddress> {
    EmailAddress::parse(raw).map_err(|_| IdentityError::InvalidEmail { field })
}

/// Maps a violation of `key` to the conflict on the input field `field`.
pub(crate) fn taken_as(key: UniqueKey, field: &'static str) -> impl Fn(DbErr) -> IdentityError {
    move |err| if key.violated_by(&err) { IdentityError::EmailTaken { field } } else { err.into() }
}

/// Refuses an email that names an operator staff account. Operator staff is no tenant's
/// data: read within the caller's transaction (tenant or unscoped) as a plain query.
pub(crate) async fn ensure_no_staff_with(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    field: &'static str,
) -> IdentityResult<()> {
    let query = Query::select()
        .column(operator_staff::Column::Id)
        .from(operator_staff::Entity)
        .and_where(operator_staff::Column::Email.eq(email.as_str()))
        .to_owned();
    match conn.query_one(&query).await? {
        Some(_) => Err(IdentityError::EmailTaken { field }),
        None => Ok(()),
    }
}

/// What the administrator fills in to invite a person, who then chooses their own password
/// from the link e-mailed to them.
#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub organization: Option<String>,
    pub rights: Rights,
    pub is_admin: bool,
}

/// The validated identity of a new user: email, first and last names, organization.
fn validated_identity(
    email: &str,
    first_name: &str,
    last_name: &str,
    organization: Option<&str>,
) -> IdentityResult<(EmailAddress, String, String, Option<String>)> {
    let email = parse_email(email, "email")?;
    let first_name = required_text(first_name, "firstName", NAME_MAX)?;
    let last_name = required_text(last_name, "lastName", NAME_MAX)?;
    let organization = match organization.map(str::trim) {
        None | Some("") => None,
        Some(org) => Some(required_text(org, "organization", NAME_MAX)?),
    };
    Ok((email, first_name, last_name, organization))
}

pub async fn create_user(scope: &TenantScope, new: NewUser) -> IdentityResult<tenant_user::Model> {
    let (email, first_name, last_name, organization) =
        validated_identity(&new.email, &new.first_name, &new.last_name, new.organization.as_deref())?;
    let hash = new_password_hash(&new.password, &email, &[&first_name, &last_name], "password")?;
    let account = NewAccount {
        email,
        first_name,
        last_name,
        organization,
        password_hash: hash,
        rights: new.rights,
        is_admin: new.is_admin,
    };
    insert_user(scope, account, None).await
}

/// Opens an access without a password: the account gets an unusable password (the hash of a
/// random secret nobody keeps, so that a login at it takes as long as any wrong password)
/// and its owner an invitation e-mail with a link, valid 7 days, to choose theirs.
pub async fn invite_user(
    scope: &TenantScope,
    new: NewInvitation,
    links: &AccountLinks,
) -> IdentityResult<tenant_user::Model> {
    let (email, first_name, last_name, organization) =
        validated_identity(&new.email, &new.first_name, &new.last_name, new.organization.as_deref())?;
    let account = NewAccount {
        email,
        first_name,
        last_name,
        organization,
        password_hash: password::hash(&secret::random_token())?,
        rights: new.rights,
        is_admin: new.is_admin,
    };
    insert_user(scope, account, Some(links)).await
}

/// Inserts a new user and audits it, with its invitation when `invitation` says where links go.
async fn insert_user(
    scope: &TenantScope,
    account: NewAccount,
    invitation: Option<&AccountLinks>,
) -> IdentityResult<tenant_user::Model> {
    let txn = scope.begin().await?;
    ensure_no_staff_with(&txn, &account.email, "email").await?;
    let row = new_user_row(account, txn.now());
    let user = txn.insert(row).await.map_err(taken_as(TENANT_USER_EMAIL, "email"))?;
    txn.audit(AuditChange::new("user.create", "user", user.id).after(snapshot(&user))).await?;
    if let Some(links) = invitation {
        password_reset::invite(&txn, &user, links).await?;
    }
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

/// The row of a new user account, its tenant, id and creation time left to the door. Its
/// first password was chosen by someone else, so the user must replace it at first login.
pub(crate) fn new_user_row(account: NewAccount, now: DateTime<Utc>) -> tenant_user::ActiveModel {
    tenant_user::ActiveModel {
        tenant_id: NotSet,
        id: NotSet,
        email: Set(account.email.into_string()),
        first_name: Set(account.first_name),
        last_name: Set(account.last_name),
        organization: Set(account.organization),
        password_hash: Set(account.password_hash),
        is_admin: Set(account.is_admin),
        can_import: Set(account.rights.import),
        can_consult: Set(account.rights.consult),
        can_communicate: Set(account.rights.communicate),
        can_analyse: Set(account.rights.analyse),
        status: Set(UserStatus::Active),
        must_change_password: Set(true),
        password_changed_at: Set(now),
        last_login_at: Set(None),
        created_at: NotSet,
        updated_at: NotSet,
        closed_at: Set(None),
    }
}

pub fn parse_id(raw: &str, field: &'static str) -> IdentityResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| IdentityError::InvalidId { field })
}

pub async fn find_user(scope: &TenantScope, id: Uuid) -> IdentityResult<Option<tenant_user::Model>> {
    let txn = scope.begin().await?;
    let found = find_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

async fn find_in(txn: &TenantTxn, id: Uuid) -> IdentityResult<Option<tenant_user::Model>> {
    Ok(txn.find::<tenant_user::Entity>().filter(tenant_user::Column::Id.eq(id)).one(txn).await?)
}

async fn get_in(txn: &TenantTxn, id: Uuid) -> IdentityResult<tenant_user::Model> {
    find_in(txn, id).await?.ok_or(IdentityError::NotFound("user"))
}

pub async fn list_users(scope: &TenantScope, page: &Page) -> IdentityResult<Vec<tenant_user::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<tenant_user::Entity>(), tenant_user::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// How many user accounts the scope's tenant has (open or closed).
pub async fn count_users(scope: &TenantScope) -> IdentityResult<u64> {
    let txn = scope.begin().await?;
    let count = txn.find::<tenant_user::Entity>().count(&txn).await?;
    txn.commit().await?;
    Ok(count)
}

/// How many of the tenant's accounts are open (the users billed, Annex 1).
pub async fn count_active_users(scope: &TenantScope) -> IdentityResult<u64> {
    let txn = scope.begin().await?;
    let count = txn
        .find::<tenant_user::Entity>()
        .filter(tenant_user::Column::Status.eq(tenant_user::UserStatus::Active))
        .count(&txn)
        .await?;
    txn.commit().await?;
    Ok(count)
}

/// The addresses of the tenant's open administrator accounts (notices about the contract,
/// invoices, price revisions).
pub async fn admin_addresses(scope: &TenantScope) -> IdentityResult<Vec<String>> {
    let txn = scope.begin().await?;
    let admins: Vec<String> = txn
        .find::<tenant_user::Entity>()
        .select_only()
        .column(tenant_user::Column::Email)
        .filter(tenant_user::Column::IsAdmin.eq(true))
        .filter(tenant_user::Column::Status.eq(tenant_user::UserStatus::Active))
        .into_tuple()
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(admins)
}

/// Restricts or grants rights: the new set replaces the old one.
pub async fn set_rights(scope: &TenantScope, user_id: Uuid, rights: Rights) -> IdentityResult<tenant_user::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, user_id).await?;
    let mut update: tenant_user::ActiveModel = before.clone().into();
    update.can_import = Set(rights.import);
    update.can_consult = Set(rights.consult);
    update.can_communicate = Set(rights.communicate);
    update.can_analyse = Set(rights.analyse);
    update.updated_at = Set(txn.now());
    let after = txn.update(update).await?;
    let change = AuditChange::new("user.rights.set", "user", user_id).before(snapshot(&before)).after(snapshot(&after));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(after)
}

/// Closes an access: the user can no longer log in and their sessions end now.
pub async fn close_user(scope: &TenantScope, user_id: Uuid) -> IdentityResult<tenant_user::Model> {
    if matches!(scope.actor(), Actor::TenantUser { user_id: me, .. } if *me == user_id) {
        return Err(IdentityError::SelfLockout);
    }
    set_status(scope, user_id, UserStatus::Closed, "user.close").await
}

pub async fn reopen_user(scope: &TenantScope, user_id: Uuid) -> IdentityResult<tenant_user::Model> {
    set_status(scope, user_id, UserStatus::Active, "user.reopen").await
}

async fn set_status(
    scope: &TenantScope,
    user_id: Uuid,
    status: UserStatus,
    action: &'static str,
) -> IdentityResult<tenant_user::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, user_id).await?;
    let now = txn.now();
    let closed = status == UserStatus::Closed;
    let mut update: tenant_user::ActiveModel = before.clone().into();
    update.status = Set(status);
    update.closed_at = Set(closed.then_some(now));
    update.updated_at = Set(now);
    let after = txn.update(update).await?;
    if closed {
        revoke_sessions_of(txn.update_many::<session::Entity>(), &txn, user_id, None, now).await?;
    }
    txn.audit(AuditChange::new(action, "user", user_id).before(snapshot(&before)).after(snapshot(&after))).await?;
    txn.commit().await?;
    Ok(after)
}
