//! The support desk's GraphQL fields: tickets for tenant users, the queue and the handling
//! for operator staff, the business-hours calendar. Guarded fields say what they require in
//! their doc comment, in the words the end-to-end isolation walk reads.

use crate::SupportDeps;
use crate::model::{
    AuthorKind, ClosedReason, Priority, TicketAction, TicketChannel, TicketKind, TicketStatus, ticket,
    ticket_attachment, ticket_event, ticket_message,
};
use crate::service::{calendar, tickets};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_kernel::context::{operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireTenantAdmin, RequireTenantMember};
use crm360_kernel::ids::{gql_id, node_id, parse_id};
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{ApiError, Platform, Why};

fn deps<'a>(ctx: &'a Context<'_>) -> Result<&'a SupportDeps> {
    ctx.data::<SupportDeps>().map_err(|_| ApiError::internal("support settings missing").into())
}

#[derive(SimpleObject, Clone, Debug)]
pub struct TicketAttachment {
    pub id: ID,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// `/support/attachments/<id>` (staff add `?tenant=<tenantId>`).
    pub url: String,
}

impl From<&ticket_attachment::Model> for TicketAttachment {
    fn from(a: &ticket_attachment::Model) -> TicketAttachment {
        TicketAttachment {
            id: gql_id(&a.id),
            filename: a.filename.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.size_bytes,
            url: format!("/support/attachments/{}", a.id),
        }
    }
}

#[derive(SimpleObject, Clone, Debug)]
pub struct TicketMessage {
    pub id: ID,
    pub author_kind: AuthorKind,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub attachments: Vec<TicketAttachment>,
}

/// An intervention: who did what, when.
#[derive(SimpleObject, Clone, Debug)]
pub struct TicketEvent {
    pub action: TicketAction,
    pub actor_kind: AuthorKind,
    pub actor_name: String,
    pub at: DateTime<Utc>,
    pub detail: async_graphql::Json<serde_json::Value>,
}

impl From<ticket_event::Model> for TicketEvent {
    fn from(e: ticket_event::Model) -> TicketEvent {
        TicketEvent {
            action: e.action,
            actor_kind: e.actor_kind,
            actor_name: e.actor_name,
            at: e.at,
            detail: async_graphql::Json(e.detail),
        }
    }
}

/// A support ticket with its deadline.
#[derive(SimpleObject, Clone, Debug)]
pub struct Ticket {
    pub id: ID,
    pub tenant_id: ID,
    pub number: String,
    pub kind: TicketKind,
    pub proposed_priority: Priority,
    /// Qualified by support (the proposed one until then).
    pub priority: Priority,
    pub qualified: bool,
    pub status: TicketStatus,
    pub subject: String,
    pub channel: TicketChannel,
    pub requester_email: String,
    pub assigned_to: Option<ID>,
    pub opened_at: DateTime<Utc>,
    /// When support took it in charge (the response time ends there).
    pub responded_at: Option<DateTime<Utc>>,
    /// The response deadline in business hours; null while the ticket waits for the user.
    pub due_at: Option<DateTime<Utc>>,
    /// Business minutes left before the deadline (negative: late); null once responded or
    /// while paused.
    pub business_minutes_left: Option<i64>,
    /// Whether the response came in time (null until it comes).
    pub answered_in_time: Option<bool>,
    pub calendar_version: i64,
    pub workaround_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_reason: Option<ClosedReason>,
    pub messages: Vec<TicketMessage>,
    pub events: Vec<TicketEvent>,
}

