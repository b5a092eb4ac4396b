// Settings end to end: clients, projects, tasks and effective-dated rates; workspace defaults; and
// the capture privacy section with main's status and its refusal of a pattern RE2 cannot run.
import { artifactsDir, expect, test } from './fixtures';

// A fixed page clock needs a page in UTC: Playwright's fake Date drops @date-fns/tz's TZDate
// subclass, which then reads fields in the page's zone instead of the one asked for.
// Money reads in the locale's own format: en-US writes a US dollar rate as "$1,125.50" (en-GB
// would write "US$1,125.50").
test.use({ timezoneId: 'UTC', locale: 'en-US' });

test('a client and a project with a rate and rounding override; a rate change from a date keeps the history', async ({ app }) => {
  await app.clock.setFixedTime(new Date('2026-03-15T12:00:00Z'));
  await app.reload();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const section = app.locator('#settings-projects');

  await section.getByRole('button', { name: 'New client' }).click();
  await app.getByLabel('Client name').fill('Acme Corp');
  await app.getByRole('button', { name: 'Create client' }).click();
  await expect(app.getByRole('region', { name: 'Client Acme Corp' })).toBeVisible();

  // Names are checked inline, ignoring case.
  await section.getByRole('button', { name: 'New client' }).click();
  await app.getByLabel('Client name').fill('acme corp');
  await app.getByRole('button', { name: 'Create client' }).click();
  await expect(app.getByText('There is already a client called “Acme Corp”.')).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();

  await section.getByRole('button', { name: 'New project' }).click();
  const form = app.getByRole('form', { name: 'New project' });
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form.getByText('A project needs a name.')).toBeVisible();
  await form.getByLabel('Project name').fill('Website Redesign');
  await form.getByLabel('Client').selectOption({ label: 'Acme Corp' });
  await form.getByLabel('Hourly rate (USD)').fill('12.345');
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form.getByText('USD amounts have at most 2 decimal places.')).toBeVisible();
  await expect(form.getByLabel('Hourly rate (USD)')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Hourly rate (USD)').fill('1,125.50');
  await expect(form.getByText('USD amounts have at most 2 decimal places.')).toHaveCount(0);
  await form.getByRole('radio', { name: 'Teal' }).check();
  await form.getByLabel('Increment').selectOption('15');
  await form.getByLabel('Direction').selectOption('up');
  await form.screenshot({ path: `${artifactsDir}/settings-project-editor.png` });
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form).toHaveCount(0);

  const project = app.getByTestId('project-Website Redesign');
  await expect(project.getByTestId('project-rate')).toHaveText('$1,125.50/h');
  await expect(project.getByTestId('project-rounding')).toHaveText('15 min up, per entry (project)');
  await expect(project).toContainText('Billable');

  // A second project of the same client cannot take the same name.
  await app.getByRole('button', { name: 'Add a project for Acme Corp' }).click();
  await app.getByRole('form', { name: 'New project' }).getByLabel('Project name').fill('website redesign');
  await app.getByRole('form', { name: 'New project' }).getByRole('button', { name: 'Create project' }).click();
  await expect(app.getByText('There is already a project called “Website Redesign” for this client.')).toBeVisible();
  await app.getByRole('form', { name: 'New project' }).getByRole('button', { name: 'Cancel' }).click();

  await project.getByRole('button', { name: 'Tasks and rates of Website Redesign' }).click();
  const history = app.getByRole('table', { name: 'Rate history for Website Redesign' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history).toContainText('From the start');

  await project.getByRole('button', { name: 'Change rate from a date…' }).click();
  const change = app.getByRole('form', { name: 'Change rate for Website Redesign' });
  await expect(change.getByLabel('Change rate from')).toHaveValue('2026-03-15');
  await change.getByLabel('Change rate from').fill('2026-03-01');
  await change.getByLabel('New hourly rate (USD)').fill('abc');
  await change.getByRole('button', { name: 'Save rate' }).click();
  await expect(change.getByText('"abc" is not an amount, like 125.50.')).toBeVisible();
  await change.getByLabel('New hourly rate (USD)').fill('1,250');
  await change.getByRole('button', { name: 'Save rate' }).click();
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText('From the start');
  await expect(history.getByRole('row').nth(1)).toContainText('$1,125.50/h');
  await expect(history.getByRole('row').nth(2)).toContainText('From 2026-03-01');
  await expect(history.getByRole('row').nth(2)).toContainText('$1,250.00/h');
  await expect(history.getByRole('row').nth(2)).toContainText('current');
  await expect(project.getByTestId('project-rate')).toHaveText('$1,250.00/h');

  await app.getByRole('form', { name: 'Add a task to Website Redesign' }).getByLabel('New task').fill('Design');
  await app.getByRole('button', { name: 'Add task' }).click();
  await expect(app.getByRole('list', { name: 'Tasks of Website Redesign' })).toContainText('Design');

  await app.setViewportSize({ width: 1280, height: 1200 });
  await app.locator('#settings-projects').screenshot({ path: `${artifactsDir}/settings-projects.png` });
  await app.setViewportSize({ width: 1280, height: 800 });

  // Archived projects leave the list until "Show archived" is ticked.
  await project.getByRole('button', { name: 'Archive Website Redesign' }).click();
  await expect(app.getByTestId('project-Website Redesign')).toHaveCount(0);
  await app.getByLabel('Show archived').check();
  await expect(app.getByTestId('project-Website Redesign')).toContainText('archived');
});

