//! The metrics recorder keeps constant memory when nothing scrapes `/metrics` (issue 20).
//!
//! Its own test binary: a counting global allocator measures the bytes the process holds,
//! and the recorder is process-wide.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn held() -> isize {
    HELD.load(Ordering::Relaxed)
}

/// Records `n` request latencies and as many SQL statement latencies, on a few routes.
fn record(n: u32) {
    let routes = ["/graphql", "/healthz", "/imports/{id}/upload", "/metrics"];
    for i in 0..n {
        let route = routes[i as usize % routes.len()];
        let latency = Duration::from_micros(200 + u64::from(i % 5000));
        crm360::telemetry::record_request("POST", route, 200, latency);
        crm360::telemetry::record_statement(false, latency);
    }
}

#[test]
fn a_million_latencies_without_a_scrape_keep_the_recorder_bounded() {
    // Warm-up: every series and summary exists, the sketches hold their buckets.
    record(100_000);
    let warm = held();
    record(1_000_000);
    let grown = held() - warm;
    // Unbounded, the samples alone would hold 2 000 000 × 8 bytes (16 MB) until a scrape.
    assert!(grown < 1_000_000, "the recorder grew by {grown} bytes over a million requests without a scrape");
    // The summaries still count every request once scraped.
    let page = crm360::telemetry::render_metrics();
    let count_line = page
        .lines()
        .find(|line| line.starts_with("crm360_http_request_duration_seconds_count") && line.contains("/graphql"))
        .unwrap_or_else(|| panic!("no /graphql latency count in\n{page}"));
    let count: u64 = count_line.rsplit(' ').next().and_then(|n| n.parse().ok()).expect("a count");
    assert_eq!(count, 275_000, "{count_line}");
}
