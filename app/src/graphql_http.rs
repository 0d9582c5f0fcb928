//! GraphQL over HTTP, as its specification says (checked by `graphql-http`'s audit in CI):
//! GET for queries, POST with `application/json`, `application/graphql-response+json`
//! responses with 4xx for requests that cannot execute, no batching, a body size limit, and
//! every error with a stable `extensions.code`.

use crate::schema::AppSchema;
use crate::schema::PasswordChangeRequired;
use crate::server::AppState;
use async_graphql::http::MultipartOptions;
use async_graphql::parser::types::OperationType;
use async_graphql::{BatchRequest, Request, ServerError};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use crm360_identity::service::auth;
use crm360_kernel::guard::DenialLedger;
use crm360_kernel::{Actor, RequestContext};
use serde_json::json;
use std::net::SocketAddr;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

/// Which media type the client accepts for the response.
#[derive(Copy, Clone, PartialEq)]
enum ResponseType {
    GraphqlResponse,
    Json,
}

fn response_type(headers: &HeaderMap) -> Option<ResponseType> {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Some(ResponseType::Json);
    };
    let types: Vec<&str> = accept.split(',').map(|t| t.split(';').next().unwrap_or("").trim()).collect();
    if types.contains(&GRAPHQL_RESPONSE) {
        Some(ResponseType::GraphqlResponse)
    } else if types.iter().any(|t| *t == JSON || *t == "*/*" || *t == "application/*") {
        Some(ResponseType::Json)
    } else {
        None
    }
}

/// A response that is an error before execution: a GraphQL body with a coded error.
fn request_error(status: StatusCode, code: &str, reason: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code, "reason": reason } }] });
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub async fn handle(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = std::time::Instant::now();
    let wants_html =
        headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|accept| accept.contains("text/html"));
    if method == Method::GET && uri.query().is_none_or(str::is_empty) && wants_html && state.settings.explorer() {
        return crate::explorer::page();
    }
    let Some(response_type) = response_type(&headers) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            "INVALID_INPUT",
            "NOT_ACCEPTABLE",
            "accept application/graphql-response+json or application/json",
        );
    };
    let request = match read_request(&state, &method, &uri, &headers, body).await {
        Ok(request) => request,
        Err(response) => return response,
    };
    let authenticated = authenticate(&state, &headers, peer).await;
    if authenticated.unavailable {
        return unavailable();
    }
    if authenticated.via_cookie && !csrf_safe(&state, &headers) {
        return csrf_refusal();
    }
    record_actor(&authenticated.context);
    let mut request = request;
    // Only authenticated clients (the web app, BI tools) read the schema.
    if authenticated.context.actor == Actor::Anonymous {
        request = request.disable_introspection();
    }
    let tenant_id = authenticated.context.actor.tenant_id();
    authenticated.request_data(&state, &mut request.data);
    let response = execute(&state.schema, request, response_type).await;
    // The API's response time as Annex 2 measures it, per tenant.
    state.latency.record(tenant_id, state.platform.clock().now(), started.elapsed());
    response
}

/// The credential could not be checked now: `503`, `INTERNAL` with the reason `UNAVAILABLE`,
/// and a `Retry-After`, so that clients retry instead of signing the person out.
pub fn unavailable() -> Response {
    let mut response = request_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "INTERNAL",
        "UNAVAILABLE",
        "the service could not check your session just now; try again",
    );
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// A cookie-authenticated request without proof that it comes from the web app itself.
pub fn csrf_refusal() -> Response {
    request_error(
        StatusCode::FORBIDDEN,
        "FORBIDDEN",
        "CSRF_CHECK_FAILED",
        &format!(
            "a request authenticated by the session cookie needs the {CSRF_HEADER} header or a same-origin Origin"
        ),
    )
}

/// The header the web app sends with every cookie-authenticated request: a cross-site form
/// cannot send it, and a cross-site script cannot without a CORS preflight, which this
/// server never grants.
pub const CSRF_HEADER: &str = "x-crm360-csrf";

/// Whether a cookie-authenticated request proves it comes from the web app: the CSRF header,
/// or an `Origin` that is the server's own (the configured public origin, or else the
/// request's `Host`).
pub fn csrf_safe(state: &AppState, headers: &HeaderMap) -> bool {
    headers.contains_key(CSRF_HEADER) || origin_allowed(state, headers) == Some(true)
}