async fn ticket_of(platform: &Platform, view: Option<tickets::TicketView>, t: ticket::Model) -> Result<Ticket> {
    let db = platform.unscoped(Why::SupportDesk);
    let cal = calendar::version(&db, t.calendar_version).await.gql()?;
    let now = platform.clock().now();
    let (messages, events) = match view {
        Some(view) => {
            let messages = view
                .messages
                .iter()
                .map(|m: &ticket_message::Model| TicketMessage {
                    id: gql_id(&m.id),
                    author_kind: m.author_kind,
                    author_name: m.author_name.clone(),
                    body: m.body.clone(),
                    created_at: m.created_at,
                    attachments: view
                        .attachments
                        .iter()
                        .filter(|a| a.message_id == m.id)
                        .map(TicketAttachment::from)
                        .collect(),
                })
                .collect();
            (messages, view.events.into_iter().map(TicketEvent::from).collect())
        }
        None => (Vec::new(), Vec::new()),
    };
    let minutes_left = match (t.responded_at, t.due_at) {
        (None, Some(due)) if due >= now => Some(cal.business_time_between(now, due).num_minutes()),
        (None, Some(due)) => Some(-cal.business_time_between(due, now).num_minutes()),
        _ => None,
    };
    Ok(Ticket {
        id: gql_id(&t.id),
        tenant_id: gql_id(&t.tenant_id),
        number: t.number,
        kind: t.kind,
        proposed_priority: t.proposed_priority,
        priority: t.priority,
        qualified: t.qualified_at.is_some(),
        status: t.status,
        subject: t.subject,
        channel: t.channel,
        requester_email: t.requester_email,
        assigned_to: t.assigned_to.map(|id| gql_id(&id)),
        opened_at: t.opened_at,
        responded_at: t.responded_at,
        due_at: t.due_at,
        business_minutes_left: minutes_left,
        answered_in_time: t.responded_at.map(|at| t.due_at.is_none_or(|due| at <= due)),
        calendar_version: t.calendar_version,
        workaround_at: t.workaround_at,
        resolved_at: t.resolved_at,
        closed_at: t.closed_at,
        closed_reason: t.closed_reason,
        messages,
        events,
    })
}

#[derive(InputObject, Clone, Debug)]
pub struct OpenTicketInput {
    pub kind: TicketKind,
    /// The criticality the user proposes (support qualifies it).
    pub priority: Priority,
    pub subject: String,
    pub body: String,
    /// Files uploaded first with `POST /support/attachments`.
    #[graphql(default)]
    pub attachment_ids: Vec<ID>,
}

fn ids(ids: &[ID]) -> Result<Vec<uuid::Uuid>> {
    Ok(ids.iter().map(|id| parse_id(id, "attachmentIds")).collect::<Result<Vec<_>, _>>()?)
}

/// What support does to a ticket.
#[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TicketHandling {
    TakeInCharge,
    Answer,
    RequestInformation,
    Workaround,
    Resolve,
    CloseByAgreement,
}

#[derive(InputObject, Clone, Debug)]
pub struct HandleTicketInput {
    pub tenant_id: ID,
    pub ticket_id: ID,
    pub action: TicketHandling,
    /// The message (answers, workaround, resolution, closure).
    #[graphql(default)]
    pub body: String,
}

/// The share of API requests under 500 ms and 1 s over one 7-day period.
#[derive(SimpleObject, Clone, Debug)]
pub struct LatencyPeriod {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub requests: i64,
    /// Percent, null without a request.
    #[graphql(name = "under500msPercent")]
    pub under_500ms_percent: Option<f64>,
    #[graphql(name = "under1sPercent")]
    pub under_1s_percent: Option<f64>,
    /// 98 % under 500 ms and 99 % under 1 s.
    pub meets_objectives: bool,
}

/// Tickets answered in time at one level (objective 95 %).
#[derive(SimpleObject, Clone, Debug)]
pub struct TicketsInTime {
    pub priority: Priority,
    pub tickets: i64,
    pub in_time: i64,
    pub percent: Option<f64>,
    pub meets_objective: bool,
}

/// A month's service levels as the product measured them.
#[derive(SimpleObject, Clone, Debug)]
pub struct ServiceLevelReport {
    pub month: chrono::NaiveDate,
    pub latency: Vec<LatencyPeriod>,
    pub tickets_in_time: Vec<TicketsInTime>,
}

impl From<crate::service::levels::ServiceLevels> for ServiceLevelReport {
    fn from(r: crate::service::levels::ServiceLevels) -> ServiceLevelReport {
        ServiceLevelReport {
            month: r.month,
            latency: r
                .latency
                .into_iter()
                .map(|p| LatencyPeriod {
                    from: p.from,
                    to: p.to,
                    requests: p.share.total as i64,
                    under_500ms_percent: p.share.share_under_500(),
                    under_1s_percent: p.share.share_under_1s(),
                    meets_objectives: p.share.meets_objectives(),
                })
                .collect(),
            tickets_in_time: r
                .tickets_in_time
                .iter()
                .map(|s| TicketsInTime {
                    priority: match s.priority {
                        crm360_sla::Priority::P1 => Priority::P1,
                        crm360_sla::Priority::P2 => Priority::P2,
                        crm360_sla::Priority::P3 => Priority::P3,
                    },
                    tickets: s.total as i64,
                    in_time: s.in_time as i64,
                    percent: s.share(),
                    meets_objective: s.meets_objective(),
                })
                .collect(),
        }
    }
}

