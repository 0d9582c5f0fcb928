//! Reading CSV files as French tools write them: UTF-8 (with or without BOM) or Windows-1252,
//! `;` or `,` as delimiter (sniffed), quoted fields. Streamed record by record, so memory stays
//! bounded by the longest accepted row whatever the file's size. A row that cannot be read
//! (bad encoding, wrong number of fields, too long) is reported with its line, never dropped.

use crate::values::Refusal;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// How many bytes of the file's head are read to sniff its encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;
/// Longest accepted row: longer ones are reported, not imported.
pub const MAX_ROW_BYTES: usize = 64 * 1024;

pub use crate::model::import::FileEncoding;

/// What sniffing learnt of a file.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Sniffed {
    pub encoding: FileEncoding,
    pub delimiter: u8,
    pub bom: bool,
}

/// Learns a file's encoding and delimiter from its first bytes, or refuses it whole.
pub fn sniff(head: &[u8]) -> Result<Sniffed, Refusal> {
    if head.is_empty() {
        return Err(Refusal::new("EMPTY_FILE", "the file is empty"));
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(Refusal::new("UNSUPPORTED_ENCODING", "the file is UTF-16: save it as UTF-8 or Windows-1252 CSV"));
    }
    let controls = head.iter().filter(|b| **b < 0x20 && !matches!(**b, b'\r' | b'\n' | b'\t')).count();
    if head.contains(&0) || controls * 100 > head.len() {
        return Err(Refusal::new(
            "BINARY_FILE",
            "the file is not text (an Excel workbook or an archive?): export it as CSV",
        ));
    }
    let bom = head.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if bom { &head[3..] } else { head };
    let encoding = match std::str::from_utf8(body) {
        Ok(_) => FileEncoding::Utf8,
        // Cut in the middle of a character at the end of the sniffed head: still UTF-8.
        Err(err) if err.error_len().is_none() => FileEncoding::Utf8,
        Err(_) => FileEncoding::Windows1252,
    };
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |d: u8| {
        let mut quoted = false;
        first_line
            .iter()
            .filter(|b| {
                if **b == b'"' {
                    quoted = !quoted;
                }
                !quoted && **b == d
            })
            .count()
    };
    let delimiter = if count(b';') >= count(b',') && count(b';') > 0 {
        b';'
    } else if count(b',') > 0 {
        b','
    } else if count(b'\t') > 0 {
        b'\t'
    } else {
        b';'
    };
    Ok(Sniffed { encoding: if bom { FileEncoding::Utf8 } else { encoding }, delimiter, bom })
}

/// The encoding the first bytes beyond ASCII are written in (from the reader's position to
/// the end), or `None` if the file is ASCII throughout.
fn encoding_beyond_ascii(file: &mut File) -> std::io::Result<Option<FileEncoding>> {
    let mut reader = BufReader::with_capacity(256 * 1024, &mut *file);
    let mut window: Vec<u8> = Vec::new();
    loop {
        let buf = std::io::BufRead::fill_buf(&mut reader)?;
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        if window.is_empty() {
            if let Some(at) = buf.iter().position(|b| !b.is_ascii()) {
                window.extend_from_slice(&buf[at..len.min(at + 4)]);
            }
        } else {
            window.extend_from_slice(&buf[..len.min(4 - window.len())]);
        }
        std::io::BufRead::consume(&mut reader, len);
        if window.len() >= 4 {
            break;
        }
    }
    if window.is_empty() {
        return Ok(None);
    }
    // A UTF-8 lead byte followed by its continuation bytes, or the file's end cut it short.
    let utf8 = match std::str::from_utf8(&window) {
        Ok(_) => true,
        Err(err) => err.valid_up_to() > 0 || err.error_len().is_none(),
    };
    Ok(Some(if utf8 { FileEncoding::Utf8 } else { FileEncoding::Windows1252 }))
}

/// One record of the file: its line, and its fields or why it cannot be read.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: u64,
    pub fields: Result<Vec<String>, Refusal>,
}

