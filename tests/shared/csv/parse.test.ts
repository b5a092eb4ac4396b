import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/parse';
import { writeCsv } from '../../../shared/csv/write';

const cellsOf = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records.map((r) => r.cells);
};
const linesOf = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records.map((r) => r.line);
};

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and newlines inside quotes', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n1,,3\r\n';
    expect(cellsOf(text)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\r\nlines'], ['1', '', '3']]);
  });
  it('records the line each record starts on and skips blank lines', () => {
    expect(linesOf('h1,h2\n"multi\nline",x\n\nlast,row')).toEqual([1, 2, 5]);
  });
  it('reports an unterminated quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,2\n3,"never closed\n4,5\n')).toEqual({ ok: false, line: 3, error: expect.stringMatching(/^Line 3: a quoted field is never closed/) });
  });
  it('rejects text after a closing quote but keeps a stray quote inside an unquoted field', () => {
    expect(parseCsv('"abc"def')).toEqual({ ok: false, line: 1, error: expect.stringMatching(/^Line 1: unexpected text after a closing quote/) });
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

describe('parseCsv separators', () => {
  it('reads a European export separated by semicolons, with commas inside its cells', () => {
    const parsed = parseCsv('Datum;Beschreibung;Dauer\n04.03.2024;Entwurf, Seite 2;1,5\n');
    expect(parsed).toMatchObject({ ok: true, separator: ';' });
    expect(cellsOf('Datum;Beschreibung;Dauer\n04.03.2024;Entwurf, Seite 2;1,5\n')).toEqual([['Datum', 'Beschreibung', 'Dauer'], ['04.03.2024', 'Entwurf, Seite 2', '1,5']]);
  });
  it('reads tab-separated text, as spreadsheets copy it', () => {
    expect(parseCsv('Date\tHours\tNotes\n2024-03-04\t1.5\ta, b; c\n')).toMatchObject({ ok: true, separator: '\t', records: [{ cells: ['Date', 'Hours', 'Notes'] }, { cells: ['2024-03-04', '1.5', 'a, b; c'] }] });
  });
  it('counts separators in the header outside quotes only', () => {
    expect(parseCsv('"Hours; decimal",Project,Date\n1;5,Web,2024-03-04\n')).toMatchObject({ ok: true, separator: ',', records: [{ cells: ['Hours; decimal', 'Project', 'Date'] }, { cells: ['1;5', 'Web', '2024-03-04'] }] });
  });
  it('reads a header-only line and a one-column file as comma-separated', () => {
    expect(parseCsv('Date;Hours')).toMatchObject({ ok: true, separator: ';', records: [{ line: 1, cells: ['Date', 'Hours'] }] });
    expect(parseCsv('Notes\nfirst\nsecond')).toMatchObject({ ok: true, separator: ',', records: [{ cells: ['Notes'] }, { cells: ['first'] }, { cells: ['second'] }] });
    expect(parseCsv('')).toEqual({ ok: true, separator: ',', records: [] });
  });
});

describe('parseCsv line numbers', () => {
  it('reads files with only CR line endings (old Mac exports)', () => {
    const text = 'a,b\r1,"two\rlines"\r\r3,4\r';
    expect(cellsOf(text)).toEqual([['a', 'b'], ['1', 'two\rlines'], ['3', '4']]);
    expect(linesOf(text)).toEqual([1, 2, 5]);
  });
  it('keeps every record on its line when thousands of quoted cells hold line breaks', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i},"note\r\nover ${i % 3} more\n${'line\n'.repeat(i % 3)}"`);
    const text = ['id,note', ...rows].join('\r\n');
    const lines = linesOf(text);
    // Record i holds 2 + i % 3 line breaks, so it spans 3 + i % 3 lines.
    const expected = [1];
    let next = 2;
    for (let i = 0; i < 5_000; i++) {
      expected.push(next);
      next += 3 + (i % 3);
    }
    expect(lines).toEqual(expected);
  });
  it('points at the right line for a broken quote after multi-line records', () => {
    expect(parseCsv('a,b\n"x\ny",1\n2,"open\n3,4\n')).toMatchObject({ ok: false, line: 4 });
    expect(parseCsv('a,b\n"x\ny",1\n2,"two\nlines"oops,5\n')).toMatchObject({ ok: false, line: 5, error: expect.stringMatching(/^Line 5: unexpected text after a closing quote/) });
  });
});
