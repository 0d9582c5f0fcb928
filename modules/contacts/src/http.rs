//! The contacts module's plain HTTP endpoints, for what GraphQL carries badly: streaming a
//! file up (`POST /uploads`), and CSV down (an import's error report, a segment's export).
//! The app authenticates each request exactly as for GraphQL and hands its handlers the
//! platform and the request's context (extensions); they authorize with the kernel.

use crate::error::ContactsError;
use crate::service::uploads::{self, FileSettings};
use crate::service::{exports, imports, parse_id};
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use crm360_kernel::http::{authorize, error_response};
use crm360_kernel::{Platform, RequestContext, Right};

/// The name access denials of these endpoints are audited under.
const AUDITED_AS: &str = "contacts";

/// The routes, with the file settings the upload reads.
pub fn routes(files: FileSettings) -> Router {
    Router::new()
        .route("/uploads", post(upload))
        .route("/imports/{id}/errors", get(import_errors))
        .route("/segments/{id}/export", get(export_segment))
        .layer(Extension(files))
}

fn contacts_error(err: ContactsError) -> Response {
    match err {
        // The typed answer of a full quota, with its numbers: 413, `QUOTA_EXCEEDED`.
        ContactsError::QuotaExceeded { quota_bytes, used_bytes } => {
            let body = serde_json::json!({ "errors": [{ "message": err.to_string(), "extensions": {
                "code": "QUOTA_EXCEEDED", "reason": "QUOTA_EXCEEDED", "field": "body",
                "quotaBytes": quota_bytes, "usedBytes": used_bytes } }] });
            (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(body)).into_response()
        }
        err => error_response(err.into()),
    }
}

/// Query parameters of `POST /uploads`.
#[derive(serde::Deserialize)]
struct UploadQuery {
    filename: Option<String>,
}

/// `POST /uploads?filename=contacts.csv`: streams the body to the data directory (requires
/// `IMPORT`). Past the tenant's quota of stored files: 413 with `extensions.code`
/// `QUOTA_EXCEEDED`, `quotaBytes` and `usedBytes`, and nothing kept.
async fn upload(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Extension(files): Extension<FileSettings>,
    Query(query): Query<UploadQuery>,
    body: Body,
) -> Response {
    let scope = match authorize(&platform, &request, AUDITED_AS, &[Right::Import]).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let filename = query.filename.unwrap_or_default();
    match uploads::store(&scope, &files, &filename, body.into_data_stream()).await {
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
async fn import_errors(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Path(id): Path<String>,
) -> Response {
    let scope = match authorize(&platform, &request, AUDITED_AS, &[Right::Import]).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let id = match parse_id(&id, "id") {
        Ok(id) => id,
        Err(err) => return contacts_error(err),
    };
    match imports::error_report(&scope, id).await {
        Ok(bytes) => csv_response(Body::from(bytes), &format!("import-{id}-errors.csv")),
        Err(err) => contacts_error(err),
    }
}

/// `GET /segments/{id}/export`: the segment's contacts as CSV, streamed (requires `ANALYSE`
/// and `CONSULT`); French headers, English ones when the request's `Accept-Language` puts
/// English first. Every cell is neutralised against formula injection.
async fn export_segment(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let scope = match authorize(&platform, &request, AUDITED_AS, &[Right::Analyse, Right::Consult]).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let id = match parse_id(&id, "id") {
        Ok(id) => id,
        Err(err) => return contacts_error(err),
    };
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let language = exports::Language::from_accept_language(accepted);
    let (export, header, _name) = match exports::start_in(&scope, id, language).await {
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
