//! Blocking: which pairs of records are worth comparing.
//!
//! Two passes, each sorting `(block key, record)` pairs and visiting each block:
//! - postal code, house number, repetition index and the first three letters of the street's
//!   main word (its last significant word, e.g. `HUGO`);
//! - postal code, house number and the initials of the first and last names, in any order
//!   (robust to swapped names and to a typo in the street).
//!
//! Blocks up to `max_block_size` records are compared pairwise; larger blocks (a tower
//! block with hundreds of tenants) only within a sliding window of `window` records, sorted by
//! last name, so that the work stays linear.

use super::key::{Fingerprint, FingerprintStore};

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn prefix_value(s: &str, n: usize) -> u64 {
    s.bytes().take(n).fold(0u64, |acc, b| (acc << 8) | u64::from(b))
}

fn address_base(f: &Fingerprint) -> u64 {
    mix(mix(0x9e37_79b9, u64::from(f.postal_code)), u64::from(f.number))
}

fn street_block(store: &FingerprintStore, f: &Fingerprint) -> u64 {
    let h = mix(address_base(f), u64::from(f.repetition));
    mix(h, prefix_value(store.text(f.main_word), 3))
}

fn name_block(store: &FingerprintStore, f: &Fingerprint) -> u64 {
    let a = store.text(f.first).bytes().next().unwrap_or(0);
    let b = store.text(f.last).bytes().next().unwrap_or(0);
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    mix(mix(address_base(f), 0xB10C), (u64::from(lo) << 8) | u64::from(hi))
}

/// Calls `visit(a, b)` for every candidate pair of record indexes (a pair may be visited
/// once per pass).
pub fn for_each_candidate_pair(
    store: &FingerprintStore,
    max_block_size: usize,
    window: usize,
    mut visit: impl FnMut(u32, u32),
) {
    let n = store.len();
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(n);
    for pass in 0..2 {
        keys.clear();
        keys.extend(store.all().iter().enumerate().map(|(i, f)| {
            let k = if pass == 0 { street_block(store, f) } else { name_block(store, f) };
            (k, i as u32)
        }));
        keys.sort_unstable();
        let mut start = 0;
        while start < keys.len() {
            let key = keys[start].0;
            let mut end = start + 1;
            while end < keys.len() && keys[end].0 == key {
                end += 1;
            }
            let block = &mut keys[start..end];
            if block.len() <= max_block_size {
                for i in 0..block.len() {
                    for j in i + 1..block.len() {
                        visit(block[i].1, block[j].1);
                    }
                }
            } else {
                block.sort_by(|x, y| {
                    let (fx, fy) = (store.get(x.1), store.get(y.1));
                    store.text(fx.last).cmp(store.text(fy.last))
                });
                for i in 0..block.len() {
                    for j in i + 1..block.len().min(i + 1 + window) {
                        visit(block[i].1, block[j].1);
                    }
                }
            }
            start = end;
        }
    }
}
