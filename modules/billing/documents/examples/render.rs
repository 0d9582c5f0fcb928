//! Renders the sample invoice and times the Factur-X PDF.
//!
//! `cargo run --release -p crm360-invoice-documents --example render -- [OUT_DIR] [N]`
//! writes `invoice.html`, `invoice.pdf`, `factur-x.xml` and `credit-note.pdf` into OUT_DIR
//! (default: the system's temporary folder), then renders N Factur-X PDFs (default 200) on
//! one thread and on two, and prints the time per document.

use std::time::Instant;

// As in the application (app/src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use crm360_invoice_documents::sample::{sample_credit_note, sample_invoice};
use crm360_invoice_documents::{Renderer, cii_xml};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(200);

    let started = Instant::now();
    let renderer = Renderer::new()?;
    println!("Renderer::new: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);

    let mut doc = sample_invoice();
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("invoice.html"), renderer.html(&doc))?;
    std::fs::write(out.join("factur-x.xml"), cii_xml(&doc))?;
    let started = Instant::now();
    let pdf = renderer.facturx(&doc)?;
    println!("first Factur-X PDF: {:.1} ms, {} bytes", started.elapsed().as_secs_f64() * 1e3, pdf.len());
    std::fs::write(out.join("invoice.pdf"), &pdf)?;
    std::fs::write(out.join("credit-note.pdf"), renderer.facturx(&sample_credit_note())?)?;
    println!("written to {}", out.display());

    // Warm-up, then N documents that all differ (number and buyer), as in a monthly run.
    for i in 0..20 {
        doc.number = format!("F-2026-W{i:05}");
        renderer.facturx(&doc)?;
    }
    let started = Instant::now();
    for i in 0..n {
        doc.number = format!("F-2026-{i:06}");
        doc.buyer.name = format!("Client n° {i}");
        renderer.facturx(&doc)?;
    }
    let one = started.elapsed().as_secs_f64() * 1e3 / n as f64;
    println!("1 thread: {one:.2} ms per Factur-X PDF ({n} documents)");

    let started = Instant::now();
    std::thread::scope(|s| {
        for t in 0..2 {
            let renderer = &renderer;
            let mut doc = sample_invoice();
            s.spawn(move || {
                for i in 0..n / 2 {
                    doc.number = format!("F-2026-T{t}{i:05}");
                    doc.buyer.name = format!("Client {t}-{i}");
                    renderer.facturx(&doc).expect("rendered");
                }
            });
        }
    });
    let two = started.elapsed().as_secs_f64() * 1e3 / n as f64;
    println!("2 threads: {two:.2} ms per Factur-X PDF (wall clock, {n} documents)");
    Ok(())
}
