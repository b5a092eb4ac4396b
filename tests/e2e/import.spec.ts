// Import end to end: a Toggl Track export through Settings, the preview, the import, the entries on
// the Timesheet, and the same file again importing nothing. Then a file with bad rows, a file the
// CSV parser cannot read, a team file where the user picks whose rows, a file whose dates read two
// ways, and a big file read off the UI thread.
import { readFileSync } from 'node:fs';
import { artifactsDir, expect, test } from './fixtures';

const toggl = 'tests/fixtures/csv/toggl.csv';

// A fixed page clock needs a page in UTC: Playwright's fake Date drops @date-fns/tz's TZDate
// subclass, which then reads fields in the page's zone instead of the one asked for.
test.use({ timezoneId: 'UTC' });

test('a Toggl export is previewed, imported once, shown on the timesheet and skipped when imported again', async ({ app }) => {
  // The app believes it is the week of the export, so the timesheet opens on it.
  await app.clock.setFixedTime(new Date('2024-03-06T12:00:00Z'));
  await app.reload();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Import & export' }).click();

  await app.getByLabel('CSV file').setInputFiles(toggl);
  await expect(app.getByText('Looks like a Toggl Track export')).toBeVisible();
  await expect(app.getByTestId('import-date-reading')).toHaveText('Dates read as YYYY-MM-DD, e.g. 2024-04-03 → 3 Apr 2024.');
  await expect(app.getByTestId('import-date-question')).toHaveCount(0);
  const table = app.getByRole('table', { name: 'Rows to import' });
  await expect(table.getByRole('row')).toHaveCount(5); // header + 4
  await expect(table.getByRole('row').nth(1)).toContainText('2024-03-04');
  await expect(table.getByRole('row').nth(1)).toContainText('09:00–10:30');
  await expect(table.getByRole('row').nth(1)).toContainText('1:30');
  await expect(table.getByRole('row').nth(1)).toContainText('Website Redesign');
  await expect(table.getByRole('row').nth(1)).toContainText('Acme Corp');
  await expect(table.getByRole('row').nth(2)).toContainText('Weekly sync with "Acme" team');
  await expect(table.getByRole('row').nth(4)).toContainText('22:30–01:15');
  await expect(app.getByTestId('import-summary')).toContainText('4 rows ready to import');
  await app.locator('#settings-import').screenshot({ path: `${artifactsDir}/settings-import-preview.png` });

  await app.getByRole('button', { name: 'Import 4 entries' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 4 entries, skipped 0 already imported, 0 rows had problems.');
  await expect(app.getByTestId('import-result')).toContainText('Created 2 clients and 3 projects');

  // Export: this month (March 2024 for the app) as CSV with raw and rounded durations.
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('track-nexus-2024-03-01-to-2024-03-31.csv');
  const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe('Date,Start time,End date,End time,Time zone,Person,Client,Project,Task,Description,Tags,Billable,Status,Rate,Amount,Currency,Duration (raw),Duration (rounded),Hours (raw),Hours (rounded),Rounding,Start (UTC),End (UTC)');
  expect(csv).toHaveLength(5);
  expect(csv[1]).toContain('2024-03-04,09:00:00,2024-03-04,10:30:00,');
  expect(csv[1]).toContain('Acme Corp,Website Redesign,Design,"Homepage hero, mobile variants",');
  expect(csv[1]).toContain(',1:30,1:30,1.50,1.50,');
  await expect(app.getByText('Exported 4 entries.')).toBeVisible();

  // The projects the file named now exist in Settings, with their clients.
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Projects & clients' }).click();
  await expect(app.getByRole('region', { name: 'Client Acme Corp' })).toContainText('Website Redesign');
  await expect(app.getByRole('region', { name: 'Client Northwind' })).toContainText('API Migration');
  await expect(app.getByRole('region', { name: 'Projects without a client' })).toContainText('Internal');

  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timesheet' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Timesheet' })).toBeVisible();
  await expect(app.getByTestId('row-total-Acme Corp · Website Redesign')).toHaveText('2:15');
  await expect(app.getByTestId('row-total-Northwind · API Migration')).toHaveText('2:45');
  await expect(app.getByTestId('row-total-Internal')).toHaveText('0:25');
  await expect(app.getByTestId('week-total')).toHaveText('5:25');
  await expect(app.getByTestId('week-nonbillable')).toHaveText('0:25');

  // The same file again: every row is recognised and nothing is added.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByLabel('CSV file').setInputFiles(toggl);
  await app.getByRole('button', { name: 'Import 4 entries' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 0 entries, skipped 4 already imported');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timesheet' }).click();
  await expect(app.getByTestId('week-total')).toHaveText('5:25');
});

