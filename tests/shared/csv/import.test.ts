import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectDateFormats, parseAmount, parseClockTime, parseDateAs, readCurrency } from '../../../shared/csv/fields';
import { detectFormat } from '../../../shared/csv/formats';
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
const at = { zone };
const wall = (ms: number, z = zone) => `${localDate(ms, z)} ${localTime(ms, z)}`;

describe('fields', () => {
  it('reads each date format, two-digit years included, and refuses impossible dates', () => {
    expect(parseDateAs('03/04/2024', 'MM/DD/YYYY')).toBe('2024-03-04');
    expect(parseDateAs('03/04/2024', 'DD/MM/YYYY')).toBe('2024-04-03');
    expect(parseDateAs('4.3.2024', 'DD.MM.YYYY')).toBe('2024-03-04');
    expect(parseDateAs('8/14/18', 'MM/DD/YYYY')).toBe('2018-08-14');
    expect(parseDateAs('14.08.18', 'DD.MM.YYYY')).toBe('2018-08-14');
    expect(parseDateAs('2024/03/04', 'YYYY/MM/DD')).toBe('2024-03-04');
    expect(parseDateAs('04-03-2024', 'DD-MM-YYYY')).toBe('2024-03-04');
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
    expect(parseClockTime('9:05 p.m.')).toEqual({ hhmm: '21:05', seconds: 0 });
    expect(parseClockTime('25:00')).toBeNull();
  });
  it('reads amounts with either decimal mark into minor units of the currency', () => {
    expect(parseAmount('120.00', 'USD', false)).toBe(12000);
    expect(parseAmount('1,234.5', 'USD', false)).toBe(123450);
    expect(parseAmount('1.234,56', 'EUR', true)).toBe(123456);
    expect(parseAmount('120,5', 'EUR', true)).toBe(12050);
    expect(parseAmount('1,234', 'USD', false)).toBe(123400);
    expect(parseAmount('1.234', 'EUR', true)).toBe(123400);
    expect(parseAmount('€ 90,00', 'EUR', true)).toBe(9000);
    expect(parseAmount('1235', 'JPY', false)).toBe(1235);
    expect(parseAmount('10.005', 'USD', false)).toBe(1001);
    expect(parseAmount('lots', 'USD', false)).toBeNull();
  });
  it('finds the currency code in the ways exports write it', () => {
    expect(readCurrency('USD')).toBe('USD');
    expect(readCurrency('US Dollar - USD')).toBe('USD');
    expect(readCurrency('Euro (EUR)')).toBe('EUR');
    expect(readCurrency('dollars')).toBeNull();
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
  it('imports a Toggl export, including work past midnight, with its person, tags and amount', () => {
    const { rows, errors, dateFormat, people, layout } = previewImport(fixture('toggl.csv'), 'toggl', at);
    expect(errors).toEqual([]);
    expect([dateFormat, layout]).toEqual(['YYYY-MM-DD', 'clock']);
    expect(rows.map((r) => [r.line, wall(r.start), wall(r.end), r.project, r.billable])).toEqual([
      [2, '2024-03-04 09:00', '2024-03-04 10:30', 'Website Redesign', true],
      [3, '2024-03-04 14:00', '2024-03-04 14:45', 'Website Redesign', true],
      [4, '2024-03-05 17:15', '2024-03-05 17:40', 'Internal', false],
      [5, '2024-03-05 22:30', '2024-03-06 01:15', 'API Migration', true],
    ]);
    expect(rows[0]).toMatchObject({
      client: 'Acme Corp', task: 'Design', description: 'Homepage hero, mobile variants', tags: ['design', 'client-facing'], startAssumed: false,
      person: 'Dana Reyes', money: { currency: 'USD', amountMinor: 18000, rateMinor: null, costRateMinor: null }, sourceStatus: null,
    });
    expect(people).toEqual([{ name: 'Dana Reyes', rows: 4, ms: (90 + 45 + 25 + 165) * 60_000 }]);
    expect(rows[1]!.description).toBe('Weekly sync with "Acme" team');
    expect(rows[2]!.client).toBeNull();
  });
  it('imports a Clockify export with BOM, CRLF, 12-hour times and a multi-line description, and asks about its dates', () => {
    const { rows, errors, dateFormat, ambiguousDates } = previewImport(fixture('clockify.csv'), 'clockify', at);
    expect(errors).toEqual([]);
    expect(dateFormat).toBe('MM/DD/YYYY');
    // 03/11 and 03/12 read either way round: the preview must ask, with both readings.
    expect(ambiguousDates).toEqual({
      formats: ['MM/DD/YYYY', 'DD/MM/YYYY'],
      samples: [{ raw: '03/11/2024', readings: ['2024-03-11', '2024-11-03'] }, { raw: '03/12/2024', readings: ['2024-03-12', '2024-12-03'] }],
    });
    expect(rows.map((r) => [r.line, wall(r.start), wall(r.end)])).toEqual([
      [2, '2024-03-11 09:00', '2024-03-11 11:15'],
      [4, '2024-03-11 13:30', '2024-03-11 15:00'],
      [5, '2024-03-12 16:45', '2024-03-12 17:05'],
    ]);
    expect(rows[0]!.description).toBe('Wireframes for\r\ncheckout flow');
    expect(rows[0]!.money).toEqual({ currency: 'USD', rateMinor: 12000, amountMinor: 27000, costRateMinor: null });
    const other = previewImport(fixture('clockify.csv'), 'clockify', { zone, dateFormat: 'DD/MM/YYYY' });
    expect(other.dateFormat).toBe('DD/MM/YYYY');
    expect(wall(other.rows[0]!.start)).toBe('2024-11-03 09:00');
  });
  it('does not ask when the dates say which way round they are', () => {
    const text = fixture('clockify.csv').replace('03/12/2024,04:45', '03/13/2024,04:45').replace(/03\/12\/2024/g, '03/13/2024');
    expect(previewImport(text, 'clockify', at).ambiguousDates).toBeNull();
  });
  it('lays Harvest rows out per person and day from 09:00, never past midnight, and keeps status and money', () => {
    const { rows, errors, layout, layoutNote } = previewImport(fixture('harvest.csv'), 'harvest', at);
    expect(errors).toEqual([]);
    expect(layout).toBe('stacked');
    expect(layoutNote).toMatch(/no clock times/);
    expect(rows.map((r) => [wall(r.start), wall(r.end), r.startAssumed, r.person])).toEqual([
      ['2024-03-18 09:00', '2024-03-18 11:30', true, 'Dana Reyes'],
      ['2024-03-18 11:30', '2024-03-18 12:15', true, 'Dana Reyes'],
      ['2024-03-19 09:00', '2024-03-19 12:12', true, 'Dana Reyes'],
      ['2024-03-19 12:12', '2024-03-19 15:24', true, 'Dana Reyes'],
    ]);
    expect(rows[0]).toMatchObject({ sourceStatus: 'approved', money: { currency: 'USD', rateMinor: 12000, amountMinor: 30000, costRateMinor: 0 } });
    expect(rows[2]!.sourceStatus).toBeNull();
    expect(rows[1]!.description).toBe('Call with Sam, scope change');
  });
  it('starts a long Harvest day early so it ends by midnight, per person, and refuses a day over 24 hours', () => {
    const head = 'Date,Client,Project,Task,Notes,Hours,Billable?,Invoiced?,First Name,Last Name\n';
    const text = `${head}2024-03-18,A,P,T,long,14,Yes,No,Ann,Lee\n2024-03-18,A,P,T,longer,4,Yes,Yes,Ann,Lee\n2024-03-18,A,P,T,other,2,Yes,No,Bo,Ek\n2024-03-19,A,P,T,x,20,Yes,No,Bo,Ek\n2024-03-19,A,P,T,y,5,Yes,No,Bo,Ek\n`;
    const { rows, errors, people } = previewImport(text, 'harvest', at);
    expect(rows.map((r) => [r.person, wall(r.start), wall(r.end), r.sourceStatus])).toEqual([
      ['Ann Lee', '2024-03-18 06:00', '2024-03-18 20:00', null],
      ['Ann Lee', '2024-03-18 20:00', '2024-03-19 00:00', 'invoiced'],
      ['Bo Ek', '2024-03-18 09:00', '2024-03-18 11:00', null],
    ]);
    expect(errors.map((e) => e.line)).toEqual([5, 6]);
    expect(errors[0]!.reason).toMatch(/Bo Ek's rows on 2024-03-19 add up to more than the day holds/);
    expect(people.map((p) => [p.name, p.rows])).toEqual([['Ann Lee', 2], ['Bo Ek', 1]]);
  });
  it('keys rows by what they are, not by every cell: a column added or removed keeps the key', () => {
    const first = previewImport(fixture('harvest.csv'), 'harvest', at).rows.map((r) => r.importKey);
    expect(previewImport(fixture('harvest.csv'), 'harvest', at).rows.map((r) => r.importKey)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const reordered = writeCsv(cellsOf(fixture('harvest.csv')).map((row) => [...row].reverse()));
    expect(previewImport(reordered, 'harvest', at).rows.map((r) => r.importKey)).toEqual(first);
    const header = cellsOf(fixture('harvest.csv'))[0]!;
    const dropped = new Set(['Project Code', 'Hours Rounded', 'Roles', 'External Reference URL'].map((h) => header.indexOf(h)));
    const fewer = writeCsv(cellsOf(fixture('harvest.csv')).map((row) => row.filter((_, i) => !dropped.has(i))));
    expect(previewImport(fewer, 'harvest', at).rows.map((r) => r.importKey)).toEqual(first);
    const more = writeCsv(cellsOf(fixture('harvest.csv')).map((row, i) => [...row, i === 0 ? 'Exported at' : 'today']));
    expect(previewImport(more, 'harvest', at).rows.map((r) => r.importKey)).toEqual(first);
    const edited = fixture('harvest.csv').replace('Style guide colours', 'Style guide colors');
    expect(previewImport(edited, 'harvest', at).rows[0]!.importKey).not.toBe(first[0]);
  });
  it('lists bad rows with line and reason, imports the good ones, and keeps a row whose billable word it does not know', () => {
    const { rows, errors, warnings } = previewImport(fixture('malformed.csv'), 'toggl', at);
    expect(rows.map((r) => [r.line, r.description, r.billable])).toEqual([[2, 'Good row', true], [5, 'Odd billable', null], [7, 'Multi-line\nnote that is fine', false]]);
    expect(errors).toEqual([
      { line: 3, reason: 'Start date "2024-02-30" is not a date in the YYYY-MM-DD format.' },
      { line: 4, reason: 'This entry ends before it starts.' },
      { line: 6, reason: 'This row has 6 fields but the header has 14.' },
      { line: 9, reason: 'Start time "25:00:00" is not a time of day.' },
    ]);
    expect(warnings).toEqual([{ line: 5, field: 'billable', reason: 'Billable "Maybe" is not a yes or a no we know; the row is imported with it left empty.' }]);
  });
  it('sets zero-length rows apart instead of rejecting them', () => {
    const text = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n' +
      'Ann,a@x,,P,,blip,Yes,2024-03-04,09:00:00,2024-03-04,09:00:00,00:00:00,\n' +
      'Ann,a@x,,P,,half a minute,Yes,2024-03-04,09:10:00,2024-03-04,09:10:30,00:00:30,\n';
    const { rows, zeroLength, errors } = previewImport(text, 'toggl', at);
    expect(errors).toEqual([]);
    expect(zeroLength.map((r) => [r.line, r.end - r.start])).toEqual([[2, 0]]);
    expect(rows.map((r) => [r.line, r.end - r.start])).toEqual([[3, 30_000]]);
  });
  it('fails the whole file on an unterminated quote or missing columns, saying where', () => {
    expect(previewImport('Date,Hours\n2024-03-01,"2\n', { columns: { date: 'Date', duration: 'Hours' }, dateFormat: 'YYYY-MM-DD' }, at).errors[0]).toMatchObject({ line: 2 });
    expect(previewImport(fixture('toggl.csv'), 'harvest', at).errors).toEqual([{ line: 1, reason: 'Missing columns: Date, Hours, Billable?.' }]);
  });
  it('maps arbitrary columns with an explicitly chosen date format', () => {
    const text = 'Day,From,To,Job,What\n03.04.2024,08:00,09:15,Audit,Ledger\n03.04.2024,23:30,00:30,Audit,Late call\n';
    const mapping = { columns: { date: 'Day', startTime: 'From', endTime: 'To', project: 'Job', description: 'What' }, dateFormat: 'DD.MM.YYYY' as const };
    const { rows, errors } = previewImport(text, mapping, { zone: 'Europe/Berlin' });
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.start, r.end])).toEqual([
      [zonedInstant('2024-04-03', '08:00', 'Europe/Berlin'), zonedInstant('2024-04-03', '09:15', 'Europe/Berlin')],
      [zonedInstant('2024-04-03', '23:30', 'Europe/Berlin'), zonedInstant('2024-04-04', '00:30', 'Europe/Berlin')],
    ]);
    expect(rows[0]).toMatchObject({ project: 'Audit', description: 'Ledger', billable: null, startAssumed: false });
  });
  it('reads full date-time columns, including ISO instants with an offset', () => {
    const text = 'Start,End\n2024-03-04T09:00:00Z,2024-03-04T10:00:00Z\n03/04/2024 9:00 AM,03/04/2024 9:45 AM\n';
    const { rows, errors } = previewImport(text, { columns: { start: 'Start', end: 'End' }, dateFormat: 'MM/DD/YYYY' }, at);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [new Date(r.start).toISOString(), (r.end - r.start) / 60_000])).toEqual([
      ['2024-03-04T09:00:00.000Z', 60],
      ['2024-03-04T14:00:00.000Z', 45],
    ]);
  });
  it('reads a European export: German headers, ";" between fields, decimal commas, Ja/Nein, day-first dates', () => {
    const text = '\ufeffProjekt;Kunde;Beschreibung;Aufgabe;Benutzer;Gruppe;E-Mail;Tags;Abrechenbar;Startdatum;Startzeit;Enddatum;Endzeit;Dauer (h);Dauer (dezimal);Abrechenbarer Tarif (EUR);Rechnungsbetrag (EUR)\r\n' +
      'Website;Müller GmbH;Entwurf, Startseite;;Jana Berg;;jana@berg.de;Design;Ja;14.03.2024;09:00:00;14.03.2024;10:30:00;01:30:00;1,50;95,00;142,50\r\n' +
      'Intern;;Buchhaltung;;Jana Berg;;jana@berg.de;;Nein;15.03.2024;16:00:00;15.03.2024;16:45:00;00:45:00;0,75;0,00;0,00\r\n' +
      'Website;Müller GmbH;Abnahme;;Jana Berg;;jana@berg.de;;vielleicht;15.03.2024;17:00:00;15.03.2024;18:00:00;01:00:00;1,00;1.095,00;1.095,00\r\n';
    const headers = cellsOf(text)[0]!;
    expect(detectFormat(headers)).toBe('clockify');
    const { rows, errors, warnings, separator, dateFormat } = previewImport(text, 'clockify', { zone: 'Europe/Berlin' });
    expect([errors, separator, dateFormat]).toEqual([[], ';', 'DD.MM.YYYY']);
    expect(rows.map((r) => [wall(r.start, 'Europe/Berlin'), r.end - r.start, r.billable, r.client, r.description, r.money.rateMinor, r.money.amountMinor, r.money.currency])).toEqual([
      ['2024-03-14 09:00', 90 * 60_000, true, 'Müller GmbH', 'Entwurf, Startseite', 9500, 14250, 'EUR'],
      ['2024-03-15 16:00', 45 * 60_000, false, null, 'Buchhaltung', 0, 0, 'EUR'],
      ['2024-03-15 17:00', 60 * 60_000, null, 'Müller GmbH', 'Abnahme', 109500, 109500, 'EUR'],
    ]);
    expect(warnings).toEqual([{ line: 4, field: 'billable', reason: expect.stringContaining('"vielleicht"') }]);
  });
  it('reports progress as it reads', () => {
    const calls: [number, number][] = [];
    previewImport(fixture('toggl.csv'), 'toggl', { zone, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[0, 4], [4, 4]]);
  });
});
