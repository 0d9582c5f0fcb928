//! Ticket attachments: size-limited, their type found in their content (never the name or
//! the type a client claims), kept under the data folder. A file is uploaded first
//! (`POST /support/attachments`, kept as pending with its description beside it), then
//! claimed by the message that carries it.

use crate::error::{SupportError, SupportResult};
use crate::model::ticket_attachment;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The largest attachment accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most attachments one message carries.
pub const MAX_PER_MESSAGE: usize = 5;

/// An uploaded file not yet attached to a message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

fn tenant_dir(files: &Path, tenant_id: Uuid) -> PathBuf {
    files.join("support").join(tenant_id.to_string())
}

fn pending_path(files: &Path, tenant_id: Uuid, id: Uuid) -> PathBuf {
    tenant_dir(files, tenant_id).join("pending").join(id.to_string())
}

/// Where an attached file is kept.
pub fn kept_path(files: &Path, tenant_id: Uuid, id: Uuid) -> PathBuf {
    tenant_dir(files, tenant_id).join(id.to_string())
}

fn io(err: std::io::Error) -> SupportError {
    SupportError::Storage(err.to_string())
}

/// The type of a file from its first bytes: images, PDF, office documents and archives, or
/// plain text (UTF-8 without control characters beyond tabs and line ends); anything else is
/// refused.
pub fn content_type_of(bytes: &[u8]) -> Option<&'static str> {
    const ALLOWED: [&str; 10] = [
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "application/pdf",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    ];
    if let Some(kind) = infer::get(bytes) {
        return ALLOWED.iter().copied().find(|allowed| *allowed == kind.mime_type());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let clean = text.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    clean.then_some("text/plain")
}

/// A file name kept for display: its last path part, without control characters, at most
/// 200 characters.
pub fn clean_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() { "piece-jointe".to_owned() } else { cleaned }
}

/// Checks and keeps an uploaded file as pending.
pub fn store(files: &Path, tenant_id: Uuid, filename: &str, bytes: &[u8]) -> SupportResult<Pending> {
    if bytes.is_empty() {
        return Err(SupportError::Required { field: "file" });
    }
    if bytes.len() > MAX_BYTES {
        return Err(SupportError::AttachmentTooLarge { max_bytes: MAX_BYTES });
    }
    let content_type = content_type_of(bytes).ok_or(SupportError::AttachmentType)?;
    let pending = Pending {
        id: crm360_kernel::ids::new_id(),
        filename: clean_filename(filename),
        content_type: content_type.to_owned(),
        size_bytes: bytes.len() as i64,
        sha256: Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect(),
    };
    let path = pending_path(files, tenant_id, pending.id);
    std::fs::create_dir_all(path.parent().unwrap_or(files)).map_err(io)?;
    std::fs::write(&path, bytes).map_err(io)?;
    let description = serde_json::to_vec(&pending).map_err(|err| SupportError::Storage(err.to_string()))?;
    std::fs::write(path.with_extension("json"), description).map_err(io)?;
    Ok(pending)
}

/// The pending files a message claims, all of the tenant's.
pub fn claim(files: &Path, tenant_id: Uuid, ids: &[Uuid]) -> SupportResult<Vec<Pending>> {
    if ids.len() > MAX_PER_MESSAGE {
        return Err(SupportError::TooManyAttachments { max: MAX_PER_MESSAGE });
    }
    ids.iter()
        .map(|id| {
            let description = std::fs::read(pending_path(files, tenant_id, *id).with_extension("json"))
                .map_err(|_| SupportError::NotFound("attachment"))?;
            serde_json::from_slice(&description).map_err(|_| SupportError::NotFound("attachment"))
        })
        .collect()
}

/// Moves a claimed file to where attachments are kept.
pub fn keep(files: &Path, tenant_id: Uuid, row: &ticket_attachment::Model) -> SupportResult<()> {
    let pending = pending_path(files, tenant_id, row.id);
    if pending.exists() {
        std::fs::rename(&pending, kept_path(files, tenant_id, row.id)).map_err(io)?;
        let _ = std::fs::remove_file(pending.with_extension("json"));
    }
    Ok(())
}

/// Keeps the bytes of a file that came by email straight away (no pending step).
pub fn store_received(files: &Path, tenant_id: Uuid, filename: &str, bytes: &[u8]) -> SupportResult<Pending> {
    store(files, tenant_id, filename, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(content_type_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(content_type_of(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(content_type_of("Journal d’erreurs\n\tligne 2".as_bytes()), Some("text/plain"));
        // A Windows executable named "capture.png" is still refused.
        assert_eq!(content_type_of(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), None);
        assert_eq!(content_type_of(b"\x00\x01binary"), None);
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\Users\\a\\écran.png"), "écran.png");
    }
}
