//! Pacing of sends per tenant and channel, and per transport (every tenant together): at
//! most `rate` messages a second, spread evenly (a message waits for its slot instead of
//! bursting and being refused by the relay or the gateway).
//! Per process: with several instances, each paces its own workers.

use crate::model::Channel;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Throttle {
    next_slot: Mutex<HashMap<(Uuid, Channel), Instant>>,
}

impl Throttle {
    /// Waits for the next slot of `tenant` on `channel` at `rate` a second (0: no limit).
    pub async fn acquire(&self, tenant: Uuid, channel: Channel, rate: u32) {
        if rate == 0 {
            return;
        }
        let spacing = Duration::from_secs_f64(1.0 / f64::from(rate));
        let slot = {
            let mut slots = self.next_slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = Instant::now();
            let next = slots.entry((tenant, channel)).or_insert(now);
            let slot = (*next).max(now);
            *next = slot + spacing;
            slot
        };
        tokio::time::sleep_until(slot.into()).await;
    }

    /// Waits for the next slot of the `channel`'s transport, all tenants together (the
    /// relay's or the gateway's own limit; 0: no limit).
    pub async fn acquire_transport(&self, channel: Channel, rate: u32) {
        // No tenant has the nil id: it stands for the whole transport.
        self.acquire(Uuid::nil(), channel, rate).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn spreads_messages_at_the_rate() {
        let throttle = Throttle::default();
        let tenant = Uuid::nil();
        let start = Instant::now();
        for _ in 0..11 {
            throttle.acquire(tenant, Channel::Sms, 100).await;
        }
        // Ten gaps of 10 ms; another tenant is not slowed.
        assert!(start.elapsed() >= Duration::from_millis(95), "{:?}", start.elapsed());
        let other = Instant::now();
        throttle.acquire(Uuid::from_u128(1), Channel::Sms, 100).await;
        assert!(other.elapsed() < Duration::from_millis(20));
    }

    #[tokio::test]
    async fn the_transport_pace_holds_every_tenant_together() {
        let throttle = Throttle::default();
        let start = Instant::now();
        for tenant in 1..=11u128 {
            throttle.acquire(Uuid::from_u128(tenant), Channel::Email, 0).await;
            throttle.acquire_transport(Channel::Email, 100).await;
        }
        assert!(start.elapsed() >= Duration::from_millis(95), "{:?}", start.elapsed());
    }
}
