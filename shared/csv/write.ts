// RFC 4180 CSV writing, safe to open in a spreadsheet.

/**
 * Cells starting with these are run as formulas by Excel, Sheets and LibreOffice, so a project
 * named "=HYPERLINK(...)" could execute on the accountant's machine (CSV injection). Tab and CR
 * are on OWASP's list for the same reason.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function escapeCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows joined with CRLF, as RFC 4180 and Excel expect; ends with a line break. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}
export const unescapeCell = (v: string) => v; // TEMP
