//! Acceptance tests: the CII XML and its checks, the Factur-X PDF (attachment, PDF/A-3 XMP,
//! embedded fonts, text), the HTML (mentions, escaping), validation.

use std::sync::LazyLock;

use crm360_invoice_documents::sample::{sample_credit_note, sample_invoice};
use crm360_invoice_documents::{
    DocumentError, InvoiceDocument, Renderer, RuleViolation, check_cii, cii_xml, legal_mentions, validate,
};
use lopdf::{Dictionary, Document, Object};
use rust_decimal::Decimal;

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new().expect("renderer"));

fn rules(result: Result<(), Vec<RuleViolation>>) -> Vec<&'static str> {
    result.expect_err("the XML should break a rule").iter().map(|v| v.rule).collect()
}

/// Replaces exactly one occurrence of `from` in `xml`.
fn replace_once(xml: &str, from: &str, to: &str) -> String {
    assert_eq!(xml.matches(from).count(), 1, "{from} should occur once");
    xml.replacen(from, to, 1)
}

// ---------------------------------------------------------------------------------------
// CII XML

#[test]
fn sample_xml_passes_the_checks() {
    for doc in [sample_invoice(), sample_credit_note()] {
        let xml = cii_xml(&doc);
        assert_eq!(check_cii(&xml), Ok(()), "{xml}");
    }
}

#[test]
fn sample_xml_snapshot() {
    insta::assert_snapshot!("sample_invoice_cii", cii_xml(&sample_invoice()));
    insta::assert_snapshot!("sample_credit_note_cii", cii_xml(&sample_credit_note()));
}

#[test]
fn wrong_grand_total_breaks_br_co_15() {
    let xml = cii_xml(&sample_invoice());
    let broken = replace_once(
        &xml,
        "<ram:GrandTotalAmount>2190.00</ram:GrandTotalAmount>",
        "<ram:GrandTotalAmount>2191.00</ram:GrandTotalAmount>",
    );
    assert!(rules(check_cii(&broken)).contains(&"BR-CO-15"));
}

#[test]
fn missing_buyer_name_breaks_br_07() {
    let xml = cii_xml(&sample_invoice());
    let broken = replace_once(&xml, "<ram:Name>Boulangerie Martin &amp; Fils</ram:Name>", "");
    assert_eq!(rules(check_cii(&broken)), vec!["BR-07"]);
}

#[test]
fn line_sum_off_by_one_cent_breaks_br_co_10() {
    let xml = cii_xml(&sample_invoice());
    let broken = replace_once(
        &xml,
        "<ram:LineTotalAmount>1000.00</ram:LineTotalAmount>",
        "<ram:LineTotalAmount>1000.01</ram:LineTotalAmount>",
    );
    let found = rules(check_cii(&broken));
    assert!(found.contains(&"BR-CO-10"), "{found:?}");
    // The VAT basis no longer matches the lines either.
    assert!(found.contains(&"BR-S-08"), "{found:?}");
}

#[test]
fn credit_note_without_reference_breaks_br_fr_co_05() {
    let xml = cii_xml(&sample_credit_note());
    let start = xml.find("<ram:InvoiceReferencedDocument>").expect("reference");
    let end =
        xml.find("</ram:InvoiceReferencedDocument>").expect("reference end") + "</ram:InvoiceReferencedDocument>".len();
    let broken = format!("{}{}", &xml[..start], &xml[end..]);
    assert_eq!(rules(check_cii(&broken)), vec!["BR-FR-CO-05"]);
}