/// Whether the request's `Origin` is the server's own; `None` without an `Origin` (clients
/// other than browsers).
pub fn origin_allowed(state: &AppState, headers: &HeaderMap) -> Option<bool> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok().unwrap_or("").trim().trim_end_matches('/');
    let allowed = match &state.settings.public_origin {
        Some(public) => origin.eq_ignore_ascii_case(public.trim().trim_end_matches('/')),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            let origin_host = origin.split_once("://").map(|(_, host)| host);
            matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
        }
    };
    Some(allowed)
}

/// Records the request's tenant and actor on its span (ids only, never personal data).
pub fn record_actor(context: &RequestContext) {
    let span = tracing::Span::current();
    if let Some(tenant_id) = context.actor.tenant_id() {
        span.record("tenant_id", tracing::field::display(tenant_id));
    }
    if let Some(actor_id) = context.actor.id() {
        span.record("actor_id", tracing::field::display(actor_id));
    }
}

/// Reads the GraphQL request from a GET query string or a POST body.
async fn read_request(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Body,
) -> Result<Request, Response> {
    let bad = |reason: &str, message: &str| request_error(StatusCode::BAD_REQUEST, "INVALID_INPUT", reason, message);
    let request = if *method == Method::GET {
        let request = async_graphql::http::parse_query_string(uri.query().unwrap_or_default())
            .map_err(|err| bad("MALFORMED_REQUEST", &err.to_string()))?;
        // Mutations change state: never over GET (the spec's 405).
        if is_mutation(&request) {
            let mut response = request_error(
                StatusCode::METHOD_NOT_ALLOWED,
                "INVALID_INPUT",
                "METHOD_NOT_ALLOWED",
                "mutations need POST",
            );
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
            return Err(response);
        }
        request
    } else {
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let essence = content_type.as_deref().map(|ct| ct.split(';').next().unwrap_or("").trim().to_owned());
        match essence.as_deref() {
            // Not multipart/form-data, urlencoded or text/plain: what a cross-site form can send.
            Some(JSON) => {}
            _ => {
                return Err(request_error(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "INVALID_INPUT",
                    "UNSUPPORTED_MEDIA_TYPE",
                    "send application/json",
                ));
            }
        }
        let bytes: Bytes = axum::body::to_bytes(body, state.settings.max_body_bytes).await.map_err(|_| {
            request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "INVALID_INPUT",
                "PAYLOAD_TOO_LARGE",
                &format!("the request body exceeds {} bytes", state.settings.max_body_bytes),
            )
        })?;
        let batch = async_graphql::http::receive_batch_body(
            content_type,
            futures::io::Cursor::new(bytes.to_vec()),
            MultipartOptions::default(),
        )
        .await
        .map_err(|err| bad("MALFORMED_REQUEST", &err.to_string()))?;
        match batch {
            BatchRequest::Single(request) => request,
            BatchRequest::Batch(_) => {
                return Err(bad("BATCH_NOT_SUPPORTED", "batched requests are not accepted"));
            }
        }
    };
    Ok(request)
}

fn is_mutation(request: &Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    document.operations.iter().any(|(name, operation)| {
        let selected = match (&request.operation_name, name) {
            (Some(wanted), Some(name)) => wanted == name.as_str(),
            _ => true,
        };
        selected && operation.node.ty == OperationType::Mutation
    })
}

/// Who a request is, and how it said so.
pub struct Authentication {
    pub context: RequestContext,
    /// Authenticated by the session cookie (the web app), so subject to the CSRF check.
    pub via_cookie: bool,
    /// The credential, to re-check later (a WebSocket's session).
    pub token: Option<String>,
    /// The person must change their password before anything else.
    pub must_change_password: bool,
    /// The credential could not be checked (the database failed or timed out): the request
    /// is refused with a 503, never run as anonymous, so that a client is not signed out by
    /// a passing fault.
    pub unavailable: bool,
}

impl Authentication {
    /// The request's data: its context, the modules' per-request data, the ledger of its
    /// audited denials and, for a session that must change its password, the marker that
    /// refuses the rest.
    pub fn request_data(self, state: &AppState, data: &mut async_graphql::Data) {
        state.request_data(&self.context, data);
        data.insert(DenialLedger::default());
        if self.must_change_password {
            data.insert(PasswordChangeRequired);
        }
        data.insert(self.context);
    }
}

