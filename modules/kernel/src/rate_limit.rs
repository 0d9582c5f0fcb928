//! Rate limits of expensive work (counts, samples, imports, exports): in-memory token
//! buckets per tenant and per client address, refilled on the platform's clock. A refused
//! call is a typed `RATE_LIMITED` with `retryAfterSeconds`.
//!
//! The buckets live in the process: behind a load balancer each instance counts its own
//! share, which is what a limit against abuse needs (the database is not written per call).

use crate::clock::Clock;
use crate::context::RequestContext;
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

/// A kind of expensive work, limited on its own.
#[derive(Copy, Clone, Debug, Eq, PartialEq, Hash)]
pub enum Work {
    /// Counting contacts (`contactCount`, `Segment.count`).
    Count,
    /// Samples and searches of contacts.
    Sample,
    /// Starting an import.
    Import,
    /// Downloading an export or an error report.
    Export,
    /// Sending messages: launching a campaign, a test send.
    Send,
}

/// A token bucket's size: `burst` calls at once, refilled at `per_minute`.
#[derive(Copy, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub burst: u32,
    pub per_minute: u32,
}

/// The buckets of one kind of work.
#[derive(Copy, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    pub per_tenant: Bucket,
    pub per_address: Bucket,
}

/// The configured limits (`rate_limits.counts.per_tenant.burst`, ...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimits {
    pub enabled: bool,
    pub counts: Limit,
    pub samples: Limit,
    pub imports: Limit,
    pub exports: Limit,
    pub sends: Limit,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        let limit = |tenant: (u32, u32), address: (u32, u32)| Limit {
            per_tenant: Bucket { burst: tenant.0, per_minute: tenant.1 },
            per_address: Bucket { burst: address.0, per_minute: address.1 },
        };
        RateLimits {
            enabled: true,
            // A segment builder counts as its user types: generous, but not 1 000 at once.
            counts: limit((120, 600), (60, 300)),
            samples: limit((120, 600), (60, 300)),
            imports: limit((20, 20), (10, 10)),
            exports: limit((30, 30), (15, 15)),
            // A campaign launch or a test send is deliberate work, a few a minute.
            sends: limit((30, 30), (15, 15)),
        }
    }
}

impl RateLimits {
    fn of(&self, work: Work) -> &Limit {
        match work {
            Work::Count => &self.counts,
            Work::Sample => &self.samples,
            Work::Import => &self.imports,
            Work::Export => &self.exports,
            Work::Send => &self.sends,
        }
    }
}

/// Whose bucket.
#[derive(Clone, Debug, Eq, PartialEq, Hash)]
enum Owner {
    Tenant(Uuid),
    Address(String),
}

#[derive(Copy, Clone, Debug)]
struct Tokens {
    available: f64,
    at: DateTime<Utc>,
}

/// The buckets of the process, shared by every request (schema data).
#[derive(Debug)]
pub struct RateLimiter {
    limits: RateLimits,
    clock: Clock,
    buckets: Mutex<HashMap<(Work, Owner), Tokens>>,
}

/// Past this many buckets, full ones are forgotten (they are the same as absent ones).
const MAX_BUCKETS: usize = 100_000;

