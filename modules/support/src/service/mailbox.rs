//! The support mailbox: messages dropped in a Maildir folder (`new/`), parsed with a
//! maintained MIME parser, matched to the sender's user and tenant; a message whose subject
//! carries a ticket's number (`[T-2026-000042]`) is threaded into that ticket, any other
//! opens a ticket (a question, P3 proposed). A sender who is no open user of exactly one
//! tenant is refused (logged, never opened). Processed messages move to `cur/`.

use super::attachments::{self, Pending};
use super::tickets::{self, Author, NewTicket};
use crate::error::{SupportError, SupportResult};
use crate::model::{AuthorKind, Priority, TicketChannel, TicketKind, ticket};
use crm360_kernel::scope::OperatorScope;
use mail_parser::{MessageParser, MimeHeaders};
use sea_orm::{ColumnTrait, QueryFilter};
use std::path::Path;

/// What one reading of the mailbox did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MailboxReport {
    pub opened: usize,
    pub threaded: usize,
    pub refused: usize,
}

/// A ticket number in a subject: `T-2026-000042`.
pub fn ticket_number_in(subject: &str) -> Option<String> {
    let bytes = subject.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let candidate = subject.get(i..i + 13)?;
        let b = candidate.as_bytes();
        let ok = b[0] == b'T'
            && b[1] == b'-'
            && b[2..6].iter().all(u8::is_ascii_digit)
            && b[6] == b'-'
            && b[7..13].iter().all(u8::is_ascii_digit);
        ok.then(|| candidate.to_owned())
    })
}

/// Reads every waiting message.
pub async fn read(scope: &OperatorScope, files: &Path, maildir: &Path) -> SupportResult<MailboxReport> {
    let mut report = MailboxReport::default();
    let waiting = crm360_delivery::bounce::waiting(maildir).map_err(|err| SupportError::Storage(err.to_string()))?;
    for (path, bytes) in waiting {
        match take(scope, files, &bytes).await {
            Ok(Some(true)) => report.threaded += 1,
            Ok(Some(false)) => report.opened += 1,
            Ok(None) => report.refused += 1,
            Err(err) => {
                // Left in new/ to be tried again (a database that was down, a full disk).
                tracing::warn!(error = %err, file = %path.display(), "support mailbox: message not taken");
                continue;
            }
        }
        crm360_delivery::bounce::mark_processed(&path).map_err(|err| SupportError::Storage(err.to_string()))?;
    }
    Ok(report)
}

/// One message: `Some(true)` threaded, `Some(false)` opened, `None` refused.
async fn take(scope: &OperatorScope, files: &Path, raw: &[u8]) -> SupportResult<Option<bool>> {
    let Some(message) = MessageParser::default().parse(raw) else {
        tracing::warn!("support mailbox: not a message");
        return Ok(None);
    };
    let Some(from) = message.from().and_then(|f| f.first()).and_then(|a| a.address()).map(|a| a.trim().to_lowercase())
    else {
        return Ok(None);
    };
    let subject = message.subject().unwrap_or("(sans objet)").trim().to_owned();
    let number = ticket_number_in(&subject);
    let users = crm360_identity::service::tenants::users_by_email(scope, &from).await?;
    // The sender's tenant: the one of the ticket named, or the only one they belong to.
    let mut matched = None;
    for user in &users {
        let tenant = scope.on_tenant(user.tenant_id);
        let found = match &number {
            Some(number) => {
                let txn = tenant.begin().await?;
                let found =
                    txn.find::<ticket::Entity>().filter(ticket::Column::Number.eq(number.clone())).one(&txn).await?;
                txn.commit().await?;
                found
            }
            None => None,
        };
        if found.is_some() || users.len() == 1 {
            matched = Some((user.clone(), found));
            break;
        }
    }
    let Some((user, found)) = matched else {
        tracing::info!(users = users.len(), "support mailbox: the sender is no user of exactly one tenant; refused");
        return Ok(None);
    };
    let tenant = scope.on_tenant(user.tenant_id);
    let author = Author {
        kind: AuthorKind::User,
        id: Some(user.id),
        name: format!("{} {}", user.first_name, user.last_name).trim().to_owned(),
    };
    let mut body = message.body_text(0).map(|b| b.trim().to_owned()).unwrap_or_default();
    let mut kept: Vec<Pending> = Vec::new();
    for part in message.attachments() {
        let name = part.attachment_name().unwrap_or("piece-jointe");
        match attachments::store_received(files, user.tenant_id, name, part.contents()) {
            Ok(pending) if kept.len() < attachments::MAX_PER_MESSAGE => kept.push(pending),
            Ok(_) | Err(_) => {
                body.push_str(&format!("\n\n[Pièce jointe refusée : {}]", attachments::clean_filename(name)))
            }
        }
    }
    if body.is_empty() {
        body = "(message vide)".to_owned();
    }
    let message_id = message.message_id().map(str::to_owned);
    match found {
        Some(t) => {
            let saved = tickets::reply_as(&tenant, files, t.id, &body, author.clone(), &kept, message_id.clone()).await;
            match saved {
                Ok(_) => Ok(Some(true)),
                // A closed ticket: the reply opens a new one, which names the old.
                Err(SupportError::InvalidState(_)) => {
                    let new = NewTicket {
                        kind: TicketKind::Question,
                        priority: Priority::P3,
                        subject: format!("Suite de {} : {subject}", t.number),
                        body,
                        attachments: Vec::new(),
                    };
                    tickets::open_as(&tenant, files, new, author, user.email, TicketChannel::Email, &kept, message_id)
                        .await?;
                    Ok(Some(false))
                }
                Err(err) => Err(err),
            }
        }
        None => {
            let new = NewTicket {
                kind: TicketKind::Question,
                priority: Priority::P3,
                subject,
                body,
                attachments: Vec::new(),
            };
            tickets::open_as(&tenant, files, new, author, user.email, TicketChannel::Email, &kept, message_id).await?;
            Ok(Some(false))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_ticket_number_in_a_reply_subject() {
        assert_eq!(ticket_number_in("RE: [T-2026-000042] Réponse du support"), Some("T-2026-000042".to_owned()));
        assert_eq!(ticket_number_in("Import bloqué"), None);
        assert_eq!(ticket_number_in("T-26-42"), None);
        assert_eq!(ticket_number_in("Re: é T-2027-000001"), Some("T-2027-000001".to_owned()));
    }
}