#[derive(Default)]
pub struct TicketsQuery;

#[Object]
impl TicketsQuery {
    /// The caller's tickets (an administrator: every ticket of the tenant), the latest
    /// first. Tenant users only.
    #[graphql(guard = "RequireTenantMember")]
    async fn tickets(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Ticket>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = tickets::list(&scope, &page).await.gql()?;
        let platform = Platform::of(ctx)?;
        let mut out = Vec::with_capacity(rows.len());
        for t in rows {
            out.push(ticket_of(platform, None, t).await?);
        }
        Ok(page.connection(out, |t| node_id(&t.id)))
    }

    /// One ticket with its thread and interventions. Tenant users only.
    #[graphql(guard = "RequireTenantMember")]
    async fn ticket(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Ticket>> {
        let scope = tenant_scope(ctx)?;
        match tickets::view(&scope, parse_id(&id, "id")?).await {
            Ok(view) => {
                let t = view.ticket.clone();
                Ok(Some(ticket_of(Platform::of(ctx)?, Some(view), t).await?))
            }
            Err(crate::error::SupportError::NotFound(_)) => Ok(None),
            Err(err) => Err(ApiError::from(err).into()),
        }
    }

    /// The support queue across tenants, the earliest deadline first. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    #[allow(clippy::too_many_arguments)]
    async fn support_queue(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        status: Option<TicketStatus>,
        priority: Option<Priority>,
        assigned_to: Option<ID>,
        #[graphql(default)] include_closed: bool,
        #[graphql(default = 100)] first: i32,
    ) -> Result<Vec<Ticket>> {
        if !(1..=500).contains(&first) {
            return Err(ApiError::invalid("first", "PAGE_SIZE_OUT_OF_RANGE", "between 1 and 500").into());
        }
        let operator = operator_scope(ctx)?;
        let filter = tickets::QueueFilter {
            tenant_id: tenant_id.map(|id| parse_id(&id, "tenantId")).transpose()?,
            status,
            priority,
            assigned_to: assigned_to.map(|id| parse_id(&id, "assignedTo")).transpose()?,
            include_closed,
        };
        let rows = tickets::queue(&operator, &filter, first as u64).await.gql()?;
        let platform = Platform::of(ctx)?;
        let mut out = Vec::with_capacity(rows.len());
        for t in rows {
            out.push(ticket_of(platform, None, t).await?);
        }
        Ok(out)
    }

    /// One ticket of any tenant, with its thread and interventions. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn support_ticket(&self, ctx: &Context<'_>, tenant_id: ID, id: ID) -> Result<Option<Ticket>> {
        let operator = operator_scope(ctx)?;
        let scope = operator.on_tenant(parse_id(&tenant_id, "tenantId")?);
        match tickets::view(&scope, parse_id(&id, "id")?).await {
            Ok(view) => {
                let t = view.ticket.clone();
                Ok(Some(ticket_of(Platform::of(ctx)?, Some(view), t).await?))
            }
            Err(crate::error::SupportError::NotFound(_)) => Ok(None),
            Err(err) => Err(ApiError::from(err).into()),
        }
    }

    /// The tenant's service levels for the month of `month` (any day of it): API response
    /// times per 7-day period, tickets answered in time per level. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn service_levels(&self, ctx: &Context<'_>, month: chrono::NaiveDate) -> Result<ServiceLevelReport> {
        let scope = tenant_scope(ctx)?;
        Ok(crate::service::levels::report(&scope, month).await.gql()?.into())
    }

    /// A tenant's service levels for the month of `month`. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn tenant_service_levels(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        month: chrono::NaiveDate,
    ) -> Result<ServiceLevelReport> {
        let operator = operator_scope(ctx)?;
        let scope = operator.on_tenant(parse_id(&tenant_id, "tenantId")?);
        Ok(crate::service::levels::report(&scope, month).await.gql()?.into())
    }

    /// The due time of a ticket of `priority` opened at `openedAt`, under the calendar in
    /// force (the `crm360 sla due` command). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn sla_due(
        &self,
        ctx: &Context<'_>,
        priority: Priority,
        opened_at: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let platform = Platform::of(ctx)?;
        let (_, cal) = calendar::current(&platform.unscoped(Why::SupportDesk)).await.gql()?;
        Ok(cal.due(opened_at, priority.sla().response_target(), &[]))
    }
}

