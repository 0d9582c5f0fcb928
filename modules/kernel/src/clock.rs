//! Time comes from a clock the tests can set (sessions, billing months, SLA hours, retention).

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, RwLock};

/// The platform clock. Cheap to clone; every clone shares the same time source.
#[derive(Clone, Debug)]
pub struct Clock(Arc<Source>);

#[derive(Debug)]
enum Source {
    System,
    Manual(RwLock<DateTime<Utc>>),
}

impl Clock {
    /// The real time.
    pub fn system() -> Clock {
        Clock(Arc::new(Source::System))
    }

    /// A clock that only moves when told, starting at `start`.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock(Arc::new(Source::Manual(RwLock::new(start))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &*self.0 {
            Source::System => Utc::now(),
            Source::Manual(at) => *at.read().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a manual clock forward; a system clock ignores it.
    pub fn advance(&self, by: Duration) {
        if let Source::Manual(at) = &*self.0 {
            let mut at = at.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            *at += by;
        }
    }

    /// Sets a manual clock; a system clock ignores it.
    pub fn set(&self, to: DateTime<Utc>) {
        if let Source::Manual(at) = &*self.0 {
            *at.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let start = Utc::now();
        let clock = Clock::manual(start);
        let other = clock.clone();
        assert_eq!(clock.now(), start);
        other.advance(Duration::minutes(21));
        assert_eq!(clock.now(), start + Duration::minutes(21));
    }
}
