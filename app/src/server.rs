//! The HTTP server: routes, middleware, and the application state they share.

use crate::config::Settings;
use crate::modules::{self, ModuleSettings};
use crate::schema::{self, AppSchema};
use crate::{graphql_http, static_files, telemetry};
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::Router;
use axum::extract::WebSocketUpgrade;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::http::{HeaderName, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Duration;
use crm360_identity::{CookiePolicy, SessionPolicy};
use crm360_kernel::Clock;
use crm360_kernel::context::{Platform, ServerInfo};
use crm360_kernel::database::Database;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
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
    pub modules: Arc<Vec<Arc<dyn Module>>>,
}

impl AppState {
    /// Adds what each module's resolvers read to one GraphQL request (built per request).
    pub fn request_data(&self, context: &crm360_kernel::RequestContext, data: &mut async_graphql::Data) {
        for module in self.modules.iter() {
            module.request_data(&self.platform, context, data);
        }
    }
}

/// A built application: its router, state and job runner, not yet serving.
pub struct App {
    pub router: Router,
    pub state: AppState,
    pub jobs: JobRunner,
}

/// Builds the application on a migrated database. Tests call it with a manual clock.
pub async fn build_app(settings: Settings, database: Database, clock: Clock) -> anyhow::Result<App> {
    let clock = clock.in_zone(settings.time_zone()?);
    let platform = Platform::new(database, clock);
    let configured = ModuleSettings::from(&settings);
    let modules = Arc::new(modules::all(&configured));
    let info = ServerInfo { version: env!("CARGO_PKG_VERSION"), started: std::time::Instant::now() };
    let schema = schema::build(platform.clone(), info);
    let mut jobs = JobRunner::new(platform.clone());
    for module in modules.iter() {
        module.jobs(&mut jobs);
    }
    let first_run = platform.clock().now() + Duration::minutes(1);
    jobs.schedule(first_run).await.map_err(|err| anyhow::anyhow!("cannot schedule recurring jobs: {}", err.message))?;
    let state = AppState {
        schema,
        settings: Arc::new(settings),
        platform,
        session: configured.session,
        cookie: configured.cookie,
        modules,
    };
    let router = router(state.clone());
    Ok(App { router, state, jobs })
}

fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let frontend = static_files::service(&state.settings.frontend_dir);
    let module_routes = state
        .modules
        .iter()
        .fold(Router::new(), |routes, module| routes.merge(module.routes()))
        .layer(axum::middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .route("/graphql", get(graphql_http::handle).post(graphql_http::handle))
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(|| async { telemetry::render_metrics() }))
        .fallback_service(frontend)
        .with_state(state)
        .merge(module_routes)
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
    let mut data = async_graphql::Data::default();
    state.request_data(&context, &mut data);
    upgrade.protocols(ALL_WEBSOCKET_PROTOCOLS).on_upgrade(move |stream| {
        data.insert(context);
        GraphQLWebSocket::new(stream, schema, protocol).with_data(data).serve()
    })
}

/// Authenticates a request to a module's plain HTTP route exactly as for GraphQL, and hands
/// the route the platform and the request's context (it authorizes with
/// `crm360_kernel::http::authorize`).
async fn authenticate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let context = graphql_http::request_context(&state, request.headers(), peer).await;
    graphql_http::record_actor(&context);
    request.extensions_mut().insert(state.platform.clone());
    request.extensions_mut().insert(context);
    next.run(request).await
}

/// Ready when the database answers.
async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    if state.platform.database_ok().await {
        (StatusCode::OK, "ready")
    } else {
        tracing::error!("database not reachable");
        (StatusCode::SERVICE_UNAVAILABLE, "database not reachable")
    }
}

/// Serves until SIGINT or SIGTERM, then drains requests and stops the job workers.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = Vec::new();
    if app.state.settings.job_workers > 0 {
        workers.push(tokio::spawn(app.jobs.clone().work(app.state.settings.job_workers, stopped.clone())));
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
