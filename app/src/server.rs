//! The HTTP server: routes, middleware, and the application state they share.

use crate::config::Settings;
use crate::modules::{self, ModuleSettings};
use crate::schema::{self, AppSchema, SchemaOptions};
use crate::{explorer, graphql_http, static_files, telemetry};
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::Router;
use axum::extract::WebSocketUpgrade;
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::http::{HeaderName, HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Duration;
use crm360_identity::service::auth;
use crm360_identity::{CookiePolicy, SessionPolicy};
use crm360_kernel::Clock;
use crm360_kernel::context::{Platform, ServerInfo};
use crm360_kernel::database::Database;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::module::Module;
use crm360_kernel::rate_limit::{RateLimiter, Work};
use crm360_kernel::{Actor, ApiError};
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
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
    pub rate_limiter: Arc<RateLimiter>,
    /// This instance's API latencies not yet added to the shared measurement.
    pub latency: Arc<crm360_support::service::levels::LatencyRecorder>,
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
    let platform = Platform::new(database, clock.clone());
    let mut configured = ModuleSettings::from(&settings)?;
    // Served over HTTPS, the cookie is `Secure` (and `__Host-`) whatever `cookie_secure` says.
    configured.cookie.secure = settings.secure_cookie();
    // Network filtering of operator staff, and API tokens' lifetime (issue 15).
    configured.session.operator_allowed_networks = settings.operator_allowed_networks()?;
    configured.session.api_tokens = settings.api_token_lifetime()?;
    let modules = Arc::new(modules::all(&configured));
    let info = ServerInfo { version: env!("CARGO_PKG_VERSION"), started: std::time::Instant::now() };
    let rate_limiter = Arc::new(RateLimiter::new(settings.rate_limits.clone(), clock));
    let options = SchemaOptions { development: settings.development, rate_limiter: rate_limiter.clone() };
    let schema = schema::build(platform.clone(), info, options);
    let mut jobs = JobRunner::new(platform.clone());
    for module in modules.iter() {
        module.jobs(&mut jobs);
    }
    let first_run = platform.clock().now() + Duration::minutes(1);
    jobs.schedule(first_run).await.map_err(|err| anyhow::anyhow!("cannot schedule recurring jobs: {}", err.message))?;
    let latency = Arc::new(crm360_support::service::levels::LatencyRecorder::default());
    spawn_latency_flush(latency.clone(), platform.clone());
    let state = AppState {
        schema,
        settings: Arc::new(settings),
        latency,
        platform,
        session: configured.session,
        cookie: configured.cookie,
        modules,
        rate_limiter,
    };
    let router = router(state.clone());
    Ok(App { router, state, jobs })
}

/// Adds this instance's latency counts to the shared measurement every ten seconds (the
/// task ends with the last handle on the recorder).
fn spawn_latency_flush(recorder: Arc<crm360_support::service::levels::LatencyRecorder>, platform: Platform) {
    let weak = Arc::downgrade(&recorder);
    drop(recorder);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(10));
        every.tick().await;
        loop {
            every.tick().await;
            let Some(recorder) = weak.upgrade() else { break };
            if let Err(err) = recorder.flush(&platform).await {
                tracing::warn!(error = %err, "service levels: latency counts kept for the next flush");
            }
        }
    });
}

fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let frontend = static_files::service(&state.settings.frontend_dir);
    // Plain HTTP routes of the modules (uploads, exports, error reports): personal data, never
    // stored by a cache.
    let module_routes = state
        .modules
        .iter()
        .fold(Router::new(), |routes, module| routes.merge(module.routes()))
        .layer(axum::middleware::from_fn_with_state(state.clone(), authenticate))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    let mut routes = Router::new()
        .route("/graphql", get(graphql_http::handle).post(graphql_http::handle))
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics));
    routes = if state.settings.explorer() {
        routes.route("/graphql/explorer.js", get(explorer::script)).route("/graphql/explorer.css", get(explorer::style))
    } else {
        let off = || async { StatusCode::NOT_FOUND };
        routes.route("/graphql/explorer.js", get(off)).route("/graphql/explorer.css", get(off))
    };
    routes
        .fallback_service(frontend)
        .with_state(state.clone())
        .merge(module_routes)
        .layer(axum::middleware::from_fn_with_state(state, security_headers))
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

/// The web app's Content-Security-Policy: its own scripts, styles and API only (no inline
/// script, nothing from elsewhere), never framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// The headers of every response: the CSP, no framing, no MIME sniffing, no full referrer
/// to other sites, and HSTS when served over HTTPS.
async fn security_headers(State(state): State<AppState>, request: Request<axum::body::Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    if state.settings.served_over_https
        && let Ok(value) =
            HeaderValue::from_str(&format!("max-age={}; includeSubDomains", state.settings.hsts_max_age_seconds))
    {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, value);
    }
    response
}

