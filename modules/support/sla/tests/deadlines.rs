//! Ticket deadlines: priorities, pauses, requalification, the CLI.

mod common;

use chrono::Duration;
use common::{hours, minutes, paris, utc};
use crm360_sla::{Calendar, Pause, Priority, SlaError, due_cli};

#[test]
fn contract_targets_in_business_hours() {
    assert_eq!(Priority::P1.response_target(), hours(8));
    assert_eq!(Priority::P2.response_target(), hours(24));
    assert_eq!(Priority::P3.response_target(), hours(40));
}

#[test]
fn the_cli_example() {
    let cal = Calendar::standard();
    assert_eq!(due_cli("P1", "2026-11-30T17:00:00+01:00", &cal).as_deref(), Ok("2026-12-01T15:30:00+01:00"));
    // Same instant written in UTC: the answer is still in Paris time.
    assert_eq!(due_cli("p1", "2026-11-30T16:00:00Z", &cal).as_deref(), Ok("2026-12-01T15:30:00+01:00"));
    // A summer deadline carries the summer offset.
    assert_eq!(due_cli("P2", "2026-06-01T09:00:00+02:00", &cal).as_deref(), Ok("2026-06-03T14:00:00+02:00"));
}

#[test]
fn the_cli_refuses_bad_input_clearly() {
    let cal = Calendar::standard();
    let err = due_cli("P4", "2026-11-30T17:00:00+01:00", &cal).unwrap_err();
    assert_eq!(err, SlaError::UnknownPriority("P4".into()));
    assert!(err.to_string().contains("expected P1, P2 or P3"));

    for bad in ["2026-11-30 17:00", "2026-11-30T17:00:00", "tomorrow", ""] {
        let err = due_cli("P1", bad, &cal).unwrap_err();
        assert!(matches!(err, SlaError::InvalidDateTime { .. }), "{bad}");
        assert!(err.to_string().contains("RFC 3339"));
    }
}

#[test]
fn p3_takes_40_business_hours() {
    let cal = Calendar::standard();
    // Monday 9 November 2026 09:00: Mon, Tue (19 h), Wednesday 11 is Armistice, Thu,
    // Fri (38 h), then 2 h on Monday 16 November.
    assert_eq!(
        cal.due(paris(2026, 11, 9, 9, 0), Priority::P3.response_target(), &[]),
        Some(paris(2026, 11, 16, 11, 0))
    );
}

#[test]
fn requalification_after_a_workaround() {
    assert_eq!(Priority::P1.lower(), Some(Priority::P2));
    assert_eq!(Priority::P2.lower(), Some(Priority::P3));
    assert_eq!(Priority::P3.lower(), None);
    assert_eq!(Priority::P3.after_workaround(), Priority::P3);

    let cal = Calendar::standard();
    let opened = paris(2026, 11, 2, 9, 0);
    let p1 = cal.due(opened, Priority::P1.response_target(), &[]);
    assert_eq!(p1, Some(paris(2026, 11, 2, 17, 0)));
    // Workaround given: the caller recomputes from the opening with the P2 target.
    let p2 = Priority::P1.after_workaround();
    assert_eq!(cal.due(opened, p2.response_target(), &[]), Some(paris(2026, 11, 4, 14, 0)));
}

#[test]
fn a_pause_in_the_middle_of_the_day() {
    let cal = Calendar::standard();
    let opened = paris(2026, 11, 2, 9, 0);
    let pauses = [Pause { from: paris(2026, 11, 2, 11, 0), to: Some(paris(2026, 11, 2, 14, 0)) }];
    // 2 h before the pause, 4 h 30 after it, 1 h 30 on Tuesday.
    assert_eq!(cal.due(opened, hours(8), &pauses), Some(paris(2026, 11, 3, 10, 30)));
    assert_eq!(cal.elapsed(opened, paris(2026, 11, 2, 15, 0), &pauses), hours(3));
    assert_eq!(cal.remaining(opened, paris(2026, 11, 2, 15, 0), hours(8), &pauses), hours(5));
}

