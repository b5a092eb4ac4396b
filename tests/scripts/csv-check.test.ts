// `npm run -s csv:check` as support would run it: one JSON line per file, the pipeline's own
// reading of each, and a clear line (not a crash) for a file that cannot be read.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (args: string[]): Promise<{ stdout: string; code: number }> =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/csv-check.ts', ...args], { cwd: root }).then(
    ({ stdout }) => ({ stdout, code: 0 }),
    (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
  );

describe('csv:check', () => {
  it('prints one JSON object per file with the fields support asks for', async () => {
    const { stdout } = await run(['--zone', 'America/New_York', 'tests/fixtures/csv/toggl.csv', 'tests/fixtures/csv/harvest.csv', 'tests/fixtures/csv/malformed.csv']);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['file'], l['format'], l['rows'], l['importable'], l['rejected'], l['hours']])).toEqual([
      ['tests/fixtures/csv/toggl.csv', 'toggl', 4, 4, 0, 5.416667],
      ['tests/fixtures/csv/harvest.csv', 'harvest', 4, 4, 0, 9.65],
      ['tests/fixtures/csv/malformed.csv', 'toggl', 7, 3, 4, 2.5],
    ]);
    expect(lines[0]).toMatchObject({ dateFormat: 'YYYY-MM-DD', ambiguousDates: null, people: ['Dana Reyes'] });
  }, 30_000);
  it('filters by person and says when a file cannot be read', async () => {
    const { stdout, code } = await run(['--person', 'Nobody', 'tests/fixtures/csv/toggl.csv', 'tests/fixtures/csv/no-such-file.csv']);
    const [toggl, missing] = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect([toggl!['importable'], toggl!['hours']]).toEqual([0, 0]);
    expect(missing).toMatchObject({ file: 'tests/fixtures/csv/no-such-file.csv', error: expect.stringMatching(/no such file/) });
    expect(code).toBe(1);
  }, 30_000);
});
