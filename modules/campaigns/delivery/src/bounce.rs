//! Delivery status notifications (RFC 3464) and complaint reports (ARF, RFC 5965) read from
//! the bounce mailbox, a Maildir.
//!
//! mail-parser walks the MIME structure; the machine-readable parts
//! (`message/delivery-status`, `message/feedback-report`) are header-like field blocks that
//! mail-parser hands over as opaque bodies, so their fields are parsed here. A message is
//! recognised by those parts rather than by its top-level `report-type`, which some MTAs get
//! wrong; a report only quoted inside a forwarded message is not seen, since the parts of an
//! attached message belong to that message.
//!
//! A DSN can report several recipients; campaign messages have one each, so the first
//! failed recipient is reported (or else the first delayed one).

use std::path::{Path, PathBuf};
use std::{fs, io};

use mail_parser::{Message, MessageParser, MessagePart, MimeHeaders, PartType};

/// What a feedback message says about a recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedbackKind {
    /// Permanent failure (status 5.x.x): the address should no longer be mailed.
    HardBounce,
    /// Transient failure or delay (status 4.x.x, or `Action: delayed`).
    SoftBounce,
    /// The recipient reported the message as spam (ARF `Feedback-Type: abuse`).
    Complaint,
}

/// One delivery status notification or complaint, reduced to what the campaigns need.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// Bounce, soft bounce or complaint.
    pub kind: FeedbackKind,
    /// The recipient's address, lowercased, without its address type (`rfc822;`): from
    /// `Final-Recipient` or `Original-Recipient` for a DSN, from `Original-Rcpt-To` or the
    /// original message's recipient for a complaint. None when absent or redacted.
    pub recipient: Option<String>,
    /// The `Message-ID` of the message that bounced or was complained about, without `<>`.
    pub original_message_id: Option<String>,
    /// The enhanced status code (RFC 3463), such as `"5.1.1"`; None for complaints.
    pub status: Option<String>,
    /// The remote server's `Diagnostic-Code` without its type (`smtp;`), unfolded and
    /// truncated to 300 characters.
    pub diagnostic: Option<String>,
}

/// Longest diagnostic kept, in characters: enough for any SMTP reply worth reading.
const MAX_DIAGNOSTIC: usize = 300;

/// Parses one message of the bounce mailbox; None when it is neither a DSN nor a complaint
/// (an out-of-office reply, spam), or when a DSN only reports successful deliveries.
pub fn parse(raw: &[u8]) -> Option<Feedback> {
    let message = MessageParser::default().parse(raw)?;
    let mut status_part = None;
    let mut feedback_part = None;
    let mut original = None;
    for part in &message.parts {
        let Some(ct) = part.content_type() else {
            continue;
        };
        let subtype = ct.subtype().unwrap_or_default().to_ascii_lowercase();
        match subtype.as_str() {
            "delivery-status" | "global-delivery-status" => {
                status_part.get_or_insert(part);
            }
            "feedback-report" => {
                feedback_part.get_or_insert(part);
            }
            "rfc822" | "global" | "rfc822-headers" | "global-headers" if original.is_none() => {
                original = original_headers(part);
            }
            _ => {}
        }
    }
    let (original_message_id, original_recipient) = original.unwrap_or_default();

    if let Some(part) = feedback_part {
        let text = String::from_utf8_lossy(part.contents());
        let fields = field_blocks(&text).into_iter().flatten().collect::<Vec<_>>();
        let feedback_type = field(&fields, "feedback-type")?;
        if !first_word(feedback_type).eq_ignore_ascii_case("abuse") {
            return None;
        }
        let recipient = field(&fields, "original-rcpt-to")
            .or_else(|| field(&fields, "removal-recipient"))
            .and_then(clean_address)
            .or(original_recipient);
        return Some(Feedback {
            kind: FeedbackKind::Complaint,
            recipient,
            original_message_id,
            status: None,
            diagnostic: None,
        });
    }

    let part = status_part?;
    let text = String::from_utf8_lossy(part.contents());
    let blocks = field_blocks(&text);
    let mut soft = None;
    for block in &blocks {
        match recipient_feedback(block) {
            Some(feedback) if feedback.kind == FeedbackKind::HardBounce => {
                return Some(Feedback { original_message_id, ..feedback });
            }
            Some(feedback) => {
                soft.get_or_insert(feedback);
            }
            None => {}
        }
    }
    soft.map(|feedback| Feedback { original_message_id, ..feedback })
}

