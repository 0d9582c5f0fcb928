//! Service levels without a database: the support desk's business-hours calendar
//! and ticket deadlines, the contract's maintenance window, and the arithmetic of
//! the service-level report (CGVU, Annex 2).
//!
//! Readings of the contract that the code relies on:
//! - Response targets are business time: P1 8 h, P2 24 h, P3 40 h of the desk's
//!   opening hours (9:00 to 18:30, Monday to Friday, French public holidays closed,
//!   Europe/Paris). The days in brackets ("1 jour", "3 jours", "5 jours") disagree
//!   with a 9.5-hour day and are read as indicative; the hours govern.
//! - A workaround requalifies P1 to P2 and P2 to P3; the new target counts from the
//!   ticket's opening.
//! - The maintenance window is Thursday 06:00–08:00 at the fixed offset UTC+01:00
//!   ("GMT+1"), i.e. 07:00–09:00 Paris time in summer.
//! - Availability is measured 24/7 with maintenance windows removed from both sides
//!   of the ratio; time without probe results is unknown, not down.
//! - The latency objectives are checked per 7-day period starting on the 1st of
//!   each month (see [`seven_day_periods`]).

mod calendar;
mod deadline;
mod error;
mod holidays;
mod intervals;
mod local_time;
mod maintenance;
mod report;

pub use calendar::{Calendar, ClosedDay};
pub use deadline::{Pause, Priority, due_cli};
pub use error::SlaError;
pub use holidays::{easter_sunday, french_holiday_name, french_public_holidays};
pub use maintenance::{MAINTENANCE_WEEKDAY, in_maintenance, maintenance_windows, next_maintenance, weekly_maintenance};
pub use report::{
    AVAILABILITY_OBJECTIVE_PERCENT, Availability, AvailabilityFigure, IN_TIME_OBJECTIVE_PERCENT, InTimeShare,
    LatencyShare, OVERFLOW_BUCKET, UNDER_1S_OBJECTIVE_PERCENT, UNDER_500MS_OBJECTIVE_PERCENT, month_bounds,
    month_bounds_in, seven_day_periods, seven_day_periods_in,
};
