//! Support tickets (Annex 2): opened by any tenant user in the product or by email, a
//! unique number, a kind, the criticality proposed by the user and qualified by support, a
//! thread with attachments, every intervention recorded with who and when, and the response
//! deadline measured in business hours with the calendar version the ticket was opened
//! under; the clock stands still while the ticket waits for the user.

use super::attachments::{self, Pending};
use super::calendar;
use crate::error::{SupportError, SupportResult};
use crate::model::ticket_event;
use crate::model::{
    AuthorKind, ClosedReason, Priority, TicketAction, TicketChannel, TicketKind, TicketStatus, ticket,
    ticket_attachment, ticket_counter, ticket_message, ticket_pause,
};
use chrono::{DateTime, Datelike, Duration, Utc};
use crm360_kernel::notify::{Language, Notification, NotificationKind};
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Actor, TenantScope, TenantTxn, Unscoped, Why};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};
use std::path::Path;
use uuid::Uuid;

pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 20_000;

/// Who acts on a ticket, as recorded.
#[derive(Clone, Debug)]
pub struct Author {
    pub kind: AuthorKind,
    pub id: Option<Uuid>,
    pub name: String,
}

impl Author {
    pub fn system() -> Author {
        Author { kind: AuthorKind::System, id: None, name: "crm360".to_owned() }
    }
}

/// The tenant user behind a request, with their name and address.
pub async fn requester(scope: &TenantScope) -> SupportResult<(Author, String)> {
    let Actor::TenantUser { user_id, .. } = scope.actor() else {
        return Err(SupportError::Forbidden("tickets are opened by a tenant's users"));
    };
    let user =
        crm360_identity::service::users::find_user(scope, *user_id).await?.ok_or(SupportError::NotFound("user"))?;
    let name = format!("{} {}", user.first_name, user.last_name).trim().to_owned();
    Ok((Author { kind: AuthorKind::User, id: Some(user.id), name }, user.email))
}

/// The member of staff behind a request.
pub async fn staff(scope: &OperatorScope) -> SupportResult<Author> {
    match scope.actor().id() {
        Some(id) if scope.actor().is_operator() => {
            let staff = crm360_identity::service::tenants::find_staff(scope, id).await?;
            let name =
                staff.map(|s| format!("{} {}", s.first_name, s.last_name)).unwrap_or_else(|| "Support".to_owned());
            Ok(Author { kind: AuthorKind::Support, id: Some(id), name })
        }
        _ => Ok(Author::system()),
    }
}

fn text(value: &str, field: &'static str, max: usize) -> SupportResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(SupportError::Required { field });
    }
    if value.chars().count() > max {
        return Err(SupportError::TooLong { field, max });
    }
    Ok(value.to_owned())
}

/// Takes the next ticket number of the year: `T-2026-000042` (unique; a rollback may leave a
/// hole, which tickets, unlike invoices, may have).
async fn take_number(db: &Unscoped<DatabaseTransaction>, at: DateTime<Utc>) -> SupportResult<String> {
    let series = format!("T-{:04}", at.year());
    db.insert_statement(ticket_counter::ActiveModel { series: Set(series.clone()), last_sequence: Set(0) })
        .on_conflict(OnConflict::column(ticket_counter::Column::Series).do_nothing().to_owned())
        .try_insert()
        .exec(db)
        .await?;
    let taken = db
        .update_many::<ticket_counter::Entity>()
        .col_expr(ticket_counter::Column::LastSequence, Expr::col(ticket_counter::Column::LastSequence).add(1))
        .filter(ticket_counter::Column::Series.eq(series.clone()))
        .exec_with_returning(db)
        .await?;
    let sequence = taken.first().map(|row| row.last_sequence).unwrap_or(1);
    Ok(format!("{series}-{sequence:06}"))
}

/// What a user submits.
#[derive(Clone, Debug)]
pub struct NewTicket {
    pub kind: TicketKind,
    pub priority: Priority,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Uuid>,
}

