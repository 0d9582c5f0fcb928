//! The contacts module's plain HTTP endpoints, for what GraphQL carries badly: streaming a
//! file up (`POST /uploads`), and CSV down (an import's error report, a segment's export).
//! The app authenticates the request exactly as for GraphQL and hands over its context.

use crate::error::ContactsError;
use crate::service::uploads::{self, FileSettings};
use crate::service::{exports, imports, parse_id};
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use crm360_kernel::context::Platform;
use crm360_kernel::{Actor, ApiError, ErrorCode, RequestContext, Right, TenantScope};

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

fn contacts_error(err: ContactsError) -> Response {
    error_response(err.into())
}

/// The tenant scope of an authenticated request holding every one of `rights`; refusals are
/// audited like a GraphQL guard's.
pub async fn authorize(
    platform: &Platform,
    request: &RequestContext,
    rights: &[Right],
) -> Result<TenantScope, Response> {
    if request.actor == Actor::Anonymous {
        return Err(error_response(request.unauthenticated()));
    }
    let missing: Vec<&str> = rights.iter().filter(|r| !request.actor.has_right(**r)).map(|r| r.code()).collect();
    let scope = TenantScope::for_request(platform, request).map_err(error_response)?;
    if !missing.is_empty() {
        let message = format!("the rights {} are required", missing.join(", "));
        let change = crm360_kernel::audit::AuditChange::new("access.denied", "endpoint", "contacts")
            .after(serde_json::json!({ "reason": message }));
        if let Err(err) = scope.audit(scope.db(), change).await {
            tracing::warn!(error = ?err, "could not audit an access denial");
        }
        return Err(error_response(ApiError::forbidden(message)));
    }
    Ok(scope)
}

/// `POST /uploads?filename=...`: streams the body to the data directory (requires `IMPORT`).
pub async fn upload(
    platform: &Platform,
    request: &RequestContext,
    files: &FileSettings,
    filename: &str,
    body: Body,
) -> Response {
    let scope = match authorize(platform, request, &[Right::Import]).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    match uploads::store(&scope, files, filename, body.into_data_stream()).await {
        Ok(saved) => (
            StatusCode::CREATED,
            axum::Json(serde_json::json!({ "id": saved.id, "filename": saved.filename,
                "sizeBytes": saved.size_bytes, "sha256": saved.sha256 })),
        )
            .into_response(),
        Err(err) => contacts_error(err),
    }
}

fn csv_response(body: Body, filename: &str) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    let disposition = format!("attachment; filename=\"{}\"", filename.replace(['"', '\\', '\r', '\n'], "_"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /imports/{id}/errors`: the import's per-row error report as CSV (requires `IMPORT`).
pub async fn import_errors(platform: &Platform, request: &RequestContext, id: &str) -> Response {
    let scope = match authorize(platform, request, &[Right::Import]).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let id = match parse_id(id, "id") {
        Ok(id) => id,
        Err(err) => return contacts_error(err),
    };
    match imports::error_report(&scope, id).await {
        Ok(bytes) => csv_response(Body::from(bytes), &format!("import-{id}-errors.csv")),
        Err(err) => contacts_error(err),
    }
}

/// `GET /segments/{id}/export`: the segment's contacts as CSV, streamed (requires `ANALYSE`
/// and `CONSULT`).
pub async fn export_segment(platform: &Platform, request: &RequestContext, id: &str) -> Response {
    let scope = match authorize(platform, request, &[Right::Analyse, Right::Consult]).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let id = match parse_id(id, "id") {
        Ok(id) => id,
        Err(err) => return contacts_error(err),
    };
    let (export, header, _name) = match exports::start(&scope, id).await {
        Ok(started) => started,
        Err(err) => return contacts_error(err),
    };
    let head = futures::stream::once(async move { Ok::<_, std::io::Error>(header) });
    let rest = futures::stream::unfold(Some((export, scope)), |state| async move {
        let (mut export, scope) = state?;
        match export.next_chunk(&scope).await {
            Ok(Some(chunk)) => Some((Ok(chunk), Some((export, scope)))),
            Ok(None) => None,
            Err(err) => {
                tracing::error!(error = %err, "segment export failed midway");
                Some((Err(std::io::Error::other("export failed")), None))
            }
        }
    });
    use futures::StreamExt;
    csv_response(Body::from_stream(head.chain(rest)), &format!("segment-{id}.csv"))
}