#[test]
fn other_broken_xmls_name_their_rule() {
    let xml = cii_xml(&sample_invoice());
    let cases = [
        ("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "", "BR-01"),
        ("<ram:ID>F-2026-000042</ram:ID>", "", "BR-02"),
        ("<ram:TypeCode>380</ram:TypeCode>", "", "BR-04"),
        ("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>", "", "BR-05"),
        ("<ram:Name>crm360</ram:Name>", "", "BR-06"),
        (
            "<ram:CalculatedAmount>365.00</ram:CalculatedAmount>",
            "<ram:CalculatedAmount>365.01</ram:CalculatedAmount>",
            "BR-S-09",
        ),
        (
            "<ram:TaxTotalAmount currencyID=\"EUR\">365.00</ram:TaxTotalAmount>",
            "<ram:TaxTotalAmount currencyID=\"EUR\">366.00</ram:TaxTotalAmount>",
            "BR-CO-14",
        ),
        ("<ram:TaxBasisTotalAmount>1825.00", "<ram:TaxBasisTotalAmount>1824.00", "BR-CO-13"),
        ("<ram:DuePayableAmount>2190.00", "<ram:DuePayableAmount>2189.00", "BR-CO-16"),
        ("<ram:TotalPrepaidAmount>0.00", "<ram:TotalPrepaidAmount>0.001", "BR-DEC-16"),
        (
            "<udt:DateTimeString format=\"102\">20261201</udt:DateTimeString>",
            "<udt:DateTimeString format=\"102\">2026-12-01</udt:DateTimeString>",
            "CII-DATE-102",
        ),
        ("<ram:ID schemeID=\"VA\">FR44732829320</ram:ID>", "", "BR-S-02"),
        ("</rsm:CrossIndustryInvoice>", "</rsm:CrossIndustryInvoic>", "CII-XML"),
    ];
    for (from, to, rule) in cases {
        let broken = replace_once(&xml, from, to);
        let found = rules(check_cii(&broken));
        assert!(found.contains(&rule), "{rule} expected, found {found:?}");
    }
    // The seller's country is the first CountryID.
    let broken = xml.replacen("<ram:CountryID>FR</ram:CountryID>", "", 1);
    assert_eq!(rules(check_cii(&broken)), vec!["BR-09"]);
}

#[test]
fn xml_escapes_text_and_round_trips() {
    let mut doc = sample_invoice();
    doc.buyer.name = "<script>alert(\"x\")</script> & Cie".into();
    doc.lines[0].label = "Contacts <b>".into();
    let xml = cii_xml(&doc);
    assert!(!xml.contains("<script>"));
    assert!(xml.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; Cie"));
    assert_eq!(check_cii(&xml), Ok(()));
}

#[test]
fn xml_carries_the_french_mentions_and_formats() {
    let xml = cii_xml(&sample_invoice());
    for needle in [
        "<ram:TypeCode>380</ram:TypeCode>",
        "<udt:DateTimeString format=\"102\">20261201</udt:DateTimeString>",
        "<ram:ID schemeID=\"0002\">732829320</ram:ID>",
        "<ram:ID schemeID=\"0002\">552100554</ram:ID>",
        "<ram:ID schemeID=\"VA\">FR12552100554</ram:ID>",
        "<ram:Description>SAS au capital de 1 547 143 € — RCS Paris 732 829 320</ram:Description>",
        "<ram:BilledQuantity unitCode=\"C62\">12500</ram:BilledQuantity>",
        "<ram:ChargeAmount>0.08</ram:ChargeAmount>",
        "<ram:TypeCode>58</ram:TypeCode>",
        "<ram:IBANID>FR7630006000011234567890189</ram:IBANID>",
        "<ram:SubjectCode>PMT</ram:SubjectCode>",
        "Indemnité forfaitaire pour frais de recouvrement : 40 €",
        "taux BCE majoré de 10 points",
        "Pas d'escompte pour paiement anticipé",
    ] {
        assert!(xml.contains(needle), "{needle} missing from\n{xml}");
    }
    assert!(!xml.contains("DueDateTypeCode"), "VAT on receipts by default");
    let mut debits = sample_invoice();
    debits.vat_on_debits = true;
    assert!(cii_xml(&debits).contains("<ram:DueDateTypeCode>5</ram:DueDateTypeCode>"));
    let credit = cii_xml(&sample_credit_note());
    assert!(credit.contains("<ram:TypeCode>381</ram:TypeCode>"));
    assert!(credit.contains("<ram:IssuerAssignedID>F-2026-000042</ram:IssuerAssignedID>"));
}

// ---------------------------------------------------------------------------------------
// Factur-X PDF

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    doc.dereference(object).expect("reference").1.as_dict().expect("dictionary")
}

/// The embedded files of the PDF: (name, AFRelationship, bytes).
fn embedded_files(pdf: &Document) -> Vec<(String, String, Vec<u8>)> {
    let catalog = pdf.catalog().expect("catalog");
    let names = dict(pdf, catalog.get(b"Names").expect("/Names"));
    let tree = dict(pdf, names.get(b"EmbeddedFiles").expect("/EmbeddedFiles"));
    let array = tree.get(b"Names").expect("flat name tree").as_array().expect("array");
    let mut out = Vec::new();
    for pair in array.chunks(2) {
        let name = String::from_utf8(pair[0].as_str().expect("name").to_vec()).expect("utf-8");
        let spec = dict(pdf, &pair[1]);
        let relationship =
            String::from_utf8(spec.get(b"AFRelationship").expect("AFRelationship").as_name().expect("name").to_vec())
                .expect("utf-8");
        let ef = dict(pdf, spec.get(b"EF").expect("/EF"));
        let stream = pdf.dereference(ef.get(b"F").expect("/F")).expect("stream").1.as_stream().expect("stream");
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        out.push((name, relationship, bytes));
    }
    out
}

fn xmp(pdf: &Document) -> String {
    let catalog = pdf.catalog().expect("catalog");
    let stream =
        pdf.dereference(catalog.get(b"Metadata").expect("/Metadata")).expect("xmp").1.as_stream().expect("stream");
    String::from_utf8(stream.content.clone()).expect("uncompressed UTF-8 XMP")
}

/// Every in-use entry of the (single) cross-reference table points at "N G obj".
fn assert_xref_offsets(bytes: &[u8]) {
    let find_last = |needle: &[u8]| bytes.windows(needle.len()).rposition(|w| w == needle);
    let at = find_last(b"startxref\n").expect("startxref") + "startxref\n".len();
    let tail = std::str::from_utf8(&bytes[at..]).expect("ASCII");
    let xref: usize = tail.lines().next().expect("offset").trim().parse().expect("number");
    assert!(bytes[xref..].starts_with(b"xref\n"), "startxref points at the table");
    let table_end = find_last(b"trailer").expect("trailer");
    let table = std::str::from_utf8(&bytes[xref + 5..table_end]).expect("ASCII");
    let mut lines = table.split('\n');
    let header = lines.next().expect("subsection");
    let mut parts = header.split_whitespace().map(|n| n.parse::<usize>().expect("number"));
    let (first, count) = (parts.next().expect("first"), parts.next().expect("count"));
    for (i, line) in lines.take(count).enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields[2] == "n" {
            let offset: usize = fields[0].parse().expect("offset");
            let expected = format!("{} {} obj", first + i, fields[1].parse::<u32>().expect("generation"));
            assert!(bytes[offset..].starts_with(expected.as_bytes()), "object {} at {offset}", first + i);
        }
    }
}

