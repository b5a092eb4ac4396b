// @vitest-environment jsdom
// The import preview as a component over a fake IndexedDB, with the file reading and the import
// itself replaced by stand-ins that answer what each test needs: the day/month question, whose rows
// are imported by default, zero-length rows, the invoiced and approved counts, progress and cancel.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportedRow, ImportPreview } from '../../../shared/csv/types';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { ImportSection } from '../../../renderer/src/features/import/ImportSection';
import { runImport } from '../../../renderer/src/features/import/import-plan';
import { previewInBackground } from '../../../renderer/src/features/import/preview-client';
import { InvalidEntryError } from '../../../renderer/src/db/errors';

vi.mock('../../../renderer/src/features/import/preview-client', () => ({ previewInBackground: vi.fn() }));
vi.mock('../../../renderer/src/features/import/import-plan', () => ({ runImport: vi.fn() }));
const preview = vi.mocked(previewInBackground);
const importRows = vi.mocked(runImport);

const TOGGL = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n';
const HARVEST = 'Date,Client,Project,Task,Notes,Hours,Billable?,First Name,Last Name\n';
const DONE = { imported: 0, skipped: 0, invoiced: 0, createdClients: 0, createdProjects: 0 };

function row(line: number, person: string | null, extra: Partial<ImportedRow> = {}): ImportedRow {
  const start = Date.UTC(2024, 2, 4, 8 + line);
  return {
    line, importKey: `row:${line}`, start, end: start + 30 * 60_000, zone: 'UTC', person, client: 'Acme', project: 'Web', task: null,
    description: `Row ${line}`, billable: true, tags: [], money: { currency: null, rateMinor: null, amountMinor: null, costRateMinor: null },
    sourceStatus: null, startAssumed: false, ...extra,
  };
}

function previewOf(rows: ImportedRow[], extra: Partial<ImportPreview> = {}): ImportPreview {
  const people = new Map<string, { name: string; rows: number; ms: number }>();
  for (const r of rows) {
    if (r.person === null) continue;
    const p = people.get(r.person) ?? { name: r.person, rows: 0, ms: 0 };
    p.rows += 1;
    p.ms += r.end - r.start;
    people.set(r.person, p);
  }
  return {
    format: 'toggl', dateFormat: 'YYYY-MM-DD', ambiguousDates: null, separator: ',', people: [...people.values()], layout: 'clock', layoutNote: null,
    rows, zeroLength: [], errors: [], warnings: [], ...extra,
  };
}

/** An AbortError when `signal` is aborted: how the background reader and the import stop. */
const untilAborted = (signal: AbortSignal | undefined) =>
  new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('Cancelled', 'AbortError'))));

let n = 0;

async function open(header: string, yourName?: string) {
  const name = `import-preview-${++n}`;
  const repos = createRepos(await openDatabase(name));
  if (yourName !== undefined) await repos.qboMirror.setState('mapping.yourName', yourName);
  render(<ReposProvider dbName={name}><ImportSection /></ReposProvider>);
  await choose(header);
}

async function choose(header: string) {
  const input = await screen.findByLabelText('CSV file');
  // jsdom's File cannot read itself back: give it the text() the browser's has.
  const file = Object.assign(new File([`${header}x\n`], 'export.csv', { type: 'text/csv' }), { text: async () => `${header}x\n` });
  fireEvent.change(input, { target: { files: [file] } });
}

const importButton = () => screen.getByRole('button', { name: /^Import \d/ });

beforeEach(() => {
  preview.mockReset();
  importRows.mockReset();
});
afterEach(cleanup);

