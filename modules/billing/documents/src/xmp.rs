//! The Factur-X XMP metadata, added to the PDF/A-3 that typst wrote.
//!
//! typst (krilla) writes the document's XMP packet as one uncompressed metadata stream with a
//! PDF/A extension schema bag, and a classic cross-reference table. Factur-X wants two more
//! things in that packet: the description of the `fx` extension schema (in the same bag) and
//! the `fx:` properties. This module rewrites the metadata stream in place — one revision, no
//! incremental update — and shifts the cross-reference offsets of what follows it.

use crate::DocumentError;
use crate::pdf::FACTURX_FILE_NAME;

/// The Factur-X XMP namespace.
pub(crate) const FX_NAMESPACE: &str = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";
/// The Factur-X version and conformance level written in the XMP.
pub(crate) const FX_VERSION: &str = "1.0";
pub(crate) const FX_CONFORMANCE_LEVEL: &str = "EN 16931";

const METADATA_DICT_END: &[u8] = b"/Type/Metadata/Subtype/XML>>";
const BAG_END: &str = "</rdf:Bag></pdfaExtension:schemas>";
const RDF_END: &str = "</rdf:RDF>";

fn property(name: &str, description: &str) -> String {
    format!(
        "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name>\
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\
         <pdfaProperty:category>external</pdfaProperty:category>\
         <pdfaProperty:description>{description}</pdfaProperty:description></rdf:li>"
    )
}

/// The `fx` schema's description, an item of the `pdfaExtension:schemas` bag.
fn extension_schema() -> String {
    format!(
        "<rdf:li rdf:parseType=\"Resource\">\
         <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\
         <pdfaSchema:namespaceURI>{FX_NAMESPACE}</pdfaSchema:namespaceURI>\
         <pdfaSchema:prefix>fx</pdfaSchema:prefix>\
         <pdfaSchema:property><rdf:Seq>{}{}{}{}</rdf:Seq></pdfaSchema:property></rdf:li>",
        property("DocumentFileName", "The name of the embedded XML document"),
        property("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"),
        property("Version", "The actual version of the standard applying to the embedded XML document"),
        property("ConformanceLevel", "The conformance level of the embedded XML document"),
    )
}

