import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCell, unescapeCell, writeCsv } from '../../../shared/csv/write';

/** The cell text a CSV reader hands back for one escaped cell (RFC 4180 unquoting). */
const unquote = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
/** What a spreadsheet sees in the cell, and what our importer gets before unescapeCell. */
const written = (value: string) => unquote(escapeCell(value));

describe('writeCsv', () => {
  it('quotes only when needed and ends every row with CRLF', () => {
    expect(escapeCell('plain')).toBe('plain');
    expect(escapeCell('a,b')).toBe('"a,b"');
    expect(escapeCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCell(' padded ')).toBe('" padded "');
    expect(writeCsv([['a', 'b'], ['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });

  it('quotes cells holding a semicolon or a tab, so a spreadsheet splitting on them keeps the cell whole', () => {
    // Split on ';' unquoted, "x;=1+1" would become a cell "=1+1" that runs.
    expect(escapeCell('x;=1+1')).toBe('"x;=1+1"');
    expect(escapeCell('a\t=1+1')).toBe('"a\t=1+1"');
    expect(writeCsv([['x;=1+1', 'ok']])).toBe('"x;=1+1",ok\r\n');
  });
});

describe('formula neutralising', () => {
  it('puts a quote before every formula start, ASCII and full-width', () => {
    for (const start of ['=', '+', '-', '@', '＝', '＋', '－', '＠']) expect(written(`${start}1+2`)).toBe(`'${start}1+2`);
    expect(escapeCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });

  it('puts a quote before a cell starting with tab or CR', () => {
    expect(written('\tcmd')).toBe("'\tcmd");
    expect(written('\rcmd')).toBe("'\rcmd");
  });

  it('looks past leading white space and line breaks, as spreadsheets do', () => {
    for (const lead of ['  ', '\n', '\r\n', '\t', '\u3000', '\u00a0', ' \n ']) {
      expect(written(`${lead}=SUM(A1)`)).toBe(`'${lead}=SUM(A1)`);
      expect(written(`${lead}＠cmd`)).toBe(`'${lead}＠cmd`);
    }
  });

  it('leaves ordinary text and a formula sign later in the text alone', () => {
    for (const value of ['', 'Design review', 'a=b', 'x - y', '1+1', "'quoted", 'e-mail', '  indented', '\nnew line', '12.50']) {
      expect(written(value)).toBe(value);
    }
  });

  it('neutralises negative numbers too (-2+3 would run), and gives them back on import', () => {
    expect(written('-12.50')).toBe("'-12.50");
    expect(unescapeCell("'-12.50")).toBe('-12.50');
  });

  it('adds a quote to text that already starts with one before a formula, so the import can tell them apart', () => {
    expect(written("'=x")).toBe("''=x");
    expect(unescapeCell("''=x")).toBe("'=x");
    expect(unescapeCell("'=x")).toBe('=x');
    expect(unescapeCell("'quoted")).toBe("'quoted");
  });

  const tricky = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', '\n', ' ', '\u3000', '\u00a0', '1', '.', 'a', '"', ',') });
  const anyText = fc.oneof(tricky, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

  it('undoes exactly what it added, for any text', () => {
    fc.assert(fc.property(anyText, (value) => {
      expect(unescapeCell(written(value))).toBe(value);
    }), { numRuns: 2000 });
  });

  it('never writes a cell a spreadsheet would run', () => {
    const runs = (cell: string) => /^(?:[\t\r]|\s*[=+\-@＝＋－＠])/.test(cell);
    fc.assert(fc.property(anyText, (value) => {
      expect(runs(written(value))).toBe(false);
    }), { numRuns: 2000 });
  });
});
