import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../../shared/csv/hash';
import { parseCsv } from '../../../shared/csv/parse';
import { writeCsv } from '../../../shared/csv/write';

const cellsOf = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.records.map((r) => r.cells);
};

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

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
