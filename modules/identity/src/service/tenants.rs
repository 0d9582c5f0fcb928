//! The operator's work on tenants: create with a first administrator, suspend, reactivate.

use crate::email::EmailAddress;
use crate::error::{IdentityError, IdentityResult};
use crate::model::{operator_staff, session, tenant, tenant_user};
use crate::service::auth::new_password_hash;
use crate::service::statuses::*;
use crate::service::users::{NewAccount, ensure_email_free, insert_user, required_text};
use crm360_kernel::Rights;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::pagination::Page;
use crm360_kernel::scope::OperatorScope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

pub const PLATFORM_SHARED: &str = "SHARED";
pub const PLATFORM_DEDICATED: &str = "DEDICATED";

pub struct NewTenant {
    pub name: String,
    /// `SHARED` or `DEDICATED`.
    pub platform: &'static str,
    pub admin_email: String,
    pub admin_first_name: String,
    pub admin_last_name: String,
    pub admin_password: String,
}

pub async fn create_tenant(
    scope: &OperatorScope,
    new: NewTenant,
) -> IdentityResult<(tenant::Model, tenant_user::Model)> {
    let name = required_text(&new.name, "name", 200)?;
    let email = EmailAddress::parse(&new.admin_email).map_err(|_| {
        IdentityError::Api(crm360_kernel::ApiError::invalid("adminEmail", "INVALID_EMAIL", "not a valid email address"))
    })?;
    let first_name = required_text(&new.admin_first_name, "adminFirstName", 100)?;
    let last_name = required_text(&new.admin_last_name, "adminLastName", 100)?;
    let hash = new_password_hash(&new.admin_password, &email, &[&first_name, &last_name], "adminPassword")?;
    let now = scope.now();
    let txn = scope.db().begin().await?;
    ensure_email_free(&txn, &email).await.map_err(|err| match err {
        IdentityError::EmailTaken => IdentityError::Api(
            crm360_kernel::ApiError::conflict("EMAIL_TAKEN", "this email address is already used by an account")
                .with_field("adminEmail"),
        ),
        other => other,
    })?;
    let tenant = tenant::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        platform: Set(new.platform.to_owned()),
        status: Set(TENANT_ACTIVE.to_owned()),
        suspended_reason: Set(None),
        accepted_terms_version: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let admin = insert_user(
        &txn,
        tenant.id,
        NewAccount {
            email,
            first_name,
            last_name,
            organization: None,
            password_hash: hash,
            rights: Rights::ALL,
            is_admin: true,
        },
        now,
    )
    .await?;
    let acting = &scope.acting;
    acting
        .audit(
            &txn,
            Some(tenant.id),
            AuditChange::new("tenant.create", "tenant", tenant.id)
                .after(json!({ "name": tenant.name, "platform": tenant.platform, "status": tenant.status })),
        )
        .await?;
    acting
        .audit(
            &txn,
            Some(tenant.id),
            AuditChange::new("user.create", "user", admin.id)
                .after(json!({ "email": admin.email, "isAdmin": true, "rights": ["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"] })),
        )
        .await?;
    txn.commit().await?;
    Ok((tenant, admin))
}

pub async fn list_tenants(scope: &OperatorScope, page: &Page) -> IdentityResult<Vec<tenant::Model>> {
    Ok(page.apply(tenant::Entity::find(), tenant::Column::Id).all(scope.db()).await?)
}

pub async fn find_tenant(scope: &OperatorScope, id: Uuid) -> IdentityResult<Option<tenant::Model>> {
    Ok(tenant::Entity::find_by_id(id).one(scope.db()).await?)
}