/// The paused stretches of a ticket.
pub async fn pauses_in(txn: &TenantTxn, ticket_id: Uuid) -> SupportResult<Vec<crm360_sla::Pause>> {
    let rows = txn
        .find::<ticket_pause::Entity>()
        .filter(ticket_pause::Column::TicketId.eq(ticket_id))
        .order_by_asc(ticket_pause::Column::PausedFrom)
        .all(txn)
        .await?;
    Ok(rows.into_iter().map(|p| crm360_sla::Pause { from: p.paused_from, to: p.paused_until }).collect())
}

/// The response deadline of a ticket under its calendar (None while paused).
pub fn deadline(cal: &crm360_sla::Calendar, t: &ticket::Model, pauses: &[crm360_sla::Pause]) -> Option<DateTime<Utc>> {
    cal.due(t.opened_at, t.priority.sla().response_target(), pauses)
}

async fn record(
    txn: &TenantTxn,
    ticket_id: Uuid,
    action: TicketAction,
    by: &Author,
    detail: Value,
) -> SupportResult<()> {
    txn.insert(ticket_event::ActiveModel {
        ticket_id: Set(ticket_id),
        action: Set(action),
        actor_kind: Set(by.kind),
        actor_id: Set(by.id),
        actor_name: Set(by.name.clone()),
        detail: Set(detail),
        at: Set(txn.now()),
        ..Default::default()
    })
    .await?;
    Ok(())
}

async fn add_message(
    txn: &TenantTxn,
    files: &Path,
    ticket_id: Uuid,
    by: &Author,
    body: &str,
    attachments: &[Pending],
    email_message_id: Option<String>,
) -> SupportResult<ticket_message::Model> {
    let message = txn
        .insert(ticket_message::ActiveModel {
            ticket_id: Set(ticket_id),
            author_kind: Set(by.kind),
            author_id: Set(by.id),
            author_name: Set(by.name.clone()),
            body: Set(body.to_owned()),
            email_message_id: Set(email_message_id),
            ..Default::default()
        })
        .await?;
    for pending in attachments {
        let row = txn
            .insert(ticket_attachment::ActiveModel {
                id: Set(pending.id),
                ticket_id: Set(ticket_id),
                message_id: Set(message.id),
                filename: Set(pending.filename.clone()),
                content_type: Set(pending.content_type.clone()),
                size_bytes: Set(pending.size_bytes),
                sha256: Set(pending.sha256.clone()),
                ..Default::default()
            })
            .await?;
        attachments::keep(files, txn.tenant_id(), &row)?;
    }
    Ok(message)
}

/// Opens a ticket in the product.
pub async fn open(scope: &TenantScope, files: &Path, new: NewTicket) -> SupportResult<ticket::Model> {
    let (author, email) = requester(scope).await?;
    let pending = attachments::claim(files, scope.tenant_id(), &new.attachments)?;
    open_as(scope, files, new, author, email, TicketChannel::Product, &pending, None).await
}

