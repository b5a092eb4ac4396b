import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDateFormats, parseClockTime, parseDateAs } from '../../../shared/csv/fields';
import { detectFormat } from '../../../shared/csv/formats';
import { fnv1a64 } from '../../../shared/csv/hash';
import { previewImport } from '../../../shared/csv/import';
import { parseCsv } from '../../../shared/csv/parse';
import { writeCsv } from '../../../shared/csv/write';
import { localDate, localTime, zonedInstant } from '../../../shared/time/zone';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url), 'utf8');
const cellsOf = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records.map((r) => r.cells);
};
const zone = 'America/New_York';
const wall = (ms: number) => `${localDate(ms, zone)} ${localTime(ms, zone)}`;

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and newlines inside quotes', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n1,,3\r\n';
    expect(cellsOf(text)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\r\nlines'], ['1', '', '3']]);
  });
  it('records the line each record starts on and skips blank lines', () => {
    const parsed = parseCsv('h1,h2\n"multi\nline",x\n\nlast,row');
    expect(parsed.ok && parsed.records.map((r) => r.line)).toEqual([1, 2, 5]);
  });
  it('reports an unterminated quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,2\n3,"never closed\n4,5\n')).toEqual({ ok: false, line: 3, error: expect.stringMatching(/^Line 3: a quoted field is never closed/) });
  });
  it('rejects text after a closing quote but keeps a stray quote inside an unquoted field', () => {
    expect(parseCsv('"abc"def').ok).toBe(false);
    expect(cellsOf('27" monitor,x')).toEqual([['27" monitor', 'x']]);
  });
  it('reads back exactly what the writer wrote', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', 'é', '€', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        // Cells that start like a formula are changed on purpose; this property is about quoting.
        const safe = rows.map((r) => r.map((c) => c.replace(/^[=+\-@\t\r]/, 'x')));
        expect(cellsOf(writeCsv(safe))).toEqual(safe);
      }),
    );
  });
});

describe('fields', () => {
  it('reads each date format and refuses impossible dates', () => {
    expect(parseDateAs('03/04/2024', 'MM/DD/YYYY')).toBe('2024-03-04');
    expect(parseDateAs('03/04/2024', 'DD/MM/YYYY')).toBe('2024-04-03');
    expect(parseDateAs('4.3.2024', 'DD.MM.YYYY')).toBe('2024-03-04');
    expect(parseDateAs('2024-02-30', 'YYYY-MM-DD')).toBeNull();
  });
  it('offers only the formats that read every sample', () => {
    expect(detectDateFormats(['03/04/2024', '05/06/2024'])).toEqual(['MM/DD/YYYY', 'DD/MM/YYYY']);
    expect(detectDateFormats(['03/04/2024', '25/06/2024'])).toEqual(['DD/MM/YYYY']);
    expect(detectDateFormats(['2024-03-04'])).toEqual(['YYYY-MM-DD']);
  });
  it('reads 12- and 24-hour times', () => {
    expect(parseClockTime('01:30:15 PM')).toEqual({ hhmm: '13:30', seconds: 15 });
    expect(parseClockTime('12:05 am')).toEqual({ hhmm: '00:05', seconds: 0 });
    expect(parseClockTime('25:00')).toBeNull();
  });
});

describe('detectFormat', () => {
  it('recognises each tracker by its headers', () => {
    const headersOf = (name: string) => cellsOf(fixture(name))[0]!;
    expect(detectFormat(headersOf('toggl.csv'))).toBe('toggl');
    expect(detectFormat(headersOf('clockify.csv'))).toBe('clockify');
    expect(detectFormat(headersOf('harvest.csv'))).toBe('harvest');
    expect(detectFormat(['When', 'What', 'How long'])).toBeNull();
  });
});

