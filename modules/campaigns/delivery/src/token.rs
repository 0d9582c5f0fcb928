//! Signed, compact, URL-safe tokens: unsubscribe links, tracking links, our own webhooks.
//!
//! A token is `<base64url(json)>.<base64url(mac)>` without padding, where the MAC is
//! HMAC-SHA256 under the caller's key over a domain-separated input: a version tag, a flag
//! telling plain from expiring tokens, the length-prefixed `purpose` and the encoded payload.
//! Mixing the purpose into the MAC means an unsubscribe token cannot be replayed as a click
//! token, and the flag means an expiring token cannot be accepted by [`verify`] (which would
//! ignore its expiry).
//!
//! Size: the MAC part is always 43 characters, the payload part is 4/3 of the compact JSON,
//! plus one for the dot. An unsubscribe payload of two UUIDs and a channel letter,
//! `["<uuid>","<uuid>","e"]` (83 bytes of JSON), gives a 155-character token; as a struct with
//! one-letter field names (`{"c":…,"r":…,"k":"e"}`, 95 bytes) it gives 171. The payload is
//! signed, not encrypted: anyone holding the token can read it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Length of an HMAC-SHA256 tag in bytes.
const MAC_LEN: usize = 32;

/// Why a token was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TokenError {
    /// Not two base64url parts, or a payload that does not decode to the expected type.
    #[error("malformed token")]
    Malformed,
    /// The MAC does not match: forged, altered, another key or another purpose.
    #[error("bad signature")]
    BadSignature,
    /// Well signed but past its expiry.
    #[error("expired token")]
    Expired,
}

/// Which kind of token a MAC covers, so that one kind never verifies as the other.
#[derive(Clone, Copy)]
enum Kind {
    Plain = 0,
    Expiring = 1,
}

/// The wrapper of an expiring token's payload (short field names keep the token short).
#[derive(Serialize, Deserialize)]
struct Expiring<T> {
    /// Expiry, unix seconds.
    exp: i64,
    /// The caller's payload.
    p: T,
}

/// A MAC keyed with `key` and already fed with the domain-separation prefix.
fn mac_for(key: &[u8], kind: Kind, purpose: &str) -> HmacSha256 {
    // HMAC takes keys of any length: this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(b"crm360-token-v1\0");
    mac.update(&[kind as u8]);
    // Length prefix: no (purpose, payload) pair can be confused with another split.
    mac.update(&(purpose.len() as u64).to_be_bytes());
    mac.update(purpose.as_bytes());
    mac
}

/// The token for already serialised JSON.
fn sign_json(key: &[u8], kind: Kind, purpose: &str, json: &[u8]) -> String {
    let body = URL_SAFE_NO_PAD.encode(json);
    let mut mac = mac_for(key, kind, purpose);
    mac.update(body.as_bytes());
    let tag = mac.finalize().into_bytes();
    let mut token = body;
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(tag));
    token
}

/// Checks the shape and the MAC, then returns the decoded JSON bytes.
fn verify_json(key: &[u8], kind: Kind, purpose: &str, token: &str) -> Result<Vec<u8>, TokenError> {
    let (body, tag) = token.split_once('.').ok_or(TokenError::Malformed)?;
    if tag.contains('.') {
        return Err(TokenError::Malformed);
    }
    // The default engine refuses non-canonical trailing bits, so every altered character
    // changes the decoded bytes or fails here.
    let tag = URL_SAFE_NO_PAD.decode(tag).map_err(|_| TokenError::Malformed)?;
    if tag.len() != MAC_LEN {
        return Err(TokenError::Malformed);
    }
    let json = URL_SAFE_NO_PAD.decode(body).map_err(|_| TokenError::Malformed)?;
    let mut mac = mac_for(key, kind, purpose);
    mac.update(body.as_bytes());
    // Constant-time comparison.
    mac.verify_slice(&tag).map_err(|_| TokenError::BadSignature)?;
    Ok(json)
}