/// The Message-ID and the recipient of the original message attached to a report, as a
/// parsed message (`message/rfc822`) or its headers only (`text/rfc822-headers`).
fn original_headers(part: &MessagePart<'_>) -> Option<(Option<String>, Option<String>)> {
    let headers_only;
    let message: &Message<'_> = match &part.body {
        PartType::Message(message) => message,
        _ => {
            headers_only = MessageParser::default().parse_headers(part.contents())?;
            &headers_only
        }
    };
    let id = message
        .message_id()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').to_owned())
        .filter(|id| !id.is_empty());
    // Microsoft's complaint loop keeps the real recipient here when To was a list or Bcc.
    let recipient = message
        .header_raw("X-HmXmrOriginalRecipient")
        .and_then(clean_address)
        .or_else(|| message.to().and_then(|to| to.first()).and_then(|addr| addr.address()).and_then(clean_address));
    Some((id, recipient))
}

/// The feedback of one per-recipient block of a DSN; None for the per-message block and for
/// recipients that were delivered, relayed or expanded.
fn recipient_feedback(block: &[(String, String)]) -> Option<Feedback> {
    let action = field(block, "action").map(|a| first_word(a).to_ascii_lowercase());
    let diagnostic = field(block, "diagnostic-code").map(strip_type);
    // Some MTAs omit Status or fill it with junk: the SMTP reply usually carries it too.
    let status = field(block, "status").and_then(find_status).or_else(|| diagnostic.and_then(find_status));
    let class = status.as_deref().and_then(|s| s.chars().next());
    let kind = match action.as_deref() {
        Some("delivered" | "relayed" | "expanded") => return None,
        Some("delayed") => FeedbackKind::SoftBounce,
        // A 4.x.x that failed is a transient cause that outlived the retries (a full mailbox).
        Some("failed") if class == Some('4') => FeedbackKind::SoftBounce,
        Some("failed") => FeedbackKind::HardBounce,
        // No (or an unknown) action: the status decides; none at all means no recipient block.
        _ => match class {
            Some('5') => FeedbackKind::HardBounce,
            Some('4') => FeedbackKind::SoftBounce,
            _ => return None,
        },
    };
    let recipient = field(block, "final-recipient")
        .and_then(clean_address)
        .or_else(|| field(block, "original-recipient").and_then(clean_address));
    Some(Feedback {
        kind,
        recipient,
        original_message_id: None,
        status,
        diagnostic: diagnostic.filter(|d| !d.is_empty()).map(|d| d.chars().take(MAX_DIAGNOSTIC).collect()),
    })
}

/// The field blocks of a header-like body: blocks separated by blank lines, names
/// lowercased, folded lines joined with one space, CRLF or LF.
fn field_blocks(text: &str) -> Vec<Vec<(String, String)>> {
    let mut blocks = Vec::new();
    let mut block: Vec<(String, String)> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
        } else if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = block.last_mut() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            block.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

/// The first field named `name` (lowercase) with a non-empty value.
fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, v)| n == name && !v.is_empty()).map(|(_, v)| v.as_str())
}

/// The first word of a field value (`abuse` of `abuse; extra`, `failed` of `failed (x)`).
fn first_word(value: &str) -> &str {
    value.split(|c: char| c.is_whitespace() || c == ';' || c == '(').next().unwrap_or_default()
}

/// Drops a leading `type;` (`rfc822;`, `smtp;`, `X-Postfix;`) from a DSN field value.
fn strip_type(value: &str) -> &str {
    match value.split_once(';') {
        Some((kind, rest)) if !kind.is_empty() && !kind.contains([' ', '@', '<']) => rest.trim(),
        _ => value.trim(),
    }
}

/// An e-mail address out of a field value (`rfc822; A@B.fr`, `Name <a@b.fr>`, `<a@b.fr>`),
/// lowercased; None when it does not look like an address (redacted, empty).
fn clean_address(value: &str) -> Option<String> {
    let value = strip_type(value);
    let address = match (value.find('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close => &value[open + 1..close],
        _ => value.split(',').next().unwrap_or_default(),
    };
    let address = address.trim();
    let valid = address.contains('@')
        && !address.starts_with('@')
        && !address.ends_with('@')
        && !address.contains(char::is_whitespace);
    valid.then(|| address.to_lowercase())
}

/// The first enhanced status code (`class.subject.detail`, class 2, 4 or 5) in a text such
/// as `5.1.1`, `550 5.1.1 user unknown` or `550-5.1.1 The email account...`.
fn find_status(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | ';' | ',' | '(' | ')' | '[' | ']'))
        .map(|token| token.trim_end_matches([':', '.']))
        .find(|token| is_status(token))
        .map(str::to_owned)
}

