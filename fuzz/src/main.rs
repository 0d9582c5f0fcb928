//! Runs the fuzz harnesses for a bounded time on stable Rust: inputs are the seed corpus
//! (`fuzz/corpus/<target>/`) and random mutations of it (bit flips, byte insertions and
//! deletions, splices of two inputs, repeated chunks). A panic is a failure: the input is
//! written to `fuzz/artifacts/<target>/` and the run exits with status 1.
//!
//! `cargo run --release -p crm360-fuzz -- [--seconds N] [--seed S] [target...]`
//! (targets: csv_reader, segment_compiler, rnvp; all by default, N seconds each, 10 by default).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

type Harness = fn(&[u8]);

const TARGETS: [(&str, Harness); 3] = [
    ("csv_reader", crm360_fuzz::csv_reader),
    ("segment_compiler", crm360_fuzz::segment_compiler),
    ("rnvp", crm360_fuzz::rnvp),
];

/// A small, seeded generator (xorshift64*): a run is reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    const INTERESTING: [&[u8]; 10] =
        [b";", b"\"", b"\r\n", b"\n", b"\0", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", "é".as_bytes(), b"%_"];
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(6) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, rng.next() as u8),
            2 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            3 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                input.splice(at..at, piece.iter().copied());
            }
            4 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len() + 1);
                input.truncate(at);
                input.extend_from_slice(&other[from..]);
            }
            _ if !input.is_empty() && input.len() < 64 * 1024 => {
                let start = rng.below(input.len());
                let end = (start + 1 + rng.below(64)).min(input.len());
                let chunk = input[start..end].to_vec();
                for _ in 0..1 + rng.below(8) {
                    input.splice(at..at, chunk.iter().copied());
                }
            }
            _ => {}
        }
    }
}

fn corpus_of(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| std::fs::read(e.ok()?.path()).ok()).collect())
        .unwrap_or_default();
    seeds.push(Vec::new());
    seeds
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut seconds, mut seed, mut chosen) = (10u64, 0x5eed_c0de_u64, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).expect("--seconds N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            name => chosen.push(name.to_owned()),
        }
    }
    // A panic is reported once, by the runner, with the input that caused it.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    for (name, harness) in TARGETS {
        if !chosen.is_empty() && !chosen.iter().any(|c| c == name) {
            continue;
        }
        let corpus = corpus_of(name);
        let mut rng = Rng(seed | 1);
        let (started, mut runs) = (Instant::now(), 0u64);
        while started.elapsed() < Duration::from_secs(seconds) {
            let mut input = corpus[rng.below(corpus.len())].clone();
            if runs >= corpus.len() as u64 {
                mutate(&mut rng, &mut input, &corpus);
            }
            runs += 1;
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| harness(&input))) {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts").join(name);
                let _ = std::fs::create_dir_all(&dir);
                let path = dir.join(format!("crash-{seed}-{runs}"));
                let _ = std::fs::write(&path, &input);
                eprintln!("{name}: PANIC after {runs} runs: {message}; input in {}", path.display());
                failed = true;
                break;
            }
        }
        println!("{name}: {runs} inputs in {seconds} s, no panic");
    }
    if failed {
        std::process::exit(1);
    }
}
