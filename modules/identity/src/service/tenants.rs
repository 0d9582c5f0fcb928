//! The operator's work on tenants: create with a first administrator, suspend, reactivate.
//! Operator work crosses tenants: it goes through the operator's unscoped door.

use crate::error::{IdentityError, IdentityResult};
use crate::model::tenant::{self, TenantPlatform, TenantStatus};
use crate::model::tenant_user::{self, UserStatus};
use crate::model::{operator_staff, session};
use crate::service::auth::new_password_hash;
use crate::service::users::{
    NewAccount, OPERATOR_STAFF_EMAIL, TENANT_USER_EMAIL, ensure_no_staff_with, new_user_row, parse_email,
    required_text, taken_as,
};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::pagination::Page;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::values::EmailAddress;
use crm360_kernel::{Rights, Unscoped};
use sea_orm::ActiveValue::NotSet;
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

pub struct NewTenant {
    pub name: String,
    pub platform: TenantPlatform,
    pub admin_email: String,
    pub admin_first_name: String,
    pub admin_last_name: String,
    pub admin_password: String,
}

/// Creates a tenant and its first administrator in one transaction: either both exist
/// afterwards, or neither.
pub async fn create_tenant(
    scope: &OperatorScope,
    new: NewTenant,
) -> IdentityResult<(tenant::Model, tenant_user::Model)> {
    let name = required_text(&new.name, "name", 200)?;
    let email = parse_email(&new.admin_email, "adminEmail")?;
    let first_name = required_text(&new.admin_first_name, "adminFirstName", 100)?;
    let last_name = required_text(&new.admin_last_name, "adminLastName", 100)?;
    let hash = new_password_hash(&new.admin_password, &email, &[&first_name, &last_name], "adminPassword")?;
    let admin = NewAccount {
        email,
        first_name,
        last_name,
        organization: None,
        password_hash: hash,
        rights: Rights::ALL,
        is_admin: true,
    };
    let db = scope.unscoped();
    let txn = db.begin().await?;
    ensure_no_staff_with(&txn, &admin.email, "adminEmail").await?;
    let row = tenant::ActiveModel {
        id: NotSet,
        name: Set(name),
        platform: Set(new.platform),
        status: Set(TenantStatus::Active),
        suspended_reason: Set(None),
        accepted_terms_version: Set(None),
        created_at: NotSet,
        updated_at: NotSet,
    };
    let tenant = txn.insert(row).await?;
    // The tenant's first row is written with its tenant row, unscoped: a tenant scope's
    // transaction would not see the tenant before this one commits.
    let row = tenant_user::ActiveModel { tenant_id: Set(tenant.id), ..new_user_row(admin, txn.now()) };
    let admin = txn.insert(row).await.map_err(taken_as(TENANT_USER_EMAIL, "adminEmail"))?;
    let created = AuditChange::new("tenant.create", "tenant", tenant.id)
        .after(json!({ "name": tenant.name, "platform": tenant.platform, "status": tenant.status }));
    scope.audit(&txn, Some(tenant.id), created).await?;
    let admin_created = AuditChange::new("user.create", "user", admin.id).after(
        json!({ "email": admin.email, "isAdmin": true, "rights": ["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"] }),
    );
    scope.audit(&txn, Some(tenant.id), admin_created).await?;
    txn.commit().await?;
    Ok((tenant, admin))
}

pub async fn list_tenants(scope: &OperatorScope, page: &Page) -> IdentityResult<Vec<tenant::Model>> {
    let db = scope.unscoped();
    Ok(page.apply(db.find::<tenant::Entity>(), tenant::Column::Id).all(&db).await?)
}

pub async fn find_tenant(scope: &OperatorScope, id: Uuid) -> IdentityResult<Option<tenant::Model>> {
    find_in(&scope.unscoped(), id).await
}

async fn find_in<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    id: Uuid,
) -> IdentityResult<Option<tenant::Model>> {
    Ok(db.find::<tenant::Entity>().filter(tenant::Column::Id.eq(id)).one(db).await?)
}

