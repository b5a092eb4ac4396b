// The Reports screen end to end: opened with Ctrl+6, reports switched with the arrow keys (the open
// one kept in the URL), a custom period, comparing with the previous period, the ready marker, the
// CSV export's file name, and screenshots in light and dark.
import { artifactsDir, expect, test } from './fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`Reports opens from the keyboard, switches reports and exports the one shown (${scheme})`, async ({ app }) => {
    await app.emulateMedia({ colorScheme: scheme });
    await app.keyboard.press('Control+6');
    await expect(app.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    const root = app.locator('[data-screen="reports"] .reports');
    await expect(root).toHaveAttribute('data-report-ready', 'profitability');
    await app.screenshot({ path: `${artifactsDir}/reports-open-${scheme}.png` });

    // The tabs: arrow keys move the choice and the focus; the URL keeps the open report.
    const tabs = app.getByRole('tablist', { name: 'Reports' });
    await tabs.getByRole('tab', { selected: true }).focus();
    await app.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { name: /^Utilization/ })).toBeFocused();
    await expect(tabs.getByRole('tab', { name: /^Utilization/ })).toHaveAttribute('aria-selected', 'true');
    await expect(app).toHaveURL(/#\/reports\/utilization$/);
    await app.keyboard.press('End');
    await expect(tabs.getByRole('tab', { name: /^Tax-time summary/ })).toBeFocused();
    await expect(app).toHaveURL(/#\/reports\/tax-summary$/);
    await expect(root).toHaveAttribute('data-report-ready', 'taxSummary');
    // Each report opens on its own period: the tax-time summary on the year.
    await expect(app.getByLabel('Period', { exact: true })).toHaveValue('year');

    // Custom dates: said in words until both are there.
    await app.getByLabel('Period', { exact: true }).selectOption('custom');
    await expect(app.getByRole('alert')).toHaveText('Choose both dates of the period.');
    await expect(root).not.toHaveAttribute('data-report-ready');
    await app.getByLabel('From', { exact: true }).fill('2026-11-01');
    await app.getByLabel('To', { exact: true }).fill('2026-11-30');
    await expect(app.getByRole('alert')).toHaveCount(0);
    await app.getByRole('checkbox', { name: 'Compare with previous period' }).check();
    await expect(root).toHaveAttribute('data-report-ready', 'taxSummary');
    const measured = await app.evaluate(() => performance.getEntriesByName('report:taxSummary', 'measure').length);
    expect(measured).toBeGreaterThan(0);

    const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('track-nexus-tax-summary-2026-11-01-to-2026-11-30.csv');
    await app.screenshot({ path: `${artifactsDir}/reports-custom-${scheme}.png`, fullPage: true });

    // Back to Profitability with a click: its By filter is there, the period chosen stays.
    await tabs.getByRole('tab', { name: /^Profitability/ }).click();
    await expect(app.getByLabel('By', { exact: true })).toBeVisible();
    await expect(app.getByLabel('Period', { exact: true })).toHaveValue('custom');
  });
}