describe('the date reading', () => {
  it('asks which way round day and month are, shows both readings, and imports only once answered', async () => {
    const ambiguous = (inUse: 'MM/DD/YYYY' | 'DD/MM/YYYY') => {
      const other = inUse === 'MM/DD/YYYY' ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
      const readings: Record<string, string> = { 'MM/DD/YYYY': '2024-03-04', 'DD/MM/YYYY': '2024-04-03' };
      return previewOf([row(2, null)], {
        dateFormat: inUse,
        ambiguousDates: { formats: [inUse, other], samples: [{ raw: '03/04/24', readings: [readings[inUse]!, readings[other]!] }] },
      });
    };
    preview.mockResolvedValueOnce(ambiguous('MM/DD/YYYY')).mockResolvedValueOnce(ambiguous('DD/MM/YYYY'));
    await open(TOGGL);

    expect((await screen.findByTestId('import-date-reading')).textContent).toBe('Dates read as MM/DD/YYYY, e.g. 04/03/2024 → 3 Apr 2024.');
    const question = screen.getByTestId('import-date-question');
    const monthFirst = within(question).getByRole('radio', { name: 'MM/DD/YYYY (month first)' });
    const dayFirst = within(question).getByRole('radio', { name: 'DD/MM/YYYY (day first)' });
    expect(monthFirst.closest('label')!.textContent).toContain('03/04/24 → 4 Mar 2024');
    expect(dayFirst.closest('label')!.textContent).toContain('03/04/24 → 3 Apr 2024');
    expect((monthFirst as HTMLInputElement).checked || (dayFirst as HTMLInputElement).checked).toBe(false);
    expect(importButton()).toHaveProperty('disabled', true);
    expect(screen.getByText('Choose how to read the dates first.')).toBeTruthy();

    fireEvent.click(dayFirst);
    await waitFor(() => expect(screen.getByTestId('import-date-reading').textContent).toContain('Dates read as DD/MM/YYYY, e.g. 03/04/2024'));
    expect(preview).toHaveBeenLastCalledWith(expect.objectContaining({ options: expect.objectContaining({ dateFormat: 'DD/MM/YYYY' }) }), expect.anything());
    expect((within(screen.getByTestId('import-date-question')).getByRole('radio', { name: 'DD/MM/YYYY (day first)' }) as HTMLInputElement).checked).toBe(true);
    expect(importButton()).toHaveProperty('disabled', false);
  });

  it('states the reading for a file whose dates say which it is, without asking', async () => {
    preview.mockResolvedValueOnce(previewOf([row(2, null)], { dateFormat: 'DD.MM.YYYY' }));
    await open(TOGGL);
    expect((await screen.findByTestId('import-date-reading')).textContent).toBe('Dates read as DD.MM.YYYY, e.g. 03.04.2024 → 3 Apr 2024.');
    expect(screen.queryByTestId('import-date-question')).toBeNull();
    expect(importButton()).toHaveProperty('disabled', false);
  });

  it('takes the format chosen on the mapping screen of any other CSV as the answer', async () => {
    preview.mockResolvedValueOnce(previewOf([row(2, null)], {
      format: 'generic', dateFormat: 'DD/MM/YYYY',
      ambiguousDates: { formats: ['DD/MM/YYYY', 'MM/DD/YYYY'], samples: [{ raw: '03/04/2024', readings: ['2024-04-03', '2024-03-04'] }] },
    }));
    await open('Date,Hours\n03/04/2024,1\n05/06/2024,');
    fireEvent.change(await screen.findByLabelText('Date format'), { target: { value: 'DD/MM/YYYY' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview with this mapping' }));
    const question = await screen.findByTestId('import-date-question');
    expect((within(question).getByRole('radio', { name: 'DD/MM/YYYY (day first)' }) as HTMLInputElement).checked).toBe(true);
    expect(importButton()).toHaveProperty('disabled', false);
  });
});

describe('whose rows', () => {
  const team = () => previewOf([row(2, 'Emily Platt'), row(3, 'Sam Lee'), row(4, 'Emily Platt')]);

  it('ticks the user’s own name (any case and spacing, or first and last name) and imports only those rows', async () => {
    for (const yourName of [' emily  PLATT ', 'Emily J. Platt']) {
      preview.mockResolvedValueOnce(team());
      importRows.mockResolvedValueOnce({ ...DONE, imported: 2 });
      await open(TOGGL, yourName);
      const people = await screen.findByTestId('import-people');
      expect((within(people).getByRole('checkbox', { name: /Emily Platt/ }) as HTMLInputElement).checked).toBe(true);
      expect((within(people).getByRole('checkbox', { name: /Sam Lee/ }) as HTMLInputElement).checked).toBe(false);
      expect(within(people).getByText('2 rows, 1:00')).toBeTruthy();
      expect(screen.getByTestId('import-summary').textContent).toContain('2 rows ready to import');
      fireEvent.click(screen.getByRole('button', { name: 'Import 2 entries' }));
      await screen.findByText(/^Imported 2 entries/);
      expect(importRows.mock.lastCall![1].map((r) => r.line)).toEqual([2, 4]);
      cleanup();
    }
  });

  it('asks when no one has the user’s name, and imports nothing until someone is ticked', async () => {
    preview.mockResolvedValueOnce(team());
    await open(TOGGL, 'Dana Reyes');
    const people = await screen.findByTestId('import-people');
    expect(people.textContent).toContain('This file holds the time of 2 people. Tick whose rows to import');
    expect(within(people).getAllByRole('checkbox').every((c) => !(c as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByRole('button', { name: 'Import 0 entries' })).toHaveProperty('disabled', true);

    fireEvent.click(within(people).getByRole('checkbox', { name: /Sam Lee/ }));
    expect(screen.getByRole('button', { name: 'Import 1 entry' })).toHaveProperty('disabled', false);
    expect(screen.getByTestId('import-summary').textContent).toContain('1 row ready to import');

    fireEvent.click(within(people).getByRole('button', { name: 'Everyone' }));
    expect(screen.getByRole('button', { name: 'Import 3 entries' })).toHaveProperty('disabled', false);
    fireEvent.click(within(people).getByRole('button', { name: 'No one' }));
    expect(screen.getByRole('button', { name: 'Import 0 entries' })).toHaveProperty('disabled', true);
  });

  it('just names the one person of a one-person file', async () => {
    preview.mockResolvedValueOnce(previewOf([row(2, 'Sam Lee')]));
    await open(TOGGL);
    expect((await screen.findByTestId('import-people')).textContent).toBe('Time of Sam Lee: 1 row, 0:30.');
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(importButton()).toHaveProperty('disabled', false);
  });
});

describe('what the file says about each row', () => {
  it('leaves zero-length rows out unless ticked, and then imports them too', async () => {
    const zero = row(5, null);
    preview.mockResolvedValueOnce(previewOf([row(2, null), row(3, null)], { zeroLength: [{ ...zero, end: zero.start }] }));
    importRows.mockResolvedValue({ ...DONE, imported: 3 });
    await open(TOGGL);
    const box = within(await screen.findByTestId('import-zero-length')).getByRole('checkbox');
    expect(screen.getByTestId('import-zero-length').textContent).toContain('Also import the row that lasts 0:00 in the file (line 5)');
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(screen.getByRole('button', { name: 'Import 2 entries' })).toBeTruthy();

    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Import 3 entries' }));
    await screen.findByText(/^Imported 3 entries/);
    expect(importRows.mock.lastCall![1].map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it('counts the rows invoiced and approved in the source, and shows money, tags and unreadable values', async () => {
    const eur = { currency: 'EUR', rateMinor: 8000, amountMinor: 12000, costRateMinor: null };
    preview.mockResolvedValueOnce(previewOf([
      row(2, null, { sourceStatus: 'invoiced', money: eur, tags: ['design', 'urgent'] }),
      row(3, null, { sourceStatus: 'invoiced' }),
      row(4, null, { sourceStatus: 'approved', startAssumed: true }),
    ], {
      format: 'harvest', layout: 'stacked', layoutNote: 'Laid out from 09:00 per person and day.',
      warnings: [{ line: 3, field: 'billable', reason: 'Billable "vielleicht" is not a yes or no.' }],
    }));
    await open(HARVEST);
    const status = await screen.findByTestId('import-status');
    expect(status.textContent).toContain('2 rows are already invoiced in Harvest: they are imported as invoiced and never sent to QuickBooks.');
    expect(status.textContent).toContain('1 row is approved in Harvest: it is imported as a draft for you to approve.');
    expect(screen.getByTestId('import-layout').textContent).toBe('Laid out from 09:00 per person and day.');
    const warnings = screen.getByTestId('import-warnings');
    expect(within(warnings).getByRole('heading').textContent).toBe('1 row with a value that could not be read: imported, with that field left empty');
    expect(within(warnings).getByRole('listitem').textContent).toBe('Line 3: Billable "vielleicht" is not a yes or no.');
    const table = screen.getByRole('table', { name: 'Rows to import' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(first.textContent).toContain('€120.00€80.00/h');
    expect(within(first).getByText('design').className).toBe('tag');
    expect(first.textContent).toContain('invoiced');
    expect(within(table).getAllByRole('row')[3]!.textContent).toContain('~');
  });
});

describe('progress and cancel', () => {
  it('shows how far the preview has read, and Cancel stops it', async () => {
    preview.mockImplementationOnce((_request, { onProgress, signal } = {}) => {
      onProgress?.(500, 2000);
      return untilAborted(signal);
    });
    await open(TOGGL);
    const input = screen.getByLabelText('CSV file');
    const bar = await screen.findByRole('progressbar', { name: 'Reading the file…' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByTestId('import-result')).textContent).toContain('Preview cancelled');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByTestId('import-summary')).toBeNull();

    // A fresh input (a browser fires no change for the same file in the old one): the same file is read again.
    expect(screen.getByLabelText('CSV file')).not.toBe(input);
    preview.mockResolvedValueOnce(previewOf([row(2, null)]));
    await choose(TOGGL);
    expect((await screen.findByTestId('import-summary')).textContent).toContain('1 row ready to import');
  });

  it('shows how far the import has gone, and a cancelled import says nothing was imported', async () => {
    preview.mockResolvedValueOnce(previewOf([row(2, null), row(3, null)]));
    importRows.mockImplementationOnce((_repos, _rows, { onProgress, signal } = {}) => {
      onProgress?.(1, 2);
      return untilAborted(signal);
    });
    await open(TOGGL);
    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 entries' }));
    const bar = await screen.findByRole('progressbar', { name: 'Importing…' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('button', { name: 'Importing…' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByTestId('import-result')).textContent).toBe('Import cancelled: nothing was imported.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: 'Import 2 entries' })).toHaveProperty('disabled', false);
  });
});

/** Chooses a file with exactly this text (and, when given, this size), on a fresh screen. */
async function openFile(text: string, size?: number) {
  const name = `import-preview-${++n}`;
  render(<ReposProvider dbName={name}><ImportSection /></ReposProvider>);
  const read = vi.fn(async () => text);
  const file = Object.assign(new File([text], 'export.csv', { type: 'text/csv' }), { text: read });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  fireEvent.change(await screen.findByLabelText('CSV file'), { target: { files: [file] } });
  return read;
}

const fileAlert = async () => (await screen.findByRole('alert')).textContent ?? '';

describe('a file that cannot be imported says why', () => {
  it('a workbook, a binary file, separators only, or column names with no rows', async () => {
    const cases: [string, string][] = [
      ['PK\u0003\u0004\u0014\u0000\u0006\u0000', 'spreadsheet workbook (.xlsx or .ods), not a CSV file'],
      ['%PDF-1.7\n\u0000\u0000\ufffd\ufffd', 'not a text file'],
      [';;;;\n;;;;\n', 'no column names, only separators'],
      ['Day,Hours,Notes\n', 'no rows under them'],
    ];
    for (const [text, says] of cases) {
      await openFile(text);
      expect(await fileAlert()).toContain(says);
      cleanup();
    }
    expect(preview).not.toHaveBeenCalled();
  });

  it('refuses a file too large to hold before reading it, and one with too many rows before parsing it', async () => {
    const read = await openFile(TOGGL, 80 * 1024 * 1024);
    expect(await fileAlert()).toContain('This file is 80 MB; Track Nexus imports files of up to 50 MB at a time. Split it');
    expect(read).not.toHaveBeenCalled();
    cleanup();
    await openFile(TOGGL + 'a\n'.repeat(200_001));
    expect(await fileAlert()).toContain('more than 200,000 rows');
    expect(preview).not.toHaveBeenCalled();
  });

  it('explains the disabled Preview of a file whose columns hold no time', async () => {
    await openFile('Name,Email\nAnn,ann@example.com\n');
    expect((await screen.findByTestId('import-mapping-blocked')).textContent).toContain('None of this file’s columns (Name, Email) looks like a date');
    expect(screen.getByRole('button', { name: 'Preview with this mapping' })).toHaveProperty('disabled', true);
  });
});

describe('a failed import', () => {
  it('says nothing was imported in plain words, never the schema’s message', async () => {
    preview.mockResolvedValueOnce(previewOf([row(2, null)]));
    importRows.mockRejectedValueOnce(new InvalidEntryError(['Too small: expected number to be >=0']));
    await open(TOGGL);
    fireEvent.click(await screen.findByRole('button', { name: 'Import 1 entry' }));
    const result = (await screen.findByTestId('import-result')).textContent ?? '';
    expect(result).toContain('Nothing was imported, and nothing was changed: a row of the file could not be saved as an entry.');
    expect(result).not.toContain('Too small');
  });
});