/// Counts the users of several tenants in one query (the `Tenant.userCount` loader).
pub async fn user_counts(scope: &OperatorScope, tenant_ids: &[Uuid]) -> IdentityResult<HashMap<Uuid, i64>> {
    let db = scope.unscoped();
    let rows: Vec<(Uuid, i64)> = db
        .find::<tenant_user::Entity>()
        .select_only()
        .column(tenant_user::Column::TenantId)
        .column_as(tenant_user::Column::Id.count(), "count")
        .filter(tenant_user::Column::TenantId.is_in(tenant_ids.iter().copied()))
        .group_by(tenant_user::Column::TenantId)
        .into_tuple()
        .all(&db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Suspends a tenant (unpaid invoices, breach): its users and tokens are refused at once.
pub async fn suspend_tenant(scope: &OperatorScope, tenant_id: Uuid, reason: &str) -> IdentityResult<tenant::Model> {
    let reason = required_text(reason, "reason", 1000)?;
    let db = scope.unscoped();
    let txn = db.begin().await?;
    let before = find_in(&txn, tenant_id).await?.ok_or(IdentityError::NotFound("tenant"))?;
    if before.status == TenantStatus::Terminated {
        return Err(IdentityError::InvalidTenantState("a terminated tenant cannot be suspended"));
    }
    let now = txn.now();
    let mut update: tenant::ActiveModel = before.clone().into();
    update.status = Set(TenantStatus::Suspended);
    update.suspended_reason = Set(Some(reason.clone()));
    update.updated_at = Set(now);
    let after = txn.update(update).await?;
    txn.update_many::<session::Entity>()
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::TenantId.eq(tenant_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    let change = AuditChange::new("tenant.suspend", "tenant", tenant_id)
        .before(json!({ "status": before.status }))
        .after(json!({ "status": after.status, "reason": reason }));
    scope.audit(&txn, Some(tenant_id), change).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn reactivate_tenant(scope: &OperatorScope, tenant_id: Uuid) -> IdentityResult<tenant::Model> {
    let db = scope.unscoped();
    let txn = db.begin().await?;
    let before = find_in(&txn, tenant_id).await?.ok_or(IdentityError::NotFound("tenant"))?;
    if before.status != TenantStatus::Suspended {
        return Err(IdentityError::InvalidTenantState("only a suspended tenant can be reactivated"));
    }
    let mut update: tenant::ActiveModel = before.clone().into();
    update.status = Set(TenantStatus::Active);
    update.suspended_reason = Set(None);
    update.updated_at = Set(txn.now());
    let after = txn.update(update).await?;
    let change = AuditChange::new("tenant.reactivate", "tenant", tenant_id)
        .before(json!({ "status": before.status }))
        .after(json!({ "status": after.status }));
    scope.audit(&txn, Some(tenant_id), change).await?;
    txn.commit().await?;
    Ok(after)
}

/// Terminates a tenant's contract at once (article 14: unpaid invoices fifteen days after the
/// formal notice): access refused for good, sessions revoked; the data stays for the
/// reversibility period.
pub async fn terminate_tenant(scope: &OperatorScope, tenant_id: Uuid, reason: &str) -> IdentityResult<tenant::Model> {
    let reason = required_text(reason, "reason", 1000)?;
    let db = scope.unscoped();
    let txn = db.begin().await?;
    let before = find_in(&txn, tenant_id).await?.ok_or(IdentityError::NotFound("tenant"))?;
    if before.status == TenantStatus::Terminated {
        return Err(IdentityError::InvalidTenantState("the tenant is already terminated"));
    }
    let now = txn.now();
    let mut update: tenant::ActiveModel = before.clone().into();
    update.status = Set(TenantStatus::Terminated);
    update.suspended_reason = Set(Some(reason.clone()));
    update.updated_at = Set(now);
    let after = txn.update(update).await?;
    txn.update_many::<session::Entity>()
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::TenantId.eq(tenant_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    let change = AuditChange::new("tenant.terminate", "tenant", tenant_id)
        .before(json!({ "status": before.status }))
        .after(json!({ "status": after.status, "reason": reason }));
    scope.audit(&txn, Some(tenant_id), change).await?;
    txn.commit().await?;
    Ok(after)
}

/// One member of operator staff.
pub async fn find_staff(scope: &OperatorScope, id: Uuid) -> IdentityResult<Option<operator_staff::Model>> {
    let db = scope.unscoped();
    Ok(db.find::<operator_staff::Entity>().filter(operator_staff::Column::Id.eq(id)).one(&db).await?)
}

/// The open accounts of tenant users with this address, in every tenant (the support
/// mailbox matches a message's sender to its user and tenant).
pub async fn users_by_email(scope: &OperatorScope, email: &str) -> IdentityResult<Vec<tenant_user::Model>> {
    let db = scope.unscoped();
    Ok(db
        .find::<tenant_user::Entity>()
        .filter(tenant_user::Column::Email.eq(email.trim().to_lowercase()))
        .filter(tenant_user::Column::Status.eq(UserStatus::Active))
        .all(&db)
        .await?)
}

/// Every tenant's id, status and creation time, for platform-wide runs (billing).
pub async fn all_tenant_statuses(
    scope: &OperatorScope,
) -> IdentityResult<Vec<(Uuid, TenantStatus, chrono::DateTime<chrono::Utc>)>> {
    let db = scope.unscoped();
    Ok(db
        .find::<tenant::Entity>()
        .select_only()
        .column(tenant::Column::Id)
        .column(tenant::Column::Status)
        .column(tenant::Column::CreatedAt)
        .into_tuple()
        .all(&db)
        .await?)
}

/// Figures for the operator's platform-health screen.
pub struct PlatformFigures {
    pub tenant_count: u64,
    pub active_session_count: u64,
}

pub async fn platform_figures(scope: &OperatorScope) -> IdentityResult<PlatformFigures> {
    let db = scope.unscoped();
    let tenant_count = db.find::<tenant::Entity>().count(&db).await?;
    let active_session_count = db
        .find::<session::Entity>()
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(db.now()))
        .count(&db)
        .await?;
    Ok(PlatformFigures { tenant_count, active_session_count })
}

/// Refuses an email that names a tenant user (of any tenant). Operator staff and tenant
/// users share one email space, which no single unique index spans: this check covers
/// the other table.
async fn ensure_no_user_with<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    email: &EmailAddress,
) -> IdentityResult<()> {
    let user = db.find::<tenant_user::Entity>().filter(tenant_user::Column::Email.eq(email.as_str())).one(db).await?;
    match user {
        Some(_) => Err(IdentityError::EmailTaken { field: "email" }),
        None => Ok(()),
    }
}

/// Creates an operator staff account (seeding and the CLI; there is no API for it, by design).
pub async fn create_operator_staff(
    scope: &OperatorScope,
    email: &str,
    first_name: &str,
    last_name: &str,
    password: &str,
) -> IdentityResult<operator_staff::Model> {
    let email = parse_email(email, "email")?;
    let hash = new_password_hash(password, &email, &[first_name, last_name], "password")?;
    let first_name = required_text(first_name, "firstName", 100)?;
    let last_name = required_text(last_name, "lastName", 100)?;
    let db = scope.unscoped();
    let txn = db.begin().await?;
    ensure_no_user_with(&txn, &email).await?;
    let row = operator_staff::ActiveModel {
        id: NotSet,
        email: Set(email.into_string()),
        first_name: Set(first_name),
        last_name: Set(last_name),
        password_hash: Set(hash),
        status: Set(UserStatus::Active),
        must_change_password: Set(false),
        password_changed_at: Set(txn.now()),
        last_login_at: Set(None),
        created_at: NotSet,
    };
    let staff = txn.insert(row).await.map_err(taken_as(OPERATOR_STAFF_EMAIL, "email"))?;
    scope.audit(&txn, None, AuditChange::new("operator_staff.create", "operator_staff", staff.id)).await?;
    txn.commit().await?;
    Ok(staff)
}
