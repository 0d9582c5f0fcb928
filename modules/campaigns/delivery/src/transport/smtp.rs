//! SMTP transport: lettre's pooled async client, with DKIM signing per From domain.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm, DkimSigningKey,
};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox as LettreMailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use super::SendError;

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain text, no TLS at all: only for a local sink or a relay on the same host.
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587); refuses servers without it.
    StartTls,
    /// Implicit TLS from the first byte (usually port 465).
    Tls,
}

/// A DKIM private key used for messages whose From address is in `domain`.
#[derive(Clone, Deserialize)]
pub struct DkimKey {
    /// The signing domain (`d=`), compared case-insensitively with the From domain.
    pub domain: String,
    /// The selector (`s=`): the key is published at `<selector>._domainkey.<domain>`.
    pub selector: String,
    /// The private key: an RSA key as PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8
    /// (`BEGIN PRIVATE KEY`) PEM, an Ed25519 key as PKCS#8 PEM (what `openssl genpkey
    /// -algorithm ed25519` writes), or an Ed25519 seed as bare base64 (lettre's own format).
    pub private_key_pem: String,
}

// Hand-written so that logging a configuration never prints the private key.
impl fmt::Debug for DkimKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DkimKey")
            .field("domain", &self.domain)
            .field("selector", &self.selector)
            .field("private_key_pem", &"<redacted>")
            .finish()
    }
}

/// Where and how to connect for sending email.
#[derive(Clone, Deserialize)]
pub struct SmtpSettings {
    /// Server host name (also the name checked against the TLS certificate).
    pub host: String,
    /// Server port (25, 465, 587, or a local sink's).
    pub port: u16,
    /// Connection protection.
    pub security: SmtpSecurity,
    /// Login; no authentication is attempted when `None`.
    pub username: Option<String>,
    /// Password for `username`.
    pub password: Option<String>,
    /// Most connections open at once, and most kept idle in the pool (default 4).
    #[serde(default = "default_max_connections")]
    pub max_connections: u32,
    /// Timeout of each network operation, in seconds (default 30).
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: u64,
    /// DKIM keys, at most one per domain.
    #[serde(default)]
    pub dkim: Vec<DkimKey>,
    /// Name sent in EHLO; the machine's host name when `None`.
    pub hello_name: Option<String>,
}

// Hand-written so that logging a configuration never prints the password.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("max_connections", &self.max_connections)
            .field("timeout_seconds", &self.timeout_seconds)
            .field("dkim", &self.dkim)
            .field("hello_name", &self.hello_name)
            .finish()
    }
}

fn default_max_connections() -> u32 {
    4
}

fn default_timeout_seconds() -> u64 {
    30
}

/// A display name and an address, as in `"Boutique Élodie" <news@boutique.example>`.
#[derive(Clone, Debug)]
pub struct Mailbox {
    /// Display name, any Unicode; encoded by lettre.
    pub name: Option<String>,
    /// The address itself.
    pub address: String,
}

/// One email ready to send to one recipient.
#[derive(Clone, Debug)]
pub struct OutgoingEmail {
    /// Author; its domain selects the DKIM key.
    pub from: Mailbox,
    /// Where replies go, when not to `from`.
    pub reply_to: Option<Mailbox>,
    /// The recipient's address (also the envelope recipient).
    pub to: String,
    /// Subject, any Unicode; encoded by lettre.
    pub subject: String,
    /// HTML part; the message is text only when `None`.
    pub html: Option<String>,
    /// Plain text part, always present.
    pub text: String,
    /// Message-ID without angle brackets, e.g. `abc.def@crm360.example`.
    pub message_id: String,
    /// Extra headers, e.g. `List-Unsubscribe`, `List-Unsubscribe-Post`, `Feedback-ID`.
    /// Values are encoded (RFC 2047) when not plain ASCII, so they cannot inject headers.
    pub headers: Vec<(String, String)>,
}

/// Headers this module sets itself; an extra header with one of these names is refused
/// rather than silently replacing ours.
const MANAGED_HEADERS: &[&str] = &[
    "From",
    "Sender",
    "Reply-To",
    "To",
    "Cc",
    "Bcc",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "DKIM-Signature",
];