/// Passes bytes through and notes where the newlines are, so that rows get their true line
/// number (the csv crate miscounts lines in files with CRLF endings). Only the newlines read
/// ahead of the parser are kept: memory stays bounded.
struct LineCounter<R> {
    inner: R,
    offset: u64,
    newlines: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<u64>>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut newlines = self.newlines.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                newlines.push_back(self.offset + i as u64);
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// A CSV file opened for streaming.
pub struct CsvFile {
    reader: csv::Reader<LineCounter<BufReader<File>>>,
    newlines: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<u64>>>,
    line: u64,
    pub sniffed: Sniffed,
    pub headers: Vec<String>,
    pub size: u64,
    record: csv::ByteRecord,
}

impl CsvFile {
    pub fn open(path: &Path, forced: Option<FileEncoding>) -> Result<CsvFile, Refusal> {
        let io = |err: std::io::Error| Refusal::new("UNREADABLE_FILE", format!("the file cannot be read: {err}"));
        let mut file = File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut file).take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(io)?;
        let mut sniffed = sniff(&head)?;
        // A head of plain ASCII says nothing of the encoding: the first byte beyond ASCII,
        // wherever it is in the file, decides (a till's export is often ASCII for thousands
        // of rows before its first "é").
        if !sniffed.bom && head.is_ascii() && size > head.len() as u64 {
            sniffed.encoding = encoding_beyond_ascii(&mut file).map_err(io)?.unwrap_or(sniffed.encoding);
        }
        if let Some(encoding) = forced {
            sniffed.encoding = encoding;
        }
        file.seek(SeekFrom::Start(if sniffed.bom { 3 } else { 0 })).map_err(io)?;
        let newlines = std::sync::Arc::new(std::sync::Mutex::new(std::collections::VecDeque::new()));
        let counter =
            LineCounter { inner: BufReader::with_capacity(256 * 1024, file), offset: 0, newlines: newlines.clone() };
        let reader = csv::ReaderBuilder::new()
            .delimiter(sniffed.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(counter);
        let mut file =
            CsvFile { reader, newlines, line: 1, sniffed, headers: vec![], size, record: csv::ByteRecord::new() };
        let header = match file.next_row() {
            Some(Row { fields: Ok(fields), .. }) => fields,
            Some(Row { fields: Err(refusal), .. }) => {
                return Err(Refusal::new("BAD_HEADER", format!("the header line cannot be read: {}", refusal.message)));
            }
            None => return Err(Refusal::new("EMPTY_FILE", "the file has no header line")),
        };
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        if headers.iter().all(String::is_empty) {
            return Err(Refusal::new("BAD_HEADER", "the header line is empty"));
        }
        for (i, h) in headers.iter().enumerate() {
            if !h.is_empty() && headers[..i].contains(h) {
                return Err(Refusal::new("BAD_HEADER", format!("the column {h:?} appears twice in the header")));
            }
        }
        file.headers = headers;
        Ok(file)
    }

    /// How far into the file reading has gone, in bytes.
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte() + if self.sniffed.bom { 3 } else { 0 }
    }

    /// The line the record just read starts on. The parser stops right after a record's LF,
    /// or right after the CR of a CRLF: the newlines before the byte preceding that point end
    /// the lines before the record's last one, and the record's own newlines (inside quoted
    /// fields) lead back to its first.
    fn current_line(&mut self, embedded_newlines: u64) -> u64 {
        let end = self.reader.position().byte().saturating_sub(1);
        let mut newlines = self.newlines.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while newlines.front().is_some_and(|at| *at < end) {
            newlines.pop_front();
            self.line += 1;
        }
        self.line.saturating_sub(embedded_newlines).max(1)
    }

