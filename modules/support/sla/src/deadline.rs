//! Ticket priorities, their response targets, and deadlines with the clock paused.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::SlaError;
use crate::intervals::{Span, clip, merge};

/// Criticality of an anomaly (Annex 2): P1 critical, P2 semi-critical, P3 non-critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    P1,
    P2,
    P3,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::P1, Priority::P2, Priority::P3];

    /// Business time within which support must take the ticket in hand.
    ///
    /// Annex 2 writes "8h (1 jour)", "24h (3 jours)", "40h (5 jours)", counted during
    /// the desk's opening hours (9:00 to 18:30, working days). With a 9.5-hour day the
    /// hours and the days disagree (24 h is 2.5 days, not 3), so the figures in hours
    /// govern and the days in brackets are read as indicative.
    pub fn response_target(self) -> Duration {
        match self {
            Priority::P1 => Duration::hours(8),
            Priority::P2 => Duration::hours(24),
            Priority::P3 => Duration::hours(40),
        }
    }

    /// The criticality immediately below, which a workaround requalifies the ticket
    /// to; `None` for P3, which stays P3. The new target counts from the ticket's
    /// opening: callers recompute the deadline with it.
    pub fn lower(self) -> Option<Priority> {
        match self {
            Priority::P1 => Some(Priority::P2),
            Priority::P2 => Some(Priority::P3),
            Priority::P3 => None,
        }
    }

    /// The priority once a workaround is in place.
    pub fn after_workaround(self) -> Priority {
        self.lower().unwrap_or(self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = SlaError;

    /// "P1", "P2", "P3" (case and surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, SlaError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "P1" => Ok(Priority::P1),
            "P2" => Ok(Priority::P2),
            "P3" => Ok(Priority::P3),
            _ => Err(SlaError::UnknownPriority(s.to_owned())),
        }
    }
}

/// The clock stopped while the ticket waits for the user; `to: None` while still waiting.
///
/// Pauses may overlap or precede the opening: they are merged and clipped. A pause
/// whose `to` is not after `from` stops nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pause {
    pub from: DateTime<Utc>,
    pub to: Option<DateTime<Utc>>,
}

/// Merged pauses; an open-ended one ends at `MAX_UTC`.
fn paused_spans(pauses: &[Pause]) -> Vec<Span> {
    merge(pauses.iter().map(|p| (p.from, p.to.unwrap_or(DateTime::<Utc>::MAX_UTC))).collect())
}

impl Calendar {
    /// The deadline: the instant when `target` of business time has elapsed since
    /// `opened`, not counting the paused intervals.
    ///
    /// `None` while an open-ended pause is in progress and the target was not used
    /// up before it began: the clock is stopped, so there is no deadline until the
    /// user answers (then the caller closes the pause and asks again). A deadline
    /// already passed before such a pause began is still returned.
    pub fn due(&self, opened: DateTime<Utc>, target: Duration, pauses: &[Pause]) -> Option<DateTime<Utc>> {
        let mut remaining = target.max(Duration::zero());
        let mut cursor = opened;
        for (from, to) in paused_spans(pauses) {
            if to <= cursor {
                continue;
            }
            if from > cursor {
                let running = self.business_time_between(cursor, from);
                if remaining <= running {
                    return Some(self.add_business_time(cursor, remaining));
                }
                remaining -= running;
            }
            if to == DateTime::<Utc>::MAX_UTC {
                return None;
            }
            cursor = to;
        }
        Some(self.add_business_time(cursor, remaining))
    }

    /// Business time consumed between `opened` and `now`, pauses excluded (an
    /// open-ended pause counts as paused up to `now`).
    pub fn elapsed(&self, opened: DateTime<Utc>, now: DateTime<Utc>, pauses: &[Pause]) -> Duration {
        if now <= opened {
            return Duration::zero();
        }
        let paused: Duration = paused_spans(pauses)
            .into_iter()
            .filter_map(|span| clip(span, (opened, now)))
            .map(|(s, e)| self.business_time_between(s, e))
            .sum();
        self.business_time_between(opened, now) - paused
    }

    /// Business time left before the deadline at `now`; negative once overdue (by
    /// that much business time).
    pub fn remaining(&self, opened: DateTime<Utc>, now: DateTime<Utc>, target: Duration, pauses: &[Pause]) -> Duration {
        target - self.elapsed(opened, now, pauses)
    }

    /// Whether a ticket taken in hand at `answered` met `target`.
    pub fn in_time(&self, opened: DateTime<Utc>, answered: DateTime<Utc>, target: Duration, pauses: &[Pause]) -> bool {
        self.elapsed(opened, answered, pauses) <= target
    }
}

/// `crm360 sla due --priority P1 --opened 2026-11-30T17:00:00+01:00`: the deadline of a
/// ticket opened then (no pause), as RFC 3339 in the calendar zone's offset at that
/// instant (+01:00 or +02:00 for Paris).
pub fn due_cli(priority: &str, opened: &str, calendar: &Calendar) -> Result<String, SlaError> {
    let priority: Priority = priority.parse()?;
    let opened = DateTime::parse_from_rfc3339(opened.trim())
        .map_err(|e| SlaError::InvalidDateTime { input: opened.to_owned(), reason: e.to_string() })?;
    let due =
        calendar.due(opened.with_timezone(&Utc), priority.response_target(), &[]).unwrap_or(DateTime::<Utc>::MAX_UTC);
    Ok(due.with_timezone(&calendar.time_zone).to_rfc3339_opts(SecondsFormat::AutoSi, false))
}
