//! A local SMS gateway implementing the contract of [`crate::transport`].
//!
//! Routes: `POST /messages` (send, answers 202 `{"id"}`), and `GET /messages` (what it
//! received, for the demo mode). Both need `Authorization: Bearer <api_key>`.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::transport::{DeliveryStatus, GatewayEvent, SIGNATURE_HEADER, SendError, TIMESTAMP_HEADER, sign_webhook};

/// An SMS as the sink received it.
#[derive(Clone, Debug, Serialize)]
pub struct ReceivedSms {
    /// The id the sink answered with.
    pub id: String,
    /// Sender id or number.
    pub from: String,
    /// Recipient number.
    pub to: String,
    /// Text.
    pub text: String,
    /// The sender's reference (our message id).
    pub reference: String,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct SendRequest {
    from: String,
    to: String,
    text: String,
    reference: String,
}

struct Shared {
    api_key: String,
    messages: Mutex<Vec<ReceivedSms>>,
    count: watch::Sender<usize>,
    /// Number → permanent refusal?
    refusals: Mutex<HashMap<String, bool>>,
    /// How many of `messages` already had their receipt delivered; the async mutex also
    /// keeps two `deliver_receipts` calls from sending the same receipts.
    receipted: tokio::sync::Mutex<usize>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running SMS sink; stops when dropped.
pub struct SmsSink {
    shared: Arc<Shared>,
    local_addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for SmsSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for SmsSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsSink").field("local_addr", &self.local_addr).finish_non_exhaustive()
    }
}

impl SmsSink {
    /// Starts on `addr` (e.g. "127.0.0.1:0"), accepting requests that carry `api_key` as
    /// bearer token. Refuses a non-loopback address with [`io::ErrorKind::InvalidInput`].
    pub async fn start(addr: &str, api_key: String) -> io::Result<SmsSink> {
        let listener = super::bind_loopback(addr).await?;
        let local_addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            api_key,
            messages: Mutex::new(Vec::new()),
            count: watch::Sender::new(0),
            refusals: Mutex::new(HashMap::new()),
            receipted: tokio::sync::Mutex::new(0),
        });
        let app = Router::new().route("/messages", post(send_message).get(list_messages)).with_state(shared.clone());
        let task = tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, app).await {
                tracing::warn!(%err, "SMS sink stopped");
            }
        });
        Ok(SmsSink { shared, local_addr, task })
    }

    /// The base URL to put in [`SmsSettings::base_url`](crate::transport::SmsSettings).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.local_addr)
    }

    /// Copies of every SMS received so far, in arrival order.
    pub fn received(&self) -> Vec<ReceivedSms> {
        lock(&self.shared.messages).clone()
    }

    /// Waits until at least `n` messages arrived or `timeout` passes; returns what arrived.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedSms> {
        let mut count = self.shared.count.subscribe();
        let _ = tokio::time::timeout(timeout, count.wait_for(|count| *count >= n)).await;
        self.received()
    }

    /// Makes the sink refuse messages to `number` with 400 (`permanent`) or 503, until
    /// [`accept`](Self::accept) lifts it.
    pub fn refuse(&self, number: &str, permanent: bool) {
        lock(&self.shared.refusals).insert(number.trim().to_owned(), permanent);
    }

    /// Lifts a refusal set with [`refuse`](Self::refuse).
    pub fn accept(&self, number: &str) {
        lock(&self.shared.refusals).remove(number.trim());
    }

    /// Posts a signed `DELIVERED` receipt to `webhook_url` for each message received since
    /// the last call, as a real gateway would (demo use). Returns how many were delivered;
    /// on the first refusal it stops, and the rest stay due for the next call.
    pub async fn deliver_receipts(&self, webhook_url: &str, secret: &str) -> Result<usize, SendError> {
        let mut receipted = self.shared.receipted.lock().await;
        let due: Vec<ReceivedSms> = lock(&self.shared.messages)[*receipted..].to_vec();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|err| SendError::Invalid(format!("HTTP client: {err}")))?;
        let mut delivered = 0;
        for sms in due {
            let event =
                GatewayEvent::Delivery { reference: sms.reference, status: DeliveryStatus::Delivered, error: None };
            let body = serde_json::to_vec(&event).expect("an event always serialises");
            let timestamp = Utc::now().timestamp();
            let response = client
                .post(webhook_url)
                .header(header::CONTENT_TYPE, "application/json")
                .header(TIMESTAMP_HEADER, timestamp.to_string())
                .header(SIGNATURE_HEADER, sign_webhook(secret, timestamp, &body))
                .body(body)
                .send()
                .await
                .map_err(|err| SendError::Temporary(format!("webhook unreachable: {err}")))?;
            let status = response.status();
            if status.is_client_error() {
                return Err(SendError::Permanent(format!("webhook answered {status}")));
            }
            if !status.is_success() {
                return Err(SendError::Temporary(format!("webhook answered {status}")));
            }
            *receipted += 1;
            delivered += 1;
        }
        Ok(delivered)
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({ "error": message }))).into_response()
}

