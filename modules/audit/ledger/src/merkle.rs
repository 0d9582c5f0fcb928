//! RFC 6962 / 9162 Merkle tree hashing: the root of a growing log kept in O(log n) space,
//! inclusion proofs and their verification.

use crate::Hash;
use sha2::{Digest, Sha256};

/// The hash of a leaf: SHA-256(0x00 || data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(data);
    hasher.finalize().into()
}

/// The hash of an interior node: SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([1u8]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The root of an empty tree: SHA-256 of the empty string.
fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The Merkle tree hash of a list of leaf hashes (RFC 6962 section 2.1).
pub fn root_of(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root_of(&leaves[..k]), &root_of(&leaves[k..]))
        }
    }
}

/// The largest power of two smaller than `n` (n > 1).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// The audit path of leaf `index` in the tree of `leaves` (RFC 6962 section 2.1.1).
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || index >= n {
        return Vec::new();
    }
    let k = split(n);
    if index < k {
        let mut path = inclusion_proof(&leaves[..k], index);
        path.push(root_of(&leaves[k..]));
        path
    } else {
        let mut path = inclusion_proof(&leaves[k..], index - k);
        path.push(root_of(&leaves[..k]));
        path
    }
}

/// Checks an audit path (RFC 9162 section 2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            if fnode & 1 == 0 {
                while fnode & 1 == 0 && fnode != 0 {
                    fnode >>= 1;
                    snode >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    snode == 0 && r == *root
}

/// A whole tree kept level by level (2n hashes), to give many audit paths at once: an odd
/// node at the end of a level goes up unchanged, which is RFC 6962's shape.
pub struct Tree {
    levels: Vec<Vec<Hash>>,
}

impl Tree {
    pub fn new(leaves: Vec<Hash>) -> Tree {
        let mut levels = vec![leaves];
        while levels.last().is_some_and(|level| level.len() > 1) {
            let below = levels.last().expect("checked");
            let above = below
                .chunks(2)
                .map(|pair| match pair {
                    [left, right] => node_hash(left, right),
                    [lone] => *lone,
                    _ => unreachable!("chunks of two"),
                })
                .collect();
            levels.push(above);
        }
        Tree { levels }
    }

    pub fn size(&self) -> usize {
        self.levels[0].len()
    }

    pub fn root(&self) -> Hash {
        match self.levels.last().and_then(|top| top.first()) {
            Some(root) if self.size() > 0 => *root,
            _ => empty_root(),
        }
    }

    /// The audit path of leaf `index`, as [`inclusion_proof`] gives it.
    pub fn proof(&self, index: usize) -> Vec<Hash> {
        let mut path = Vec::new();
        let mut i = index;
        for level in &self.levels[..self.levels.len() - 1] {
            let sibling = if i % 2 == 1 { Some(i - 1) } else { Some(i + 1).filter(|s| *s < level.len()) };
            if let Some(s) = sibling {
                path.push(level[s]);
            }
            i /= 2;
        }
        path
    }
}

/// The right edge of a growing tree: the roots of its perfect subtrees, largest first. Adding
/// a leaf and reading the root cost O(log n), so sealing never rereads the whole log.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Frontier {
    size: u64,
    /// (height, root) of each perfect subtree, left to right.
    subtrees: Vec<(u32, String)>,
}

impl Frontier {
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn push(&mut self, leaf: Hash) -> Result<(), crate::EvidenceError> {
        let mut height = 0;
        let mut hash = leaf;
        while let Some((top, _)) = self.subtrees.last() {
            if *top != height {
                break;
            }
            let (_, left) = self.subtrees.pop().expect("just read");
            hash = node_hash(&crate::from_hex(&left, "frontier")?, &hash);
            height += 1;
        }
        self.subtrees.push((height, crate::to_hex(&hash)));
        self.size += 1;
        Ok(())
    }

    pub fn root(&self) -> Result<Hash, crate::EvidenceError> {
        let mut subtrees = self.subtrees.iter().rev();
        let Some((_, last)) = subtrees.next() else { return Ok(empty_root()) };
        let mut root = crate::from_hex(last, "frontier")?;
        for (_, left) in subtrees {
            root = node_hash(&crate::from_hex(left, "frontier")?, &root);
        }
        Ok(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(format!("entry {i}").as_bytes())).collect()
    }

    #[test]
    fn the_frontier_gives_the_rfc_6962_root_at_every_size() {
        let all = leaves(70);
        let mut frontier = Frontier::default();
        assert_eq!(frontier.root().unwrap(), root_of(&[]));
        for (i, leaf) in all.iter().enumerate() {
            frontier.push(*leaf).unwrap();
            assert_eq!(frontier.size(), i as u64 + 1);
            assert_eq!(frontier.root().unwrap(), root_of(&all[..=i]), "size {}", i + 1);
        }
    }

    #[test]
    fn every_inclusion_proof_verifies_and_a_wrong_one_does_not() {
        for n in 1..40 {
            let all = leaves(n);
            let root = root_of(&all);
            for i in 0..n {
                let proof = inclusion_proof(&all, i);
                assert!(verify_inclusion(i as u64, n as u64, &all[i], &proof, &root), "{i} of {n}");
                let other = leaf_hash(b"forged");
                assert!(!verify_inclusion(i as u64, n as u64, &other, &proof, &root));
                if n > 1 {
                    assert!(
                        !verify_inclusion(((i + 1) % n) as u64, n as u64, &all[i], &proof, &root)
                            || all[i] == all[(i + 1) % n]
                    );
                }
            }
        }
    }

    #[test]
    fn the_level_tree_gives_the_same_root_and_paths_as_the_rfc() {
        for n in 0..70 {
            let all = leaves(n);
            let tree = Tree::new(all.clone());
            assert_eq!(tree.root(), root_of(&all), "root of {n}");
            for i in 0..n {
                assert_eq!(tree.proof(i), inclusion_proof(&all, i), "path of {i} in {n}");
            }
        }
    }

    #[test]
    fn the_root_of_known_leaves_matches_rfc_6962_test_vector() {
        // Certificate Transparency's reference test: the empty tree and one leaf of "".
        assert_eq!(crate::to_hex(&root_of(&[])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(crate::to_hex(&leaf_hash(b"")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }
}
