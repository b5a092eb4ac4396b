import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { exportEntriesCsv } from '../../../shared/csv/export';
import { detectDateFormats, parseClockTime, parseDateAs } from '../../../shared/csv/fields';
import { detectFormat } from '../../../shared/csv/formats';
import { fnv1a64 } from '../../../shared/csv/hash';
import { previewImport } from '../../../shared/csv/import';
import { parseCsv } from '../../../shared/csv/parse';
import { escapeCell, writeCsv } from '../../../shared/csv/write';
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

describe('writeCsv', () => {
  it('quotes only when needed and neutralises spreadsheet formulas', () => {
    expect(escapeCell('plain')).toBe('plain');
    expect(escapeCell('a,b')).toBe('"a,b"');
    expect(escapeCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const start of ['+', '-', '@']) expect(escapeCell(`${start}1`)).toBe(`'${start}1`);
    expect(writeCsv([['a', 'b'], ['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });
});

describe('exportEntriesCsv', () => {
  const entry = (over: Partial<TimeEntry>): TimeEntry => ({
    id: 'e', projectId: 'p1', taskId: 't1', description: 'Work', start: zonedInstant('2024-03-04', '09:00', zone), end: zonedInstant('2024-03-04', '10:07', zone),
    zone, source: 'manual', billable: true, status: 'draft', version: 1, createdAt: 0, updatedAt: 0, ...over,
  });
  const lookups = { projectName: (id: string) => ({ p1: '=Evil project' })[id], clientName: () => 'Acme, Inc.', taskName: () => 'Design' };
  it('writes raw and rounded durations, skips running and deleted entries, guards formulas', () => {
    const csv = exportEntriesCsv(
      [entry({ id: 'b', start: zonedInstant('2024-03-05', '09:00', zone), end: zonedInstant('2024-03-05', '09:20', zone) }), entry({ id: 'a' }), entry({ id: 'r', end: null }), entry({ id: 'd', deletedAt: 5 })],
      lookups,
      (e) => ({ rawMs: e.end - e.start, billedMs: e.id === 'a' ? 75 * 60_000 : 30 * 60_000, policy: { incrementMinutes: 15, mode: 'up', scope: 'entry' }, source: 'project' }),
    );
    const rows = cellsOf(csv);
    expect(rows[0]).toEqual(['Date', 'Start time', 'End time', 'Time zone', 'Client', 'Project', 'Task', 'Description', 'Billable', 'Status', 'Duration (raw)', 'Duration (rounded)', 'Hours (raw)', 'Hours (rounded)', 'Rounding']);
    expect(rows.slice(1)).toEqual([
      ['2024-03-04', '09:00', '10:07', zone, 'Acme, Inc.', "'=Evil project", 'Design', 'Work', 'Yes', 'draft', '1:07', '1:15', '1.12', '1.25', '15 min up, per entry (project rule)'],
      ['2024-03-05', '09:00', '09:20', zone, 'Acme, Inc.', "'=Evil project", 'Design', 'Work', 'Yes', 'draft', '0:20', '0:30', '0.33', '0.50', '15 min up, per entry (project rule)'],
    ]);
  });
  it('can be read back with a generic mapping', () => {
    const csv = exportEntriesCsv([entry({})], lookups, (e) => ({ rawMs: e.end - e.start, billedMs: e.end - e.start, policy: { incrementMinutes: 1, mode: 'nearest', scope: 'entry' }, source: 'workspace' }));
    const { rows } = previewImport(csv, { columns: { date: 'Date', startTime: 'Start time', endTime: 'End time', description: 'Description', billable: 'Billable' }, dateFormat: 'YYYY-MM-DD' }, zone);
    expect(rows.map((r) => [r.start, r.end, r.billable])).toEqual([[entry({}).start, entry({}).end, true]]);
  });
});

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