test('bad rows are listed with their line and reason while the good rows import', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByLabel('CSV file').setInputFiles('tests/fixtures/csv/malformed.csv');
  await expect(app.getByTestId('import-summary')).toContainText('3 rows ready to import, 4 rows with problems');
  const problems = app.getByTestId('import-problems');
  await expect(problems).toContainText('Line 3: Start date "2024-02-30" is not a date in the YYYY-MM-DD format.');
  await expect(problems).toContainText('Line 4: This entry ends before it starts.');
  await expect(problems).toContainText('Line 6: This row has 6 fields but the header has 14.');
  await expect(problems).toContainText('Line 9: Start time "25:00:00" is not a time of day.');
  // A billable word the importer does not know costs the field, not the row.
  await expect(app.getByTestId('import-warnings')).toContainText('Line 5: Billable "Maybe"');
  await app.getByRole('button', { name: 'Import 3 entries' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 3 entries, skipped 0 already imported, 4 rows had problems.');
});

test('a row dated 1969 is refused in the preview with its reason, and importing the rest creates nothing it named', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const header = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)';
  const text = `${header}\nDana,d@x.io,Initech,Legacy,,old,Yes,1969-12-31,09:00:00,1969-12-31,10:00:00,01:00:00,,0\nDana,d@x.io,Globex,Audit,,new,Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,,0\n`;
  await app.getByLabel('CSV file').setInputFiles({ name: 'old.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(app.getByTestId('import-summary')).toContainText('1 row ready to import, 1 row with problems');
  await expect(app.getByTestId('import-problems')).toContainText('Line 2: This row\'s date (1969-12-31) is outside the years 1970 to 2100');
  await app.getByRole('button', { name: 'Import 1 entry' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 1 entry');
  await expect(app.getByTestId('import-result')).toContainText('Created 1 client and 1 project');
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Projects & clients' }).click();
  await expect(app.getByRole('region', { name: 'Client Globex' })).toContainText('Audit');
  await expect(app.getByRole('region', { name: 'Client Initech' })).toHaveCount(0);

  // A workbook chosen by mistake is explained, not met with a disabled button.
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Import & export' }).click();
  const workbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.alloc(64, 0xff)]);
  await app.getByLabel('CSV file').setInputFiles({ name: 'hours.xlsx', mimeType: 'application/octet-stream', buffer: workbook });
  await expect(app.getByRole('alert')).toContainText('This is a spreadsheet workbook (.xlsx or .ods), not a CSV file.');
});

test('a file the CSV reader cannot parse shows the reader’s message and line, and imports nothing', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const header = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)';
  const text = `${header}\nDana,d@x.io,Acme,Web,,ok,Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,,0\nDana,d@x.io,Acme,Web,,"never closed,Yes,2024-03-04,11:00:00,2024-03-04,12:00:00,01:00:00,,0\n`;
  await app.getByLabel('CSV file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(app.getByTestId('import-fatal')).toContainText('Line 3: a quoted field is never closed');
  await expect(app.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);

  // Any other CSV goes through the column-mapping step before its preview.
  const generic = 'When,From,To,Customer,Job,Notes\n03/04/2024,09:00,10:15,Globex,Audit,Fieldwork\n13/04/2024,14:00,15:00,Globex,Audit,Report\n';
  await app.getByLabel('CSV file').setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(generic) });
  await expect(app.getByRole('heading', { name: 'Map the columns of “other.csv”' })).toBeVisible();
  await app.getByLabel('Date', { exact: true }).selectOption('When');
  await expect(app.getByLabel('Start time', { exact: true })).toHaveValue('From');
  await expect(app.getByLabel('Client', { exact: true })).toHaveValue('Customer');
  await app.getByLabel('Date format').selectOption('DD/MM/YYYY');
  await app.getByRole('button', { name: 'Preview with this mapping' }).click();
  await expect(app.getByTestId('import-summary')).toContainText('2 rows ready to import');
  const rows = app.getByRole('table', { name: 'Rows to import' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('2024-04-03');
  await expect(rows.nth(2)).toContainText('2024-04-13');
  await app.getByRole('button', { name: 'Import 2 entries' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 2 entries');
});

const TOGGL_HEADER = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)';

test('a team export imports only the rows of the person the user picks, with their tags', async ({ app }) => {
  await app.clock.setFixedTime(new Date('2024-03-04T18:00:00Z'));
  await app.reload();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const text = [
    TOGGL_HEADER,
    'Dana Reyes,d@x.io,Acme,Web,,Dana one,Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,design,120.00',
    'Sam Lee,s@x.io,Acme,Web,,Sam one,Yes,2024-03-04,09:00:00,2024-03-04,11:00:00,02:00:00,,240.00',
    'Dana Reyes,d@x.io,Acme,Web,,Dana two,Yes,2024-03-05,09:00:00,2024-03-05,09:30:00,00:30:00,,60.00',
  ].join('\n');
  await app.getByLabel('CSV file').setInputFiles({ name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  const people = app.getByTestId('import-people');
  // No name is known for this workspace, so no one is ticked and the preview asks.
  await expect(people).toContainText('This file holds the time of 2 people');
  await expect(people.getByRole('checkbox', { name: /Dana Reyes/ })).not.toBeChecked();
  await expect(people).toContainText('Dana Reyes 2 rows, 1:30');
  await expect(people).toContainText('Sam Lee 1 row, 2:00');
  await expect(app.getByRole('button', { name: 'Import 0 entries' })).toBeDisabled();

  await people.getByRole('checkbox', { name: /Dana Reyes/ }).check();
  await expect(app.getByTestId('import-summary')).toContainText('2 rows ready to import. 1:30 in all.');
  const rows = app.getByRole('table', { name: 'Rows to import' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Dana one');
  await expect(rows.nth(1)).toContainText('design');
  await app.getByRole('button', { name: 'Import 2 entries' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 2 entries, skipped 0 already imported');

  // Today (4 March for the app) lists Dana's entry with its tag, and nothing of Sam's.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  const today = app.getByRole('list', { name: /entries/i });
  await expect(today.getByRole('listitem')).toHaveCount(1);
  await expect(today.getByRole('listitem')).toContainText('Dana one');
  await expect(today.locator('.tag')).toHaveText(['design']);
});

test('a file whose dates read two ways asks which, shows both readings, and imports the chosen one', async ({ app }) => {
  await app.clock.setFixedTime(new Date('2024-03-13T12:00:00Z'));
  await app.reload();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Import & export' }).click();
  await app.getByLabel('CSV file').setInputFiles('tests/fixtures/csv/clockify.csv');
  await expect(app.getByText('Looks like a Clockify export')).toBeVisible();
  const question = app.getByTestId('import-date-question');
  await expect(question).toContainText('Which way round are day and month?');
  const monthFirst = question.getByRole('radio', { name: 'MM/DD/YYYY (month first)' });
  const dayFirst = question.getByRole('radio', { name: 'DD/MM/YYYY (day first)' });
  const reading = (name: string) => question.locator('label').filter({ has: app.getByRole('radio', { name }) });
  await expect(reading('MM/DD/YYYY (month first)')).toContainText('03/11/2024 → 11 Mar 2024');
  await expect(reading('DD/MM/YYYY (day first)')).toContainText('03/11/2024 → 3 Nov 2024');
  await expect(app.getByRole('button', { name: 'Import 3 entries' })).toBeDisabled();
  await expect(app.getByText('Choose how to read the dates first.')).toBeVisible();
  await app.locator('#settings-import').screenshot({ path: `${artifactsDir}/settings-import-dates-question.png` });

  // The other reading first: the preview is read again that way.
  await dayFirst.check();
  await expect(app.getByTestId('import-date-reading')).toContainText('Dates read as DD/MM/YYYY');
  await expect(app.getByRole('table', { name: 'Rows to import' }).getByRole('row').nth(1)).toContainText('2024-11-03');
  await monthFirst.check();
  await expect(app.getByTestId('import-date-reading')).toContainText('Dates read as MM/DD/YYYY');
  await expect(app.getByRole('table', { name: 'Rows to import' }).getByRole('row').nth(1)).toContainText('2024-03-11');
  await app.getByRole('button', { name: 'Import 3 entries' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 3 entries');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timesheet' }).click();
  await expect(app.getByTestId('week-total')).toHaveText('4:05');
});

/**
 * Every worker the page starts: its final answers ('done' or 'error') are noted on the window
 * (whether it succeeded and how many rows came before it) and held back from the app until the test
 * releases them. Progress and row slices pass straight through.
 */
function holdWorkerAnswers() {
  const w = window as unknown as { workerAnswers: Array<{ ok: boolean; rows: number }>; releaseWorkerAnswers: () => void };
  w.workerAnswers = [];
  const held: Array<() => void> = [];
  w.releaseWorkerAnswers = () => held.splice(0).forEach((deliver) => deliver());
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      let rows = 0;
      // Row slices come as one array per field (preview.worker's RowColumns): count a field's length.
      this.addEventListener('message', (e: MessageEvent<{ type: string; rows?: { line?: unknown[] } }>) => {
        if (!e.isTrusted) return; // the answer handed on below
        if (e.data.type === 'rows') rows += e.data.rows?.line?.length ?? 0;
        if (e.data.type !== 'done' && e.data.type !== 'error') return;
        e.stopImmediatePropagation();
        w.workerAnswers.push({ ok: e.data.type === 'done', rows });
        held.push(() => this.dispatchEvent(new MessageEvent('message', { data: e.data })));
      });
    }
  };
}

test('a 20,000-row export is read off the UI thread and previews only its first rows', async ({ app }) => {
  await app.addInitScript(holdWorkerAnswers);
  await app.reload();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const header = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)';
  const lines = [header];
  for (let i = 0; i < 20_000; i++) {
    const d = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(`Dana,d@x.io,Client ${i % 20},Project ${i % 50},,"Row ${i}",Yes,${d},09:00:00,${d},10:30:00,01:30:00,,0`);
  }
  await app.getByLabel('CSV file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  // A worker reads the whole file; until its answer arrives the page only says it is reading, so
  // the preview can only have come from the worker, never from parsing on the page's own thread.
  await expect(app.getByText('Reading the file…')).toBeVisible();
  await expect(app.getByRole('progressbar', { name: 'Reading the file…' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Cancel' })).toBeVisible();
  const answers = () => app.evaluate(() => (window as unknown as { workerAnswers: unknown[] }).workerAnswers);
  await expect.poll(answers, { timeout: 30_000 }).toEqual([{ ok: true, rows: 20_000 }]);
  await expect(app.getByTestId('import-summary')).toHaveCount(0);
  // The worker's progress reached the page while its answer is held: the bar is full.
  await expect(app.getByRole('progressbar', { name: 'Reading the file…' })).toHaveAttribute('aria-valuenow', '100');
  await app.evaluate(() => (window as unknown as { releaseWorkerAnswers: () => void }).releaseWorkerAnswers());
  await expect(app.getByTestId('import-summary')).toContainText('20000 rows ready to import');
  await expect(app.getByTestId('import-summary')).toContainText('Showing the first 200');
  await expect(app.getByRole('table', { name: 'Rows to import' }).getByRole('row')).toHaveCount(201);
  await expect(app.getByRole('progressbar')).toHaveCount(0);
});