/// Compact JSON of a payload; see the panics section of [`sign`].
fn to_json<T: Serialize>(payload: &T) -> Vec<u8> {
    serde_json::to_vec(payload).expect("token payload must serialise as JSON")
}

/// Signs `payload` (any serde value, serialised as compact JSON) with HMAC-SHA256 under `key`
/// and a `purpose` string mixed into the MAC (so that an unsubscribe token cannot be replayed
/// as a click token): `"<base64url(json)>.<base64url(mac)>"`, no padding.
///
/// # Panics
/// When `payload` cannot be serialised as JSON (a map with non-string keys, a failing
/// `Serialize` impl): a programming error, not a run-time condition.
pub fn sign<T: Serialize>(key: &[u8], purpose: &str, payload: &T) -> String {
    sign_json(key, Kind::Plain, purpose, &to_json(payload))
}

/// Verifies a token made by [`sign`] in constant time (hmac's `verify_slice`) and decodes
/// its payload. Never panics, whatever the input.
pub fn verify<T: DeserializeOwned>(key: &[u8], purpose: &str, token: &str) -> Result<T, TokenError> {
    let json = verify_json(key, Kind::Plain, purpose, token)?;
    serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)
}

/// Same as [`sign`] with an expiry: the payload is wrapped with an `exp` (unix seconds,
/// `expires_at` truncated to the second) that [`verify_expiring`] checks.
///
/// # Panics
/// When `payload` cannot be serialised as JSON, like [`sign`].
pub fn sign_expiring<T: Serialize>(key: &[u8], purpose: &str, payload: &T, expires_at: DateTime<Utc>) -> String {
    let wrapped = Expiring { exp: expires_at.timestamp(), p: payload };
    sign_json(key, Kind::Expiring, purpose, &to_json(&wrapped))
}