    /// The next record, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Option<Row> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Err(err) => {
                    let line = self.current_line(0);
                    if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                        return Some(Row { line, fields: Err(Refusal::new("UNREADABLE_FILE", err.to_string())) });
                    }
                    return Some(Row { line, fields: Err(Refusal::new("MALFORMED_ROW", err.to_string())) });
                }
                Ok(true) => {
                    let embedded = self.record.as_slice().iter().filter(|b| **b == b'\n').count() as u64;
                    let line = self.current_line(embedded);
                    // Blank lines are not rows, nor are the empty formatted rows Excel leaves
                    // below a table (`;;;;`).
                    if self.record.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) {
                        continue;
                    }
                    return Some(Row { line, fields: self.decode() });
                }
            }
        }
    }

    fn decode(&self) -> Result<Vec<String>, Refusal> {
        if self.record.as_slice().len() > MAX_ROW_BYTES {
            return Err(Refusal::new(
                "ROW_TOO_LONG",
                format!("the row is {} bytes long; at most {MAX_ROW_BYTES} are accepted", self.record.as_slice().len()),
            ));
        }
        if !self.headers.is_empty() && self.record.len() != self.headers.len() {
            return Err(Refusal::new(
                "WRONG_FIELD_COUNT",
                format!("the row has {} fields, the header {}", self.record.len(), self.headers.len()),
            ));
        }
        let mut fields = Vec::with_capacity(self.record.len());
        for raw in self.record.iter() {
            let text = match self.sniffed.encoding {
                FileEncoding::Utf8 => std::str::from_utf8(raw)
                    .map_err(|_| Refusal::new("INVALID_ENCODING", "the row is not valid UTF-8 (a Windows-1252 file?)"))?
                    .to_owned(),
                FileEncoding::Windows1252 => encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw).0.into_owned(),
            };
            fields.push(text);
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_with(bytes: &[u8]) -> (std::path::PathBuf, CsvFile) {
        let path = std::env::temp_dir().join(format!("crm360-csv-{}.csv", uuid::Uuid::new_v4()));
        std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
        let file = CsvFile::open(&path, None).unwrap();
        (path, file)
    }

    #[test]
    fn sniffs_french_files() {
        let s = sniff(b"Nom;Pr\xe9nom;Ville\nDupont;Ren\xe9;Paris\n").unwrap();
        assert_eq!((s.encoding, s.delimiter), (FileEncoding::Windows1252, b';'));
        let s = sniff("\u{feff}nom,prénom\n\"Dupont, Jr\",René\n".as_bytes()).unwrap();
        assert_eq!((s.encoding, s.delimiter, s.bom), (FileEncoding::Utf8, b',', true));
        assert_eq!(sniff(b"PK\x03\x04\x00\x00binary").unwrap_err().reason, "BINARY_FILE");
        assert_eq!(sniff(b"\xff\xfen\x00o\x00m\x00").unwrap_err().reason, "UNSUPPORTED_ENCODING");
        assert_eq!(sniff(b"").unwrap_err().reason, "EMPTY_FILE");
    }

    #[test]
    fn reads_rows_and_reports_bad_ones() {
        let mut bytes = b"nom;ville\nDupont;\"Saint-Denis; La R\xe9union\"\nragged\n\nMartin;Lyon\n".to_vec();
        bytes.extend(b"Long;");
        bytes.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES + 1));
        bytes.extend(b"\n");
        let (path, mut file) = file_with(&bytes);
        assert_eq!(file.headers, vec!["nom", "ville"]);
        let first = file.next_row().unwrap();
        assert_eq!(first.fields.unwrap(), vec!["Dupont", "Saint-Denis; La Réunion"]);
        let ragged = file.next_row().unwrap();
        assert_eq!((ragged.line, ragged.fields.unwrap_err().reason), (3, "WRONG_FIELD_COUNT"));
        assert_eq!(file.next_row().unwrap().fields.unwrap(), vec!["Martin", "Lyon"]);
        assert_eq!(file.next_row().unwrap().fields.unwrap_err().reason, "ROW_TOO_LONG");
        assert!(file.next_row().is_none());
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn an_ascii_head_leaves_the_encoding_to_the_first_byte_beyond_ascii() {
        let mut latin1 = b"nom;ville\n".to_vec();
        while latin1.len() < SNIFF_BYTES + 10 {
            latin1.extend(b"Martin;Paris\n");
        }
        let mut utf8 = latin1.clone();
        latin1.extend(b"Lef\xe8vre;Orl\xe9ans\n");
        utf8.extend("Lefèvre;Orléans\n".as_bytes());
        let (path, mut file) = file_with(&latin1);
        assert_eq!(file.sniffed.encoding, FileEncoding::Windows1252);
        let last = std::iter::from_fn(|| file.next_row()).last().unwrap();
        assert_eq!(last.fields.unwrap(), vec!["Lefèvre", "Orléans"]);
        std::fs::remove_file(path).unwrap();
        let (path, file) = file_with(&utf8);
        assert_eq!(file.sniffed.encoding, FileEncoding::Utf8);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn empty_formatted_rows_are_not_rows() {
        let (path, mut file) = file_with(b"a;b;c\n1;2;3\n;;\n ; ;\n4;5;6\n");
        let rows: Vec<Vec<String>> = std::iter::from_fn(|| file.next_row()).map(|r| r.fields.unwrap()).collect();
        assert_eq!(rows, vec![vec!["1", "2", "3"], vec!["4", "5", "6"]]);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn crlf_files_number_their_lines_right() {
        let (path, mut file) = file_with(b"a;b\r\n1;\"x\r\ny\"\r\n\r\n2;z\r\n3\r\n");
        let lines: Vec<u64> = std::iter::from_fn(|| file.next_row()).map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 5, 6]);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_utf8_file_with_a_stray_latin1_row_reports_that_row() {
        let mut bytes = "nom;ville\n".as_bytes().to_vec();
        for _ in 0..5000 {
            bytes.extend("Durand;Orléans\n".as_bytes());
        }
        bytes.extend(b"Lef\xe8vre;Metz\n");
        let (path, mut file) = file_with(&bytes);
        assert_eq!(file.sniffed.encoding, FileEncoding::Utf8);
        let mut refused = vec![];
        while let Some(row) = file.next_row() {
            if let Err(r) = row.fields {
                refused.push((row.line, r.reason));
            }
        }
        assert_eq!(refused, vec![(5002, "INVALID_ENCODING")]);
        std::fs::remove_file(path).unwrap();
    }
}
