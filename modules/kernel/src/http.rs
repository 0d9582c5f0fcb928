//! The kernel's authorization for plain HTTP endpoints (uploads, CSV downloads): the same
//! rules and the same audited refusals as a GraphQL field guard, and the same error shape.

use crate::actor::{Actor, Right};
use crate::context::{Platform, RequestContext};
use crate::error::{ApiError, ErrorCode};
use crate::guard;
use crate::scope::TenantScope;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An error as a GraphQL-shaped JSON body with the status that fits its code.
pub fn error_response(err: ApiError) -> Response {
    let status = match err.code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::InvalidInput if err.reason == Some("FILE_TOO_LARGE") => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::InvalidInput => StatusCode::BAD_REQUEST,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let body = serde_json::json!({ "errors": [{ "message": err.message, "extensions": {
        "code": err.code.as_str(), "reason": err.reason, "field": err.field } }] });
    (status, axum::Json(body)).into_response()
}

/// The tenant scope of a request holding every one of `rights`, for the endpoint `endpoint`;
/// a refusal is audited like a GraphQL guard's and comes back as the response to send.
pub async fn authorize(
    platform: &Platform,
    request: &RequestContext,
    endpoint: &str,
    rights: &[Right],
) -> Result<TenantScope, Response> {
    if request.actor == Actor::Anonymous {
        return Err(error_response(request.unauthenticated()));
    }
    let scope = TenantScope::for_request(platform, request).map_err(error_response)?;
    let missing: Vec<&str> = rights.iter().filter(|r| !request.actor.has_right(**r)).map(|r| r.code()).collect();
    if !missing.is_empty() {
        let message = format!("the rights {} are required", missing.join(", "));
        guard::audit_denial(platform, request, "endpoint", endpoint, &message).await;
        return Err(error_response(ApiError::forbidden(message)));
    }
    Ok(scope)
}

/// The tenant scope of a request from the tenant's administrator, or from operator staff
/// acting on `tenant_for_operator` (documents staff open on a tenant's behalf); refusals
/// audited as above.
pub async fn authorize_admin_or_operator(
    platform: &Platform,
    request: &RequestContext,
    endpoint: &str,
    tenant_for_operator: Option<uuid::Uuid>,
) -> Result<TenantScope, Response> {
    if request.actor == Actor::Anonymous {
        return Err(error_response(request.unauthenticated()));
    }
    if request.actor.is_operator() {
        let Some(tenant_id) = tenant_for_operator else {
            return Err(error_response(ApiError::invalid("tenant", "REQUIRED", "operator staff name the tenant")));
        };
        let operator = crate::scope::OperatorScope::for_request(platform, request).map_err(error_response)?;
        return Ok(operator.on_tenant(tenant_id));
    }
    if !request.actor.is_tenant_admin() {
        let message = "tenant administrators only";
        guard::audit_denial(platform, request, "endpoint", endpoint, message).await;
        return Err(error_response(ApiError::forbidden(message)));
    }
    TenantScope::for_request(platform, request).map_err(error_response)
}
