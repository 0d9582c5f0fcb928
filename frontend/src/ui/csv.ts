/**
 * CSV as French spreadsheets open it: `;` between cells, CRLF between rows, a UTF-8 byte order
 * mark (so that Excel reads accents), every cell quoted. A cell a spreadsheet would take for a
 * formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is neutralised with a
 * leading apostrophe (OWASP "CSV injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised against formula injection and quoted. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  // Numbers are data, not formulas: a negative amount stays a number.
  if (typeof value !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Offers a CSV file to the browser's downloads. */
export function downloadCsv(filename: string, csv: string): void {
  downloadFile(filename, csv, "text/csv;charset=utf-8");
}

/** Offers a text file of the given type to the browser's downloads. */
export function downloadFile(filename: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Let the download start before the address is released.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `contacts-2026-12-02.csv`: the day of the export in the name. */
export function csvFilename(stem: string, now = new Date()): string {
  const day = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
  return `${stem}-${day}.csv`;
}