#[test]
fn a_pause_spanning_a_weekend() {
    let cal = Calendar::standard();
    // Friday 6 November 09:00, paused from Friday 12:00 to Tuesday 11:00 (Monday's
    // hours included): 3 h, then 5 h on Tuesday.
    let opened = paris(2026, 11, 6, 9, 0);
    let pauses = [Pause { from: paris(2026, 11, 6, 12, 0), to: Some(paris(2026, 11, 10, 11, 0)) }];
    assert_eq!(cal.due(opened, hours(8), &pauses), Some(paris(2026, 11, 10, 16, 0)));
    assert_eq!(cal.due(opened, hours(8), &[]), Some(paris(2026, 11, 6, 17, 0)));
}

#[test]
fn an_open_ended_pause_stops_the_clock() {
    let cal = Calendar::standard();
    let opened = paris(2026, 11, 2, 9, 0);
    let waiting = [Pause { from: paris(2026, 11, 2, 11, 0), to: None }];
    assert_eq!(cal.due(opened, hours(8), &waiting), None);
    let next_day = paris(2026, 11, 3, 12, 0);
    assert_eq!(cal.elapsed(opened, next_day, &waiting), hours(2));
    assert_eq!(cal.remaining(opened, next_day, hours(8), &waiting), hours(6));

    // Once the user answers (Tuesday 12:00), the deadline is concrete again.
    let answered = [Pause { from: paris(2026, 11, 2, 11, 0), to: Some(next_day) }];
    // 2 h, then 6 h from Tuesday 12:00: 18:00.
    assert_eq!(cal.due(opened, hours(8), &answered), Some(paris(2026, 11, 3, 18, 0)));

    // A deadline passed before the pause began stays known.
    let late = [Pause { from: paris(2026, 11, 3, 10, 0), to: None }];
    assert_eq!(cal.due(opened, hours(8), &late), Some(paris(2026, 11, 2, 17, 0)));
}

#[test]
fn overlapping_pauses_and_pauses_before_opening() {
    let cal = Calendar::standard();
    let opened = paris(2026, 11, 2, 10, 0);
    let pauses = [
        Pause { from: paris(2026, 11, 2, 8, 0), to: Some(paris(2026, 11, 2, 11, 0)) },
        Pause { from: paris(2026, 11, 2, 13, 0), to: Some(paris(2026, 11, 2, 15, 0)) },
        Pause { from: paris(2026, 11, 2, 14, 0), to: Some(paris(2026, 11, 2, 16, 0)) },
        // Reversed: stops nothing.
        Pause { from: paris(2026, 11, 2, 17, 0), to: Some(paris(2026, 11, 2, 16, 0)) },
    ];
    // Running 11:00–13:00 (2 h) and 16:00–18:30 (2 h 30), then 3 h 30 on Tuesday.
    assert_eq!(cal.due(opened, hours(8), &pauses), Some(paris(2026, 11, 3, 12, 30)));
    assert_eq!(cal.elapsed(opened, paris(2026, 11, 3, 12, 30), &pauses), hours(8));
}

#[test]
fn in_time_and_overdue() {
    let cal = Calendar::standard();
    let opened = paris(2026, 11, 2, 9, 0);
    assert!(cal.in_time(opened, paris(2026, 11, 2, 17, 0), hours(8), &[]));
    assert!(!cal.in_time(opened, paris(2026, 11, 2, 17, 1), hours(8), &[]));
    assert_eq!(cal.remaining(opened, paris(2026, 11, 3, 9, 30), hours(8), &[]), -minutes(120));
    assert_eq!(cal.elapsed(opened, opened - hours(1), &[]), Duration::zero());
}

#[test]
fn priorities_parse_and_serialize() {
    assert_eq!("P2".parse::<Priority>(), Ok(Priority::P2));
    assert_eq!(" p3 ".parse::<Priority>(), Ok(Priority::P3));
    assert!("P0".parse::<Priority>().is_err());
    assert_eq!(serde_json::to_string(&Priority::P1).expect("json"), "\"P1\"");
    assert_eq!(Priority::P1.to_string(), "P1");
    let pause: Pause = serde_json::from_str(r#"{"from":"2026-11-02T10:00:00Z","to":null}"#).expect("json");
    assert_eq!(pause.from, utc("2026-11-02T10:00:00Z"));
    assert_eq!(pause.to, None);
}