/// Opens a ticket for `author` (the product, or a message of the support mailbox).
#[allow(clippy::too_many_arguments)]
pub async fn open_as(
    scope: &TenantScope,
    files: &Path,
    new: NewTicket,
    author: Author,
    email: String,
    channel: TicketChannel,
    pending: &[Pending],
    email_message_id: Option<String>,
) -> SupportResult<ticket::Model> {
    let subject = text(&new.subject, "subject", MAX_SUBJECT)?;
    let body = text(&new.body, "body", MAX_BODY)?;
    let platform_db = scope.platform().unscoped(Why::SupportDesk);
    let (version, cal) = calendar::current(&platform_db).await?;
    let now = scope.now();
    let number = {
        let txn = platform_db.begin().await?;
        let number = take_number(&txn, now).await?;
        txn.commit().await?;
        number
    };
    let txn = scope.begin().await?;
    let mut row = ticket::ActiveModel {
        number: Set(number.clone()),
        kind: Set(new.kind),
        proposed_priority: Set(new.priority),
        priority: Set(new.priority),
        qualified_at: Set(None),
        status: Set(TicketStatus::Open),
        subject: Set(subject.clone()),
        channel: Set(channel),
        opened_by: Set(author.id),
        requester_email: Set(email),
        assigned_to: Set(None),
        opened_at: Set(now),
        responded_at: Set(None),
        due_at: Set(None),
        calendar_version: Set(version),
        workaround_at: Set(None),
        resolved_at: Set(None),
        closed_at: Set(None),
        closed_reason: Set(None),
        waiting_since: Set(None),
        ..Default::default()
    };
    row.due_at = Set(cal.due(now, new.priority.sla().response_target(), &[]));
    let saved = txn.insert(row).await?;
    add_message(&txn, files, saved.id, &author, &body, pending, email_message_id).await?;
    record(
        &txn,
        saved.id,
        TicketAction::Opened,
        &author,
        json!({ "channel": channel, "priority": new.priority, "kind": new.kind }),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> SupportResult<ticket::Model> {
    txn.find::<ticket::Entity>()
        .filter(ticket::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(SupportError::NotFound("ticket"))
}

/// Whether a tenant user may see this ticket: administrators see every ticket of their
/// tenant, other users those they opened.
pub fn visible_to(actor: &Actor, t: &ticket::Model) -> bool {
    match actor {
        Actor::TenantUser { is_admin: true, .. } => true,
        Actor::TenantUser { user_id, .. } => t.opened_by == Some(*user_id),
        Actor::Operator { .. } | Actor::System => true,
        _ => false,
    }
}

/// What support does to a ticket.
#[derive(Clone, Debug)]
pub enum StaffAction {
    /// Support takes the ticket in charge (the response time ends here).
    TakeInCharge,
    /// The final criticality, whatever the user proposed.
    Qualify(Priority),
    /// A workaround is in place: one level down, the deadline follows the new level.
    Workaround(String),
    Assign(Option<Uuid>),
    /// An answer; asking for information pauses the clock until the user replies.
    Answer {
        body: String,
        request_information: bool,
    },
    Resolve(String),
    /// Closed unresolved, by written agreement.
    CloseByAgreement(String),
}

/// The recipients of a ticket's notices.
struct Notice {
    to: String,
    subject: String,
    body: String,
}

/// Applies a staff action; the requester is notified of answers, resolution and closure.
pub async fn act(
    scope: &OperatorScope,
    files: &Path,
    tenant_id: Uuid,
    ticket_id: Uuid,
    action: StaffAction,
) -> SupportResult<ticket::Model> {
    let by = staff(scope).await?;
    let tenant = scope.on_tenant(tenant_id);
    let txn = tenant.begin().await?;
    let t = get_in(&txn, ticket_id).await?;
    let cal = calendar::version_in(&txn, t.calendar_version).await?;
    if t.status == TicketStatus::Closed {
        return Err(SupportError::InvalidState("the ticket is closed"));
    }
    let now = txn.now();
    let mut update: ticket::ActiveModel = t.clone().into();
    let mut notice = None;
    let respond = |update: &mut ticket::ActiveModel| {
        if t.responded_at.is_none() {
            update.responded_at = Set(Some(now));
        }
    };
    match &action {
        StaffAction::TakeInCharge => {
            respond(&mut update);
            if t.status == TicketStatus::Open {
                update.status = Set(TicketStatus::InProgress);
            }
            record(&txn, t.id, TicketAction::TakenInCharge, &by, json!({})).await?;
        }
        StaffAction::Qualify(priority) => {
            update.priority = Set(*priority);
            update.qualified_at = Set(Some(now));
            record(&txn, t.id, TicketAction::Qualified, &by, json!({ "from": t.priority, "to": priority })).await?;
        }
        StaffAction::Workaround(body) => {
            let body = text(body, "body", MAX_BODY)?;
            let lower = t.priority.lower();
            respond(&mut update);
            update.priority = Set(lower);
            update.workaround_at = Set(Some(now));
            add_message(&txn, files, t.id, &by, &body, &[], None).await?;
            record(&txn, t.id, TicketAction::Workaround, &by, json!({ "from": t.priority, "to": lower })).await?;
            notice = Some(Notice {
                to: t.requester_email.clone(),
                subject: format!("[{}] Solution de contournement", t.number),
                body: format!("{body}\n\nVotre ticket passe en criticité {lower:?}."),
            });
        }
        StaffAction::Assign(staff_id) => {
            update.assigned_to = Set(*staff_id);
            record(&txn, t.id, TicketAction::Assigned, &by, json!({ "to": staff_id })).await?;
        }
        StaffAction::Answer { body, request_information } => {
            let body = text(body, "body", MAX_BODY)?;
            // Asking for what is missing does not take the ticket in charge: the clock
            // stops until the user answers, then runs on.
            if !request_information {
                respond(&mut update);
            }
            add_message(&txn, files, t.id, &by, &body, &[], None).await?;
            if *request_information {
                if t.status != TicketStatus::WaitingForUser {
                    update.status = Set(TicketStatus::WaitingForUser);
                    update.waiting_since = Set(Some(now));
                    txn.insert(ticket_pause::ActiveModel {
                        ticket_id: Set(t.id),
                        paused_from: Set(now),
                        paused_until: Set(None),
                        ..Default::default()
                    })
                    .await?;
                }
                record(&txn, t.id, TicketAction::InformationRequested, &by, json!({})).await?;
            } else {
                if t.status == TicketStatus::Open {
                    update.status = Set(TicketStatus::InProgress);
                }
                record(&txn, t.id, TicketAction::Answered, &by, json!({})).await?;
            }
            notice = Some(Notice {
                to: t.requester_email.clone(),
                subject: format!("[{}] Réponse du support : {}", t.number, t.subject),
                body,
            });
        }
        StaffAction::Resolve(body) => {
            let body = text(body, "body", MAX_BODY)?;
            respond(&mut update);
            end_pause(&txn, t.id, now).await?;
            update.status = Set(TicketStatus::Resolved);
            update.resolved_at = Set(Some(now));
            update.waiting_since = Set(None);
            add_message(&txn, files, t.id, &by, &body, &[], None).await?;
            record(&txn, t.id, TicketAction::Resolved, &by, json!({})).await?;
            notice = Some(Notice {
                to: t.requester_email.clone(),
                subject: format!("[{}] Ticket résolu : {}", t.number, t.subject),
                body: format!("{body}\n\nSi le problème persiste, répondez à ce ticket : il sera rouvert."),
            });
        }
        StaffAction::CloseByAgreement(body) => {
            let body = text(body, "body", MAX_BODY)?;
            end_pause(&txn, t.id, now).await?;
            add_message(&txn, files, t.id, &by, &body, &[], None).await?;
            notice = Some(close(&txn, &mut update, &t, ClosedReason::Agreement, &by, now).await?);
        }
    }
    update.updated_at = Set(now);
    let saved = txn.update(update).await?;
    let saved = refresh_due(&txn, &cal, saved).await?;
    if let Some(notice) = notice {
        notify(&txn, notice).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

async fn end_pause(txn: &TenantTxn, ticket_id: Uuid, now: DateTime<Utc>) -> SupportResult<()> {
    txn.update_many::<ticket_pause::Entity>()
        .col_expr(ticket_pause::Column::PausedUntil, Expr::value(Some(now)))
        .filter(ticket_pause::Column::TicketId.eq(ticket_id))
        .filter(ticket_pause::Column::PausedUntil.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

async fn close(
    txn: &TenantTxn,
    update: &mut ticket::ActiveModel,
    t: &ticket::Model,
    reason: ClosedReason,
    by: &Author,
    now: DateTime<Utc>,
) -> SupportResult<Notice> {
    update.status = Set(TicketStatus::Closed);
    update.closed_at = Set(Some(now));
    update.closed_reason = Set(Some(reason));
    update.waiting_since = Set(None);
    record(txn, t.id, TicketAction::Closed, by, json!({ "reason": reason })).await?;
    let why = match reason {
        ClosedReason::Resolved => "après sa résolution",
        ClosedReason::NoAnswer => "faute de réponse à notre demande d’informations",
        ClosedReason::Agreement => "d’un commun accord",
    };
    Ok(Notice {
        to: t.requester_email.clone(),
        subject: format!("[{}] Ticket clos : {}", t.number, t.subject),
        body: format!("Votre ticket {} « {} » est clos {why}.", t.number, t.subject),
    })
}

/// Recomputes the stored deadline from the ticket's pauses (the queue sorts on it).
async fn refresh_due(txn: &TenantTxn, cal: &crm360_sla::Calendar, t: ticket::Model) -> SupportResult<ticket::Model> {
    let pauses = pauses_in(txn, t.id).await?;
    let due = deadline(cal, &t, &pauses);
    if due == t.due_at {
        return Ok(t);
    }
    let mut update: ticket::ActiveModel = t.into();
    update.due_at = Set(due);
    Ok(txn.update(update).await?)
}

async fn notify(txn: &TenantTxn, notice: Notice) -> SupportResult<()> {
    let n = Notification::new(notice.to, Language::Fr, NotificationKind::Notice)
        .with("subject", notice.subject)
        .with("body", notice.body);
    txn.notify(&n).await?;
    Ok(())
}

/// A user's reply: a ticket waiting for them resumes (the clock runs again), a resolved one
/// reopens.
pub async fn reply(
    scope: &TenantScope,
    files: &Path,
    ticket_id: Uuid,
    body: &str,
    attachment_ids: &[Uuid],
) -> SupportResult<ticket::Model> {
    let (author, _) = requester(scope).await?;
    let pending = attachments::claim(files, scope.tenant_id(), attachment_ids)?;
    reply_as(scope, files, ticket_id, body, author, &pending, None).await
}

pub async fn reply_as(
    scope: &TenantScope,
    files: &Path,
    ticket_id: Uuid,
    body: &str,
    author: Author,
    pending: &[Pending],
    email_message_id: Option<String>,
) -> SupportResult<ticket::Model> {
    let body = text(body, "body", MAX_BODY)?;
    let txn = scope.begin().await?;
    let t = get_in(&txn, ticket_id).await?;
    if !visible_to(scope.actor(), &t) && author.kind != AuthorKind::User {
        return Err(SupportError::NotFound("ticket"));
    }
    if t.status == TicketStatus::Closed {
        return Err(SupportError::InvalidState("the ticket is closed: open a new one"));
    }
    let cal = calendar::version_in(&txn, t.calendar_version).await?;
    let now = txn.now();
    add_message(&txn, files, t.id, &author, &body, pending, email_message_id).await?;
    let mut update: ticket::ActiveModel = t.clone().into();
    match t.status {
        TicketStatus::WaitingForUser => {
            end_pause(&txn, t.id, now).await?;
            update.status = Set(if t.responded_at.is_some() { TicketStatus::InProgress } else { TicketStatus::Open });
            update.waiting_since = Set(None);
            record(&txn, t.id, TicketAction::UserReplied, &author, json!({ "resumed": true })).await?;
        }
        TicketStatus::Resolved => {
            update.status = Set(TicketStatus::InProgress);
            update.resolved_at = Set(None);
            record(&txn, t.id, TicketAction::Reopened, &author, json!({})).await?;
        }
        _ => record(&txn, t.id, TicketAction::UserReplied, &author, json!({})).await?,
    }
    update.updated_at = Set(now);
    let saved = txn.update(update).await?;
    let saved = refresh_due(&txn, &cal, saved).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Closes what the rules close by themselves: resolved tickets after `after_resolution`,
/// tickets waiting for a user silent for `after_silence`. How many.
pub async fn close_due(
    scope: &OperatorScope,
    tenant_id: Uuid,
    after_resolution: Duration,
    after_silence: Duration,
) -> SupportResult<usize> {
    let tenant = scope.on_tenant(tenant_id);
    let txn = tenant.begin().await?;
    let now = txn.now();
    let resolved = txn
        .find::<ticket::Entity>()
        .filter(ticket::Column::Status.eq(TicketStatus::Resolved))
        .filter(ticket::Column::ResolvedAt.lte(now - after_resolution))
        .all(&txn)
        .await?;
    let silent = txn
        .find::<ticket::Entity>()
        .filter(ticket::Column::Status.eq(TicketStatus::WaitingForUser))
        .filter(ticket::Column::WaitingSince.lte(now - after_silence))
        .all(&txn)
        .await?;
    let mut closed = 0;
    for (t, reason) in
        resolved.iter().map(|t| (t, ClosedReason::Resolved)).chain(silent.iter().map(|t| (t, ClosedReason::NoAnswer)))
    {
        let mut update: ticket::ActiveModel = t.clone().into();
        if reason == ClosedReason::NoAnswer {
            end_pause(&txn, t.id, now).await?;
        }
        let notice = close(&txn, &mut update, t, reason, &Author::system(), now).await?;
        update.updated_at = Set(now);
        txn.update(update).await?;
        notify(&txn, notice).await?;
        closed += 1;
    }
    txn.commit().await?;
    Ok(closed)
}

/// A ticket as its reader sees it: its thread, attachments and interventions.
pub struct TicketView {
    pub ticket: ticket::Model,
    pub messages: Vec<ticket_message::Model>,
    pub attachments: Vec<ticket_attachment::Model>,
    pub events: Vec<ticket_event::Model>,
    pub pauses: Vec<crm360_sla::Pause>,
}

pub async fn view(scope: &TenantScope, ticket_id: Uuid) -> SupportResult<TicketView> {
    let txn = scope.begin().await?;
    let t = get_in(&txn, ticket_id).await?;
    if !visible_to(scope.actor(), &t) {
        return Err(SupportError::NotFound("ticket"));
    }
    let messages = txn
        .find::<ticket_message::Entity>()
        .filter(ticket_message::Column::TicketId.eq(t.id))
        .order_by_asc(ticket_message::Column::Id)
        .all(&txn)
        .await?;
    let attachments = txn
        .find::<ticket_attachment::Entity>()
        .filter(ticket_attachment::Column::TicketId.eq(t.id))
        .order_by_asc(ticket_attachment::Column::Id)
        .all(&txn)
        .await?;
    let events = txn
        .find::<ticket_event::Entity>()
        .filter(ticket_event::Column::TicketId.eq(t.id))
        .order_by_asc(ticket_event::Column::Id)
        .all(&txn)
        .await?;
    let pauses = pauses_in(&txn, t.id).await?;
    txn.commit().await?;
    Ok(TicketView { ticket: t, messages, attachments, events, pauses })
}

/// The tenant's tickets its reader may see, the latest first.
pub async fn list(scope: &TenantScope, page: &crm360_kernel::pagination::Page) -> SupportResult<Vec<ticket::Model>> {
    let txn = scope.begin().await?;
    let mut query = txn.find::<ticket::Entity>();
    if let Actor::TenantUser { is_admin: false, user_id, .. } = scope.actor() {
        query = query.filter(ticket::Column::OpenedBy.eq(*user_id));
    }
    let rows = page.apply(query, ticket::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Filters of the support queue.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub tenant_id: Option<Uuid>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub assigned_to: Option<Uuid>,
    pub include_closed: bool,
}

/// The support queue across tenants (operator staff): the earliest deadline first, paused
/// tickets (no deadline running) after.
pub async fn queue(scope: &OperatorScope, filter: &QueueFilter, limit: u64) -> SupportResult<Vec<ticket::Model>> {
    let db = scope.unscoped();
    let mut query = db.find::<ticket::Entity>();
    if let Some(tenant) = filter.tenant_id {
        query = query.filter(ticket::Column::TenantId.eq(tenant));
    }
    if let Some(status) = filter.status {
        query = query.filter(ticket::Column::Status.eq(status));
    } else if !filter.include_closed {
        query = query.filter(ticket::Column::Status.ne(TicketStatus::Closed));
    }
    if let Some(priority) = filter.priority {
        query = query.filter(ticket::Column::Priority.eq(priority));
    }
    if let Some(staff) = filter.assigned_to {
        query = query.filter(ticket::Column::AssignedTo.eq(staff));
    }
    let mut rows = sea_orm::QuerySelect::limit(query.order_by_asc(ticket::Column::OpenedAt), 5_000).all(&db).await?;
    // Deadlines first (earliest on top), then the paused ones, then those already answered.
    rows.sort_by_key(|t| (t.responded_at.is_some(), t.due_at.is_none(), t.due_at, t.opened_at));
    rows.truncate(limit as usize);
    Ok(rows)
}