/// Fonts without an embedded font program (Type 3 fonts are drawn by the PDF itself).
fn non_embedded_fonts(pdf: &Document) -> Vec<String> {
    let mut missing = Vec::new();
    let mut fonts = 0;
    for object in pdf.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font".as_slice()) {
            continue;
        }
        fonts += 1;
        let subtype = font.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let base =
            String::from_utf8_lossy(font.get(b"BaseFont").and_then(Object::as_name).unwrap_or(b"?")).into_owned();
        let descriptor = match subtype {
            b"Type3" => continue,
            b"Type0" => {
                let descendants = pdf.dereference(font.get(b"DescendantFonts").expect("descendants")).expect("array").1;
                let descendant = dict(pdf, &descendants.as_array().expect("array")[0]);
                descendant.get(b"FontDescriptor").map(|d| dict(pdf, d))
            }
            _ => font.get(b"FontDescriptor").map(|d| dict(pdf, d)),
        };
        let embedded =
            descriptor.is_ok_and(|d| [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k)));
        if !embedded {
            missing.push(base);
        }
    }
    assert!(fonts > 0, "the PDF has fonts");
    missing
}

fn normalize(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{202F}' || c == '\u{A0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn facturx_pdf_embeds_the_xml_declares_pdfa3_and_embeds_fonts() {
    for doc in [sample_invoice(), sample_credit_note()] {
        let bytes = RENDERER.facturx(&doc).expect("Factur-X");
        assert!(bytes.starts_with(b"%PDF-"));
        assert_xref_offsets(&bytes);
        let pdf = Document::load_mem(&bytes).expect("a PDF lopdf reads");
        assert!(!pdf.get_pages().is_empty());

        let files = embedded_files(&pdf);
        assert_eq!(files.len(), 1);
        let (name, relationship, xml) = &files[0];
        assert_eq!(name, "factur-x.xml");
        assert_eq!(relationship, "Data");
        assert_eq!(xml.as_slice(), cii_xml(&doc).as_bytes(), "the attached XML is exactly cii_xml(doc)");
        let catalog = pdf.catalog().expect("catalog");
        assert!(catalog.has(b"AF"), "associated files in the catalog");
        assert!(catalog.has(b"OutputIntents"), "PDF/A output intent");

        let xmp = xmp(&pdf);
        for needle in [
            "<pdfaid:part>3</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>",
            "<pdfaSchema:prefix>fx</pdfaSchema:prefix>",
            "<pdfaProperty:name>ConformanceLevel</pdfaProperty:name>",
            "<fx:DocumentType>INVOICE</fx:DocumentType>",
            "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
            "<fx:Version>1.0</fx:Version>",
            "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
        ] {
            assert!(xmp.contains(needle), "{needle} missing from the XMP");
        }
        // One extension schema bag, holding the fx schema.
        assert_eq!(xmp.matches("<pdfaExtension:schemas>").count(), 1);
        assert_eq!(non_embedded_fonts(&pdf), Vec::<String>::new());
    }
}

#[test]
fn pdf_text_has_the_mandatory_mentions() {
    for doc in [sample_invoice(), sample_credit_note()] {
        let bytes = RENDERER.pdf(&doc).expect("PDF");
        let pdf = Document::load_mem(&bytes).expect("PDF");
        let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
        let text = normalize(&pdf.extract_text(&pages).expect("text"));
        for mention in legal_mentions(&doc) {
            assert!(text.contains(&normalize(&mention)), "« {mention} » missing from the PDF text:\n{text}");
        }
        for amount in ["1 825,00 €", "365,00 €", "2 190,00 €", "TVA 20 %"] {
            if doc.kind == crm360_invoice_documents::DocumentKind::Invoice {
                assert!(text.contains(&normalize(amount)), "{amount} missing");
            }
        }
    }
}

#[test]
fn renderer_is_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Renderer>();
    let pdfs: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|i| {
                s.spawn(move || {
                    let mut doc = sample_invoice();
                    doc.number = format!("F-2026-00010{i}");
                    RENDERER.facturx(&doc).expect("PDF")
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    assert!(pdfs.iter().all(|p| p.starts_with(b"%PDF-")));
    // Same input, same bytes: the PDF is reproducible (dated by the issue date).
    assert_eq!(RENDERER.facturx(&sample_invoice()).expect("PDF"), RENDERER.facturx(&sample_invoice()).expect("PDF"));
}

/// `cargo test --release -p crm360-invoice-documents -- --ignored --nocapture facturx_time`
#[test]
#[ignore = "timing; run in release"]
fn facturx_time_per_document() {
    let mut doc = sample_invoice();
    for _ in 0..20 {
        RENDERER.facturx(&doc).expect("warm-up");
    }
    let n = 300;
    let started = std::time::Instant::now();
    for i in 0..n {
        doc.number = format!("F-2026-{i:06}");
        doc.buyer.name = format!("Client n° {i}");
        RENDERER.facturx(&doc).expect("PDF");
    }
    let ms = started.elapsed().as_secs_f64() * 1e3 / f64::from(n);
    println!("{ms:.2} ms per Factur-X PDF (one thread, {n} documents)");
}

// ---------------------------------------------------------------------------------------
// HTML

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[test]
fn html_has_every_legal_mention() {
    for doc in [sample_invoice(), sample_credit_note()] {
        let html = RENDERER.html(&doc);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<html lang=\"fr\">"));
        for mention in legal_mentions(&doc) {
            assert!(html.contains(&html_escape(&mention)), "« {mention} » missing from the HTML");
        }
    }
    let html = RENDERER.html(&sample_invoice());
    for needle in [
        "Facture n° F-2026-000042",
        "1\u{202F}825,00\u{A0}€",
        "2\u{202F}190,00\u{A0}€",
        "TVA 20\u{A0}%",
        "Date d'émission : 01/12/2026",
        "Date d'échéance : 31/12/2026",
        "du 1er novembre 2026 au 30 novembre 2026",
        "Prestations de services",
        "SAS au capital de 1 547 143 €",
        "SIREN : 552 100 554",
        "N° TVA intracommunautaire : FR12552100554",
        "taux BCE majoré de 10 points",
        "Indemnité forfaitaire pour frais de recouvrement : 40 €",
        "Pas d'escompte pour paiement anticipé",
        "Paiement à 30 jours par virement",
    ] {
        assert!(html.contains(needle), "{needle} missing from the HTML");
    }
    assert!(!html.contains("d'après les débits"));
    let credit = RENDERER.html(&sample_credit_note());
    assert!(credit.contains("Avoir n° A-2026-000003"));
    assert!(credit.contains("Avoir sur la facture n° F-2026-000042 du 01/12/2026"));
}

#[test]
fn html_escapes_party_names_and_labels() {
    let mut doc = sample_invoice();
    doc.buyer.name = "<script>alert('x')</script>".into();
    doc.seller.name = "Dupont & <b>Fils</b>".into();
    doc.lines[1].label = "<img src=x onerror=alert(1)>".into();
    doc.notes = vec!["<i>note</i>".into()];
    let html = RENDERER.html(&doc);
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>Fils"));
    assert!(!html.contains("<i>note"));
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(html.contains("Dupont &amp; &lt;b&gt;Fils&lt;/b&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // And the PDF takes such names as text too.
    assert!(RENDERER.facturx(&doc).is_ok());
}

// ---------------------------------------------------------------------------------------
// Validation and mentions

fn expect_err(doc: &InvoiceDocument) -> DocumentError {
    let err = validate(doc).expect_err("invalid document");
    // The renderer refuses it too.
    assert!(RENDERER.facturx(doc).is_err());
    err
}

#[test]
fn inconsistent_or_incomplete_documents_are_refused() {
    let mut doc = sample_invoice();
    doc.total_including_tax += Decimal::new(1, 2);
    assert!(matches!(expect_err(&doc), DocumentError::InconsistentAmount { .. }));

    let mut doc = sample_invoice();
    doc.vat_amount = Decimal::new(36_501, 2);
    doc.total_including_tax = Decimal::new(219_001, 2);
    assert!(matches!(expect_err(&doc), DocumentError::InconsistentAmount { .. }));

    let mut doc = sample_invoice();
    doc.lines[0].amount_excluding_tax += Decimal::new(1, 2);
    assert!(matches!(expect_err(&doc), DocumentError::InconsistentAmount { .. }));

    let mut doc = sample_invoice();
    doc.buyer.siren = None;
    assert!(matches!(expect_err(&doc), DocumentError::MissingField("buyer.siren")));

    let mut doc = sample_invoice();
    doc.seller.vat_number = None;
    assert!(matches!(expect_err(&doc), DocumentError::MissingField("seller.vat_number")));

    let mut doc = sample_invoice();
    doc.buyer.name = " ".into();
    assert!(matches!(expect_err(&doc), DocumentError::MissingField("buyer.name")));

    let mut doc = sample_credit_note();
    doc.corrects = None;
    assert!(matches!(expect_err(&doc), DocumentError::MissingField("corrects")));

    let mut doc = sample_invoice();
    doc.due_date = doc.issue_date.pred_opt().expect("date");
    assert!(matches!(expect_err(&doc), DocumentError::InvalidField { .. }));

    let mut doc = sample_invoice();
    doc.buyer.siren = Some("12345".into());
    let err = expect_err(&doc);
    assert!(err.to_string().contains("buyer.siren"), "{err}");

    assert!(validate(&sample_invoice()).is_ok());
    assert!(validate(&sample_credit_note()).is_ok());
}

#[test]
fn legal_mentions_cover_the_law() {
    let mentions = legal_mentions(&sample_invoice()).join("\n");
    for needle in [
        "Facture n° F-2026-000042",
        "Date d'émission : 01/12/2026",
        "Date d'échéance : 31/12/2026",
        "Période de prestation : du 1er novembre 2026 au 30 novembre 2026",
        "Nature de l'opération : Prestations de services",
        "crm360",
        "12 rue de la Paix",
        "75002 Paris",
        "SAS au capital de 1 547 143 €",
        "SIREN : 732 829 320",
        "RCS Paris 732 829 320",
        "N° TVA intracommunautaire : FR44732829320",
        "Boulangerie Martin & Fils",
        "69002 Lyon",
        "SIREN : 552 100 554",
        "N° TVA intracommunautaire : FR12552100554",
        "Paiement à 30 jours par virement",
        "IBAN : FR76 3000 6000 0112 3456 7890 189",
        "Pénalités de retard : taux BCE majoré de 10 points",
        "Indemnité forfaitaire pour frais de recouvrement : 40 €",
        "Pas d'escompte pour paiement anticipé",
    ] {
        assert!(mentions.contains(needle), "{needle} missing from\n{mentions}");
    }
    assert!(!mentions.contains("débits"));
    let mut debits = sample_invoice();
    debits.vat_on_debits = true;
    assert!(legal_mentions(&debits).iter().any(|m| m == "Option pour le paiement de la TVA d'après les débits"));
    let credit = legal_mentions(&sample_credit_note()).join("\n");
    assert!(credit.contains("Avoir n° A-2026-000003"));
    assert!(credit.contains("Avoir sur la facture n° F-2026-000042"));
}

#[test]
fn long_invoice_spans_pages_and_stays_consistent() {
    let mut doc = sample_invoice();
    let line = doc.lines[1].clone();
    doc.lines = (0..70)
        .map(|i| crm360_invoice_documents::DocumentLine { label: format!("Option n° {i}"), ..line.clone() })
        .collect();
    doc.total_excluding_tax = line.amount_excluding_tax * Decimal::from(70);
    doc.vat_amount = crm360_invoice_documents::format::round_cents(doc.total_excluding_tax / Decimal::from(5));
    doc.total_including_tax = doc.total_excluding_tax + doc.vat_amount;
    let bytes = RENDERER.facturx(&doc).expect("PDF");
    assert_xref_offsets(&bytes);
    let pdf = Document::load_mem(&bytes).expect("PDF");
    assert!(pdf.get_pages().len() >= 2);
    assert_eq!(embedded_files(&pdf)[0].2.as_slice(), cii_xml(&doc).as_bytes());
    assert!(xmp(&pdf).contains("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"));
}