/// Authenticates the request from its bearer token or session cookie. A refused credential
/// does not fail the request: it runs anonymously and guards say why.
pub async fn authenticate(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> Authentication {
    let mut context = RequestContext {
        ip: Some(client_ip(state, headers, peer)),
        user_agent: headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned),
        request_id: headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned),
        ..RequestContext::anonymous()
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let cookie = cookie_value(headers, &state.cookie.cookie_name());
    let via_cookie = bearer.is_none() && cookie.is_some();
    let token = bearer.clone().or(cookie);
    // The address too is checked (network filtering, issue 15).
    let ip = context.ip.clone();
    let result = match (&bearer, &token) {
        (Some(token), _) => {
            Some(auth::authenticate_bearer(&state.platform, &state.session, token, ip.as_deref()).await)
        }
        (None, Some(token)) => {
            Some(auth::authenticate_session(&state.platform, &state.session, token, ip.as_deref()).await)
        }
        (None, None) => None,
    };
    let mut must_change_password = false;
    let mut unavailable = false;
    match result {
        Some(Ok(found)) => {
            context.actor = found.actor;
            context.session_id = found.session_id;
            must_change_password = found.must_change_password;
        }
        Some(Err(err)) => {
            let api = crm360_kernel::ApiError::from(err);
            unavailable = api.code == crm360_kernel::error::ErrorCode::Internal;
            context.credential_refused = Some(api.reason.unwrap_or("SESSION_EXPIRED"));
            context.actor = Actor::Anonymous;
        }
        None => {}
    }
    Authentication { context, via_cookie, token, must_change_password, unavailable }
}

/// The request's context alone (see [`authenticate`]).
pub async fn request_context(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> RequestContext {
    authenticate(state, headers, peer).await.context
}

/// The client's address: the peer's, or the one a trusted reverse proxy reports.
fn client_ip(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    state
        .settings
        .client_ip_header
        .as_deref()
        .and_then(|name| headers.get(name))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .and_then(|ip| ip.trim().parse::<std::net::IpAddr>().ok())
        .map_or_else(|| peer.ip().to_string(), |ip| ip.to_string())
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|cookies| {
        cookies.split(';').find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name && !value.is_empty()).then(|| value.to_owned())
        })
    })
}

async fn execute(schema: &AppSchema, request: Request, response_type: ResponseType) -> Response {
    // `data` holds the context (see `Authentication::request_data`).
    let mut response = schema.execute(request).await;
    for error in &mut response.errors {
        ensure_code(error);
    }
    // A request that could not execute at all (parse or validation errors) has no `data`
    // and, with graphql-response+json, is a 400.
    let not_executed = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let status = if not_executed && response_type == ResponseType::GraphqlResponse {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let content_type = match response_type {
        ResponseType::GraphqlResponse => GRAPHQL_RESPONSE,
        ResponseType::Json => JSON,
    };
    let mut body =
        serde_json::to_value(&response).unwrap_or_else(|_| json!({ "errors": [{ "message": "internal error" }] }));
    if not_executed && let Some(object) = body.as_object_mut() {
        object.remove("data");
    }
    let mut http = (status, axum::Json(body)).into_response();
    http.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    http.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for (name, value) in response.http_headers.iter() {
        http.headers_mut().append(name, value.clone());
    }
    http
}

/// Errors raised by async-graphql itself (parsing, validation, limits, input coercion)
/// carry no code: give them one.
fn ensure_code(error: &mut ServerError) {
    let has_code = error.extensions.as_ref().is_some_and(|ext| ext.get("code").is_some());
    if has_code {
        return;
    }
    let message = error.message.to_lowercase();
    let (code, reason) = if message.contains("nested too deep") {
        ("INVALID_INPUT", "QUERY_TOO_DEEP")
    } else if message.contains("too complex") {
        ("INVALID_INPUT", "QUERY_TOO_COMPLEX")
    } else if error.path.is_empty() || message.contains("failed to parse") || message.contains("invalid value") {
        ("INVALID_INPUT", "INVALID_QUERY")
    } else {
        tracing::error!(error = %error.message, "uncoded error from a resolver");
        error.message = "internal error".to_owned();
        ("INTERNAL", "INTERNAL")
    };
    let extensions = error.extensions.get_or_insert_with(Default::default);
    extensions.set("code", code);
    extensions.set("reason", reason);
}