/// Prometheus metrics, for the bearer of the configured `metrics_token` only; without one
/// configured, not served.
async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = &state.settings.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let matches = given.is_some_and(|given| {
        // Compared as digests: no early exit on the first differing byte of the secret.
        crm360_kernel::secret::digest(given.trim()) == crm360_kernel::secret::digest(expected.expose_secret())
    });
    if !matches {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    let mut response = telemetry::render_metrics().into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// GraphQL subscriptions over WebSocket (`graphql-transport-ws` and the older
/// `graphql-ws`), authenticated from the upgrade request like any other request. A browser's
/// `Origin` must be the server's own (a cross-site page cannot open a socket with the
/// session cookie); the credential is re-checked at every message from the client and every
/// `websocket_session_check_seconds`, and the socket closes (4401) once it no longer stands.
async fn graphql_ws(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    if graphql_http::origin_allowed(&state, &headers) == Some(false) {
        return graphql_http::csrf_refusal();
    }
    let authenticated = graphql_http::authenticate(&state, &headers, peer).await;
    if authenticated.unavailable {
        return graphql_http::unavailable();
    }
    let token = authenticated.token.clone().filter(|_| authenticated.context.actor != Actor::Anonymous);
    let ip = authenticated.context.ip.clone();
    let schema = state.schema.clone();
    let mut data = async_graphql::Data::default();
    authenticated.request_data(&state, &mut data);
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| serve_socket(state, socket, schema, protocol, data, token, ip))
}

async fn serve_socket(
    state: AppState,
    socket: WebSocket,
    schema: AppSchema,
    protocol: GraphQLProtocol,
    data: async_graphql::Data,
    token: Option<String>,
    ip: Option<String>,
) {
    use futures::{SinkExt, StreamExt};
    let (mut to_client, mut from_client) = socket.split();
    // The GraphQL side talks to channels; this loop stands between them and the socket.
    let (to_graphql, graphql_input) = futures::channel::mpsc::channel::<Result<Message, axum::Error>>(16);
    let (graphql_output, mut from_graphql) = futures::channel::mpsc::channel::<Message>(16);
    let serve =
        GraphQLWebSocket::new_with_pair(graphql_output, graphql_input, schema, protocol).with_data(data).serve();
    tokio::pin!(serve);
    let mut to_graphql = to_graphql;
    let every = std::time::Duration::from_secs(state.settings.websocket_session_check_seconds.max(1));
    let mut checks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    let still_valid = |token: Option<String>| {
        let state = state.clone();
        let ip = ip.clone();
        async move {
            match token {
                None => true,
                Some(token) => {
                    auth::still_valid(&state.platform, &state.session, &token, ip.as_deref()).await.unwrap_or(false)
                }
            }
        }
    };
    let ended = loop {
        tokio::select! {
            () = &mut serve => break false,
            message = from_graphql.next() => match message {
                Some(message) => if to_client.send(message).await.is_err() { break false },
                None => break false,
            },
            message = from_client.next() => match message {
                Some(Ok(message)) => {
                    if matches!(message, Message::Text(_) | Message::Binary(_)) && !still_valid(token.clone()).await {
                        break true;
                    }
                    if to_graphql.send(Ok(message)).await.is_err() { break false }
                }
                _ => break false,
            },
            _ = checks.tick() => if !still_valid(token.clone()).await { break true },
        }
    };
    // What the GraphQL side said last (a `complete`, its own close) still goes out, unless
    // the session has ended.
    while !ended && let Ok(message) = from_graphql.try_recv() {
        if to_client.send(message).await.is_err() {
            break;
        }
    }
    if ended {
        let close = CloseFrame { code: 4401, reason: "the session has ended".into() };
        let _ = to_client.send(Message::Close(Some(close))).await;
    }
    let _ = to_client.close().await;
}

/// Authenticates a request to a module's plain HTTP route exactly as for GraphQL, and hands
/// the route the platform and the request's context (it authorizes with
/// `crm360_kernel::http::authorize`). A cookie-authenticated upload must prove it comes
/// from the web app (CSRF); a session that must change its password gets nothing; exports
/// and error reports take a call from their rate limit.
async fn authenticate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let authenticated = graphql_http::authenticate(&state, request.headers(), peer).await;
    if authenticated.unavailable {
        return graphql_http::unavailable();
    }
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && authenticated.via_cookie && !graphql_http::csrf_safe(&state, request.headers()) {
        return graphql_http::csrf_refusal();
    }
    if authenticated.must_change_password {
        let err = ApiError::forbidden("change your password first").with_reason("PASSWORD_CHANGE_REQUIRED");
        return crm360_kernel::http::error_response(err);
    }
    let context = authenticated.context;
    if request.method() == Method::GET
        && context.actor != Actor::Anonymous
        && let Err(err) = state.rate_limiter.check(Work::Export, &context)
    {
        return crm360_kernel::http::error_response(err);
    }
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
