//! Logs (`tracing`, pretty or JSON) and Prometheus metrics.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;
use tracing_subscriber::EnvFilter;

pub fn init_logs(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if format == "json" { builder.json().try_init() } else { builder.try_init() };
}

/// The process-wide recorder (one per process, however many apps a test suite builds).
fn metrics_handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

pub fn render_metrics() -> String {
    metrics_handle().render()
}

/// Counts requests and measures their latency, by route and status.
pub async fn record_metrics(request: Request, next: Next) -> Response {
    metrics_handle();
    let started = Instant::now();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "static".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("crm360_http_requests_total", &labels).increment(1);
    metrics::histogram!("crm360_http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}
