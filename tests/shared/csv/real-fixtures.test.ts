// Every real export under tests/fixtures/csv/real goes through the app's own import pipeline: it is
// recognised as the product that wrote it, every row is read (or refused for a reason a person can
// act on), and the hours imported equal the file's own duration column. The files are byte-exact
// copies of their sources (SOURCES.md records each one's sha256, checked here).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCsv } from '../../../shared/csv/check';
import { previewImport } from '../../../shared/csv/import';
import { REAL_FIXTURES } from './real-fixtures.data';

const dir = new URL('../../fixtures/csv/real/', import.meta.url);
const sources = readFileSync(new URL('SOURCES.md', dir), 'utf8');
const SECOND_IN_HOURS = 1 / 3600;

describe.each(REAL_FIXTURES)('$product: $file', (fixture) => {
  const bytes = readFileSync(new URL(fixture.file, dir));
  const text = bytes.toString('utf8');
  const result = checkCsv(text, { zone: 'UTC' });

  it('is the byte-exact file its source holds', () => {
    expect(sources).toContain(createHash('sha256').update(bytes).digest('hex'));
  });
  it('is recognised, with every person and every row read', () => {
    expect(result.format).toBe(fixture.product);
    expect(result.rows).toBe(fixture.dataRows - (fixture.blankRows ?? 0));
    // Everyone with time to import is listed; someone whose only row is refused is not.
    expect(fixture.people).toEqual(expect.arrayContaining(result.people));
    expect(result.people.length).toBeGreaterThanOrEqual(fixture.people.length - (fixture.rejected?.rows ?? 0));
    expect(result.zeroLength).toBe(fixture.zeroLengthRows);
    expect(result.rejected).toBe(fixture.rejected?.rows ?? 0);
    expect(result.importable + result.zeroLength + result.rejected).toBe(result.rows);
  });
  it('imports the hours the file says it holds', () => {
    // Clock times are written to the second while the duration column is exact, so each row may
    // differ by up to a second from its own duration cell.
    const tolerance = fixture.clock === 'none' ? 1e-6 : result.importable * SECOND_IN_HOURS;
    expect(Math.abs(result.hours - (fixture.hoursInFile - (fixture.rejected?.hours ?? 0)))).toBeLessThanOrEqual(tolerance);
  });
  if (fixture.rejected) {
    it('says why it refuses the rows it refuses', () => {
      const { errors } = previewImport(text, fixture.product, { zone: 'UTC' });
      for (const e of errors) expect(e.reason).toMatch(fixture.rejected!.reason);
    });
  }
});
