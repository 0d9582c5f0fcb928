//! SMS over the HTTP gateway contract described in the [module documentation](super).

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::SendError;

type HmacSha256 = Hmac<Sha256>;

/// Header carrying `sha256=<hex>` on the gateway's webhooks.
pub const SIGNATURE_HEADER: &str = "X-CRM360-Signature";
/// Header carrying the signing time, in Unix seconds, on the gateway's webhooks.
pub const TIMESTAMP_HEADER: &str = "X-CRM360-Timestamp";
/// How far (either way) a webhook's timestamp may be from our clock.
pub const WEBHOOK_TOLERANCE_SECONDS: u64 = 300;

/// Where the gateway is and the secrets shared with it.
#[derive(Clone, Deserialize)]
pub struct SmsSettings {
    /// Base URL, e.g. `https://sms.example/v1`; messages go to `{base_url}/messages`.
    pub base_url: String,
    /// Bearer key for sending.
    pub api_key: String,
    /// Secret the gateway signs its webhooks with.
    pub webhook_secret: String,
    /// Timeout of a whole request, in seconds (default 10).
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: u64,
}

fn default_timeout_seconds() -> u64 {
    10
}

// Hand-written so that logging a configuration never prints the secrets.
impl fmt::Debug for SmsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmsSettings")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("webhook_secret", &"<redacted>")
            .field("timeout_seconds", &self.timeout_seconds)
            .finish()
    }
}

/// One SMS ready to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutgoingSms {
    /// Sender: an alphanumeric sender id (`CRM360`) or a short code / number.
    pub from: String,
    /// Recipient in E.164 form, e.g. `+33612345678`.
    pub to: String,
    /// Message text (already encoded and split decisions made by the caller).
    pub text: String,
    /// Our message id, echoed in delivery receipts.
    pub reference: String,
}

/// Client of the SMS gateway; cheap to clone (clones share the connection pool).
#[derive(Clone)]
pub struct SmsGateway {
    client: reqwest::Client,
    messages_url: String,
    api_key: String,
    webhook_secret: String,
}

impl fmt::Debug for SmsGateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmsGateway").field("messages_url", &self.messages_url).finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Accepted {
    id: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

impl SmsGateway {
    /// Builds the client. Fails with [`SendError::Invalid`] for a base URL that is not
    /// http(s), an empty key or secret, or a zero timeout.
    pub fn new(settings: &SmsSettings) -> Result<SmsGateway, SendError> {
        let base = reqwest::Url::parse(&settings.base_url)
            .map_err(|err| SendError::Invalid(format!("SMS gateway URL {:?}: {err}", settings.base_url)))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(SendError::Invalid(format!("SMS gateway URL {:?} is not http(s)", settings.base_url)));
        }
        if settings.api_key.is_empty() || settings.webhook_secret.is_empty() {
            return Err(SendError::Invalid("SMS gateway api_key and webhook_secret must be set".into()));
        }
        if settings.timeout_seconds == 0 {
            return Err(SendError::Invalid("SMS gateway timeout_seconds must be at least 1".into()));
        }
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(settings.timeout_seconds))
            .build()
            .map_err(|err| SendError::Invalid(format!("HTTP client: {err}")))?;
        Ok(SmsGateway {
            client,
            messages_url: format!("{}/messages", settings.base_url.trim_end_matches('/')),
            api_key: settings.api_key.clone(),
            webhook_secret: settings.webhook_secret.clone(),
        })
    }

    /// Hands one SMS to the gateway and returns the gateway's id for it.
    pub async fn send(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        if sms.to.trim().is_empty() || sms.from.trim().is_empty() || sms.text.is_empty() {
            return Err(SendError::Invalid("an SMS needs a sender, a recipient and a text".into()));
        }
        let response = self
            .client
            .post(&self.messages_url)
            .bearer_auth(&self.api_key)
            .json(sms)
            .send()
            .await
            .map_err(|err| SendError::Temporary(format!("SMS gateway unreachable: {err}")))?;
        let status = response.status();
        if status.is_success() {
            // The gateway took the message: a garbled answer is its fault, and a retry is
            // safe as long as it honours `reference` as an idempotency key.
            let accepted: Accepted = response
                .json()
                .await
                .map_err(|err| SendError::Temporary(format!("SMS gateway answer unreadable: {err}")))?;
            if accepted.id.is_empty() {
                return Err(SendError::Temporary("SMS gateway answered without an id".into()));
            }
            return Ok(accepted.id);
        }
        let body = response.bytes().await.unwrap_or_default();
        let detail = match serde_json::from_slice::<ErrorBody>(&body) {
            Ok(parsed) => parsed.error,
            Err(_) => String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
        };
        let message = format!("SMS gateway answered {status}: {detail}");
        if status.is_client_error()
            && status != reqwest::StatusCode::REQUEST_TIMEOUT
            && status != reqwest::StatusCode::TOO_MANY_REQUESTS
        {
            Err(SendError::Permanent(message))
        } else {
            Err(SendError::Temporary(message))
        }
    }

    /// [`verify_webhook`] with this gateway's webhook secret.
    pub fn verify_webhook(
        &self,
        timestamp_header: Option<&str>,
        signature_header: Option<&str>,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<GatewayEvent, WebhookError> {
        verify_webhook(&self.webhook_secret, timestamp_header, signature_header, body, now)
    }
}

