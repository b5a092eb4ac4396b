// RFC 4180 CSV writing, safe to open in a spreadsheet, and the undoing of that safety on import.

/**
 * Cells that a spreadsheet (Excel, Sheets, LibreOffice) could run as a formula, so a project named
 * "=HYPERLINK(...)" could execute on the accountant's machine (CSV injection): those starting with
 * = + - @ or their full-width forms (＝ ＋ － ＠), also after leading white space or a line break
 * (spreadsheets skip it), and those starting with tab or CR (on OWASP's list). Quotes already in
 * front count too, so a description "'=x" is written "''=x" and unescapeCell can tell which quote
 * we added. A negative number ("-12.50") is neutralised too: the audit log's export has always
 * done so, and we write none ourselves (imported money aside, which the import gives back unchanged).
 */
const NEUTRALISE = /^'*(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
// Semicolons and tabs are quoted too: a spreadsheet in a locale that splits on them would otherwise
// cut "x;=1+1" into a cell "=1+1" and run it.
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/** The cell as written: neutralised when it could run as a formula, quoted when it needs quotes. */
export function escapeCell(value: string): string {
  const safe = NEUTRALISE.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A cell of our own export as the user typed it: removes the quote escapeCell put in front, and
 * only that one (a description that really starts with a quote keeps it). Takes the cell after CSV
 * unquoting; unescapeCell(x) is x for every cell escapeCell left alone.
 */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && NEUTRALISE.test(value.slice(1)) ? value.slice(1) : value;
}

/** Rows joined with CRLF, as RFC 4180 and Excel expect; ends with a line break. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}
