//! The support module's tables.

pub mod announcement;
pub mod calendar;
pub mod latency_bucket;
pub mod page_view;
pub mod ticket;
pub mod ticket_attachment;
pub mod ticket_counter;
pub mod ticket_event;
pub mod ticket_message;
pub mod ticket_pause;

use sea_orm::entity::prelude::*;

/// What a ticket is about (Annex 2: an anomaly, or a functional question).
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TicketKind {
    #[sea_orm(string_value = "ANOMALY")]
    Anomaly,
    #[sea_orm(string_value = "QUESTION")]
    Question,
}

/// Annex 2's criticality: P1 blocking, P2 incident (a workaround exists), P3 other.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Priority {
    #[sea_orm(string_value = "P1")]
    P1,
    #[sea_orm(string_value = "P2")]
    P2,
    #[sea_orm(string_value = "P3")]
    P3,
}

impl Priority {
    pub fn sla(self) -> crm360_sla::Priority {
        match self {
            Priority::P1 => crm360_sla::Priority::P1,
            Priority::P2 => crm360_sla::Priority::P2,
            Priority::P3 => crm360_sla::Priority::P3,
        }
    }

    /// One level down (a workaround): P1 → P2 → P3; P3 stays.
    pub fn lower(self) -> Priority {
        match self {
            Priority::P1 => Priority::P2,
            Priority::P2 | Priority::P3 => Priority::P3,
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TicketStatus {
    #[sea_orm(string_value = "OPEN")]
    Open,
    #[sea_orm(string_value = "IN_PROGRESS")]
    InProgress,
    /// Support asked the user for information: the SLA clock is paused.
    #[sea_orm(string_value = "WAITING_FOR_USER")]
    WaitingForUser,
    #[sea_orm(string_value = "RESOLVED")]
    Resolved,
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// Where a ticket came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TicketChannel {
    #[sea_orm(string_value = "PRODUCT")]
    Product,
    #[sea_orm(string_value = "EMAIL")]
    Email,
}

/// Who wrote a message or acted on a ticket.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum AuthorKind {
    #[sea_orm(string_value = "USER")]
    User,
    #[sea_orm(string_value = "SUPPORT")]
    Support,
    #[sea_orm(string_value = "SYSTEM")]
    System,
}

/// Why a ticket was closed (Annex 2).
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ClosedReason {
    /// After resolution.
    #[sea_orm(string_value = "RESOLVED")]
    Resolved,
    /// The user did not answer a request for information within the set delay.
    #[sea_orm(string_value = "NO_ANSWER")]
    NoAnswer,
    /// By written agreement, unresolved.
    #[sea_orm(string_value = "AGREEMENT")]
    Agreement,
}

/// An intervention recorded in a ticket.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TicketAction {
    #[sea_orm(string_value = "OPENED")]
    Opened,
    #[sea_orm(string_value = "QUALIFIED")]
    Qualified,
    #[sea_orm(string_value = "WORKAROUND")]
    Workaround,
    #[sea_orm(string_value = "ASSIGNED")]
    Assigned,
    #[sea_orm(string_value = "TAKEN_IN_CHARGE")]
    TakenInCharge,
    #[sea_orm(string_value = "ANSWERED")]
    Answered,
    #[sea_orm(string_value = "USER_REPLIED")]
    UserReplied,
    #[sea_orm(string_value = "INFORMATION_REQUESTED")]
    InformationRequested,
    #[sea_orm(string_value = "RESOLVED")]
    Resolved,
    #[sea_orm(string_value = "REOPENED")]
    Reopened,
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}