impl RateLimiter {
    pub fn new(limits: RateLimits, clock: Clock) -> RateLimiter {
        RateLimiter { limits, clock, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one call of `work` from the request's tenant's and address's buckets, or says
    /// when to try again (both buckets must have a token; none is taken otherwise).
    pub fn check(&self, work: Work, request: &RequestContext) -> Result<(), ApiError> {
        if !self.limits.enabled {
            return Ok(());
        }
        let limit = *self.limits.of(work);
        let mut owners = Vec::with_capacity(2);
        if let Some(tenant_id) = request.actor.tenant_id() {
            owners.push((Owner::Tenant(tenant_id), limit.per_tenant));
        }
        if let Some(ip) = &request.ip {
            owners.push((Owner::Address(ip.clone()), limit.per_address));
        }
        let now = self.clock.now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > MAX_BUCKETS {
            buckets.retain(|(work, owner), tokens| {
                let bucket = match owner {
                    Owner::Tenant(_) => self.limits.of(*work).per_tenant,
                    Owner::Address(_) => self.limits.of(*work).per_address,
                };
                refill(*tokens, bucket, now).available < f64::from(bucket.burst)
            });
        }
        let mut wait: f64 = 0.0;
        let mut refilled = Vec::with_capacity(owners.len());
        for (owner, bucket) in owners {
            let tokens = buckets
                .get(&(work, owner.clone()))
                .map_or(Tokens { available: f64::from(bucket.burst), at: now }, |t| refill(*t, bucket, now));
            if tokens.available < 1.0 {
                let per_second = f64::from(bucket.per_minute.max(1)) / 60.0;
                wait = wait.max((1.0 - tokens.available) / per_second);
            }
            refilled.push((owner, tokens));
        }
        if wait > 0.0 {
            for (owner, tokens) in refilled {
                buckets.insert((work, owner), tokens);
            }
            let err = ApiError::rate_limited(wait.ceil() as i64).with_reason("TOO_MANY_REQUESTS");
            return Err(ApiError { message: "too many requests of this kind, try again later".to_owned(), ..err });
        }
        for (owner, tokens) in refilled {
            buckets.insert((work, owner), Tokens { available: tokens.available - 1.0, at: now });
        }
        Ok(())
    }
}

fn refill(tokens: Tokens, bucket: Bucket, now: DateTime<Utc>) -> Tokens {
    let elapsed = (now - tokens.at).num_milliseconds().max(0) as f64 / 1000.0;
    let available = (tokens.available + elapsed * f64::from(bucket.per_minute) / 60.0).min(f64::from(bucket.burst));
    Tokens { available, at: now }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{Actor, Rights};
    use chrono::{Duration, TimeZone};

    fn request(tenant: u128, ip: &str) -> RequestContext {
        RequestContext {
            actor: Actor::TenantUser {
                tenant_id: Uuid::from_u128(tenant),
                user_id: Uuid::nil(),
                is_admin: false,
                rights: Rights::ALL,
            },
            ip: Some(ip.to_owned()),
            ..RequestContext::anonymous()
        }
    }

    fn limiter(clock: &Clock) -> RateLimiter {
        let bucket = Bucket { burst: 3, per_minute: 60 };
        let limit = Limit { per_tenant: Limit::default_tenant(), per_address: bucket };
        RateLimiter::new(RateLimits { counts: limit, ..RateLimits::default() }, clock.clone())
    }

    impl Limit {
        fn default_tenant() -> Bucket {
            Bucket { burst: 5, per_minute: 60 }
        }
    }

    #[test]
    fn a_bucket_empties_then_refills_with_time() {
        let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap());
        let limiter = limiter(&clock);
        for _ in 0..3 {
            limiter.check(Work::Count, &request(1, "192.0.2.1")).unwrap();
        }
        let refused = limiter.check(Work::Count, &request(1, "192.0.2.1")).unwrap_err();
        assert_eq!(refused.retry_after_seconds, Some(1));
        assert_eq!(refused.reason, Some("TOO_MANY_REQUESTS"));
        // Another kind of work, another address: their own buckets.
        limiter.check(Work::Export, &request(1, "192.0.2.1")).unwrap();
        limiter.check(Work::Count, &request(1, "192.0.2.2")).unwrap();
        // The tenant's bucket (5) is shared by its addresses.
        limiter.check(Work::Count, &request(1, "192.0.2.3")).unwrap();
        assert!(limiter.check(Work::Count, &request(1, "192.0.2.4")).is_err(), "the tenant's bucket is empty");
        assert!(limiter.check(Work::Count, &request(2, "192.0.2.5")).is_ok(), "another tenant's is full");
        clock.advance(Duration::seconds(1));
        limiter.check(Work::Count, &request(1, "192.0.2.1")).unwrap();
    }
}

/// Takes a call of `work` from the buckets of the GraphQL request in `ctx` (for fields whose
/// cost depends on their arguments, such as a search; whole fields are listed in the
/// schema's `RATE_LIMITED_FIELDS`). Anonymous callers are refused by guards, not counted.
pub fn take(ctx: &async_graphql::Context<'_>, work: Work) -> Result<(), ApiError> {
    let limiter = ctx.data_opt::<std::sync::Arc<RateLimiter>>();
    match (limiter, ctx.data_opt::<RequestContext>()) {
        (Some(limiter), Some(request)) if request.actor != crate::actor::Actor::Anonymous => {
            limiter.check(work, request)
        }
        _ => Ok(()),
    }
}