/// The `fx:` properties (a credit note is also of document type INVOICE in Factur-X).
fn facturx_description() -> String {
    format!(
        "<rdf:Description rdf:about=\"\" xmlns:fx=\"{FX_NAMESPACE}\">\
         <fx:DocumentType>INVOICE</fx:DocumentType>\
         <fx:DocumentFileName>{FACTURX_FILE_NAME}</fx:DocumentFileName>\
         <fx:Version>{FX_VERSION}</fx:Version>\
         <fx:ConformanceLevel>{FX_CONFORMANCE_LEVEL}</fx:ConformanceLevel>\
         </rdf:Description>"
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn unexpected(what: &str) -> DocumentError {
    DocumentError::Pdf(format!("structure PDF inattendue : {what}"))
}

fn parse_usize(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes).ok()?.trim().parse().ok()
}

/// Adds the Factur-X extension schema and properties to the XMP packet of `pdf`.
pub(crate) fn add_facturx_metadata(pdf: Vec<u8>) -> Result<Vec<u8>, DocumentError> {
    // The metadata stream: `<</Length N/Type/Metadata/Subtype/XML>>\nstream\n…\nendstream`.
    let dict_end = find(&pdf, METADATA_DICT_END).ok_or_else(|| unexpected("flux de métadonnées XMP absent"))?;
    if find(&pdf[dict_end + 1..], METADATA_DICT_END).is_some() {
        return Err(unexpected("plusieurs flux de métadonnées XMP"));
    }
    let dict_start = rfind(&pdf[..dict_end], b"<<").ok_or_else(|| unexpected("dictionnaire XMP"))?;
    let length_key = b"<</Length ";
    if !pdf[dict_start..].starts_with(length_key) {
        return Err(unexpected("longueur du flux XMP"));
    }
    let old_length =
        parse_usize(&pdf[dict_start + length_key.len()..dict_end]).ok_or_else(|| unexpected("longueur du flux XMP"))?;
    let after_dict = dict_end + METADATA_DICT_END.len();
    let keyword = b"\nstream\n";
    if !pdf[after_dict..].starts_with(keyword) {
        return Err(unexpected("début du flux XMP"));
    }
    let data_start = after_dict + keyword.len();
    let data_end = data_start + old_length;
    if !pdf.get(data_end..).is_some_and(|rest| rest.starts_with(b"\nendstream")) {
        return Err(unexpected("fin du flux XMP"));
    }
    let packet = std::str::from_utf8(&pdf[data_start..data_end]).map_err(|_| unexpected("XMP non UTF-8"))?;
    if packet.contains(FX_NAMESPACE) {
        return Ok(pdf);
    }
    let bag = packet.find(BAG_END).ok_or_else(|| unexpected("schémas d'extension PDF/A absents du XMP"))?;
    let rdf = packet.rfind(RDF_END).ok_or_else(|| unexpected("XMP sans rdf:RDF"))?;
    if rdf < bag {
        return Err(unexpected("XMP"));
    }
    let schema = extension_schema();
    let description = facturx_description();
    let mut new_packet = String::with_capacity(packet.len() + schema.len() + description.len());
    new_packet.push_str(&packet[..bag]);
    new_packet.push_str(&schema);
    new_packet.push_str(&packet[bag..rdf]);
    new_packet.push_str(&description);
    new_packet.push_str(&packet[rdf..]);

    // Rebuild: the same bytes up to the dictionary, the new dictionary and packet, the rest.
    let new_dict = format!("<</Length {}", new_packet.len());
    let mut out = Vec::with_capacity(pdf.len() + schema.len() + description.len() + 8);
    out.extend_from_slice(&pdf[..dict_start]);
    out.extend_from_slice(new_dict.as_bytes());
    out.extend_from_slice(&pdf[dict_end..data_start]);
    out.extend_from_slice(new_packet.as_bytes());
    let tail_start = out.len();
    out.extend_from_slice(&pdf[data_end..]);
    let delta = tail_start - data_end;
    shift_xref(&mut out, data_end, delta)?;
    Ok(out)
}

/// Adds `delta` to every cross-reference offset at or past `from`, and to `startxref`.
fn shift_xref(pdf: &mut Vec<u8>, from: usize, delta: usize) -> Result<(), DocumentError> {
    let marker = b"\nstartxref\n";
    let at = rfind(pdf, marker).ok_or_else(|| unexpected("startxref absent"))?;
    let number_start = at + marker.len();
    let number_end = number_start
        + pdf[number_start..].iter().position(|b| !b.is_ascii_digit()).ok_or_else(|| unexpected("startxref"))?;
    let old_xref = parse_usize(&pdf[number_start..number_end]).ok_or_else(|| unexpected("startxref"))?;
    let xref = if old_xref >= from { old_xref + delta } else { old_xref };
    // Nothing after `startxref` is referenced by offset: its number may gain a digit.
    pdf.splice(number_start..number_end, xref.to_string().into_bytes());
    if !pdf[xref..].starts_with(b"xref\n") {
        return Err(unexpected("table xref introuvable"));
    }
    let mut pos = xref + b"xref\n".len();
    // Subsections: "first count\n" then `count` entries of 20 bytes.
    while pdf.get(pos).is_some_and(u8::is_ascii_digit) {
        let line_end = pos + pdf[pos..].iter().position(|&b| b == b'\n').ok_or_else(|| unexpected("xref"))?;
        let header = std::str::from_utf8(&pdf[pos..line_end]).map_err(|_| unexpected("xref"))?;
        let count: usize =
            header.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or_else(|| unexpected("xref"))?;
        pos = line_end + 1;
        for _ in 0..count {
            let entry = pdf.get(pos..pos + 20).ok_or_else(|| unexpected("entrée xref"))?;
            if entry[17] == b'n' {
                let offset = parse_usize(&entry[..10]).ok_or_else(|| unexpected("entrée xref"))?;
                if offset >= from {
                    let shifted = format!("{:010}", offset + delta);
                    if shifted.len() != 10 {
                        return Err(unexpected("décalage xref"));
                    }
                    pdf[pos..pos + 10].copy_from_slice(shifted.as_bytes());
                }
            }
            pos += 20;
        }
    }
    Ok(())
}