/// What the gateway tells us through its webhooks.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GatewayEvent {
    /// Final status of a message we sent.
    Delivery {
        /// Our message id, as sent in `reference`.
        reference: String,
        /// Outcome.
        status: DeliveryStatus,
        /// The operator's reason, when it failed.
        #[serde(default)]
        error: Option<String>,
    },
    /// A message a person sent to one of our numbers or sender ids (e.g. `STOP`).
    Inbound {
        /// The sender's number.
        from: String,
        /// Our number, short code or sender id it was sent to.
        to: String,
        /// The text as received.
        text: String,
        /// When the gateway received it.
        received_at: DateTime<Utc>,
    },
}

/// Final status of a sent SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryStatus {
    /// Reached the handset.
    Delivered,
    /// Refused by the operator or the handset.
    Failed,
    /// Not delivered within the validity period.
    Expired,
}

/// Why a webhook was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WebhookError {
    /// The signature or timestamp header is absent.
    #[error("missing signature or timestamp header")]
    MissingSignature,
    /// The signature does not match (or the headers are not in the expected form).
    #[error("bad webhook signature")]
    BadSignature,
    /// Well signed, but too far from our clock: possibly a replay.
    #[error("stale webhook timestamp")]
    Stale,
    /// Well signed and fresh, but not a body we understand.
    #[error("malformed webhook body: {0}")]
    Malformed(String),
}

