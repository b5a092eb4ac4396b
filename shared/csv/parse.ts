// Reading CSV with papaparse: quoted fields, doubled quotes, CRLF, LF or CR line endings (which it
// detects), newlines inside quoted fields, and `,` `;` or tab separators. A leading BOM (Excel
// adds one) is dropped. Records remember the line they start on so import errors can point people
// at the right row in their spreadsheet.
import Papa from 'papaparse';

export interface CsvRecord {
  /** 1-based line number in the file where the record starts. */
  line: number;
  cells: string[];
}

type CsvSeparator = ',' | ';' | '\t';

export type CsvParse = { ok: true; records: CsvRecord[]; separator: CsvSeparator } | { ok: false; line: number; error: string };

const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Parses the text with the separator its header line uses. Blank lines are skipped. A quote left
 * open, or text after a closing quote, fails the whole file with the line to look at.
 */
export function parseCsv(text: string): CsvParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = headerSeparator(body);
  const records: CsvRecord[] = [];
  let failure: { line: number; error: string } | null = null;
  // papaparse hands over one record at a time with the offset where it ends, so each record's
  // first line is counted once, from the end of the one before.
  let line = 1;
  let from = 0;
  Papa.parse<string[]>(body, {
    delimiter: separator,
    step: ({ data: cells, errors, meta }, parser) => {
      const problem = errors[0];
      if (problem) {
        failure = describeQuoteProblem(body, problem.code, problem.index ?? from, line + lineBreaks(body, from, problem.index ?? from));
        parser.abort();
        return;
      }
      const blank = cells.length === 1 && cells[0] === '' && body.charCodeAt(from) !== QUOTE;
      if (!blank) records.push({ line, cells });
      line += lineBreaks(body, from, meta.cursor);
      from = meta.cursor;
    },
  });
  return failure ?? { ok: true, records, separator };
}

/** `,` `;` or tab, whichever splits the header line into the most fields (`,` when none does). */
function headerSeparator(text: string): CsvSeparator {
  const counts = SEPARATORS.map(() => 0);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted) {
      const which = SEPARATORS.indexOf(c as CsvSeparator);
      if (which !== -1) counts[which]!++;
    }
  }
  const most = Math.max(...counts);
  return SEPARATORS[counts.indexOf(most)]!;
}

/** Line breaks in text[from, to): CRLF, LF and a lone CR count one each. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * papaparse's quote errors in plain words. `index` is where the quoted field's text begins and
 * `line` the line it is on; for text after a closing quote the line is the closing quote's.
 */
function describeQuoteProblem(text: string, code: string, index: number, line: number): { ok: false; line: number; error: string } {
  if (code === 'InvalidQuotes') {
    const close = closingQuote(text, index);
    const at = line + lineBreaks(text, index, close);
    return { ok: false, line: at, error: `Line ${at}: unexpected text after a closing quote. Quotes inside a field must be doubled ("").` };
  }
  return { ok: false, line, error: `Line ${line}: a quoted field is never closed. Check for a missing " on that line.` };
}

/** The first quote from `index` that is not doubled. */
function closingQuote(text: string, index: number): number {
  let i = text.indexOf('"', index);
  while (i !== -1 && text.charCodeAt(i + 1) === QUOTE) i = text.indexOf('"', i + 2);
  return i === -1 ? text.length : i;
}