describe('previewImport', () => {
  it('imports a Toggl export, including work past midnight', () => {
    const { rows, errors, dateFormat } = previewImport(fixture('toggl.csv'), 'toggl', zone);
    expect(errors).toEqual([]);
    expect(dateFormat).toBe('YYYY-MM-DD');
    expect(rows.map((r) => [r.line, wall(r.start), wall(r.end), r.project, r.billable])).toEqual([
      [2, '2024-03-04 09:00', '2024-03-04 10:30', 'Website Redesign', true],
      [3, '2024-03-04 14:00', '2024-03-04 14:45', 'Website Redesign', true],
      [4, '2024-03-05 17:15', '2024-03-05 17:40', 'Internal', false],
      [5, '2024-03-05 22:30', '2024-03-06 01:15', 'API Migration', true],
    ]);
    expect(rows[0]).toMatchObject({ client: 'Acme Corp', task: 'Design', description: 'Homepage hero, mobile variants', tags: ['design', 'client-facing'], startAssumed: false });
    expect(rows[1]!.description).toBe('Weekly sync with "Acme" team');
    expect(rows[2]!.client).toBeNull();
  });
  it('imports a Clockify export with BOM, CRLF, 12-hour times and a multi-line description', () => {
    const { rows, errors, dateFormat } = previewImport(fixture('clockify.csv'), 'clockify', zone);
    expect(errors).toEqual([]);
    expect(dateFormat).toBe('MM/DD/YYYY');
    expect(rows.map((r) => [r.line, wall(r.start), wall(r.end)])).toEqual([
      [2, '2024-03-11 09:00', '2024-03-11 11:15'],
      [4, '2024-03-11 13:30', '2024-03-11 15:00'],
      [5, '2024-03-12 16:45', '2024-03-12 17:05'],
    ]);
    expect(rows[0]!.description).toBe('Wireframes for\r\ncheckout flow');
  });
  it('places Harvest entries from 09:00 local, stacked per day in file order', () => {
    const { rows, errors } = previewImport(fixture('harvest.csv'), 'harvest', zone);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [wall(r.start), wall(r.end), r.startAssumed])).toEqual([
      ['2024-03-18 09:00', '2024-03-18 11:30', true],
      ['2024-03-18 11:30', '2024-03-18 12:15', true],
      ['2024-03-19 09:00', '2024-03-19 12:12', true],
      ['2024-03-19 12:12', '2024-03-19 15:24', true],
    ]);
    expect(rows[1]!.description).toBe('Call with Sam, scope change');
  });
  it('gives stable import keys: same file, same keys; identical rows still distinct; column order irrelevant', () => {
    const first = previewImport(fixture('harvest.csv'), 'harvest', zone).rows.map((r) => r.importKey);
    const again = previewImport(fixture('harvest.csv'), 'harvest', zone).rows.map((r) => r.importKey);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const reordered = writeCsv(cellsOf(fixture('harvest.csv')).map((row) => [...row].reverse()));
    expect(previewImport(reordered, 'harvest', zone).rows.map((r) => r.importKey)).toEqual(first);
    // An edited row gets a new key.
    const edited = fixture('harvest.csv').replace('Style guide colours', 'Style guide colors');
    expect(previewImport(edited, 'harvest', zone).rows[0]!.importKey).not.toBe(first[0]);
  });
  it('lists bad rows with line and reason and still imports the good ones', () => {
    const { rows, errors } = previewImport(fixture('malformed.csv'), 'toggl', zone);
    expect(rows.map((r) => [r.line, r.description])).toEqual([[2, 'Good row'], [7, 'Multi-line\nnote that is fine']]);
    expect(errors).toEqual([
      { line: 3, reason: 'Start date "2024-02-30" is not a date in the YYYY-MM-DD format.' },
      { line: 4, reason: 'This entry ends before it starts.' },
      { line: 5, reason: 'Billable value "Maybe" is not yes or no.' },
      { line: 6, reason: 'This row has 6 fields but the header has 14.' },
      { line: 9, reason: 'Start time "25:00:00" is not a time of day.' },
    ]);
  });
  it('fails the whole file on an unterminated quote or missing columns, saying where', () => {
    expect(previewImport('Date,Hours\n2024-03-01,"2\n', { columns: { date: 'Date', duration: 'Hours' }, dateFormat: 'YYYY-MM-DD' }, zone).errors[0]).toMatchObject({ line: 2 });
    expect(previewImport(fixture('toggl.csv'), 'harvest', zone).errors).toEqual([{ line: 1, reason: 'Missing columns: Date, Hours, Notes, Billable?.' }]);
  });
  it('maps arbitrary columns with an explicitly chosen date format', () => {
    const text = 'Day,From,To,Job,What\n03.04.2024,08:00,09:15,Audit,Ledger\n03.04.2024,23:30,00:30,Audit,Late call\n';
    const mapping = { columns: { date: 'Day', startTime: 'From', endTime: 'To', project: 'Job', description: 'What' }, dateFormat: 'DD.MM.YYYY' as const };
    const { rows, errors } = previewImport(text, mapping, 'Europe/Berlin');
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.start, r.end])).toEqual([
      [zonedInstant('2024-04-03', '08:00', 'Europe/Berlin'), zonedInstant('2024-04-03', '09:15', 'Europe/Berlin')],
      [zonedInstant('2024-04-03', '23:30', 'Europe/Berlin'), zonedInstant('2024-04-04', '00:30', 'Europe/Berlin')],
    ]);
    expect(rows[0]).toMatchObject({ project: 'Audit', description: 'Ledger', billable: null, startAssumed: false });
  });
  it('reads full date-time columns, including ISO instants with an offset', () => {
    const text = 'Start,End\n2024-03-04T09:00:00Z,2024-03-04T10:00:00Z\n03/04/2024 9:00 AM,03/04/2024 9:45 AM\n';
    const { rows, errors } = previewImport(text, { columns: { start: 'Start', end: 'End' }, dateFormat: 'MM/DD/YYYY' }, zone);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [new Date(r.start).toISOString(), (r.end - r.start) / 60_000])).toEqual([
      ['2024-03-04T09:00:00.000Z', 60],
      ['2024-03-04T14:00:00.000Z', 45],
    ]);
  });
});

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