fn webhook_mac(secret: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `X-CRM360-Signature` value for `body` signed at `timestamp`: `sha256=<hex>`.
pub fn sign_webhook(secret: &str, timestamp: i64, body: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let tag = webhook_mac(secret, timestamp, body).finalize().into_bytes();
    let mut out = String::with_capacity(7 + tag.len() * 2);
    out.push_str("sha256=");
    for byte in tag {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    fn nibble(byte: u8) -> Option<u8> {
        match byte {
            b'0'..=b'9' => Some(byte - b'0'),
            b'a'..=b'f' => Some(byte - b'a' + 10),
            b'A'..=b'F' => Some(byte - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes.chunks(2).map(|pair| Some((nibble(pair[0])? << 4) | nibble(pair[1])?)).collect()
}

/// Verifies (constant-time, hmac's `verify_slice`) and parses a webhook.
///
/// The signature is checked before anything else is trusted; then the timestamp must be
/// within [`WEBHOOK_TOLERANCE_SECONDS`] of `now`; then the body must parse.
pub fn verify_webhook(
    secret: &str,
    timestamp_header: Option<&str>,
    signature_header: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<GatewayEvent, WebhookError> {
    let (Some(timestamp), Some(signature)) = (timestamp_header, signature_header) else {
        return Err(WebhookError::MissingSignature);
    };
    let timestamp: i64 = timestamp.trim().parse().map_err(|_| WebhookError::BadSignature)?;
    let tag = signature.trim().strip_prefix("sha256=").and_then(decode_hex).ok_or(WebhookError::BadSignature)?;
    webhook_mac(secret, timestamp, body).verify_slice(&tag).map_err(|_| WebhookError::BadSignature)?;
    if now.timestamp().abs_diff(timestamp) > WEBHOOK_TOLERANCE_SECONDS {
        return Err(WebhookError::Stale);
    }
    serde_json::from_slice(body).map_err(|err| WebhookError::Malformed(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::SmsSink;

    const SECRET: &str = "whsec-test";

    fn sms(to: &str) -> OutgoingSms {
        OutgoingSms {
            from: "CRM360".into(),
            to: to.into(),
            text: "Soldes d'été : -30 % ce week-end. STOP au 36180".into(),
            reference: "sms-1.t7".into(),
        }
    }

    fn settings(base_url: String, api_key: &str) -> SmsSettings {
        SmsSettings { base_url, api_key: api_key.into(), webhook_secret: SECRET.into(), timeout_seconds: 5 }
    }

    #[tokio::test]
    async fn sends_to_the_sink() {
        let sink = SmsSink::start("127.0.0.1:0", "key-1".into()).await.unwrap();
        let gateway = SmsGateway::new(&settings(sink.base_url(), "key-1")).unwrap();
        let id = gateway.send(&sms("+33612345678")).await.unwrap();
        let received = sink.wait_for(1, Duration::from_secs(5)).await;
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].id, id);
        assert_eq!(received[0].to, "+33612345678");
        assert_eq!(received[0].from, "CRM360");
        assert_eq!(received[0].reference, "sms-1.t7");
        assert_eq!(received[0].text, sms("x").text);
    }

    #[tokio::test]
    async fn wrong_key_is_permanent() {
        let sink = SmsSink::start("127.0.0.1:0", "key-1".into()).await.unwrap();
        let gateway = SmsGateway::new(&settings(format!("{}/", sink.base_url()), "wrong")).unwrap();
        let result = gateway.send(&sms("+33612345678")).await;
        assert!(matches!(&result, Err(SendError::Permanent(message)) if message.contains("401")), "{result:?}");
        assert!(sink.received().is_empty());
    }

    #[tokio::test]
    async fn refusals_map_to_permanent_and_temporary() {
        let sink = SmsSink::start("127.0.0.1:0", "key-1".into()).await.unwrap();
        sink.refuse("+33600000001", true);
        sink.refuse("+33600000002", false);
        let gateway = SmsGateway::new(&settings(sink.base_url(), "key-1")).unwrap();
        assert!(matches!(gateway.send(&sms("+33600000001")).await, Err(SendError::Permanent(_))));
        assert!(matches!(gateway.send(&sms("+33600000002")).await, Err(SendError::Temporary(_))));
        sink.accept("+33600000002");
        gateway.send(&sms("+33600000002")).await.unwrap();
        assert_eq!(sink.received().len(), 1);
    }

    #[tokio::test]
    async fn unreachable_gateway_is_temporary() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let gateway = SmsGateway::new(&settings(format!("http://127.0.0.1:{port}"), "key-1")).unwrap();
        assert!(matches!(gateway.send(&sms("+33612345678")).await, Err(SendError::Temporary(_))));
    }

    #[test]
    fn refuses_bad_settings() {
        let invalid = |settings: SmsSettings| matches!(SmsGateway::new(&settings), Err(SendError::Invalid(_)));
        assert!(invalid(settings("not a url".into(), "k")));
        assert!(invalid(settings("ftp://sms.example".into(), "k")));
        assert!(invalid(settings("https://sms.example".into(), "")));
    }

    fn delivery_body() -> Vec<u8> {
        br#"{"type": "delivery", "reference": "sms-1.t7", "status": "FAILED", "error": "unknown subscriber"}"#.to_vec()
    }

    #[test]
    fn webhook_round_trip() {
        let now = Utc::now();
        let body = delivery_body();
        let signature = sign_webhook(SECRET, now.timestamp(), &body);
        assert!(signature.starts_with("sha256=") && signature.len() == 7 + 64);
        let timestamp = now.timestamp().to_string();
        let event = verify_webhook(SECRET, Some(&timestamp), Some(&signature), &body, now).unwrap();
        assert_eq!(
            event,
            GatewayEvent::Delivery {
                reference: "sms-1.t7".into(),
                status: DeliveryStatus::Failed,
                error: Some("unknown subscriber".into()),
            }
        );
        // Upper-case hex is the same signature.
        let upper = format!("sha256={}", signature[7..].to_uppercase());
        assert!(verify_webhook(SECRET, Some(&timestamp), Some(&upper), &body, now).is_ok());

        let inbound = br#"{"type":"inbound","from":"+33612345678","to":"36180","text":"STOP","received_at":"2026-12-01T10:00:00Z"}"#;
        let signature = sign_webhook(SECRET, now.timestamp(), inbound);
        let event = verify_webhook(SECRET, Some(&timestamp), Some(&signature), inbound, now).unwrap();
        assert_eq!(
            event,
            GatewayEvent::Inbound {
                from: "+33612345678".into(),
                to: "36180".into(),
                text: "STOP".into(),
                received_at: "2026-12-01T10:00:00Z".parse().unwrap(),
            }
        );
        // Our own serialisation follows the contract too.
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["type"], "inbound");
    }

    #[test]
    fn webhook_refusals() {
        let now = Utc::now();
        let body = delivery_body();
        let timestamp = now.timestamp().to_string();
        let signature = sign_webhook(SECRET, now.timestamp(), &body);
        let verify = |ts: Option<&str>, sig: Option<&str>, body: &[u8]| verify_webhook(SECRET, ts, sig, body, now);

        assert_eq!(verify(None, Some(&signature), &body), Err(WebhookError::MissingSignature));
        assert_eq!(verify(Some(&timestamp), None, &body), Err(WebhookError::MissingSignature));
        // Altered body, other secret, other timestamp, garbage headers.
        let mut altered = body.clone();
        altered[40] ^= 1;
        assert_eq!(verify(Some(&timestamp), Some(&signature), &altered), Err(WebhookError::BadSignature));
        let other = sign_webhook("other", now.timestamp(), &body);
        assert_eq!(verify(Some(&timestamp), Some(&other), &body), Err(WebhookError::BadSignature));
        let later = (now.timestamp() + 1).to_string();
        assert_eq!(verify(Some(&later), Some(&signature), &body), Err(WebhookError::BadSignature));
        assert_eq!(verify(Some("soon"), Some(&signature), &body), Err(WebhookError::BadSignature));
        assert_eq!(verify(Some(&timestamp), Some(&signature[7..]), &body), Err(WebhookError::BadSignature));
        assert_eq!(verify(Some(&timestamp), Some("sha256=zz"), &body), Err(WebhookError::BadSignature));

        // Stale either way, but 5 minutes is still fine.
        for offset in [-301, 301] {
            let ts = now.timestamp() + offset;
            let sig = sign_webhook(SECRET, ts, &body);
            assert_eq!(verify(Some(&ts.to_string()), Some(&sig), &body), Err(WebhookError::Stale));
        }
        let ts = now.timestamp() - 300;
        let sig = sign_webhook(SECRET, ts, &body);
        assert!(verify(Some(&ts.to_string()), Some(&sig), &body).is_ok());

        // Well signed but not an event.
        for bad in [&b"not json"[..], br#"{"type":"delivery","reference":"x","status":"LOST"}"#, br#"{"type":"x"}"#] {
            let sig = sign_webhook(SECRET, now.timestamp(), bad);
            assert!(matches!(verify(Some(&timestamp), Some(&sig), bad), Err(WebhookError::Malformed(_))));
        }
    }

    #[tokio::test]
    async fn sink_delivers_signed_receipts() {
        use axum::http::HeaderMap;
        use std::sync::{Arc, Mutex};

        // A webhook receiver standing in for the CRM's endpoint.
        let events: Arc<Mutex<Vec<GatewayEvent>>> = Arc::default();
        let app = axum::Router::new().route(
            "/webhooks/sms",
            axum::routing::post({
                let events = events.clone();
                move |headers: HeaderMap, body: axum::body::Bytes| async move {
                    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
                    match verify_webhook(SECRET, header(TIMESTAMP_HEADER), header(SIGNATURE_HEADER), &body, Utc::now())
                    {
                        Ok(event) => {
                            events.lock().unwrap().push(event);
                            axum::http::StatusCode::NO_CONTENT
                        }
                        Err(_) => axum::http::StatusCode::UNAUTHORIZED,
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/webhooks/sms", listener.local_addr().unwrap());
        let server = tokio::spawn(async move { axum::serve(listener, app).await });

        let sink = SmsSink::start("127.0.0.1:0", "key-1".into()).await.unwrap();
        let gateway = SmsGateway::new(&settings(sink.base_url(), "key-1")).unwrap();
        gateway.send(&sms("+33612345678")).await.unwrap();
        assert_eq!(sink.deliver_receipts(&url, SECRET).await.unwrap(), 1);
        // Already receipted messages are not sent again.
        assert_eq!(sink.deliver_receipts(&url, SECRET).await.unwrap(), 0);
        assert_eq!(
            *events.lock().unwrap(),
            vec![GatewayEvent::Delivery {
                reference: "sms-1.t7".into(),
                status: DeliveryStatus::Delivered,
                error: None
            }]
        );
        // A receiver that refuses the signature makes the call fail, and the receipt stays due.
        gateway.send(&sms("+33612345679")).await.unwrap();
        assert!(matches!(sink.deliver_receipts(&url, "wrong").await, Err(SendError::Permanent(_))));
        assert_eq!(sink.deliver_receipts(&url, SECRET).await.unwrap(), 1);
        server.abort();
    }
}