/// Headers covered by the DKIM signature. RFC 8058 requires `List-Unsubscribe` and
/// `List-Unsubscribe-Post` to be signed for one-click unsubscribe; listing a header the
/// message lacks is allowed (RFC 6376 §5.4) and stops anyone adding it later.
///
/// Not `Content-Type`: lettre keeps it with the MIME part, not in the message headers it
/// signs, so it would be listed but not hashed and every signature would fail to verify.
/// (Checked with dkimpy: this list verifies, with Content-Type it does not.)
const SIGNED_HEADERS: &[&str] = &[
    "From",
    "Reply-To",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "List-Id",
    "Feedback-ID",
];

/// Pooled SMTP client; cheap to clone (clones share the pool).
#[derive(Clone)]
pub struct SmtpTransport {
    inner: AsyncSmtpTransport<Tokio1Executor>,
    /// lettre's pool only caps *idle* connections and opens a new one whenever none is idle,
    /// so this caps the connections in use at `max_connections`.
    permits: Arc<Semaphore>,
    /// DKIM configurations by lower-case domain.
    dkim: Arc<HashMap<String, DkimConfig>>,
    host: String,
    port: u16,
}

impl fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("dkim_domains", &self.dkim.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl SmtpTransport {
    /// Builds the transport; connects lazily, on the first send. Must be called inside a
    /// Tokio runtime (lettre's pool starts its cleanup task here).
    ///
    /// Fails with [`SendError::Invalid`] for a bad DKIM key, a duplicate DKIM domain, zero
    /// `max_connections`, an unusable TLS configuration or no runtime.
    pub fn new(settings: &SmtpSettings) -> Result<SmtpTransport, SendError> {
        // lettre would panic instead.
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(SendError::Invalid("SmtpTransport::new needs a Tokio runtime".into()));
        }
        if settings.max_connections == 0 {
            return Err(SendError::Invalid("max_connections must be at least 1".into()));
        }
        let builder = match settings.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.as_str()),
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                .map_err(|err| SendError::Invalid(format!("TLS setup for {}: {err}", settings.host)))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|err| SendError::Invalid(format!("TLS setup for {}: {err}", settings.host)))?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(settings.timeout_seconds)))
            .pool_config(PoolConfig::new().max_size(settings.max_connections));
        if let Some(username) = &settings.username {
            builder =
                builder.credentials(Credentials::new(username.clone(), settings.password.clone().unwrap_or_default()));
        }
        if let Some(name) = &settings.hello_name {
            builder = builder.hello_name(ClientId::Domain(name.clone()));
        }

        let mut dkim = HashMap::new();
        for key in &settings.dkim {
            let domain = key.domain.trim().to_ascii_lowercase();
            let signing_key = dkim_signing_key(&key.private_key_pem)
                .map_err(|err| SendError::Invalid(format!("DKIM key for {domain}: {err}")))?;
            let config = DkimConfig::new(
                key.selector.clone(),
                domain.clone(),
                signing_key,
                SIGNED_HEADERS.iter().map(|name| HeaderName::new_from_ascii_str(name)).collect(),
                // Relaxed headers: lettre's "simple" mode hashes the configured spelling of a
                // header name rather than the message's (its signatures failed dkimpy's
                // check), and relays may refold long headers anyway.
                DkimCanonicalization {
                    header: DkimCanonicalizationType::Relaxed,
                    body: DkimCanonicalizationType::Relaxed,
                },
            );
            if dkim.insert(domain.clone(), config).is_some() {
                return Err(SendError::Invalid(format!("two DKIM keys for {domain}")));
            }
        }

        Ok(SmtpTransport {
            inner: builder.build(),
            permits: Arc::new(Semaphore::new(settings.max_connections as usize)),
            dkim: Arc::new(dkim),
            host: settings.host.clone(),
            port: settings.port,
        })
    }

    /// Builds, signs and sends one email, waiting for a free connection when all
    /// `max_connections` are busy.
    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        let message = self.build_message(email)?;
        let _permit = self.permits.acquire().await.expect("the semaphore is never closed");
        self.inner.send(message).await.map(drop).map_err(map_smtp_error)
    }

    /// Builds the MIME message (multipart/alternative, or text only), DKIM-signed when a key
    /// matches the From domain. Public for tests and previews.
    pub fn build_message(&self, email: &OutgoingEmail) -> Result<Message, SendError> {
        let from = lettre_mailbox(&email.from, "from")?;
        let to: Address =
            email.to.trim().parse().map_err(|err| SendError::Invalid(format!("recipient {:?}: {err}", email.to)))?;
        check_message_id(&email.message_id)?;

        let mut builder = Message::builder()
            .from(from.clone())
            .to(LettreMailbox::new(None, to))
            .subject(email.subject.as_str())
            .message_id(Some(format!("<{}>", email.message_id)))
            .date_now();
        if let Some(reply_to) = &email.reply_to {
            builder = builder.reply_to(lettre_mailbox(reply_to, "reply_to")?);
        }
        for (index, (name, value)) in email.headers.iter().enumerate() {
            if MANAGED_HEADERS.iter().any(|managed| managed.eq_ignore_ascii_case(name)) {
                return Err(SendError::Invalid(format!("header {name} is set by the transport")));
            }
            if email.headers[..index].iter().any(|(earlier, _)| earlier.eq_ignore_ascii_case(name)) {
                return Err(SendError::Invalid(format!("header {name} given twice")));
            }
            let header_name = HeaderName::new_from_ascii(name.clone())
                .map_err(|err| SendError::Invalid(format!("header name {name:?}: {err}")))?;
            builder = builder.raw_header(HeaderValue::new(header_name, value.clone()));
        }

        let built = match &email.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(email.text.clone(), html.clone())),
            None => builder.singlepart(SinglePart::plain(email.text.clone())),
        };
        let mut message = built.map_err(|err| SendError::Invalid(err.to_string()))?;

        if let Some(config) = self.dkim.get(&from.email.domain().to_ascii_lowercase()) {
            message.sign(config);
        }
        Ok(message)
    }
}

