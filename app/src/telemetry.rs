//! Logs (`tracing`, pretty or JSON) and Prometheus metrics.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tracing_subscriber::EnvFilter;

pub fn init_logs(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if format == "json" { builder.json().try_init() } else { builder.try_init() };
}

/// How many latency samples may wait in the recorder before they are folded into their
/// summaries. The exporter keeps every histogram sample until its upkeep drains it, and only a
/// scrape or an upkeep does: a server nobody scrapes grew by every request it served (issue
/// 20). Folding every few thousand samples, whoever records the last one, bounds that memory
/// however fast requests come; the background upkeep folds the tail when traffic stops.
const FOLD_EVERY_SAMPLES: u64 = 4096;

/// How often the background upkeep folds waiting samples (the summaries' own windows roll too).
const UPKEEP_PERIOD: Duration = Duration::from_secs(5);

/// The process-wide recorder (one per process, however many apps a test suite builds), and
/// its upkeep thread.
fn metrics_handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let _ = metrics::set_global_recorder(recorder);
        let upkept = handle.clone();
        let _ = std::thread::Builder::new().name("metrics-upkeep".to_owned()).spawn(move || {
            loop {
                std::thread::sleep(UPKEEP_PERIOD);
                upkept.run_upkeep();
            }
        });
        handle
    })
}

/// Counts one histogram sample and folds the waiting ones every [`FOLD_EVERY_SAMPLES`].
fn sampled() {
    static SAMPLES: AtomicU64 = AtomicU64::new(0);
    if SAMPLES.fetch_add(1, Ordering::Relaxed) % FOLD_EVERY_SAMPLES == FOLD_EVERY_SAMPLES - 1 {
        metrics_handle().run_upkeep();
    }
}

pub fn render_metrics() -> String {
    metrics_handle().render()
}

/// Records one HTTP request: `crm360_http_requests_total` and
/// `crm360_http_request_duration_seconds`, by method, route and status.
pub fn record_request(method: &str, route: &str, status: u16, elapsed: Duration) {
    metrics_handle();
    let labels = [("method", method.to_owned()), ("route", route.to_owned()), ("status", status.to_string())];
    metrics::counter!("crm360_http_requests_total", &labels).increment(1);
    metrics::histogram!("crm360_http_request_duration_seconds", &labels).record(elapsed.as_secs_f64());
    sampled();
}

/// Records one SQL statement: `crm360_sql_statements_total` (by outcome) and
/// `crm360_sql_statement_duration_seconds`.
pub fn record_statement(failed: bool, elapsed: Duration) {
    let outcome = if failed { "error" } else { "ok" };
    metrics::counter!("crm360_sql_statements_total", "outcome" => outcome).increment(1);
    metrics::histogram!("crm360_sql_statement_duration_seconds").record(elapsed.as_secs_f64());
    sampled();
}

/// Counts requests and measures their latency, by route and status.
pub async fn record_metrics(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "static".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().to_string();
    let response = next.run(request).await;
    record_request(&method, &route, response.status().as_u16(), started.elapsed());
    response
}
