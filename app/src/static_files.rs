//! The web app, served from `frontend/dist`: hashed assets cached for a year, `index.html`
//! never cached (so a deploy is seen at once), unknown paths answered by `index.html` (the
//! app routes in the browser).

use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, header};
use axum::response::{Html, IntoResponse};
use std::convert::Infallible;
use std::path::Path;
use tower::ServiceExt;
use tower::util::BoxCloneSyncService;
use tower_http::services::{ServeDir, ServeFile};

pub type StaticService = BoxCloneSyncService<Request<Body>, Response<Body>, Infallible>;

pub fn service(dir: &Path) -> StaticService {
    let index = dir.join("index.html");
    if !index.exists() {
        let missing = tower::service_fn(|_request: Request<Body>| async {
            Ok::<_, Infallible>(
                Html("<!doctype html><title>crm360</title><p>The web app is not built: run <code>npm --prefix frontend run build</code>.</p>")
                    .into_response(),
            )
        });
        return BoxCloneSyncService::new(missing);
    }
    let files = ServeDir::new(dir).fallback(ServeFile::new(index));
    let with_caching = tower::service_fn(move |request: Request<Body>| {
        let files = files.clone();
        async move {
            let immutable = request.uri().path().starts_with("/assets/");
            let mut response = files.oneshot(request).await.map(IntoResponse::into_response)?;
            let policy = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
            Ok::<_, Infallible>(response)
        }
    });
    BoxCloneSyncService::new(with_caching)
}
