import { describe, expect, it } from 'vitest';
import { dateFormatsFor, readRecords, sniff } from '../../../renderer/src/features/import/read-csv';
import { guessMapping } from '../../../shared/csv/guess';
import { readFileSync } from 'node:fs';

describe('the first look at a chosen file', () => {
  it('recognises the trackers from the header line alone', () => {
    for (const [file, format] of [['toggl', 'toggl'], ['clockify', 'clockify'], ['harvest', 'harvest']] as const) {
      const head = sniff(readFileSync(`tests/fixtures/csv/${file}.csv`, 'utf8'));
      expect(head.ok && head.format).toBe(format);
    }
    expect(sniff('When,From,To\n1,2,3')).toEqual({ ok: true, headers: ['When', 'From', 'To'], format: null });
    expect(sniff('')).toEqual({ ok: false, line: null, error: 'The file is empty.' });
  });

  it('guesses a mapping for any other CSV, which the person confirms', () => {
    expect(guessMapping(['Day', 'Time in', 'Time out', 'Customer', 'Job', 'Activity', 'Notes', 'Billable?', 'Labels'])).toEqual({
      date: 'Day', startTime: 'Time in', endTime: 'Time out', client: 'Customer', project: 'Job', task: 'Activity',
      description: 'Notes', billable: 'Billable?', tags: 'Labels',
    });
    expect(guessMapping(['Start', 'End', 'Project'])).toEqual({ start: 'Start', end: 'End', project: 'Project' });
    expect(guessMapping(['Date', 'Hours', 'Comment'])).toEqual({ date: 'Date', duration: 'Hours', description: 'Comment' });
  });

  it('lists every date format the dates fit, so 03/04 is not guessed', () => {
    const read = readRecords('Date,Hours\n03/04/2024,1\n05/06/2024,2\n');
    if (!read.ok) throw new Error(read.error);
    expect(dateFormatsFor(read.headers, read.records, { date: 'Date' })).toEqual(['MM/DD/YYYY', 'DD/MM/YYYY']);
    const day13 = readRecords('Date,Hours\n03/04/2024,1\n13/04/2024,2\n');
    if (!day13.ok) throw new Error(day13.error);
    expect(dateFormatsFor(day13.headers, day13.records, { date: 'Date' })).toEqual(['DD/MM/YYYY']);
    expect(readRecords('a,b\n"open,1\n')).toMatchObject({ ok: false, line: 2 });
  });
});
