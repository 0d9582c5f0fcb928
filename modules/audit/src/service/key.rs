//! The signing key of checkpoints: from the configuration, or made once in the data folder
//! so that a demo needs no set-up (production sets `audit_signing_key` and publishes its
//! public key, `crm360 audit public-key`).

use crate::error::{AuditError, AuditResult};
use crm360_audit_ledger::CheckpointKey;
use std::path::Path;

const KEY_FILE: &str = "audit-signing.key";

pub fn load(configured: Option<&str>, data_dir: &Path) -> AuditResult<CheckpointKey> {
    if let Some(seed) = configured {
        return CheckpointKey::from_base64(seed).map_err(|e| AuditError::Key(e.to_string()));
    }
    let path = data_dir.join(KEY_FILE);
    let seed = match std::fs::read_to_string(&path) {
        Ok(seed) => seed,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(data_dir).map_err(|e| AuditError::Key(e.to_string()))?;
            let seed = CheckpointKey::generate_base64();
            write_private(&path, &seed).map_err(|e| AuditError::Key(format!("{}: {e}", path.display())))?;
            tracing::warn!(path = %path.display(), "audit_signing_key is not set: checkpoints are signed with a key made in the data folder; set it in production");
            seed
        }
        Err(err) => return Err(AuditError::Key(format!("{}: {err}", path.display()))),
    };
    CheckpointKey::from_base64(&seed).map_err(|e| AuditError::Key(e.to_string()))
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_made_in_the_data_folder_is_the_same_at_the_next_start() {
        let dir = std::env::temp_dir().join(format!("crm360-audit-key-{}", uuid::Uuid::new_v4().simple()));
        let first = load(None, &dir).unwrap();
        let again = load(None, &dir).unwrap();
        assert_eq!(first.public_key(), again.public_key());
        let seed = CheckpointKey::generate_base64();
        assert_eq!(
            load(Some(&seed), &dir).unwrap().public_key(),
            CheckpointKey::from_base64(&seed).unwrap().public_key()
        );
        assert!(matches!(load(Some("pas une clé"), &dir), Err(AuditError::Key(_))));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
