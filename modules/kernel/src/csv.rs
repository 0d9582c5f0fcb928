//! CSV files the product writes: every cell is neutralised against formula injection, as
//! OWASP recommends ("CSV Injection"): a spreadsheet opening the file must show data, never
//! run it.

use std::borrow::Cow;

/// A cell safe to open in a spreadsheet: one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so that Excel, LibreOffice and Google Sheets read it
/// as text; any other cell is returned as it is.
///
/// Every cell of every CSV file (exports, error reports) goes through it, values and headers
/// alike: a header can echo a file's column name, a value any text a contact holds.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_data_left_alone() {
        for formula in ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
        {
            assert_eq!(safe_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for data in ["Dupont", "", "+", "12", "jean@exemple.fr", "'déjà cité", " =1"] {
            let safe = safe_cell(data);
            if data == "+" {
                assert_eq!(safe, "'+");
            } else {
                assert!(matches!(safe, Cow::Borrowed(_)), "{data:?}");
                assert_eq!(safe, data);
            }
        }
    }
}