/// Whether `token` is exactly an enhanced status code.
fn is_status(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some(class), Some(subject), Some(detail), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let number = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    matches!(class, "2" | "4" | "5") && number(subject) && number(detail)
}

/// Maildir: the messages waiting in `<dir>/new`, oldest first, as (path, bytes).
///
/// Oldest means by modification time, then by file name (Maildir names start with the
/// delivery time). Dot files and directories are skipped, and so is a message that another
/// reader moved away between the listing and the read.
pub fn waiting(dir: &Path) -> io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir.join("new"))? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let metadata = match entry.metadata() {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if !metadata.is_file() {
            continue;
        }
        entries.push((metadata.modified()?, entry.file_name(), entry.path()));
    }
    entries.sort();
    let mut messages = Vec::with_capacity(entries.len());
    for (_, _, path) in entries {
        match fs::read(&path) {
            Ok(bytes) => messages.push((path, bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(messages)
}

/// Moves a processed message from `new/` to `cur/` (Maildir's `:2,S` suffix for seen).
///
/// The move is a rename within the Maildir, so it is atomic. Fails with
/// [`io::ErrorKind::InvalidInput`] when `path` is not a file of a `new` directory.
pub fn mark_processed(path: &Path) -> io::Result<()> {
    let invalid = || io::Error::new(io::ErrorKind::InvalidInput, format!("not in a Maildir new/: {}", path.display()));
    let new = path.parent().ok_or_else(invalid)?;
    if new.file_name().is_none_or(|name| name != "new") {
        return Err(invalid());
    }
    let name = path.file_name().ok_or_else(invalid)?;
    let cur = new.parent().ok_or_else(invalid)?.join("cur");
    let target = match name.to_str() {
        Some(name) => with_seen_flag(name),
        // Not UTF-8: no flags to merge, only the suffix to add.
        None => {
            let mut name = name.to_os_string();
            name.push(":2,S");
            return rename_into(path, &cur, &name);
        }
    };
    rename_into(path, &cur, target.as_ref())
}

/// Renames `path` to `cur/name`, creating `cur` if a broken Maildir lacks it.
fn rename_into(path: &Path, cur: &Path, name: &std::ffi::OsStr) -> io::Result<()> {
    fs::create_dir_all(cur)?;
    fs::rename(path, cur.join(name))
}

/// A Maildir file name with the seen flag, keeping flags already there (sorted, as Maildir
/// requires).
fn with_seen_flag(name: &str) -> String {
    match name.split_once(":2,") {
        Some((_, flags)) if flags.contains('S') => name.to_owned(),
        Some((base, flags)) => {
            let mut flags: Vec<char> = flags.chars().chain(['S']).collect();
            flags.sort_unstable();
            format!("{base}:2,{}", flags.into_iter().collect::<String>())
        }
        None => format!("{name}:2,S"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Postfix, recipient unknown at Orange.
    const POSTFIX_HARD: &str = r#"Return-Path: <>
Received: by mx1.crm360.fr (Postfix)
	id 4F1A2B3C4D; Mon, 10 Mar 2025 10:12:01 +0100 (CET)
Date: Mon, 10 Mar 2025 10:12:01 +0100 (CET)
From: MAILER-DAEMON@mx1.crm360.fr (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces+c7a1e0f2@crm360.fr
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4F1A2B3C4D.1741597921/mx1.crm360.fr"
Content-Transfer-Encoding: 8bit
Message-Id: <20250310091201.5E6F7A8B9C@mx1.crm360.fr>

This is a MIME-encapsulated message.

--4F1A2B3C4D.1741597921/mx1.crm360.fr
Content-Description: Notification
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

This is the mail system at host mx1.crm360.fr.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<jean.dupont@orange.fr>: host smtp-in.orange.fr[193.252.22.65] said: 550 5.1.1
    <jean.dupont@orange.fr>: Recipient address rejected: User unknown (in reply
    to RCPT TO command)

--4F1A2B3C4D.1741597921/mx1.crm360.fr
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.crm360.fr
X-Postfix-Queue-ID: 4F1A2B3C4D
X-Postfix-Sender: rfc822; bounces+c7a1e0f2@crm360.fr
Arrival-Date: Mon, 10 Mar 2025 10:11:58 +0100 (CET)

Final-Recipient: rfc822; Jean.Dupont@orange.fr
Original-Recipient: rfc822;Jean.Dupont@orange.fr
Action: failed
Status: 5.1.1
Remote-MTA: dns; smtp-in.orange.fr
Diagnostic-Code: smtp; 550 5.1.1 <jean.dupont@orange.fr>: Recipient address
    rejected: User unknown

--4F1A2B3C4D.1741597921/mx1.crm360.fr
Content-Description: Undelivered Message
Content-Type: message/rfc822
Content-Transfer-Encoding: 8bit

Return-Path: <bounces+c7a1e0f2@crm360.fr>
Received: from app1.crm360.fr (app1.crm360.fr [10.0.0.5])
	by mx1.crm360.fr (Postfix) with ESMTPS id 4F1A2B3C4D
	for <jean.dupont@orange.fr>; Mon, 10 Mar 2025 10:11:58 +0100 (CET)
Message-ID: <c7a1e0f2-3b4d-4e5f-8a9b-0c1d2e3f4a5b@crm360.fr>
Date: Mon, 10 Mar 2025 10:11:58 +0100
From: Boutique Exemple <newsletter@boutique.example.fr>
To: jean.dupont@orange.fr
Subject: =?utf-8?q?Nos_soldes_d=C3=A9marrent?=
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bonjour Jean, nos soldes démarrent demain.

--4F1A2B3C4D.1741597921/mx1.crm360.fr--
"#;

    /// Gmail: the mailbox is over quota, reported as failed after the retries (4.2.2).
    const GMAIL_SOFT: &str = r#"Delivered-To: bounces+0a1b2c3d@crm360.fr
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: bounces+0a1b2c3d@crm360.fr
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Message-ID: <67cf1a2b.050a0220.3d4e5f.0000.GMR@mx.google.com>
Date: Tue, 11 Mar 2025 02:03:04 -0700 (PDT)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3d4e5f60718"; report-type=delivery-status

--000000000000a1b2c3d4e5f60718
Content-Type: multipart/related; boundary="000000000000a1b2c3d4e5f60722"

--000000000000a1b2c3d4e5f60722
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60729"

--000000000000a1b2c3d4e5f60729
Content-Type: text/plain; charset="UTF-8"

** Message not delivered **

Your message couldn't be delivered to marie.curie@gmail.com because the
remote server is misconfigured. See technical details below for more
information.

The response from the remote server was:
452 4.2.2 The recipient's inbox is out of storage space.

--000000000000a1b2c3d4e5f60729
Content-Type: text/html; charset="UTF-8"

<html><body><p>Message not delivered</p></body></html>

--000000000000a1b2c3d4e5f60729--
--000000000000a1b2c3d4e5f60722--
--000000000000a1b2c3d4e5f60718
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; mx1.crm360.fr
Arrival-Date: Mon, 10 Mar 2025 01:59:00 -0700 (PDT)
X-Original-Message-ID: <0a1b2c3d-aaaa-4bbb-8ccc-ddddeeeeffff@crm360.fr>

Final-Recipient: rfc822; marie.curie@gmail.com
Action: failed
Status: 4.2.2
Diagnostic-Code: smtp; The recipient's inbox is out of storage space. Please
 direct the recipient to
 https://support.google.com/mail/?p=OverQuotaTemp 452 4.2.2
Last-Attempt-Date: Tue, 11 Mar 2025 02:03:04 -0700 (PDT)

--000000000000a1b2c3d4e5f60718
Content-Type: message/rfc822

Message-ID: <0a1b2c3d-aaaa-4bbb-8ccc-ddddeeeeffff@crm360.fr>
From: Boutique Exemple <newsletter@boutique.example.fr>
To: "Marie Curie" <marie.curie@gmail.com>
Subject: Nos soldes

Bonjour Marie.

--000000000000a1b2c3d4e5f60718--
"#;

    /// Exchange-style "delayed" notice, still retrying.
    const DELAYED: &str = r#"From: postmaster@mail.example-entreprise.fr
To: bounces+9f8e7d6c@crm360.fr
Subject: Delivery delayed: Invitation au salon
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="=_delay_b1"

--=_delay_b1
Content-Type: text/plain; charset=us-ascii

Delivery is delayed to these recipients or groups:
luc.moreau@example-entreprise.fr

--=_delay_b1
Content-Type: message/delivery-status

Reporting-MTA: dns;mail.example-entreprise.fr
Arrival-Date: Wed, 12 Mar 2025 08:00:00 +0000

Original-Recipient: rfc822;luc.moreau@example-entreprise.fr
Final-Recipient: rfc822;luc.moreau@example-entreprise.fr
Action: delayed
Status: 4.4.7
Will-Retry-Until: Thu, 13 Mar 2025 08:00:00 +0000
X-Display-Name: Luc Moreau

--=_delay_b1
Content-Type: text/rfc822-headers

Message-ID: <9f8e7d6c-1111-4222-8333-444455556666@crm360.fr>
From: newsletter@boutique.example.fr
To: luc.moreau@example-entreprise.fr
Subject: Invitation au salon

--=_delay_b1--
"#;

    /// Microsoft JMRP (Outlook.com) complaint: no Original-Rcpt-To.
    const MICROSOFT_ARF: &str = r#"X-HmXmrOriginalRecipient: <abuse@crm360.fr>
From: staff@hotmail.com
To: abuse@crm360.fr
Subject: complaint about message from 203.0.113.10
Date: Thu, 13 Mar 2025 16:20:00 -0700
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
	boundary="--boundary_1402_f1e2d3c4"

----boundary_1402_f1e2d3c4
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP 203.0.113.10 on Thu, 13 Mar 2025 16:19:00 -0700.
For more information about this format please see http://tools.ietf.org/html/rfc5965.

----boundary_1402_f1e2d3c4
Content-Type: message/feedback-report
Content-Transfer-Encoding: 7bit

Feedback-Type: abuse
User-Agent: Microsoft Junk Mail Reporting Program
Version: 1.0
Original-Mail-From: <bounces+5a6b7c8d@crm360.fr>
Arrival-Date: Thu, 13 Mar 2025 16:19:00 -0700
Source-IP: 203.0.113.10
Reported-Domain: crm360.fr

----boundary_1402_f1e2d3c4
Content-Type: message/rfc822
Content-Disposition: inline

X-HmXmrOriginalRecipient: <Paul.Martin@hotmail.fr>
Message-ID: <5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d@crm360.fr>
From: Boutique Exemple <newsletter@boutique.example.fr>
To: <undisclosed-recipients:;>
Subject: Nos soldes

Bonjour.

----boundary_1402_f1e2d3c4--
"#;

    /// An out-of-office reply, quoting words that appear in DSNs.
    const OUT_OF_OFFICE: &str = "From: Sophie Bernard <sophie.bernard@example.fr>\n\
To: newsletter@boutique.example.fr\n\
Subject: =?utf-8?q?R=C3=A9ponse_automatique=C2=A0=3A_Absent_du_bureau?=\n\
Auto-Submitted: auto-replied\n\
X-Auto-Response-Suppress: All\n\
In-Reply-To: <c7a1e0f2-3b4d-4e5f-8a9b-0c1d2e3f4a5b@crm360.fr>\n\
MIME-Version: 1.0\n\
Content-Type: text/plain; charset=utf-8\n\
Content-Transfer-Encoding: 8bit\n\
\n\
Bonjour,\n\
\n\
Je suis absente du bureau jusqu'au 17 mars.\n\
Action: failed\n\
Status: 5.1.1\n\
Final-Recipient: rfc822; sophie.bernard@example.fr\n\
\n\
Cordialement, Sophie\n";

    /// An old MTA: only the original headers, lowercase and uppercase field names, no
    /// Final-Recipient, no Status (it is in the diagnostic only).
    const HEADERS_ONLY: &str = r#"From: Mail Delivery System <MAILER-DAEMON@relais.example.net>
To: bounces+1f2e3d4c@crm360.fr
Subject: Mail delivery failed: returning message to sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type="delivery-status"; boundary="=_hdrs"

--=_hdrs
Content-Type: text/plain

A message that you sent could not be delivered.

--=_hdrs
Content-Type: message/delivery-status

reporting-mta: dns; relais.example.net

ORIGINAL-RECIPIENT: rfc822;<Claire.Petit@Example.NET>
action: FAILED
diagnostic-code: smtp; 550-5.1.1 Mailbox "claire.petit" does not exist
  (in reply to RCPT TO)

--=_hdrs
Content-Type: text/rfc822-headers

Message-ID: <1f2e3d4c-5b6a-4798-8a9b-cadbecfd0e1f@crm360.fr>
From: newsletter@boutique.example.fr
To: claire.petit@example.net
Subject: Nos soldes

--=_hdrs--
"#;

    fn crlf(text: &str) -> String {
        text.replace('\n', "\r\n")
    }

    #[test]
    fn postfix_hard_bounce() {
        let expected = Feedback {
            kind: FeedbackKind::HardBounce,
            recipient: Some("jean.dupont@orange.fr".into()),
            original_message_id: Some("c7a1e0f2-3b4d-4e5f-8a9b-0c1d2e3f4a5b@crm360.fr".into()),
            status: Some("5.1.1".into()),
            diagnostic: Some("550 5.1.1 <jean.dupont@orange.fr>: Recipient address rejected: User unknown".into()),
        };
        assert_eq!(parse(POSTFIX_HARD.as_bytes()), Some(expected.clone()));
        // The same with CRLF line ends, as mail usually travels.
        assert_eq!(parse(crlf(POSTFIX_HARD).as_bytes()), Some(expected));
    }

    #[test]
    fn gmail_mailbox_full_is_soft() {
        let feedback = parse(GMAIL_SOFT.as_bytes()).unwrap();
        assert_eq!(feedback.kind, FeedbackKind::SoftBounce);
        assert_eq!(feedback.recipient.as_deref(), Some("marie.curie@gmail.com"));
        assert_eq!(feedback.original_message_id.as_deref(), Some("0a1b2c3d-aaaa-4bbb-8ccc-ddddeeeeffff@crm360.fr"));
        assert_eq!(feedback.status.as_deref(), Some("4.2.2"));
        assert!(
            feedback
                .diagnostic
                .unwrap()
                .starts_with("The recipient's inbox is out of storage space. Please direct the recipient to https://")
        );
    }

    #[test]
    fn delayed_is_soft() {
        let feedback = parse(crlf(DELAYED).as_bytes()).unwrap();
        assert_eq!(
            feedback,
            Feedback {
                kind: FeedbackKind::SoftBounce,
                recipient: Some("luc.moreau@example-entreprise.fr".into()),
                original_message_id: Some("9f8e7d6c-1111-4222-8333-444455556666@crm360.fr".into()),
                status: Some("4.4.7".into()),
                diagnostic: None,
            }
        );
    }

    #[test]
    fn delivered_is_not_feedback() {
        let delivered = POSTFIX_HARD
            .replace("Action: failed", "Action: delivered")
            .replace("Status: 5.1.1", "Status: 2.0.0")
            .replace("smtp; 550 5.1.1", "smtp; 250 2.0.0");
        assert_eq!(parse(delivered.as_bytes()), None);
    }

    #[test]
    fn microsoft_complaint() {
        let feedback = parse(crlf(MICROSOFT_ARF).as_bytes()).unwrap();
        assert_eq!(
            feedback,
            Feedback {
                kind: FeedbackKind::Complaint,
                recipient: Some("paul.martin@hotmail.fr".into()),
                original_message_id: Some("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d@crm360.fr".into()),
                status: None,
                diagnostic: None,
            }
        );
        // Original-Rcpt-To wins when the reporter gives it.
        let with_rcpt = MICROSOFT_ARF.replace(
            "Source-IP: 203.0.113.10",
            "Source-IP: 203.0.113.10\nOriginal-Rcpt-To: <Paul.Martin+promo@Hotmail.fr>",
        );
        let feedback = parse(with_rcpt.as_bytes()).unwrap();
        assert_eq!(feedback.recipient.as_deref(), Some("paul.martin+promo@hotmail.fr"));
        // Other feedback types (not-spam, auth-failure) are not complaints.
        let not_spam = MICROSOFT_ARF.replace("Feedback-Type: abuse", "Feedback-Type: not-spam");
        assert_eq!(parse(not_spam.as_bytes()), None);
    }

    #[test]
    fn out_of_office_is_none() {
        assert_eq!(parse(OUT_OF_OFFICE.as_bytes()), None);
        assert_eq!(parse(crlf(OUT_OF_OFFICE).as_bytes()), None);
    }

    #[test]
    fn headers_only_lowercase_no_status_field() {
        let feedback = parse(HEADERS_ONLY.as_bytes()).unwrap();
        assert_eq!(
            feedback,
            Feedback {
                kind: FeedbackKind::HardBounce,
                recipient: Some("claire.petit@example.net".into()),
                original_message_id: Some("1f2e3d4c-5b6a-4798-8a9b-cadbecfd0e1f@crm360.fr".into()),
                status: Some("5.1.1".into()),
                diagnostic: Some("550-5.1.1 Mailbox \"claire.petit\" does not exist (in reply to RCPT TO)".into()),
            }
        );
    }

    #[test]
    fn long_diagnostic_is_truncated_and_garbage_is_none() {
        let long =
            POSTFIX_HARD.replace("rejected: User unknown", &format!("rejected: User unknown {}", "é".repeat(400)));
        let diagnostic = parse(long.as_bytes()).unwrap().diagnostic.unwrap();
        assert_eq!(diagnostic.chars().count(), 300);
        for garbage in [&b""[..], b"\0\xff\xfe", b"Subject: x\n\nno report", b"Content-Type: multipart/report\n\n"] {
            assert_eq!(parse(garbage), None);
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(find_status("550 5.1.1 user unknown").as_deref(), Some("5.1.1"));
        assert_eq!(find_status("host [193.252.22.65] said 421-4.7.0 try later").as_deref(), Some("4.7.0"));
        assert_eq!(find_status("version 1.2.3, ip 10.1.1.5"), None);
        assert_eq!(clean_address("rfc822; A@B.fr").as_deref(), Some("a@b.fr"));
        assert_eq!(clean_address("\"Dupont, Jean\" <J@x.fr>").as_deref(), Some("j@x.fr"));
        assert_eq!(clean_address("rfc822; redacted"), None);
        assert_eq!(with_seen_flag("1.M2P3.host"), "1.M2P3.host:2,S");
        assert_eq!(with_seen_flag("1.M2P3.host:2,RF"), "1.M2P3.host:2,FRS");
        assert_eq!(with_seen_flag("1.M2P3.host:2,S"), "1.M2P3.host:2,S");
    }

    #[test]
    fn maildir_waiting_and_processed() {
        use std::time::{Duration, SystemTime};
        let root = std::env::temp_dir().join(format!("crm360-maildir-{}", uuid::Uuid::new_v4()));
        for sub in ["new", "cur", "tmp"] {
            fs::create_dir_all(root.join(sub)).unwrap();
        }
        let now = SystemTime::now();
        // Written newest first, so that order on disk and order of age differ.
        let files = [
            ("1741600000.M2P10.mx1", POSTFIX_HARD, now),
            ("1741500000.M1P10.mx1", DELAYED, now - Duration::from_secs(3600)),
        ];
        for (name, body, mtime) in files {
            let path = root.join("new").join(name);
            fs::write(&path, body).unwrap();
            fs::File::options().write(true).open(&path).unwrap().set_modified(mtime).unwrap();
        }
        fs::write(root.join("new/.hidden"), "x").unwrap();
        fs::write(root.join("tmp/1741700000.M3P10.mx1"), "partial").unwrap();

        let waiting_now = waiting(&root).unwrap();
        let names: Vec<_> =
            waiting_now.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["1741500000.M1P10.mx1", "1741600000.M2P10.mx1"]);
        assert_eq!(waiting_now[0].1, DELAYED.as_bytes());
        assert_eq!(parse(&waiting_now[1].1).unwrap().kind, FeedbackKind::HardBounce);

        mark_processed(&waiting_now[0].0).unwrap();
        assert!(root.join("cur/1741500000.M1P10.mx1:2,S").is_file());
        assert_eq!(waiting(&root).unwrap().len(), 1);
        // Only files of new/ can be marked.
        let in_cur = root.join("cur/1741500000.M1P10.mx1:2,S");
        assert_eq!(mark_processed(&in_cur).unwrap_err().kind(), io::ErrorKind::InvalidInput);
        // Already moved by someone else: an error, not a panic.
        assert!(mark_processed(&waiting_now[0].0).is_err());

        fs::remove_dir_all(&root).unwrap();
        assert!(waiting(&root).is_err());
    }
}
