//! API tokens of technical users: shown once, stored as a digest, revocable, carrying rights.

use crate::error::{IdentityError, IdentityResult};
use crate::model::api_token;
use crate::service::auth::API_TOKEN_PREFIX;
use crate::service::users::required_text;
use chrono::{DateTime, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::{Rights, TenantScope, secret};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

/// A token just created: the secret is returned this once and never again.
pub struct CreatedToken {
    pub token: api_token::Model,
    pub secret: String,
}

pub async fn create_token(
    scope: &TenantScope,
    name: &str,
    rights: Rights,
    expires_at: Option<DateTime<Utc>>,
) -> IdentityResult<CreatedToken> {
    let name = required_text(name, "name", 100)?;
    let now = scope.now();
    if expires_at.is_some_and(|at| at <= now) {
        return Err(IdentityError::Api(crm360_kernel::ApiError::invalid(
            "expiresAt",
            "IN_THE_PAST",
            "the expiry must be in the future",
        )));
    }
    let random = secret::random_token();
    let secret = format!("{API_TOKEN_PREFIX}{random}");
    let txn = scope.db().begin().await?;
    let token = api_token::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        id: Set(new_id()),
        name: Set(name),
        prefix: Set(secret.chars().take(API_TOKEN_PREFIX.len() + 6).collect()),
        token_hash: Set(secret::digest(&secret)),
        can_import: Set(rights.import),
        can_consult: Set(rights.consult),
        can_communicate: Set(rights.communicate),
        can_analyse: Set(rights.analyse),
        created_by: Set(scope.actor().id()),
        created_at: Set(now),
        last_used_at: Set(None),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let rights: Vec<_> = rights.to_list().into_iter().map(|r| r.code()).collect();
    scope
        .audit(
            &txn,
            AuditChange::new("api_token.create", "api_token", token.id)
                .after(json!({ "name": token.name, "rights": rights, "expiresAt": token.expires_at })),
        )
        .await?;
    txn.commit().await?;
    Ok(CreatedToken { token, secret })
}

pub async fn list_tokens(scope: &TenantScope) -> IdentityResult<Vec<api_token::Model>> {
    Ok(scope.find::<api_token::Entity>().order_by_desc(api_token::Column::CreatedAt).all(scope.db()).await?)
}

pub async fn revoke_token(scope: &TenantScope, token_id: Uuid) -> IdentityResult<api_token::Model> {
    let token = scope
        .find::<api_token::Entity>()
        .filter(api_token::Column::Id.eq(token_id))
        .one(scope.db())
        .await?
        .ok_or(IdentityError::NotFound("API token"))?;
    if token.revoked_at.is_some() {
        return Ok(token);
    }
    let txn = scope.db().begin().await?;
    let mut update: api_token::ActiveModel = token.into();
    update.revoked_at = Set(Some(scope.now()));
    let token = update.update(&txn).await?;
    scope.audit(&txn, AuditChange::new("api_token.revoke", "api_token", token.id)).await?;
    txn.commit().await?;
    Ok(token)
}
