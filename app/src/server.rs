//! The HTTP server: routes, middleware, and the application state they share.

use crate::config::Settings;
use crate::schema::{self, AppSchema};
use crate::{graphql_http, jobs, static_files, telemetry};
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::Router;
use axum::body::Body;
use axum::extract::WebSocketUpgrade;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::HeaderMap;
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Duration;
use crm360_contacts::service::uploads::FileSettings;
use crm360_identity::{CookiePolicy, SessionPolicy};
use crm360_kernel::Clock;
use crm360_kernel::context::{Platform, ServerInfo};
use crm360_kernel::jobs::JobRunner;
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub settings: Arc<Settings>,
    pub platform: Platform,
    pub session: SessionPolicy,
    pub cookie: CookiePolicy,
    pub files: FileSettings,
}

/// A built application: its router, state and job runner, not yet serving.
pub struct App {
    pub router: Router,
    pub state: AppState,
    pub jobs: JobRunner,
}

/// Builds the application on a migrated database. Tests call it with a manual clock.
pub async fn build_app(settings: Settings, db: DatabaseConnection, clock: Clock) -> anyhow::Result<App> {
    let platform = Platform { db, clock };
    let session = SessionPolicy {
        idle_timeout: Duration::seconds(settings.session_idle_timeout_seconds),
        absolute_lifetime: Duration::seconds(settings.session_absolute_lifetime_seconds),
        ..SessionPolicy::default()
    };
    let cookie = CookiePolicy { secure: settings.cookie_secure, ..CookiePolicy::default() };
    let info = ServerInfo { version: env!("CARGO_PKG_VERSION"), started: std::time::Instant::now() };
    let files = FileSettings { data_dir: settings.data_dir.clone(), max_upload_bytes: settings.max_upload_bytes };
    let schema = schema::build(platform.clone(), session.clone(), cookie.clone(), info, files.clone());
    let jobs = jobs::runner(&platform, &session, &files).await?;
    let state = AppState { schema, settings: Arc::new(settings), platform, session, cookie, files };
    let router = router(state.clone());
    Ok(App { router, state, jobs })
}

fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let frontend = static_files::service(&state.settings.frontend_dir);
    Router::new()
        .route("/graphql", get(graphql_http::handle).post(graphql_http::handle))
        .route("/graphql/ws", get(graphql_ws))
        .route("/uploads", post(upload))
        .route("/imports/{id}/errors", get(import_errors))
        .route("/segments/{id}/export", get(export_segment))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(|| async { telemetry::render_metrics() }))
        .fallback_service(frontend)
        .with_state(state)
        .layer(axum::middleware::from_fn(telemetry::record_metrics))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!(
                "request",
                method = %request.method(),
                path = %request.uri().path(),
                request_id = %request_id,
                tenant_id = tracing::field::Empty,
                actor_id = tracing::field::Empty,
            )
        }))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// GraphQL subscriptions over WebSocket (`graphql-transport-ws` and the older
/// `graphql-ws`), authenticated from the upgrade request like any other request.
async fn graphql_ws(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let context = graphql_http::request_context(&state, &headers, peer).await;
    let schema = state.schema.clone();
    upgrade.protocols(ALL_WEBSOCKET_PROTOCOLS).on_upgrade(move |stream| {
        let mut data = async_graphql::Data::default();
        data.insert(context);
        GraphQLWebSocket::new(stream, schema, protocol).with_data(data).serve()
    })
}

/// Query parameters of `POST /uploads`.
#[derive(serde::Deserialize)]
struct UploadQuery {
    filename: Option<String>,
}

/// `POST /uploads?filename=contacts.csv`: the body is the file, streamed to disk.
async fn upload(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let context = graphql_http::request_context(&state, &headers, peer).await;
    let filename = query.filename.unwrap_or_default();
    crm360_contacts::http::upload(&state.platform, &context, &state.files, &filename, body).await
}

/// `GET /imports/{id}/errors`: an import's error report as CSV.
async fn import_errors(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let context = graphql_http::request_context(&state, &headers, peer).await;
    crm360_contacts::http::import_errors(&state.platform, &context, &id).await
}

/// `GET /segments/{id}/export`: a segment's contacts as CSV.
async fn export_segment(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let context = graphql_http::request_context(&state, &headers, peer).await;
    crm360_contacts::http::export_segment(&state.platform, &context, &id).await
}

/// Ready when the database answers.
async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    match state.platform.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::error!(error = %err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database not reachable")
        }
    }
}

/// Serves until SIGINT or SIGTERM, then drains requests and stops the job workers.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = Vec::new();
    for _ in 0..app.state.settings.job_workers {
        workers.push(tokio::spawn(app.jobs.clone().work(stopped.clone())));
    }
    tracing::info!(address = %listener.local_addr()?, "crm360 listening");
    axum::serve(listener, app.router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    let _ = stop.send(true);
    for worker in workers {
        let _ = worker.await;
    }
    tracing::info!("crm360 stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
