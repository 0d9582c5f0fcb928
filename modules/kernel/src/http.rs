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