#[derive(Default)]
pub struct TicketsMutation;

#[Object]
impl TicketsMutation {
    /// Opens a ticket (an anomaly or a question, with its proposed criticality); its number
    /// and response deadline come back. Tenant users only.
    #[graphql(guard = "RequireTenantMember")]
    async fn open_ticket(&self, ctx: &Context<'_>, input: OpenTicketInput) -> Result<Ticket> {
        let scope = tenant_scope(ctx)?;
        let files = &deps(ctx)?.data_dir;
        let new = tickets::NewTicket {
            kind: input.kind,
            priority: input.priority,
            subject: input.subject,
            body: input.body,
            attachments: ids(&input.attachment_ids)?,
        };
        let opened = tickets::open(&scope, files, new).await.gql()?;
        let view = tickets::view(&scope, opened.id).await.gql()?;
        ticket_of(Platform::of(ctx)?, Some(view), opened).await
    }

    /// Adds the user's message to a ticket: a ticket waiting for them resumes, a resolved
    /// one reopens. Tenant users only.
    #[graphql(guard = "RequireTenantMember")]
    async fn reply_to_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: ID,
        body: String,
        #[graphql(default)] attachment_ids: Vec<ID>,
    ) -> Result<Ticket> {
        let scope = tenant_scope(ctx)?;
        let files = &deps(ctx)?.data_dir;
        let id = parse_id(&ticket_id, "ticketId")?;
        tickets::view(&scope, id).await.gql()?; // visible to the caller, or NOT_FOUND
        let saved = tickets::reply(&scope, files, id, &body, &ids(&attachment_ids)?).await.gql()?;
        let view = tickets::view(&scope, saved.id).await.gql()?;
        ticket_of(Platform::of(ctx)?, Some(view), saved).await
    }

    /// Qualifies a ticket's criticality (definitive, Annex 2). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn qualify_ticket(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        ticket_id: ID,
        priority: Priority,
    ) -> Result<Ticket> {
        handle(ctx, tenant_id, ticket_id, tickets::StaffAction::Qualify(priority)).await
    }

    /// Assigns a ticket to a member of staff (null: nobody). Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn assign_ticket(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        ticket_id: ID,
        staff_id: Option<ID>,
    ) -> Result<Ticket> {
        let staff = staff_id.map(|id| parse_id(&id, "staffId")).transpose()?;
        handle(ctx, tenant_id, ticket_id, tickets::StaffAction::Assign(staff)).await
    }

    /// Takes a ticket in charge, answers it (asking for information pauses the clock),
    /// records a workaround (one level down), resolves or closes it by agreement; the user
    /// is notified of answers, resolution and closure. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn handle_ticket(&self, ctx: &Context<'_>, input: HandleTicketInput) -> Result<Ticket> {
        let action = match input.action {
            TicketHandling::TakeInCharge => tickets::StaffAction::TakeInCharge,
            TicketHandling::Answer => tickets::StaffAction::Answer { body: input.body, request_information: false },
            TicketHandling::RequestInformation => {
                tickets::StaffAction::Answer { body: input.body, request_information: true }
            }
            TicketHandling::Workaround => tickets::StaffAction::Workaround(input.body),
            TicketHandling::Resolve => tickets::StaffAction::Resolve(input.body),
            TicketHandling::CloseByAgreement => tickets::StaffAction::CloseByAgreement(input.body),
        };
        handle(ctx, input.tenant_id, input.ticket_id, action).await
    }
}

async fn handle(ctx: &Context<'_>, tenant_id: ID, ticket_id: ID, action: tickets::StaffAction) -> Result<Ticket> {
    let operator = operator_scope(ctx)?;
    let files = &deps(ctx)?.data_dir;
    let tenant_id = parse_id(&tenant_id, "tenantId")?;
    let saved = tickets::act(&operator, files, tenant_id, parse_id(&ticket_id, "ticketId")?, action).await.gql()?;
    let view = tickets::view(&operator.on_tenant(tenant_id), saved.id).await.gql()?;
    ticket_of(Platform::of(ctx)?, Some(view), saved).await
}
