//! The support desk's files over plain HTTP: `POST /support/attachments?filename=` (any
//! tenant user: the file is checked and kept as pending until a message claims it) and
//! `GET /support/attachments/{id}` (whoever may read the ticket; staff add `?tenant=`).

use crate::SupportDeps;
use crate::model::ticket_attachment;
use crate::service::{attachments, tickets};
use axum::body::{Body, to_bytes};
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use crm360_kernel::http::error_response;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{ApiError, Platform, RequestContext, TenantScope};
use sea_orm::{ColumnTrait, QueryFilter};

pub fn routes(deps: SupportDeps) -> Router {
    Router::new()
        .route("/support/attachments", post(upload))
        .route("/support/attachments/{id}", get(download))
        .layer(axum::extract::DefaultBodyLimit::max(attachments::MAX_BYTES + 1024))
        .layer(Extension(deps))
}

#[derive(serde::Deserialize)]
struct UploadQuery {
    filename: Option<String>,
    tenant: Option<String>,
}

#[allow(clippy::result_large_err)] // the refusal is the response itself, sent at once
fn scope_of(platform: &Platform, request: &RequestContext, tenant: Option<&str>) -> Result<TenantScope, Response> {
    if request.actor.is_operator() {
        let tenant = tenant
            .and_then(|t| uuid::Uuid::parse_str(t).ok())
            .ok_or_else(|| error_response(ApiError::invalid("tenant", "REQUIRED", "operator staff name the tenant")))?;
        let operator = OperatorScope::for_request(platform, request).map_err(error_response)?;
        return Ok(operator.on_tenant(tenant));
    }
    TenantScope::for_request(platform, request).map_err(error_response)
}

async fn upload(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Extension(deps): Extension<SupportDeps>,
    Query(query): Query<UploadQuery>,
    body: Body,
) -> Response {
    if request.actor.tenant_id().is_none() {
        return error_response(if request.actor.is_operator() {
            ApiError::forbidden("tenant users only")
        } else {
            request.unauthenticated()
        });
    }
    let scope = match scope_of(&platform, &request, None) {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let bytes = match to_bytes(body, attachments::MAX_BYTES + 1).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return error_response(ApiError::invalid("file", "FILE_TOO_LARGE", "an attachment is at most 10 MiB"));
        }
    };
    let filename = query.filename.unwrap_or_default();
    match attachments::store(&deps.data_dir, scope.tenant_id(), &filename, &bytes) {
        Ok(pending) => (StatusCode::CREATED, axum::Json(serde_json::json!(pending))).into_response(),
        Err(err) => error_response(err.into()),
    }
}

async fn download(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Extension(deps): Extension<SupportDeps>,
    Path(id): Path<String>,
    Query(query): Query<UploadQuery>,
) -> Response {
    let Ok(id) = uuid::Uuid::parse_str(&id) else { return error_response(ApiError::not_found("attachment")) };
    let scope = match scope_of(&platform, &request, query.tenant.as_deref()) {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let found = async {
        let txn = scope.begin().await?;
        let row =
            txn.find::<ticket_attachment::Entity>().filter(ticket_attachment::Column::Id.eq(id)).one(&txn).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(row)
    }
    .await;
    let row = match found {
        Ok(Some(row)) => row,
        Ok(None) => return error_response(ApiError::not_found("attachment")),
        Err(err) => return error_response(err.into()),
    };
    // The ticket must be visible to the caller (a user sees the tickets they opened).
    if tickets::view(&scope, row.ticket_id).await.is_err() {
        return error_response(ApiError::not_found("attachment"));
    }
    let bytes = match std::fs::read(attachments::kept_path(&deps.data_dir, row.tenant_id, row.id)) {
        Ok(bytes) => bytes,
        Err(_) => return error_response(ApiError::not_found("attachment")),
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&row.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    let safe: String =
        row.filename.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