fn lettre_mailbox(mailbox: &Mailbox, field: &str) -> Result<LettreMailbox, SendError> {
    let address: Address = mailbox
        .address
        .trim()
        .parse()
        .map_err(|err| SendError::Invalid(format!("{field} address {:?}: {err}", mailbox.address)))?;
    let name = mailbox.name.as_ref().map(|name| name.trim().to_owned()).filter(|name| !name.is_empty());
    Ok(LettreMailbox::new(name, address))
}

/// A Message-ID goes between angle brackets as is: refuse what would break the header.
fn check_message_id(id: &str) -> Result<(), SendError> {
    let well_formed = id.split_once('@').is_some_and(|(left, right)| !left.is_empty() && !right.is_empty())
        && id.bytes().all(|byte| byte.is_ascii_graphic() && !matches!(byte, b'<' | b'>'))
        && id.matches('@').count() == 1;
    if well_formed {
        Ok(())
    } else {
        Err(SendError::Invalid(format!("message id {id:?} is not of the form left@right")))
    }
}

fn map_smtp_error(err: lettre::transport::smtp::Error) -> SendError {
    if err.is_permanent() {
        SendError::Permanent(err.to_string())
    } else {
        // 4xx, timeouts, network and TLS failures, a shut down pool: all may pass.
        SendError::Temporary(err.to_string())
    }
}

/// Object identifiers in DER (content bytes only).
const OID_RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];

/// Turns the configured key text into lettre's key, accepting the formats `openssl` writes:
/// lettre itself only takes PKCS#1 PEM for RSA and a bare base64 seed for Ed25519.
fn dkim_signing_key(text: &str) -> Result<DkimSigningKey, String> {
    let text = text.trim();
    if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
        return DkimSigningKey::new(text, DkimSigningAlgorithm::Rsa).map_err(|err| err.to_string());
    }
    if !text.contains("-----BEGIN PRIVATE KEY-----") {
        return DkimSigningKey::new(text, DkimSigningAlgorithm::Ed25519).map_err(|err| err.to_string());
    }
    let der = pem_body(text)?;
    let malformed = || "malformed PKCS#8 key".to_owned();
    // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE { OID, params }, key OCTET STRING, … }
    let (_, info, _) = der_element(&der, 0x30).ok_or_else(malformed)?;
    let (_, _version, rest) = der_element(info, 0x02).ok_or_else(malformed)?;
    let (_, algorithm, rest) = der_element(rest, 0x30).ok_or_else(malformed)?;
    let (_, oid, _) = der_element(algorithm, 0x06).ok_or_else(malformed)?;
    let (_, key, _) = der_element(rest, 0x04).ok_or_else(malformed)?;
    if oid == OID_RSA_ENCRYPTION {
        // The octet string holds the PKCS#1 RSAPrivateKey: re-armour it for lettre.
        let encoded = STANDARD.encode(key);
        let mut pem = String::from("-----BEGIN RSA PRIVATE KEY-----\n");
        for line in encoded.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            pem.push('\n');
        }
        pem.push_str("-----END RSA PRIVATE KEY-----\n");
        DkimSigningKey::new(&pem, DkimSigningAlgorithm::Rsa).map_err(|err| err.to_string())
    } else if oid == OID_ED25519 {
        // CurvePrivateKey ::= OCTET STRING (the 32-byte seed).
        let (_, seed, _) = der_element(key, 0x04).ok_or_else(malformed)?;
        if seed.len() != 32 {
            return Err(malformed());
        }
        DkimSigningKey::new(&STANDARD.encode(seed), DkimSigningAlgorithm::Ed25519).map_err(|err| err.to_string())
    } else {
        Err("unsupported key algorithm (RSA or Ed25519 only)".to_owned())
    }
}

