//! An entry as the ledger hashes it, and the proof bundle a tenant administrator downloads.

use crate::merkle::{leaf_hash, verify_inclusion};
use crate::{EvidenceError, Hash, SignedCheckpoint, from_hex, to_hex};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// An entry's metadata as sealed: everything but its personal content, which is represented
/// by its hash (so that an erasure or the IP purge clears the content and keeps the leaf).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntryRecord {
    pub id: String,
    pub chain: String,
    pub position: u64,
    pub at: String,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub request_id: Option<String>,
    pub content_hash: String,
}

impl EntryRecord {
    pub fn leaf(&self) -> Hash {
        let value = serde_json::to_value(self).expect("a record is plain data");
        leaf_hash(canonical_json(&value).as_bytes())
    }
}

/// An entry's personal content: the states before and after and the IP.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntryContent {
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub ip: Option<String>,
}

impl EntryContent {
    pub fn hash(&self) -> Hash {
        let value = serde_json::to_value(self).expect("content is plain data");
        Sha256::digest(canonical_json(&value).as_bytes()).into()
    }
}

/// The next link of a chain: SHA-256(0x02 || previous || leaf).
pub fn chain_next(previous: &Hash, leaf: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([2u8]);
    hasher.update(previous);
    hasher.update(leaf);
    hasher.finalize().into()
}

/// JSON with object keys sorted at every level and no spaces: one text per value, whatever
/// order the database gave the keys in.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// One entry with what proves it: its content (absent once erased) and its audit path.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProvenEntry {
    pub record: EntryRecord,
    pub content: Option<EntryContent>,
    pub proof: Vec<String>,
}

/// What a tenant administrator downloads: a signed checkpoint and entries with their proofs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProofBundle {
    pub format: String,
    pub checkpoint: SignedCheckpoint,
    pub entries: Vec<ProvenEntry>,
}

impl ProofBundle {
    pub const FORMAT: &'static str = "crm360-audit-proof/1";

    /// Checks the whole bundle offline with the platform's public key (base64): the
    /// signature, each content against its sealed hash, each entry's path to the root.
    /// Returns how many entries it proved.
    pub fn verify(&self, public_key: &str) -> Result<usize, EvidenceError> {
        if self.format != Self::FORMAT {
            return Err(EvidenceError::Malformed { what: "bundle", detail: format!("unknown format {}", self.format) });
        }
        self.checkpoint.verify(public_key)?;
        let checkpoint = &self.checkpoint.checkpoint;
        let root = from_hex(&checkpoint.root, "root")?;
        for entry in &self.entries {
            let record = &entry.record;
            if let Some(content) = &entry.content
                && to_hex(&content.hash()) != record.content_hash
            {
                return Err(EvidenceError::ContentAltered { id: record.id.clone() });
            }
            let proof = entry.proof.iter().map(|h| from_hex(h, "proof")).collect::<Result<Vec<_>, _>>()?;
            let included = record.chain == checkpoint.chain
                && record.position >= 1
                && verify_inclusion(record.position - 1, checkpoint.size, &record.leaf(), &proof, &root);
            if !included {
                return Err(EvidenceError::NotIncluded { id: record.id.clone() });
            }
        }
        Ok(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checkpoint, CheckpointKey, inclusion_proof, root_of};

    fn record(position: u64, content: &EntryContent) -> EntryRecord {
        EntryRecord {
            id: format!("id-{position}"),
            chain: "t1".into(),
            position,
            at: "2026-12-03T10:00:00.000000Z".into(),
            actor_kind: "TENANT_ADMIN".into(),
            actor_id: None,
            action: "contact.update".into(),
            target_type: "contact".into(),
            target_id: Some(position.to_string()),
            request_id: None,
            content_hash: to_hex(&content.hash()),
        }
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let value: Value = serde_json::from_str(r#"{"b":1,"a":{"d":[{"y":2,"x":"é"}],"c":null}}"#).unwrap();
        assert_eq!(canonical_json(&value), r#"{"a":{"c":null,"d":[{"x":"é","y":2}]},"b":1}"#);
    }

    #[test]
    fn a_bundle_verifies_offline_and_catches_an_altered_content_or_a_wrong_position() {
        let key = CheckpointKey::from_base64(&CheckpointKey::generate_base64()).unwrap();
        let contents: Vec<EntryContent> = (0..5)
            .map(|i| EntryContent {
                before: None,
                after: Some(serde_json::json!({ "email": format!("c{i}@exemple.fr") })),
                ip: None,
            })
            .collect();
        let records: Vec<EntryRecord> = contents.iter().enumerate().map(|(i, c)| record(i as u64 + 1, c)).collect();
        let leaves: Vec<Hash> = records.iter().map(EntryRecord::leaf).collect();
        let checkpoint = key.sign(Checkpoint {
            chain: "t1".into(),
            size: 5,
            root: to_hex(&root_of(&leaves)),
            sealed_at: "2026-12-03T10:01:00Z".into(),
        });
        let entry = |i: usize| ProvenEntry {
            record: records[i].clone(),
            content: Some(contents[i].clone()),
            proof: inclusion_proof(&leaves, i).iter().map(to_hex).collect(),
        };
        let bundle = ProofBundle { format: ProofBundle::FORMAT.into(), checkpoint, entries: vec![entry(1), entry(4)] };
        assert_eq!(bundle.verify(&key.public_key()), Ok(2));

        let mut altered = bundle.clone();
        altered.entries[0].content.as_mut().unwrap().after = Some(serde_json::json!({ "email": "autre@exemple.fr" }));
        assert!(matches!(altered.verify(&key.public_key()), Err(EvidenceError::ContentAltered { .. })));

        let mut erased = bundle.clone();
        erased.entries[0].content = None;
        assert_eq!(erased.verify(&key.public_key()), Ok(2), "an erased content keeps its leaf");

        let mut moved = bundle.clone();
        moved.entries[0].record.position = 3;
        assert!(matches!(moved.verify(&key.public_key()), Err(EvidenceError::NotIncluded { .. })));

        let mut renamed = bundle;
        renamed.entries[1].record.action = "contact.delete".into();
        assert!(matches!(renamed.verify(&key.public_key()), Err(EvidenceError::NotIncluded { .. })));
    }
}