test('workspace defaults are saved as they change', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Rates & rounding' }).click();
  const section = app.locator('#settings-rates');
  await section.getByLabel('Currency').selectOption('EUR');
  await expect(section.getByText('Currency saved.')).toBeVisible();
  await section.getByLabel('Increment').selectOption('6');
  await section.getByLabel('Direction').selectOption('up');
  await expect(section.getByText('Default rounding: 6 min up, per entry')).toBeVisible();
  await section.getByRole('button', { name: 'Set a rate' }).click();
  await section.getByLabel('Hourly rate (EUR)').fill('90');
  await section.getByRole('button', { name: 'Save rate' }).click();
  await expect(section.getByRole('table', { name: 'Rate history for the workspace default' })).toContainText('90.00');
  await app.reload();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(app.locator('#settings-rates').getByLabel('Currency')).toHaveValue('EUR');
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Rates & rounding' }).click();
  await app.screenshot({ path: `${artifactsDir}/settings-rates-dark.png` });
});

test('capture explains itself, shows main’s status, refuses a look-ahead pattern and previews the rules', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Activity capture' }).click();
  const section = app.locator('#settings-capture');
  await expect(app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Activity capture' })).toHaveAttribute('aria-current', 'true');
  await expect(section.getByTestId('capture-intro')).toContainText('Captured activity stays on this computer');
  await expect(section.getByRole('switch', { name: 'Capture activity on this computer' })).not.toBeChecked();
  await expect(section.getByTestId('capture-status')).toHaveText('Status: Off');
  await app.setViewportSize({ width: 1280, height: 1100 });
  await section.screenshot({ path: `${artifactsDir}/settings-capture-first-run.png` });
  await app.setViewportSize({ width: 1280, height: 800 });

  await section.getByRole('button', { name: 'Add title pattern' }).click();
  await section.getByLabel('Title pattern 1', { exact: true }).fill('banking(?= online)');
  await section.getByRole('button', { name: 'Save privacy rules' }).click();
  await expect(section.getByTestId('capture-message')).toHaveText('Not saved: fix the field marked below.');
  await expect(section.getByLabel('Title pattern 1', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText(/uses a look-ahead, which Track Nexus does not support/)).toBeVisible();

  await section.getByLabel('Title pattern 1', { exact: true }).fill('^Online banking');
  await section.getByRole('button', { name: 'Add redaction' }).click();
  await section.getByLabel('Redaction 1 pattern', { exact: true }).fill('ACME');
  await section.getByLabel('Redaction 1 replacement', { exact: true }).fill('[client]');
  await section.getByRole('button', { name: 'Save privacy rules' }).click();
  await expect(section.getByTestId('capture-message')).toHaveText('Privacy rules saved. They apply to everything captured from now on.');

  // Try it: the same pure rules main applies.
  const result = section.getByTestId('try-it-result');
  await expect(result).toContainText('Invoice 2024-117 for [client] – Google Chrome');
  await expect(result).toContainText('https://mail.example.com/inbox');
  await expect(result).not.toContainText('token=abc');
  await section.getByLabel('Window title').fill('Online banking – Mozilla Firefox');
  await expect(result).toContainText('Skipped: the title matches an excluded pattern');
  await section.getByLabel('Window title').fill('Secret plans - Google Chrome (Incognito)');
  await expect(result).toContainText('Skipped: this looks like a private or incognito window');
  await section.getByLabel('Window title').fill('Invoice for ACME – Google Chrome');

  // Turning capture on shows what main reports, including why it cannot run here.
  await section.getByRole('switch', { name: 'Capture activity on this computer' }).check();
  await expect(section.getByRole('switch', { name: 'Capture activity on this computer' })).toBeChecked();
  await expect(section.getByTestId('capture-status')).not.toHaveText('Status: Off');
  // Where the active window cannot be read (no display, Wayland, missing x11-utils) it says so and what to do.
  if ((await section.getByTestId('capture-status').textContent())?.includes('Not available')) {
    await expect(section.getByTestId('capture-problem')).toContainText('What to do:');
  }
  await app.setViewportSize({ width: 1280, height: 1700 });
  await section.screenshot({ path: `${artifactsDir}/settings-capture.png` });
});