fn authorized(shared: &Shared, headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|key| key == shared.api_key)
}

async fn send_message(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if !authorized(&shared, &headers) {
        return error(StatusCode::UNAUTHORIZED, "missing or wrong API key");
    }
    let request: SendRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(err) => return error(StatusCode::BAD_REQUEST, &format!("malformed request: {err}")),
    };
    if request.to.is_empty() || request.from.is_empty() || request.text.is_empty() {
        return error(StatusCode::BAD_REQUEST, "from, to and text are required");
    }
    match lock(&shared.refusals).get(&request.to) {
        Some(true) => return error(StatusCode::BAD_REQUEST, "number refused"),
        Some(false) => return error(StatusCode::SERVICE_UNAVAILABLE, "operator unavailable, try again later"),
        None => {}
    }
    let id = uuid::Uuid::new_v4().to_string();
    {
        let mut messages = lock(&shared.messages);
        messages.push(ReceivedSms {
            id: id.clone(),
            from: request.from,
            to: request.to,
            text: request.text,
            reference: request.reference,
            received_at: Utc::now(),
        });
        shared.count.send_replace(messages.len());
    }
    (StatusCode::ACCEPTED, axum::Json(json!({ "id": id }))).into_response()
}

async fn list_messages(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !authorized(&shared, &headers) {
        return error(StatusCode::UNAUTHORIZED, "missing or wrong API key");
    }
    let messages = lock(&shared.messages).clone();
    axum::Json(messages).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn checks_the_key_and_lists_messages() {
        let sink = SmsSink::start("127.0.0.1:0", "key-1".into()).await.unwrap();
        let client = reqwest::Client::new();
        let url = format!("{}/messages", sink.base_url());
        let body = json!({"from": "CRM360", "to": "+33612345678", "text": "Bonjour", "reference": "r1"});

        let unauthenticated = client.post(&url).json(&body).send().await.unwrap();
        assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
        let malformed = client.post(&url).bearer_auth("key-1").body("{").send().await.unwrap();
        assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
        let accepted = client.post(&url).bearer_auth("key-1").json(&body).send().await.unwrap();
        assert_eq!(accepted.status(), StatusCode::ACCEPTED);
        let id = accepted.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned();

        let listed: serde_json::Value =
            client.get(&url).bearer_auth("key-1").send().await.unwrap().json().await.unwrap();
        assert_eq!(listed[0]["id"], id.as_str());
        assert_eq!(listed[0]["reference"], "r1");
        assert_eq!(client.get(&url).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
        assert_eq!(sink.wait_for(1, Duration::from_secs(1)).await.len(), 1);
    }

    #[tokio::test]
    async fn refuses_non_loopback_addresses() {
        let err = SmsSink::start("0.0.0.0:0", "k".into()).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}
