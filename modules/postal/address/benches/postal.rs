//! Benchmark of the postal module: RNVP throughput on one core, and deduplication of
//! 1 000 000 generated contacts with injected duplicates (time, peak memory, precision,
//! recall).
//!
//! Run: `cargo bench -p crm360-address --bench postal`
//! Options: `-- --contacts N --addresses N --seed N`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::{Duration, Instant};

use crm360_address::dedup::{ContactRecord, Deduplicator};
use crm360_address::{Referential, RnvpStatus, rnvp, rnvp_csv};

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Peak resident memory of the process (VmHWM), in MiB.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let contacts = arg("--contacts", 1_000_000);
    let addresses = arg("--addresses", 200_000);
    let seed = arg("--seed", 2026);

    let t = Instant::now();
    let referential = Referential::global();
    println!("referential: {} rows indexed in {:.1} ms", referential.len(), t.elapsed().as_secs_f64() * 1e3);

    // Deduplication first, so that the peak memory read after it is the dedup's.
    let dup_rate = 0.10;
    let generator = synthetic::Generator::new(seed, contacts, dup_rate);
    let mut entity_of: Vec<u32> = Vec::with_capacity(contacts as usize);
    let mut dedup = Deduplicator::new();
    dedup.reserve(contacts as usize);
    let mut push_time = Duration::ZERO;
    let total = Instant::now();
    for c in generator {
        entity_of.push(c.entity);
        let lines = [c.complement.as_str(), c.street.as_str()];
        let record = ContactRecord {
            id: c.id,
            first_name: &c.first,
            last_name: &c.last,
            address_lines: &lines,
            postal_code: &c.postal_code,
            city: &c.city,
        };
        let t = Instant::now();
        dedup.push(&record);
        push_time += t.elapsed();
    }
    let generation_and_push = total.elapsed();
    let t = Instant::now();
    let (groups, stats) = dedup.finish_with_stats();
    let finish_time = t.elapsed();
    let peak = peak_memory_mib();
    let q = synthetic::quality(&groups, &entity_of);
    let dedup_time = push_time + finish_time;
    println!("## dedup");
    println!("contacts: {contacts} (about {:.0} % injected duplicates)", dup_rate * 100.0);
    println!(
        "time: {:.2} s (fingerprints {:.2} s + blocking/scoring/grouping {:.2} s); generation of the data excluded ({:.2} s with it)",
        dedup_time.as_secs_f64(),
        push_time.as_secs_f64(),
        finish_time.as_secs_f64(),
        (generation_and_push + finish_time).as_secs_f64()
    );
    println!("comparisons: {}, matches: {}, groups: {}", stats.comparisons, stats.matches, groups.len());
    println!("pairs: true {}, predicted {}, correct {}", q.true_pairs, q.predicted_pairs, q.correct_pairs);
    println!("precision: {:.4}", q.precision());
    println!("recall: {:.4}", q.recall());
    match peak {
        Some(mib) => println!("peak memory (VmHWM): {mib:.0} MiB"),
        None => println!("peak memory: unavailable"),
    }
    drop(groups);
    drop(entity_of);

    // RNVP on one core.
    let mut generator = synthetic::Generator::new(seed ^ 0xADD, addresses, 0.0);
    let mut inputs: Vec<[String; 6]> = Vec::with_capacity(addresses as usize);
    while let Some(c) = generator.next() {
        let lines = generator.messy_lines(&c);
        inputs.push(lines);
    }
    let t = Instant::now();
    let mut counts = [0u64; 3];
    for lines in &inputs {
        let r = rnvp(black_box(lines));
        counts[match r.status {
            RnvpStatus::Valid => 0,
            RnvpStatus::Corrected => 1,
            RnvpStatus::Invalid => 2,
        }] += 1;
        black_box(&r);
    }
    let elapsed = t.elapsed();
    println!("## rnvp");
    println!(
        "addresses: {addresses}, time {:.2} s, {:.0} addresses/s on one core",
        elapsed.as_secs_f64(),
        addresses as f64 / elapsed.as_secs_f64()
    );
    println!("statuses: valid {}, corrected {}, invalid {}", counts[0], counts[1], counts[2]);

    // The same addresses through the CSV function (parsing and writing included).
    let mut csv_in = csv::Writer::from_writer(Vec::new());
    let header = ["line1", "line2", "line3", "line4", "line5", "line6"];
    let _ = csv_in.write_record(header);
    for lines in &inputs {
        let _ = csv_in.write_record(lines);
    }
    let csv_in = csv_in.into_inner().unwrap_or_default();
    let mut csv_out = Vec::with_capacity(csv_in.len() * 2);
    let t = Instant::now();
    match rnvp_csv(csv_in.as_slice(), &mut csv_out) {
        Ok(summary) => {
            let elapsed = t.elapsed();
            println!(
                "rnvp_csv: {} rows in {:.2} s, {:.0} rows/s on one core",
                summary.rows,
                elapsed.as_secs_f64(),
                summary.rows as f64 / elapsed.as_secs_f64()
            );
        }
        Err(e) => println!("rnvp_csv failed: {e}"),
    }
}