/// Counts the users of several tenants in one query (the `Tenant.userCount` loader).
pub async fn user_counts(
    db: &impl sea_orm::ConnectionTrait,
    tenant_ids: &[Uuid],
) -> IdentityResult<HashMap<Uuid, i64>> {
    let rows: Vec<(Uuid, i64)> = tenant_user::Entity::find()
        .select_only()
        .column(tenant_user::Column::TenantId)
        .column_as(tenant_user::Column::Id.count(), "count")
        .filter(tenant_user::Column::TenantId.is_in(tenant_ids.iter().copied()))
        .group_by(tenant_user::Column::TenantId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Suspends a tenant (unpaid invoices, breach): its users and tokens are refused at once.
pub async fn suspend_tenant(scope: &OperatorScope, tenant_id: Uuid, reason: &str) -> IdentityResult<tenant::Model> {
    let reason = required_text(reason, "reason", 1000)?;
    let before = find_tenant(scope, tenant_id).await?.ok_or(IdentityError::NotFound("tenant"))?;
    if before.status == TENANT_TERMINATED {
        return Err(IdentityError::InvalidTenantState("a terminated tenant cannot be suspended"));
    }
    let now = scope.now();
    let txn = scope.db().begin().await?;
    let mut update: tenant::ActiveModel = before.clone().into();
    update.status = Set(TENANT_SUSPENDED.to_owned());
    update.suspended_reason = Set(Some(reason.clone()));
    update.updated_at = Set(now);
    let after = update.update(&txn).await?;
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::TenantId.eq(tenant_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    scope
        .acting
        .audit(
            &txn,
            Some(tenant_id),
            AuditChange::new("tenant.suspend", "tenant", tenant_id)
                .before(json!({ "status": before.status }))
                .after(json!({ "status": after.status, "reason": reason })),
        )
        .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn reactivate_tenant(scope: &OperatorScope, tenant_id: Uuid) -> IdentityResult<tenant::Model> {
    let before = find_tenant(scope, tenant_id).await?.ok_or(IdentityError::NotFound("tenant"))?;
    if before.status != TENANT_SUSPENDED {
        return Err(IdentityError::InvalidTenantState("only a suspended tenant can be reactivated"));
    }
    let txn = scope.db().begin().await?;
    let mut update: tenant::ActiveModel = before.clone().into();
    update.status = Set(TENANT_ACTIVE.to_owned());
    update.suspended_reason = Set(None);
    update.updated_at = Set(scope.now());
    let after = update.update(&txn).await?;
    scope
        .acting
        .audit(
            &txn,
            Some(tenant_id),
            AuditChange::new("tenant.reactivate", "tenant", tenant_id)
                .before(json!({ "status": before.status }))
                .after(json!({ "status": after.status })),
        )
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Figures for the operator's platform-health screen.
pub struct PlatformFigures {
    pub tenant_count: u64,
    pub active_session_count: u64,
}

pub async fn platform_figures(scope: &OperatorScope) -> IdentityResult<PlatformFigures> {
    let db = scope.db();
    let tenant_count = tenant::Entity::find().count(db).await?;
    let active_session_count = session::Entity::find()
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(scope.now()))
        .count(db)
        .await?;
    Ok(PlatformFigures { tenant_count, active_session_count })
}

/// Creates an operator staff account (seeding and the CLI; there is no API for it, by design).
pub async fn create_operator_staff(
    scope: &OperatorScope,
    email: &str,
    first_name: &str,
    last_name: &str,
    password: &str,
) -> IdentityResult<operator_staff::Model> {
    let email = EmailAddress::parse(email)?;
    let hash = new_password_hash(password, &email, &[first_name, last_name], "password")?;
    let now = scope.now();
    let txn = scope.db().begin().await?;
    ensure_email_free(&txn, &email).await?;
    let staff = operator_staff::ActiveModel {
        id: Set(new_id()),
        email: Set(email.as_str().to_owned()),
        first_name: Set(required_text(first_name, "firstName", 100)?),
        last_name: Set(required_text(last_name, "lastName", 100)?),
        password_hash: Set(hash),
        status: Set(USER_ACTIVE.to_owned()),
        must_change_password: Set(false),
        password_changed_at: Set(now),
        last_login_at: Set(None),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    scope.acting.audit(&txn, None, AuditChange::new("operator_staff.create", "operator_staff", staff.id)).await?;
    txn.commit().await?;
    Ok(staff)
}
