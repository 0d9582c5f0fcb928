//! API tokens of technical users: shown once, stored as a digest, revocable, carrying rights.

use crate::error::{IdentityError, IdentityResult};
use crate::model::api_token;
use crate::policy::TokenLifetime;
use crate::service::auth::API_TOKEN_PREFIX;
use crate::service::users::required_text;
use chrono::{DateTime, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{Rights, TenantScope, secret};
use sea_orm::ActiveValue::NotSet;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

/// A token just created: the secret is returned this once and never again.
pub struct CreatedToken {
    pub token: api_token::Model,
    pub secret: String,
}

/// Creates a token expiring at `expires_at`, or after the default lifetime when `None`; never
/// later than the longest lifetime.
pub async fn create_token(
    scope: &TenantScope,
    lifetime: &TokenLifetime,
    name: &str,
    rights: Rights,
    expires_at: Option<DateTime<Utc>>,
) -> IdentityResult<CreatedToken> {
    let name = required_text(name, "name", 100)?;
    let now = scope.now();
    let expires_at = expires_at.unwrap_or(now + lifetime.default);
    if expires_at <= now {
        return Err(IdentityError::ExpiryInThePast);
    }
    if expires_at > now + lifetime.max {
        return Err(IdentityError::ExpiryTooFar { max_days: lifetime.max.num_days() });
    }
    let random = secret::random_token();
    let secret = format!("{API_TOKEN_PREFIX}{random}");
    let txn = scope.begin().await?;
    let row = api_token::ActiveModel {
        tenant_id: NotSet,
        id: NotSet,
        name: Set(name),
        prefix: Set(secret.chars().take(API_TOKEN_PREFIX.len() + 6).collect()),
        token_hash: Set(secret::digest(&secret)),
        can_import: Set(rights.import),
        can_consult: Set(rights.consult),
        can_communicate: Set(rights.communicate),
        can_analyse: Set(rights.analyse),
        created_by: Set(scope.actor().id()),
        created_at: NotSet,
        last_used_at: Set(None),
        last_used_ip: Set(None),
        expires_at: Set(Some(expires_at)),
        revoked_at: Set(None),
    };
    let token = txn.insert(row).await?;
    let rights: Vec<_> = rights.to_list().into_iter().map(|r| r.code()).collect();
    txn.audit(
        AuditChange::new("api_token.create", "api_token", token.id)
            .after(json!({ "name": token.name, "rights": rights, "expiresAt": token.expires_at })),
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedToken { token, secret })
}

pub async fn list_tokens(scope: &TenantScope) -> IdentityResult<Vec<api_token::Model>> {
    let txn = scope.begin().await?;
    let rows = txn.find::<api_token::Entity>().order_by_desc(api_token::Column::CreatedAt).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

pub async fn revoke_token(scope: &TenantScope, token_id: Uuid) -> IdentityResult<api_token::Model> {
    let txn = scope.begin().await?;
    let token = txn
        .find::<api_token::Entity>()
        .filter(api_token::Column::Id.eq(token_id))
        .one(&txn)
        .await?
        .ok_or(IdentityError::NotFound("API token"))?;
    if token.revoked_at.is_some() {
        txn.commit().await?;
        return Ok(token);
    }
    let mut update: api_token::ActiveModel = token.into();
    update.revoked_at = Set(Some(txn.now()));
    let token = txn.update(update).await?;
    txn.audit(AuditChange::new("api_token.revoke", "api_token", token.id)).await?;
    txn.commit().await?;
    Ok(token)
}
