//! The platform's transactional mail: the one notifications service.
//!
//! Any module asks for a message with `txn.notify(&notification)` (see
//! [`crm360_kernel::notify`]): a durable job of kind [`crm360_kernel::notify::KIND`],
//! committed with the change that causes it. This job renders it in the recipient's language
//! ([`compose`], pure) and sends it through the platform's SMTP transport.
//!
//! - No transport configured: a warning is logged (never the address) and the job succeeds.
//! - A temporary failure fails the job, which the kernel retries with backoff.
//! - A permanent refusal, or a message that cannot be sent as it is, is logged and the job
//!   succeeds: retrying cannot help.
//!
//! The Message-ID derives from the job's id: a job retried after a lost answer sends the same
//! message again, which the receiving side can recognise as such.

use crm360_delivery::transport::{Mailbox, OutgoingEmail, SendError, SmtpTransport};
use crm360_kernel::notify::{Language, Notification, NotificationKind};
use crm360_kernel::{Job, JobContext, JobFailure};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The notifications job: the payload is the kernel's Notification.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SendNotification(pub Notification);

/// What the notifications job needs: the transport (none when no SMTP is configured), the
/// platform's sender, and its public URL for the links of the messages.
#[derive(Clone)]
pub struct NotificationDeps {
    pub transport: Option<SmtpTransport>,
    pub from: Mailbox,
    pub public_url: String,
}

impl Job for SendNotification {
    const KIND: &'static str = crm360_kernel::notify::KIND;
    type Deps = NotificationDeps;

    async fn run(self, ctx: JobContext, deps: NotificationDeps) -> Result<(), JobFailure> {
        let notification = self.0;
        let kind = kind_name(notification.kind);
        let Some(transport) = &deps.transport else {
            tracing::warn!(kind, "no SMTP transport is configured: the notification is not sent");
            return Ok(());
        };
        let composed = compose(&notification, &deps.public_url);
        let email = OutgoingEmail {
            from: deps.from.clone(),
            reply_to: None,
            to: notification.to.clone(),
            subject: composed.subject,
            html: Some(composed.html),
            text: composed.text,
            message_id: message_id(ctx.id, &deps.from.address),
            // RFC 3834: no out-of-office replies to the platform's messages.
            headers: vec![("Auto-Submitted".to_owned(), "auto-generated".to_owned())],
        };
        match transport.send(&email).await {
            Ok(()) => {
                tracing::info!(kind, "notification sent");
                Ok(())
            }
            Err(SendError::Temporary(cause)) => {
                Err(JobFailure::new(format!("temporary SMTP failure: {}", redact(&cause, &notification.to))))
            }
            Err(SendError::Permanent(cause)) => {
                let cause = redact(&cause, &notification.to);
                tracing::warn!(kind, cause, "the notification was refused for good: not retried");
                Ok(())
            }
            Err(SendError::Invalid(cause)) => {
                let cause = redact(&cause, &notification.to);
                tracing::error!(kind, cause, "the notification cannot be sent as it is: not retried");
                Ok(())
            }
        }
    }
}

/// The stable name of a kind, for logs.
fn kind_name(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Invitation => "INVITATION",
        NotificationKind::PasswordReset => "PASSWORD_RESET",
        NotificationKind::PasswordChanged => "PASSWORD_CHANGED",
        NotificationKind::Notice => "NOTICE",
    }
}

/// The Message-ID of the job `job_id`'s message, in the sender's domain (the same at every
/// attempt of the job).
pub fn message_id(job_id: Uuid, from_address: &str) -> String {
    let domain = from_address
        .rsplit_once('@')
        .map(|(_, domain)| domain.trim())
        .filter(|domain| !domain.is_empty() && domain.bytes().all(|b| b.is_ascii_graphic() && !b"<>@".contains(&b)))
        .unwrap_or("crm360.invalid");
    format!("{}.notification@{domain}", job_id.simple())
}

