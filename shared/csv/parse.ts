// RFC 4180 CSV reading: quoted fields, doubled quotes, CRLF or LF, a leading BOM (Excel adds one)
// and newlines inside quoted fields. Records remember the line they start on so import errors
// can point people at the right row in their spreadsheet.

export interface CsvRecord {
  /** 1-based line number in the file where the record starts. */
  line: number;
  cells: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[]; separator: ',' | ';' | '\t' } | { ok: false; line: number; error: string };

/** Parses comma-separated text. Blank lines are skipped. */
export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteLine = 0;
  let closedQuote = false;

  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === '' && !closedQuote)) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    closedQuote = false;
  };

  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        closedQuote = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === ',') {
      cells.push(field);
      field = '';
      closedQuote = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (closedQuote) {
      return { ok: false, line, error: `Line ${line}: unexpected text after a closing quote. Quotes inside a field must be doubled ("").` };
    } else if (c === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
      i++;
    } else {
      // A quote in the middle of an unquoted field (5" screen) is kept as text, as spreadsheets do.
      field += c;
      i++;
    }
  }
  if (inQuotes) {
    return { ok: false, line: quoteLine, error: `Line ${quoteLine}: a quoted field is never closed. Check for a missing " on that line.` };
  }
  if (field !== '' || cells.length > 0 || closedQuote) endRecord();
  return { ok: true, records, separator: ',' as const };
}