/// Verifies a token made by [`sign_expiring`] and decodes its payload; the token is valid
/// while `now` is before its `exp` second, [`TokenError::Expired`] from then on. The
/// signature is checked first, so an expired answer is never given for a forged token.
pub fn verify_expiring<T: DeserializeOwned>(
    key: &[u8],
    purpose: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<T, TokenError> {
    let json = verify_json(key, Kind::Expiring, purpose, token)?;
    let wrapped: Expiring<T> = serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)?;
    if now.timestamp() >= wrapped.exp {
        return Err(TokenError::Expired);
    }
    Ok(wrapped.p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use uuid::Uuid;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Unsubscribe {
        c: Uuid,
        r: Uuid,
        k: char,
    }

    fn sample() -> Unsubscribe {
        Unsubscribe {
            c: Uuid::parse_str("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6").unwrap(),
            r: Uuid::parse_str("6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0").unwrap(),
            k: 'e',
        }
    }

    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    #[test]
    fn round_trip() {
        let token = sign(KEY, "unsubscribe", &sample());
        assert_eq!(verify::<Unsubscribe>(KEY, "unsubscribe", &token), Ok(sample()));
        let token = sign(KEY, "click", &("https://example.fr/?a=1&b=é", 3u32));
        let back: (String, u32) = verify(KEY, "click", &token).unwrap();
        assert_eq!(back, ("https://example.fr/?a=1&b=é".to_owned(), 3));
    }

    #[test]
    fn url_safe_and_short() {
        let token = sign(KEY, "unsubscribe", &sample());
        assert!(token.bytes().all(|b| ALPHABET.contains(&b)), "{token}");
        // 95 bytes of JSON: 127 + 1 + 43.
        assert_eq!(token.len(), 171);
        assert!(token.len() < 200);
        let s = sample();
        let tuple = sign(KEY, "unsubscribe", &(s.c, s.r, s.k));
        assert_eq!(tuple.len(), 155);
    }

    #[test]
    fn any_changed_character_is_refused() {
        let token = sign(KEY, "unsubscribe", &sample());
        for i in 0..token.len() {
            for &c in ALPHABET {
                if token.as_bytes()[i] == c {
                    continue;
                }
                let mut bytes = token.clone().into_bytes();
                bytes[i] = c;
                let altered = String::from_utf8(bytes).unwrap();
                assert!(verify::<Unsubscribe>(KEY, "unsubscribe", &altered).is_err(), "accepted {altered}");
            }
        }
    }

    #[test]
    fn other_purpose_or_key_is_refused() {
        let token = sign(KEY, "unsubscribe", &sample());
        assert_eq!(verify::<Unsubscribe>(KEY, "click", &token), Err(TokenError::BadSignature));
        assert_eq!(verify::<Unsubscribe>(b"another key", "unsubscribe", &token), Err(TokenError::BadSignature));
        // An empty key is still a key: it verifies only its own tokens.
        assert_eq!(verify::<Unsubscribe>(b"", "unsubscribe", &token), Err(TokenError::BadSignature));
    }

    #[test]
    fn truncated_empty_and_garbage_are_refused() {
        let token = sign(KEY, "unsubscribe", &sample());
        for cut in 0..token.len() {
            assert!(verify::<Unsubscribe>(KEY, "unsubscribe", &token[..cut]).is_err());
            assert!(verify::<Unsubscribe>(KEY, "unsubscribe", &token[cut + 1..]).is_err());
        }
        for garbage in ["", ".", "..", "a.b", "a.b.c", "====.====", "é.é", &format!("{token}.")] {
            assert_eq!(verify::<Unsubscribe>(KEY, "unsubscribe", garbage), Err(TokenError::Malformed), "{garbage:?}");
        }
        // Well signed, wrong type: malformed, not a panic.
        let other = sign(KEY, "unsubscribe", &42u8);
        assert_eq!(verify::<Unsubscribe>(KEY, "unsubscribe", &other), Err(TokenError::Malformed));
    }

    #[test]
    fn random_strings_never_verify() {
        // xorshift64: deterministic, no extra dependency.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5000 {
            let len = (next() % 240) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    // Mostly token characters, so that the parser gets past its first checks.
                    if r % 4 == 0 { r as u8 } else { ALPHABET[(r >> 8) as usize % ALPHABET.len()] }
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            assert!(verify::<serde_json::Value>(KEY, "unsubscribe", &text).is_err());
            assert!(verify_expiring::<serde_json::Value>(KEY, "unsubscribe", &text, Utc::now()).is_err());
        }
    }

    #[test]
    fn expiry() {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
        let token = sign_expiring(KEY, "webhook", &sample(), at);
        let before = at - Duration::seconds(1);
        assert_eq!(verify_expiring::<Unsubscribe>(KEY, "webhook", &token, before), Ok(sample()));
        assert_eq!(verify_expiring::<Unsubscribe>(KEY, "webhook", &token, at), Err(TokenError::Expired));
        assert_eq!(
            verify_expiring::<Unsubscribe>(KEY, "webhook", &token, at + Duration::days(3)),
            Err(TokenError::Expired)
        );
        // Forged beats expired: the signature is checked first.
        assert_eq!(
            verify_expiring::<Unsubscribe>(KEY, "other", &token, at + Duration::days(3)),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn plain_and_expiring_tokens_do_not_mix() {
        let at = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
        let expiring = sign_expiring(KEY, "webhook", &sample(), at);
        // A plain verify would ignore the expiry: refused.
        assert_eq!(verify::<serde_json::Value>(KEY, "webhook", &expiring), Err(TokenError::BadSignature));
        let plain = sign(KEY, "webhook", &serde_json::json!({"exp": i64::MAX, "p": 1}));
        assert_eq!(verify_expiring::<u8>(KEY, "webhook", &plain, at), Err(TokenError::BadSignature));
    }
}
