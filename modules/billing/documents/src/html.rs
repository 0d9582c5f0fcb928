//! The printable HTML page: one self-contained file (inline CSS, no script, no external
//! resource), A4 print layout. Every text from the document is escaped.

use std::fmt::Write;

use crate::mentions::{PartyView, View};

/// Escapes text for HTML content and double-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 18mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Libertinus Serif", Georgia, "Times New Roman", serif; font-size: 10pt; color: #1a1a1a; margin: 0; }
.page { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
header { display: flex; justify-content: space-between; gap: 12mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
.meta p, .party p { margin: 0.5mm 0; }
.party .name { font-weight: bold; font-size: 11pt; }
.identity { font-size: 8.5pt; color: #444; }
.buyer { margin: 8mm 0 6mm auto; width: 50%; border: 0.5pt solid #999; padding: 3mm 4mm; }
.buyer .label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; color: #666; margin-bottom: 1mm; }
table { width: 100%; border-collapse: collapse; }
table.lines th { text-align: left; border-bottom: 1pt solid #333; padding: 1.5mm 1mm; font-size: 9pt; }
table.lines td { border-bottom: 0.5pt solid #ccc; padding: 1.5mm 1mm; vertical-align: top; }
.num { text-align: right !important; white-space: nowrap; }
table.totals { width: 45%; margin: 4mm 0 0 auto; }
table.totals td { padding: 1mm; }
table.totals tr.strong td { font-weight: bold; border-top: 1pt solid #333; }
section { margin-top: 6mm; }
section h2 { font-size: 10pt; margin: 0 0 1.5mm; }
section p { margin: 0.5mm 0; }
.conditions { font-size: 8.5pt; }
footer { margin-top: 10mm; border-top: 0.5pt solid #999; padding-top: 2mm; font-size: 7.5pt; color: #555; text-align: center; }
"#;

fn party(out: &mut String, party: &PartyView) {
    let _ = write!(out, "<p class=\"name\">{}</p>", escape(&party.name));
    for line in &party.address {
        let _ = write!(out, "<p>{}</p>", escape(line));
    }
    for line in &party.identity {
        let _ = write!(out, "<p class=\"identity\">{}</p>", escape(line));
    }
}

pub(crate) fn render(view: &View) -> String {
    let mut o = String::with_capacity(8 * 1024);
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<div class=\"page\">",
        escape(&view.heading)
    );
    o.push_str("<header>\n<div class=\"party seller\">");
    party(&mut o, &view.seller);
    let _ = writeln!(o, "</div>\n<div class=\"meta\">\n<h1>{}</h1>", escape(&view.heading));
    for line in &view.meta {
        let _ = writeln!(o, "<p>{}</p>", escape(line));
    }
    o.push_str("</div>\n</header>\n<div class=\"party buyer\"><p class=\"label\">Client</p>");
    party(&mut o, &view.buyer);
    o.push_str("</div>\n<table class=\"lines\">\n<thead><tr><th>Désignation</th><th class=\"num\">Quantité</th><th>Unité</th><th class=\"num\">Prix unitaire HT</th><th class=\"num\">Montant HT</th></tr></thead>\n<tbody>\n");
    for line in &view.lines {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&line.label),
            escape(&line.quantity),
            escape(&line.unit),
            escape(&line.unit_price),
            escape(&line.amount)
        );
    }
    o.push_str("</tbody>\n</table>\n<table class=\"totals\">\n");
    for total in &view.totals {
        let _ = writeln!(
            o,
            "<tr{}><td>{}</td><td class=\"num\">{}</td></tr>",
            if total.strong { " class=\"strong\"" } else { "" },
            escape(&total.label),
            escape(&total.value)
        );
    }
    o.push_str("</table>\n<section class=\"payment\">\n<h2>Règlement</h2>\n");
    for line in &view.payment {
        let _ = writeln!(o, "<p>{}</p>", escape(line));
    }
    o.push_str("</section>\n<section class=\"conditions\">\n<h2>Conditions</h2>\n");
    for line in &view.conditions {
        let _ = writeln!(o, "<p>{}</p>", escape(line));
    }
    o.push_str("</section>\n");
    if !view.notes.is_empty() {
        o.push_str("<section class=\"notes\">\n<h2>Mentions complémentaires</h2>\n");
        for line in &view.notes {
            let _ = writeln!(o, "<p>{}</p>", escape(line));
        }
        o.push_str("</section>\n");
    }
    let _ = writeln!(o, "<footer>{}</footer>\n</div>\n</body>\n</html>", escape(&view.footer));
    o
}
