// The preview refuses, with a reason, every row the import could not save as an entry, so "N rows
// ready" is what the import saves; text from the file comes without control characters.
import { describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_LENGTH } from '../../../shared/entries/entry';
import { NO_ROWS, previewImport } from '../../../shared/csv/import';

const zone = 'America/New_York';
const HEAD = 'Date,Start,End,Client,Project,Description\n';
const source = {
  columns: { date: 'Date', startTime: 'Start', endTime: 'End', client: 'Client', project: 'Project', description: 'Description' },
  dateFormat: 'YYYY-MM-DD',
} as const;
const read = (body: string) => previewImport(HEAD + body, source, { zone });

describe('rows an entry cannot hold are refused in the preview', () => {
  it('refuses a row dated before 1970 with its date, and keeps the others', () => {
    const preview = read('1969-12-31,09:00,10:00,Old,Past,one\n2026-01-02,09:00,10:00,New,Now,two\n');
    expect(preview.rows.map((r) => r.client)).toEqual(['New']);
    expect(preview.errors).toEqual([{ line: 2, reason: expect.stringContaining('(1969-12-31) is outside the years 1970 to 2100') }]);
  });

  it('refuses a year past 2100, and one of a Toggl-style file without clock times laid out before 1970', () => {
    expect(read('2999-01-02,09:00,10:00,A,B,typo\n').errors[0]?.reason).toContain('(2999-01-02) is outside the years 1970 to 2100');
    const stacked = previewImport('Date,Hours,Project\n1969-06-01,2,P\n2024-06-01,2,P\n', { columns: { date: 'Date', duration: 'Hours', project: 'Project' }, dateFormat: 'YYYY-MM-DD' }, { zone });
    expect(stacked.rows).toHaveLength(1);
    expect(stacked.errors.map((e) => e.line)).toEqual([2]);
  });

  it('refuses a start written as an impossible instant instead of failing the whole file', () => {
    const preview = previewImport('Start,End\n2024-13-45T10:00:00Z,2024-01-01T11:00:00Z\n2024-01-01T10:00:00Z,2024-01-01T11:00:00Z\n', { columns: { start: 'Start', end: 'End' }, dateFormat: 'YYYY-MM-DD' }, { zone });
    expect(preview.rows).toHaveLength(1);
    expect(preview.errors[0]).toEqual({ line: 2, reason: 'Start "2024-13-45T10:00:00Z" is not a real date and time.' });
  });

  it('refuses a description longer than an entry keeps, saying by how much', () => {
    const preview = read(`2026-01-02,09:00,10:00,A,B,${'x'.repeat(MAX_DESCRIPTION_LENGTH + 5)}\n`);
    expect(preview.rows).toHaveLength(0);
    expect(preview.errors[0]?.reason).toContain('Shorten it by 5.');
  });

  it('strips control characters and bidi overrides; tabs become spaces; a description keeps its line breaks, a name becomes one line', () => {
    const preview = read('2026-01-02,09:00,10:00,"Ac\u0000me\u202e","Web\r\nsite","first\u0007\tline\r\nsecond\u001b\u2028third"\n');
    const [row] = preview.rows;
    expect([row?.client, row?.project, row?.description]).toEqual(['Acme', 'Web site', 'first line\r\nsecond\nthird']);
  });

  it('says a file with column names and no rows has nothing to import', () => {
    expect(previewImport('User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration\n', 'toggl', { zone }).errors).toEqual([{ line: 1, reason: NO_ROWS }]);
  });
});
