//! RNVP of a CSV stream, for the `crm360 rnvp < in.csv > out.csv` command.

use std::io::{Read, Write};

use serde::Serialize;

use crate::ReasonCode;
use crate::error::PostalError;
use crate::reason::ReasonSet;
use crate::rnvp::{RnvpStatus, rnvp};

const INPUT_HEADER: [&str; 6] = ["line1", "line2", "line3", "line4", "line5", "line6"];
const OUTPUT_HEADER: [&str; 8] = ["line1", "line2", "line3", "line4", "line5", "line6", "status", "reasons"];

/// Counts of a CSV RNVP run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RnvpCsvSummary {
    /// Data rows read (the header excluded), malformed ones included.
    pub rows: u64,
    /// Rows whose address is valid.
    pub valid: u64,
    /// Rows whose address was corrected.
    pub corrected: u64,
    /// Rows whose address is invalid (malformed rows included).
    pub invalid: u64,
}

impl RnvpCsvSummary {
    fn count(&mut self, status: RnvpStatus) {
        self.rows += 1;
        match status {
            RnvpStatus::Valid => self.valid += 1,
            RnvpStatus::Corrected => self.corrected += 1,
            RnvpStatus::Invalid => self.invalid += 1,
        }
    }
}

/// Decodes a field as UTF-8, or as Windows-1252 (what French spreadsheets often write) when
/// it is not valid UTF-8.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Reads a CSV with the header `line1,line2,line3,line4,line5,line6` (comma-separated,
/// UTF-8 or Windows-1252) and writes, for each row, the six normalised AFNOR lines followed by
/// `status` (`VALID`, `CORRECTED`, `INVALID`) and `reasons` (codes joined by `|`).
///
/// A row that does not have six columns is never dropped: it is written as read (extra
/// columns joined into `line6`), `INVALID`, with the reason `ROW_MALFORMED`.
pub fn rnvp_csv<R: Read, W: Write>(input: R, output: W) -> Result<RnvpCsvSummary, PostalError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut writer = csv::WriterBuilder::new().from_writer(output);
    let expected = INPUT_HEADER.join(",");

    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record)? {
        return Err(PostalError::MissingHeader { expected });
    }
    let header: Vec<String> =
        record.iter().map(|f| decode(f).trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
    if header != INPUT_HEADER {
        return Err(PostalError::InvalidHeader { expected, found: header.join(",") });
    }
    writer.write_record(OUTPUT_HEADER)?;

    let mut summary = RnvpCsvSummary::default();
    let mut fields: Vec<String> = Vec::with_capacity(6);
    while reader.read_byte_record(&mut record)? {
        fields.clear();
        fields.extend(record.iter().map(|f| decode(f).into_owned()));
        if fields.len() == 6 {
            let result = rnvp(&fields);
            summary.count(result.status);
            let reasons = result.reasons.join("|");
            writer.write_record(
                result.lines.iter().map(String::as_str).chain([result.status.code(), reasons.as_str()]),
            )?;
        } else {
            let mut raw: Vec<String> = fields.iter().take(6).cloned().collect();
            raw.resize(6, String::new());
            if fields.len() > 6 {
                raw[5] = fields[5..].join(" ");
            }
            let mut reasons = ReasonSet::new();
            reasons.insert(ReasonCode::RowMalformed);
            summary.count(RnvpStatus::Invalid);
            let reasons = reasons.join("|");
            writer
                .write_record(raw.iter().map(String::as_str).chain([RnvpStatus::Invalid.code(), reasons.as_str()]))?;
        }
    }
    writer.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_rows_and_keeps_bad_ones() {
        let input = "line1,line2,line3,line4,line5,line6\n\
                     M Dupont,,,12 rue de la paix,,75002 paris\n\
                     only,three,columns\n";
        let mut out = Vec::new();
        let summary = rnvp_csv(input.as_bytes(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(summary.rows, 2);
        assert_eq!(summary.invalid, 1);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "line1,line2,line3,line4,line5,line6,status,reasons");
        assert_eq!(lines[1], "M DUPONT,,,12 RUE DE LA PAIX,,75002 PARIS,VALID,");
        assert_eq!(lines[2], "only,three,columns,,,,INVALID,ROW_MALFORMED");
    }

    #[test]
    fn reads_windows_1252() {
        let mut input = b"line1,line2,line3,line4,line5,line6\n,,,3 all\xe9e des Ch\xeanes,,69003 Lyon\n".to_vec();
        input.extend_from_slice(b"");
        let mut out = Vec::new();
        rnvp_csv(input.as_slice(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("3 ALLEE DES CHENES"), "{text}");
    }

    #[test]
    fn rejects_a_wrong_header() {
        let err = rnvp_csv("a,b\n".as_bytes(), Vec::new()).unwrap_err();
        assert!(matches!(err, PostalError::InvalidHeader { .. }));
        let err = rnvp_csv("".as_bytes(), Vec::new()).unwrap_err();
        assert!(matches!(err, PostalError::MissingHeader { .. }));
    }
}
