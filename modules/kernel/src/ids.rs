//! Identifiers: UUID v7, time-ordered so that primary-key indexes stay append-mostly.

use uuid::Uuid;

pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
