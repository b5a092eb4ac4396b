// The rules an imported row must meet to become an entry, checked while previewing so the preview
// counts exactly the rows the import will save: a row that breaks one is listed with its reason
// instead of failing the whole import later. Text from the file is cleaned of control characters.
import { descriptionTooLong, validateEntry } from '../entries/entry';
import { localDate } from '../time/zone';
import type { ImportedRow } from './types';

/** The years an imported entry may fall in: before 1970 is before the clock starts, past 2100 a typo. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2100;

/** C0/C1 control characters, DEL, and bidi overrides that can disguise text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Anything cleanCell changes: most cells have none, and it runs for every cell of a large file. */
const ANY = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/;

/**
 * A cell's text without control characters; tabs become spaces. Descriptions keep their line
 * breaks as written; a name (client, project, task, person, tag) is one line, so they become spaces.
 */
export function cleanCell(value: string, keepLines: boolean): string {
  if (!ANY.test(value)) return value;
  const text = value.replace(CONTROL, '').replace(/\t|[\u2028\u2029]/g, (c) => (c === '\t' ? ' ' : '\n'));
  return keepLines ? text : text.replace(/[\r\n]+/g, ' ');
}

/** Why the row cannot be saved as an entry, in the words of the person importing; null when it can. */
export function rowProblem(row: ImportedRow): string | null {
  const outside = [row.start, row.end].find((t) => !yearFits(t));
  if (outside !== undefined) {
    const day = Math.abs(outside) < 8.64e15 ? ` (${localDate(outside, row.zone)})` : '';
    return `This row's date${day} is outside the years ${FIRST_YEAR} to ${LAST_YEAR} that Track Nexus keeps time for. Check the year in the file.`;
  }
  const tooLong = descriptionTooLong(row.description);
  if (tooLong) return tooLong;
  const issues = validateEntry({
    id: 'preview', projectId: null, taskId: null, description: row.description, start: row.start, end: row.end, zone: row.zone,
    source: 'import', billable: true, status: 'draft', version: 1, createdAt: 0, updatedAt: 0,
  });
  if (issues.length === 0) return null;
  return `This row cannot be saved as an entry: its ${[...new Set(issues.map((i) => i.field))].join(' and ')} cannot be read.`;
}

/** By UTC bounds, not the zone's calendar: it runs for every row, and a few hours either side do not matter. */
const EARLIEST = Date.UTC(FIRST_YEAR, 0, 1);
const LATEST = Date.UTC(LAST_YEAR + 1, 0, 1);
const yearFits = (instant: number) => Number.isSafeInteger(instant) && instant >= EARLIEST && instant < LATEST;