/// `text` without the recipient's address (SMTP replies often quote it): logs and job errors
/// keep no personal data.
fn redact(text: &str, address: &str) -> String {
    let address = address.trim();
    if address.is_empty() {
        return text.to_owned();
    }
    let lower_text = text.to_lowercase();
    let lower_address = address.to_lowercase();
    if lower_text.len() != text.len() {
        // Lower-casing changed byte offsets (non-ASCII): an exact replacement only.
        return text.replace(address, "<recipient>");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (at, _) in lower_text.match_indices(&lower_address) {
        out.push_str(&text[rest..at]);
        out.push_str("<recipient>");
        rest = at + lower_address.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// A rendered message: its subject, plain text and HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One piece of a message's body, rendered as text and as HTML.
enum Block {
    /// A paragraph of plain words (escaped in HTML).
    Paragraph(String),
    /// A link, as a button in HTML and on its own line in text.
    Action { label: String, url: String },
}

/// The subject, text and HTML of a notification in its language (pure; unit-tested).
pub fn compose(n: &Notification, public_url: &str) -> Composed {
    let public_url = public_url.trim().trim_end_matches('/');
    let param = |key: &str| n.params.get(key).map(|value| value.trim()).filter(|value| !value.is_empty());
    let fr = n.language == Language::Fr;
    let greeting = match (fr, param("first_name")) {
        (true, Some(name)) => format!("Bonjour {name},"),
        (true, None) => "Bonjour,".to_owned(),
        (false, Some(name)) => format!("Hello {name},"),
        (false, None) => "Hello,".to_owned(),
    };
    let link = param("link").unwrap_or(public_url).to_owned();
    let (subject, blocks) = match n.kind {
        NotificationKind::PasswordReset => {
            let minutes = param("valid_minutes").unwrap_or("30");
            if fr {
                (
                    "Réinitialisation de votre mot de passe crm360".to_owned(),
                    vec![
                        Block::Paragraph(
                            "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte \
                             crm360. Pour choisir un nouveau mot de passe, ouvrez ce lien :"
                                .to_owned(),
                        ),
                        Block::Action { label: "Choisir un nouveau mot de passe".to_owned(), url: link },
                        Block::Paragraph(format!(
                            "Ce lien est valable {minutes} minutes et ne peut servir qu’une seule fois."
                        )),
                        Block::Paragraph(
                            "Si vous n’êtes pas à l’origine de cette demande, ignorez simplement ce message : \
                             votre mot de passe actuel reste inchangé."
                                .to_owned(),
                        ),
                    ],
                )
            } else {
                (
                    "Reset your crm360 password".to_owned(),
                    vec![
                        Block::Paragraph(
                            "We received a request to reset the password of your crm360 account. To choose a \
                             new password, open this link:"
                                .to_owned(),
                        ),
                        Block::Action { label: "Choose a new password".to_owned(), url: link },
                        Block::Paragraph(format!(
                            "This link is valid for {minutes} minutes and can be used only once."
                        )),
                        Block::Paragraph(
                            "If you did not make this request, simply ignore this message: your current \
                             password remains unchanged."
                                .to_owned(),
                        ),
                    ],
                )
            }
        }
        NotificationKind::Invitation => {
            let days = param("valid_days").unwrap_or("7");
            let tenant = param("tenant");
            let inviter = param("inviter");
            if fr {
                let subject = match tenant {
                    Some(tenant) => format!("Invitation à rejoindre {tenant} sur crm360"),
                    None => "Votre invitation à crm360".to_owned(),
                };
                let space = tenant.map_or_else(|| "crm360".to_owned(), |t| format!("l’espace « {t} » sur crm360"));
                let opened = match inviter {
                    Some(inviter) => format!("{inviter} vous a ouvert un accès à {space}."),
                    None => format!("Un accès à {space} vient de vous être ouvert."),
                };
                (
                    subject,
                    vec![
                        Block::Paragraph(opened),
                        Block::Paragraph(
                            "Pour l’activer, choisissez votre mot de passe en ouvrant ce lien :".to_owned(),
                        ),
                        Block::Action { label: "Choisir mon mot de passe".to_owned(), url: link },
                        Block::Paragraph(format!(
                            "Ce lien est valable {days} jours et ne peut servir qu’une seule fois. Vous vous \
                             connecterez ensuite avec cette adresse e-mail."
                        )),
                        Block::Paragraph(
                            "Si vous ne vous attendiez pas à cette invitation, vous pouvez ignorer ce message."
                                .to_owned(),
                        ),
                    ],
                )
            } else {
                let subject = match tenant {
                    Some(tenant) => format!("You are invited to join {tenant} on crm360"),
                    None => "Your invitation to crm360".to_owned(),
                };
                let space = tenant.map_or_else(|| "crm360".to_owned(), |t| format!("the “{t}” workspace on crm360"));
                let opened = match inviter {
                    Some(inviter) => format!("{inviter} has opened an access to {space} for you."),
                    None => format!("An access to {space} has just been opened for you."),
                };
                (
                    subject,
                    vec![
                        Block::Paragraph(opened),
                        Block::Paragraph("To activate it, choose your password by opening this link:".to_owned()),
                        Block::Action { label: "Choose my password".to_owned(), url: link },
                        Block::Paragraph(format!(
                            "This link is valid for {days} days and can be used only once. You will then sign \
                             in with this email address."
                        )),
                        Block::Paragraph(
                            "If you were not expecting this invitation, you can ignore this message.".to_owned(),
                        ),
                    ],
                )
            }
        }
        NotificationKind::PasswordChanged => {
            let forgot = format!("{public_url}/mot-de-passe-oublie");
            let when = match (param("date"), param("time"), param("at")) {
                (Some(date), Some(time), _) if fr => format!(" le {date} à {time}"),
                (Some(date), Some(time), _) => format!(" on {date} at {time}"),
                (_, _, Some(at)) if fr => format!(" le {at}"),
                (_, _, Some(at)) => format!(" on {at}"),
                _ => String::new(),
            };
            if fr {
                (
                    "Votre mot de passe crm360 a été modifié".to_owned(),
                    vec![
                        Block::Paragraph(format!("Le mot de passe de votre compte crm360 a été modifié{when}.")),
                        Block::Paragraph(
                            "Si vous êtes à l’origine de ce changement, vous n’avez rien à faire. Par sécurité, \
                             les sessions ouvertes sur votre compte ont été fermées."
                                .to_owned(),
                        ),
                        Block::Paragraph(
                            "Si ce n’est pas vous, réinitialisez sans attendre votre mot de passe et prévenez \
                             l’administrateur de votre compte :"
                                .to_owned(),
                        ),
                        Block::Action { label: "Réinitialiser mon mot de passe".to_owned(), url: forgot },
                    ],
                )
            } else {
                (
                    "Your crm360 password was changed".to_owned(),
                    vec![
                        Block::Paragraph(format!("The password of your crm360 account was changed{when}.")),
                        Block::Paragraph(
                            "If you made this change, there is nothing to do. For your security, the sessions \
                             open on your account were closed."
                                .to_owned(),
                        ),
                        Block::Paragraph(
                            "If it was not you, reset your password right away and tell your account's \
                             administrator:"
                                .to_owned(),
                        ),
                        Block::Action { label: "Reset my password".to_owned(), url: forgot },
                    ],
                )
            }
        }
        NotificationKind::Notice => {
            let subject = param("subject").map_or_else(
                || if fr { "Information crm360".to_owned() } else { "crm360 notice".to_owned() },
                str::to_owned,
            );
            let body = n.params.get("body").map(|body| body.trim()).unwrap_or_default();
            let blocks = body
                .split("\n\n")
                .map(str::trim)
                .filter(|paragraph| !paragraph.is_empty())
                .map(|paragraph| Block::Paragraph(paragraph.to_owned()))
                .collect();
            (subject, blocks)
        }
    };
    // A subject is one line.
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let closing = if fr { ["Cordialement,", "L’équipe crm360"] } else { ["Kind regards,", "The crm360 team"] };
    Composed {
        text: render_text(&greeting, &blocks, closing, public_url),
        html: render_html(n.language, &subject, &greeting, &blocks, closing, public_url),
        subject,
    }
}

fn render_text(greeting: &str, blocks: &[Block], closing: [&str; 2], public_url: &str) -> String {
    let mut text = format!("{greeting}\n\n");
    for block in blocks {
        match block {
            Block::Paragraph(words) => text.push_str(words),
            Block::Action { url, .. } => text.push_str(url),
        }
        text.push_str("\n\n");
    }
    text.push_str(&format!("{}\n{}\n{public_url}\n", closing[0], closing[1]));
    text
}

fn render_html(
    language: Language,
    subject: &str,
    greeting: &str,
    blocks: &[Block],
    closing: [&str; 2],
    public_url: &str,
) -> String {
    let lang = match language {
        Language::Fr => "fr",
        Language::En => "en",
    };
    let paragraph = "margin:0 0 16px 0;line-height:1.5";
    let mut body = format!("<p style=\"{paragraph}\">{}</p>\n", escape(greeting));
    for block in blocks {
        match block {
            Block::Paragraph(words) => {
                let words = escape(words).replace('\n', "<br>\n");
                body.push_str(&format!("<p style=\"{paragraph}\">{words}</p>\n"));
            }
            Block::Action { label, url } => {
                let (label, url) = (escape(label), escape(url));
                body.push_str(&format!(
                    "<p style=\"margin:24px 0\"><a href=\"{url}\" style=\"display:inline-block;padding:12px 20px;\
                     background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold\">\
                     {label}</a></p>\n<p style=\"{paragraph};font-size:13px;color:#555555;word-break:break-all\">\
                     <a href=\"{url}\" style=\"color:#1d4ed8\">{url}</a></p>\n"
                ));
            }
        }
    }
    body.push_str(&format!(
        "<p style=\"{paragraph}\">{}<br>\n{}</p>\n<p style=\"margin:32px 0 0 0;font-size:12px;color:#777777\">\
         <a href=\"{url}\" style=\"color:#777777\">{url}</a></p>\n",
        escape(closing[0]),
        escape(closing[1]),
        url = escape(public_url),
    ));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n\
         <body style=\"margin:0;padding:24px;background:#f5f5f5;font-family:Arial,Helvetica,sans-serif;\
         font-size:15px;color:#222222\">\n<div style=\"max-width:560px;margin:0 auto;padding:32px;\
         background:#ffffff;border-radius:8px\">\n{body}</div>\n</body>\n</html>\n",
        escape(subject)
    )
}

/// Text escaped for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://crm.exemple.fr";

    fn reset(language: Language) -> Notification {
        Notification::new("jeanne@exemple.fr", language, NotificationKind::PasswordReset)
            .with("link", "https://crm.exemple.fr/reinitialiser-mot-de-passe#token=abc&x=1")
            .with("valid_minutes", "30")
            .with("first_name", "Jeanne")
    }

    fn every_kind(language: Language) -> Vec<Notification> {
        vec![
            reset(language),
            Notification::new("a@exemple.fr", language, NotificationKind::Invitation)
                .with("link", "https://crm.exemple.fr/reinitialiser-mot-de-passe#token=t&invitation=1")
                .with("tenant", "Acme")
                .with("inviter", "Alice Admin")
                .with("valid_days", "7"),
            Notification::new("a@exemple.fr", language, NotificationKind::PasswordChanged)
                .with("date", "26/11/2026")
                .with("time", "10:00"),
            Notification::new("a@exemple.fr", language, NotificationKind::Notice)
                .with("subject", "Maintenance")
                .with("body", "Une maintenance est prévue.\n\nMerci."),
        ]
    }

    #[test]
    fn a_reset_reads_in_french_and_in_english_with_its_link_and_validity() {
        let fr = compose(&reset(Language::Fr), URL);
        assert_eq!(fr.subject, "Réinitialisation de votre mot de passe crm360");
        assert!(fr.text.starts_with("Bonjour Jeanne,\n\n"), "{}", fr.text);
        assert!(fr.text.contains("\nhttps://crm.exemple.fr/reinitialiser-mot-de-passe#token=abc&x=1\n"));
        assert!(fr.text.contains("valable 30 minutes"));
        assert!(fr.text.contains("ignorez simplement ce message"));
        assert!(fr.html.contains("<html lang=\"fr\">"));
        assert!(fr.html.contains("href=\"https://crm.exemple.fr/reinitialiser-mot-de-passe#token=abc&amp;x=1\""));

        let en = compose(&reset(Language::En), URL);
        assert_eq!(en.subject, "Reset your crm360 password");
        assert!(en.text.starts_with("Hello Jeanne,\n\n"));
        assert!(en.text.contains("valid for 30 minutes"));
        assert!(en.html.contains("<html lang=\"en\">"));
    }

    #[test]
    fn an_invitation_names_the_tenant_and_the_inviter() {
        let n = &every_kind(Language::Fr)[1];
        let fr = compose(n, URL);
        assert_eq!(fr.subject, "Invitation à rejoindre Acme sur crm360");
        assert!(fr.text.contains("Alice Admin vous a ouvert un accès à l’espace « Acme » sur crm360."), "{}", fr.text);
        assert!(fr.text.contains("valable 7 jours"));
        let bare = Notification::new("a@exemple.fr", Language::Fr, NotificationKind::Invitation).with("link", "L");
        let bare = compose(&bare, URL);
        assert_eq!(bare.subject, "Votre invitation à crm360");
        assert!(bare.text.contains("Un accès à crm360 vient de vous être ouvert."), "{}", bare.text);
        let en = compose(&every_kind(Language::En)[1], URL);
        assert!(en.text.contains("Alice Admin has opened an access to the “Acme” workspace on crm360 for you."));
    }

    #[test]
    fn a_password_change_says_when_and_what_to_do_if_it_was_not_you() {
        let fr = compose(&every_kind(Language::Fr)[2], URL);
        assert!(fr.text.contains("a été modifié le 26/11/2026 à 10:00."), "{}", fr.text);
        assert!(fr.text.contains("https://crm.exemple.fr/mot-de-passe-oublie"));
        let en = compose(&every_kind(Language::En)[2], URL);
        assert!(en.text.contains("was changed on 26/11/2026 at 10:00."), "{}", en.text);
    }

    #[test]
    fn parameters_are_escaped_in_the_html_and_kept_as_they_are_in_the_text() {
        let hostile = Notification::new("a@exemple.fr", Language::Fr, NotificationKind::Invitation)
            .with("link", "https://crm.exemple.fr/x#token=\"><script>alert(1)</script>")
            .with("tenant", "<b>Acme & Cie</b>")
            .with("inviter", "O'Brien <img src=x onerror=alert(1)>");
        let composed = compose(&hostile, URL);
        for raw in ["<script>", "<b>", "<img", "\"><script"] {
            assert!(!composed.html.contains(raw), "{raw} in {}", composed.html);
        }
        assert!(composed.html.contains("&lt;b&gt;Acme &amp; Cie&lt;/b&gt;"));
        assert!(composed.html.contains("O&#39;Brien &lt;img src=x onerror=alert(1)&gt;"));
        assert!(composed.text.contains("<b>Acme & Cie</b>"), "the text part is plain text");
        let notice = Notification::new("a@exemple.fr", Language::En, NotificationKind::Notice)
            .with("subject", "Hi <there>\r\nBcc: x@evil.test")
            .with("body", "<i>1</i>");
        let composed = compose(&notice, URL);
        assert_eq!(composed.subject, "Hi <there> Bcc: x@evil.test", "one line");
        assert!(composed.html.contains("&lt;i&gt;1&lt;/i&gt;") && !composed.html.contains("<i>"));
    }

    #[test]
    fn every_kind_has_a_subject_a_greeting_and_a_signature_in_both_languages() {
        for language in [Language::Fr, Language::En] {
            for n in every_kind(language) {
                let composed = compose(&n, "https://crm.exemple.fr/");
                assert!(!composed.subject.is_empty() && !composed.subject.contains('\n'), "{n:?}");
                let (hello, bye) = match language {
                    Language::Fr => ("Bonjour", "L’équipe crm360"),
                    Language::En => ("Hello", "The crm360 team"),
                };
                assert!(composed.text.starts_with(hello) && composed.text.contains(bye), "{}", composed.text);
                assert!(composed.text.ends_with("https://crm.exemple.fr\n"), "{}", composed.text);
                assert!(composed.html.starts_with("<!DOCTYPE html>") && composed.html.contains(bye));
            }
        }
        let notice = compose(&every_kind(Language::Fr)[3], URL);
        assert!(notice.text.contains("Une maintenance est prévue.\n\nMerci.\n\n"), "{}", notice.text);
    }

    #[test]
    fn the_message_id_is_the_same_at_every_attempt_of_a_job() {
        let job = Uuid::parse_str("0192f0c4-6a3e-7c9a-8b1d-2e3f4a5b6c7d").unwrap();
        let id = message_id(job, "no-reply@crm.exemple.fr");
        assert_eq!(id, "0192f0c46a3e7c9a8b1d2e3f4a5b6c7d.notification@crm.exemple.fr");
        assert_eq!(id, message_id(job, "no-reply@crm.exemple.fr"));
        assert_ne!(id, message_id(Uuid::nil(), "no-reply@crm.exemple.fr"));
        assert!(message_id(job, "not an address").ends_with("@crm360.invalid"));
    }

    #[test]
    fn errors_keep_no_recipient_address() {
        let cause = "permanent error (550): 5.1.1 <Jeanne@Exemple.fr>: Recipient address rejected";
        assert_eq!(
            redact(cause, "jeanne@exemple.fr"),
            "permanent error (550): 5.1.1 <<recipient>>: Recipient address rejected"
        );
        assert_eq!(redact("no address here", "jeanne@exemple.fr"), "no address here");
    }
}