/// The base64 between the first PEM armour lines.
fn pem_body(text: &str) -> Result<Vec<u8>, String> {
    let body: String = text
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|line| !line.starts_with("-----END"))
        .collect();
    STANDARD.decode(body).map_err(|err| format!("bad PEM base64: {err}"))
}

/// Reads one DER element with the expected tag: `(tag, content, rest)`.
fn der_element(input: &[u8], expected_tag: u8) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag != expected_tag {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let len = rest[..count].iter().fold(0usize, |acc, &byte| (acc << 8) | usize::from(byte));
        (len, &rest[count..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::SmtpSink;

    /// Test-only Ed25519 key (`openssl genpkey -algorithm ed25519`), PKCS#8 PEM.
    const TEST_ED25519_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIIX0q40uEdSqWdrbQTQvDAIVFKnlBe3Sc5jOXqMV/kba
-----END PRIVATE KEY-----
";

    /// Test-only RSA key as `openssl genrsa 1024` writes it (PKCS#8 PEM).
    const TEST_RSA_PKCS8_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBANtcizuapXdnA/+v
706htAGP5yj0CIpRGBTzsuUXgBLSgi+C2pbXWRg6/+zmcPOIUvsV2ShzHecB59+t
6Nbi7VfYuTJ8zrpNEEJ/EOgY/Bo+JFLElZtM0SKdDmli4ULaPq0fMNDf1grLAOu/
7TVhm1aTRnDwjlBH6CvQagghSfFRAgMBAAECgYB1KBYMvWmGPfS6yIItItv6wZqa
Gsu849bSyd1P0Z9LbjatnVuVmGozML+jDOhiiPqYs3CJ1AGycSggJMfojMZpWWfM
uYCoUBwcUImnMjfBi0CPeX41z4RPyypIA17fZOzNsLmmN32jYqPowMexkT8SFtpW
WYEZsOM0DQOBu8YXYQJBAO9ytVv+SfibdCf54TXesfoxfV1HcOtTDwY+xcmOII7b
aHpoyOgI0S+5/scZKySZpo3uvbCYEoxIfgEP1BqjLN0CQQDqhmG8TAPnTQ8x4JHd
wRBrIrCzwI89tk+CFUIqhx2G/o063eSIAMCLnawuQpgIXw+v02IvIR70zAm6pIkx
pMUFAkEAo92Kg8RIdxxbp6f4GdenUSNhOd7URhd3Zry6uq7LVTiODYd8Rl8SWWke
FL8CqW+Fbgh+REYuG1bY9H0SmJAm+QJBAOjut7wRs/7T5refWMFrtCb0uZSPOLYO
kUGeY61hrc4anaNOKGF8fcEtxYnc0qvd3vK/fNFakCiLT051hV4tTRECQEB7XhgS
WnmyOC8auzG0hDXDKZOmHx56XhNnzZiHzceL4hNguWJxflJVK7odQLb+ErsB5UsT
VkH3Q5troafcDbA=
-----END PRIVATE KEY-----
";

    /// The same key converted with `openssl rsa -traditional` (PKCS#1 PEM).
    const TEST_RSA_PKCS1_PEM: &str = "-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDbXIs7mqV3ZwP/r+9OobQBj+co9AiKURgU87LlF4AS0oIvgtqW
11kYOv/s5nDziFL7Fdkocx3nAeffrejW4u1X2LkyfM66TRBCfxDoGPwaPiRSxJWb
TNEinQ5pYuFC2j6tHzDQ39YKywDrv+01YZtWk0Zw8I5QR+gr0GoIIUnxUQIDAQAB
AoGAdSgWDL1phj30usiCLSLb+sGamhrLvOPW0sndT9GfS242rZ1blZhqMzC/owzo
Yoj6mLNwidQBsnEoICTH6IzGaVlnzLmAqFAcHFCJpzI3wYtAj3l+Nc+ET8sqSANe
32TszbC5pjd9o2Kj6MDHsZE/EhbaVlmBGbDjNA0DgbvGF2ECQQDvcrVb/kn4m3Qn
+eE13rH6MX1dR3DrUw8GPsXJjiCO22h6aMjoCNEvuf7HGSskmaaN7r2wmBKMSH4B
D9QaoyzdAkEA6oZhvEwD500PMeCR3cEQayKws8CPPbZPghVCKocdhv6NOt3kiADA
i52sLkKYCF8Pr9NiLyEe9MwJuqSJMaTFBQJBAKPdioPESHccW6en+BnXp1EjYTne
1EYXd2a8urquy1U4jg2HfEZfEllpHhS/AqlvhW4IfkRGLhtW2PR9EpiQJvkCQQDo
7re8EbP+0+a3n1jBa7Qm9LmUjzi2DpFBnmOtYa3OGp2jTihhfH3BLcWJ3NKr3d7y
v3zRWpAoi09OdYVeLU0RAkBAe14YElp5sjgvGrsxtIQ1wymTph8eel4TZ82Yh83H
i+ITYLlicX5SVSu6HUC2/hK7AeVLE1ZB90Oba6Gn3A2w
-----END RSA PRIVATE KEY-----
";

    fn settings(port: u16) -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            max_connections: 4,
            timeout_seconds: 10,
            dkim: Vec::new(),
            hello_name: Some("sender.crm360.test".into()),
        }
    }

    fn email(to: &str, id: &str) -> OutgoingEmail {
        OutgoingEmail {
            from: Mailbox { name: Some("Boutique Élodie".into()), address: "news@boutique.example".into() },
            reply_to: Some(Mailbox { name: None, address: "contact@boutique.example".into() }),
            to: to.into(),
            subject: "Soldes d'été : -30 % à la boutique".into(),
            html: Some("<p>Bonjour Zoë, découvrez nos <b>offres</b>.</p>".into()),
            text: "Bonjour Zoë, découvrez nos offres.".into(),
            message_id: id.into(),
            headers: vec![
                ("List-Unsubscribe".into(), "<https://crm360.example/u/abc123>".into()),
                ("List-Unsubscribe-Post".into(), "List-Unsubscribe=One-Click".into()),
                ("Feedback-ID".into(), "camp42:tenant7:crm360".into()),
            ],
        }
    }

    #[tokio::test]
    async fn sends_a_multipart_message_to_the_sink() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let transport = SmtpTransport::new(&settings(sink.local_addr().port())).unwrap();
        transport.send(&email("zoe@client.example", "m1.t7@crm360.example")).await.unwrap();

        let received = sink.wait_for(1, Duration::from_secs(5)).await;
        assert_eq!(received.len(), 1);
        let mail = &received[0];
        assert_eq!(mail.mail_from, "news@boutique.example");
        assert_eq!(mail.rcpt_to, vec!["zoe@client.example".to_owned()]);
        let raw = String::from_utf8_lossy(&mail.data);
        assert!(raw.contains("Message-ID: <m1.t7@crm360.example>"), "{raw}");
        assert!(raw.contains("List-Unsubscribe: <https://crm360.example/u/abc123>"), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");

        let parsed = mail_parser::MessageParser::default().parse(&mail.data).unwrap();
        assert_eq!(parsed.subject(), Some("Soldes d'été : -30 % à la boutique"));
        assert_eq!(parsed.message_id(), Some("m1.t7@crm360.example"));
        assert_eq!(parsed.from().unwrap().first().unwrap().name(), Some("Boutique Élodie"));
        assert_eq!(parsed.header_raw("Feedback-ID").map(str::trim), Some("camp42:tenant7:crm360"));
        assert!(parsed.date().is_some());
        assert_eq!(parsed.body_text(0).unwrap().trim(), "Bonjour Zoë, découvrez nos offres.");
        assert!(parsed.body_html(0).unwrap().contains("<b>offres</b>"));
        assert!(parsed.header("DKIM-Signature").is_none());
    }

    #[tokio::test]
    async fn text_only_without_html() {
        let transport = SmtpTransport::new(&settings(2525)).unwrap();
        let mut mail = email("zoe@client.example", "m2@crm360.example");
        mail.html = None;
        let raw = transport.build_message(&mail).unwrap().formatted();
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains("multipart") && !text.contains("text/html"), "{text}");
        assert_eq!(parsed.body_text(0).unwrap().trim(), "Bonjour Zoë, découvrez nos offres.");
    }

    #[tokio::test]
    async fn refuses_invalid_messages() {
        let transport = SmtpTransport::new(&settings(2525)).unwrap();
        let invalid = |mail: OutgoingEmail| matches!(transport.build_message(&mail), Err(SendError::Invalid(_)));
        assert!(invalid(email("not an address", "m@crm360.example")));
        assert!(invalid(email("zoe@client.example", "<m@crm360.example>")));
        assert!(invalid(email("zoe@client.example", "no-at-sign")));
        let mut mail = email("zoe@client.example", "m@crm360.example");
        mail.headers.push(("Subject".into(), "again".into()));
        assert!(invalid(mail));
        let mut mail = email("zoe@client.example", "m@crm360.example");
        mail.headers.push(("Bad Name".into(), "x".into()));
        assert!(invalid(mail));
        let mut mail = email("zoe@client.example", "m@crm360.example");
        mail.headers.push(("list-unsubscribe".into(), "<mailto:u@x.example>".into()));
        assert!(invalid(mail));
    }

    #[tokio::test]
    async fn header_values_cannot_inject_headers() {
        let transport = SmtpTransport::new(&settings(2525)).unwrap();
        let mut mail = email("zoe@client.example", "m@crm360.example");
        mail.headers.push(("X-Campaign".into(), "a\r\nBcc: victim@example.org".into()));
        mail.subject = "Hello\r\nBcc: victim@example.org".into();
        let raw = String::from_utf8(transport.build_message(&mail).unwrap().formatted()).unwrap();
        assert!(!raw.contains("\r\nBcc:"), "{raw}");
    }

    #[tokio::test]
    async fn signs_with_dkim_for_the_from_domain() {
        let mut config = settings(2525);
        config.dkim.push(DkimKey {
            domain: "Boutique.Example".into(),
            selector: "crm2026".into(),
            private_key_pem: TEST_ED25519_PEM.into(),
        });
        let transport = SmtpTransport::new(&config).unwrap();
        let raw = transport.build_message(&email("zoe@client.example", "m3@crm360.example")).unwrap().formatted();
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        let signature: String = parsed.header_raw("DKIM-Signature").expect("signed").split_whitespace().collect();
        assert!(signature.contains("a=ed25519-sha256"), "{signature}");
        assert!(signature.contains("d=boutique.example;"), "{signature}");
        assert!(signature.contains("s=crm2026;"), "{signature}");
        assert!(signature.contains("c=relaxed/relaxed"), "{signature}");
        assert!(signature.contains("list-unsubscribe:list-unsubscribe-post"), "{signature}");

        // RSA works the same way; two keys for one domain are refused.
        let mut config = settings(2525);
        let rsa_key = DkimKey {
            domain: "boutique.example".into(),
            selector: "rsa2026".into(),
            private_key_pem: TEST_RSA_PKCS8_PEM.into(),
        };
        config.dkim.push(rsa_key.clone());
        let rsa = SmtpTransport::new(&config).unwrap();
        let raw = rsa.build_message(&email("zoe@client.example", "m5@crm360.example")).unwrap().formatted();
        assert!(String::from_utf8_lossy(&raw).contains("a=rsa-sha256"));
        config.dkim.push(rsa_key);
        assert!(matches!(SmtpTransport::new(&config), Err(SendError::Invalid(_))));

        // Another From domain: no key, no signature.
        let mut other = email("zoe@client.example", "m4@crm360.example");
        other.from.address = "news@other.example".into();
        let raw = transport.build_message(&other).unwrap().formatted();
        assert!(!String::from_utf8_lossy(&raw).contains("DKIM-Signature"));
    }

    #[tokio::test]
    async fn every_signed_header_is_one_lettre_hashes() {
        // lettre hashes only `Message::headers()`; a listed header that is written from
        // elsewhere (the MIME part) would break every signature.
        let transport = SmtpTransport::new(&settings(2525)).unwrap();
        for html in [Some("<p>x</p>".to_owned()), None] {
            let mut mail = email("zoe@client.example", "m6@crm360.example");
            mail.html = html;
            let message = transport.build_message(&mail).unwrap();
            let formatted = String::from_utf8(message.formatted()).unwrap();
            let top = formatted.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
            for name in SIGNED_HEADERS {
                let written = top.starts_with(&format!("{}:", name.to_ascii_lowercase()))
                    || top.contains(&format!("\r\n{}:", name.to_ascii_lowercase()));
                assert_eq!(written, message.headers().get_raw(name).is_some(), "{name}");
            }
        }
    }

    #[test]
    fn reads_the_key_formats_openssl_writes() {
        for (text, algorithm) in [
            (TEST_ED25519_PEM, "ed25519"),
            ("hfSrjS4R1KpZ2ttBNC8MAhUUqeUF7dJzmM5eoxX+Rto=", "ed25519"),
            (TEST_RSA_PKCS8_PEM, "rsa"),
            (TEST_RSA_PKCS1_PEM, "rsa"),
        ] {
            let key = dkim_signing_key(text).unwrap_or_else(|err| panic!("{algorithm}: {err}"));
            assert!(format!("{key:?}").to_lowercase().contains(algorithm));
        }
        assert!(dkim_signing_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----").is_err());
        assert!(dkim_signing_key("not base64 at all!").is_err());
        assert!(matches!(SmtpTransport::new(&settings(2525)), Err(SendError::Invalid(_))), "no runtime");
    }

    #[tokio::test]
    async fn refusals_map_to_permanent_and_temporary() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        sink.refuse("gone@client.example", true);
        sink.refuse("busy@client.example", false);
        let transport = SmtpTransport::new(&settings(sink.local_addr().port())).unwrap();

        let gone = transport.send(&email("gone@client.example", "a@crm360.example")).await;
        assert!(matches!(gone, Err(SendError::Permanent(_))), "{gone:?}");
        let busy = transport.send(&email("busy@client.example", "b@crm360.example")).await;
        assert!(matches!(busy, Err(SendError::Temporary(_))), "{busy:?}");
        transport.send(&email("fine@client.example", "c@crm360.example")).await.unwrap();
        assert_eq!(sink.wait_for(1, Duration::from_secs(5)).await.len(), 1);
    }

    #[tokio::test]
    async fn connection_refused_is_temporary() {
        // Bind then drop to get a port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let transport = SmtpTransport::new(&settings(port)).unwrap();
        let result = transport.send(&email("zoe@client.example", "d@crm360.example")).await;
        assert!(matches!(result, Err(SendError::Temporary(_))), "{result:?}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_sends_through_the_pool_arrive_once() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let transport = SmtpTransport::new(&settings(sink.local_addr().port())).unwrap();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..200 {
            let transport = transport.clone();
            tasks.spawn(async move {
                transport.send(&email(&format!("client{i}@client.example"), &format!("m{i}@crm360.example"))).await
            });
        }
        while let Some(result) = tasks.join_next().await {
            result.unwrap().unwrap();
        }
        let received = sink.wait_for(200, Duration::from_secs(10)).await;
        assert_eq!(received.len(), 200);
        let mut recipients: Vec<_> = received.iter().map(|mail| mail.rcpt_to[0].clone()).collect();
        recipients.sort();
        recipients.dedup();
        assert_eq!(recipients.len(), 200);
    }

    /// Rough throughput through the sink: `cargo test --release -p crm360-delivery --lib
    /// transport::smtp::tests::throughput -- --ignored --nocapture`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "benchmark"]
    async fn throughput() {
        let sink = SmtpSink::start("127.0.0.1:0", None).await.unwrap();
        let mut config = settings(sink.local_addr().port());
        config.max_connections = 8;
        let transport = SmtpTransport::new(&config).unwrap();
        let count = 10_000;
        let started = std::time::Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..count {
            let transport = transport.clone();
            tasks.spawn(async move {
                transport.send(&email(&format!("c{i}@client.example"), &format!("m{i}@crm360.example"))).await
            });
        }
        while let Some(result) = tasks.join_next().await {
            result.unwrap().unwrap();
        }
        let elapsed = started.elapsed();
        assert_eq!(sink.received_count(), count);
        println!("{count} messages in {elapsed:?}: {:.0}/s", count as f64 / elapsed.as_secs_f64());
    }
}
