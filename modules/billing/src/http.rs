//! An invoice's documents over plain HTTP: `/factures/{id}.pdf` (the Factur-X PDF kept at
//! issue), `/factures/{id}.xml` (its EN 16931 XML), `/factures/{id}.html` (printable page).
//! The tenant's administrator, or staff with `?tenant=<id>`.

use crate::jobs::BillingDeps;
use crate::model::InvoiceStatus;
use crate::service::documents::Documents;
use crate::service::invoices;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use crm360_kernel::http::{authorize_admin_or_operator, error_response};
use crm360_kernel::{ApiError, Platform, RequestContext};

pub fn routes(deps: BillingDeps) -> Router {
    Router::new().route("/factures/{file}", get(document)).layer(Extension(deps))
}

#[derive(serde::Deserialize)]
struct DocumentQuery {
    tenant: Option<String>,
}

async fn document(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Extension(deps): Extension<BillingDeps>,
    Path(file): Path<String>,
    Query(query): Query<DocumentQuery>,
) -> Response {
    let Some((id, extension)) = file.rsplit_once('.') else {
        return error_response(ApiError::not_found("document"));
    };
    let Ok(id) = uuid::Uuid::parse_str(id) else {
        return error_response(ApiError::not_found("document"));
    };
    let tenant = query.tenant.as_deref().and_then(|t| uuid::Uuid::parse_str(t).ok());
    let scope = match authorize_admin_or_operator(&platform, &request, "billing", tenant).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let invoice = match invoices::get(&scope, id).await {
        Ok(invoice) if invoice.status == InvoiceStatus::Issued => invoice,
        Ok(_) => return error_response(ApiError::not_found("document")),
        Err(err) => return error_response(err.into()),
    };
    let corrects = match invoice.corrects_invoice_id {
        Some(original) => invoices::get(&scope, original).await.ok().and_then(|o| o.number.map(|n| (n, o.issue_date))),
        None => None,
    };
    let corrects = corrects.as_ref().map(|(n, d)| (n.as_str(), *d));
    let number = invoice.number.clone().unwrap_or_default();
    let (body, content_type, disposition) = match extension {
        "pdf" => {
            // Kept at issue; rendered again (from the immutable invoice) if a crash lost it.
            let bytes = match Documents::read(&deps.settings, &invoice) {
                Ok(bytes) => Ok(bytes),
                Err(_) => deps
                    .documents
                    .store(&deps.settings, &invoice, corrects)
                    .and_then(|_| Documents::read(&deps.settings, &invoice)),
            };
            match bytes {
                Ok(bytes) => (bytes, "application/pdf", format!("attachment; filename=\"{number}.pdf\"")),
                Err(err) => return error_response(err.into()),
            }
        }
        "xml" => (
            Documents::xml(&deps.settings, &invoice, corrects).into_bytes(),
            "application/xml; charset=utf-8",
            format!("attachment; filename=\"{number}-factur-x.xml\""),
        ),
        "html" => (
            deps.documents.html(&deps.settings, &invoice, corrects).into_bytes(),
            "text/html; charset=utf-8",
            "inline".to_owned(),
        ),
        _ => return error_response(ApiError::not_found("document")),
    };
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
