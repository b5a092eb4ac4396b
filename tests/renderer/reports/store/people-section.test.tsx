// @vitest-environment jsdom
// Settings › People and costs over a fake IndexedDB: You and the people of imported time listed with
// the defaults, a person's kind, weekly hours and costs saved to the settings, and what does not
// read (hours beyond a week, an amount that is not one, a target of 0%) said next to its field with
// nothing saved.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReposProvider, useRepos } from '../../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../../renderer/src/db/database';
import type { Repos } from '../../../../renderer/src/db/repos';
import type { EntryRow } from '../../../../renderer/src/db/schema';
import { PeopleSection } from '../../../../renderer/src/features/reports/PeopleSection';

afterEach(cleanup);
let n = 0;

function imported(id: string, person: string | null): EntryRow {
  const start = Date.UTC(2026, 10, 3, 9);
  return { id, projectId: null, taskId: null, description: '', start, end: start + 3_600_000, zone: 'UTC', source: 'import', billable: true, status: 'draft', version: 1,
    createdAt: start, updatedAt: start, localDate: '2026-11-03', importKey: `k-${id}`, imported: { person, currency: null, rateMinor: null, amountMinor: null, costRateMinor: null, status: null } };
}

async function open() {
  const dbName = `people-${++n}`;
  const db = await openDatabase(dbName);
  await db.entries.bulkAdd([imported('a', 'Dana Lee'), imported('b', 'Dana Lee'), imported('c', null), { ...imported('d', 'Gone Person'), deletedAt: 1 }]);
  db.close();
  let repos: Repos | null = null;
  const Grab = () => {
    repos = useRepos();
    return null;
  };
  render(<ReposProvider dbName={dbName}><Grab /><PeopleSection /></ReposProvider>);
  await screen.findByRole('group', { name: 'Dana Lee' });
  return () => repos!;
}

const person = (name: string) => within(screen.getByRole('group', { name }));
const field = (name: string, label: string | RegExp) => person(name).getByLabelText(label) as HTMLInputElement;

describe('People and costs', () => {
  it('lists You and the people of imported time, each an employee with 40 hours until set up', async () => {
    await open();
    expect(screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent)).toEqual(['You', 'Dana Lee']);
    expect(field('You', 'Works as').value).toBe('employee');
    expect(field('Dana Lee', 'Hours a week').value).toBe('40:00');
    expect(person('Dana Lee').getByText('For W-2 / 1099 style totals')).toBeTruthy();
  });

  it('saves a contractor with 37:30 hours and a cost from a date', async () => {
    const repos = await open();
    fireEvent.change(field('Dana Lee', 'Works as'), { target: { value: 'contractor' } });
    await waitFor(async () => expect((await repos().settings.get('reportPeople'))['Dana Lee']?.kind).toBe('contractor'));
    fireEvent.change(field('Dana Lee', 'Hours a week'), { target: { value: '37:30' } });
    fireEvent.blur(field('Dana Lee', 'Hours a week'));
    await waitFor(async () => expect((await repos().settings.get('reportPeople'))['Dana Lee']?.capacityMinutesPerWeek).toBe(37 * 60 + 30));
    fireEvent.change(field('Dana Lee', 'Cost from'), { target: { value: '2026-01-01' } });
    fireEvent.change(field('Dana Lee', 'Cost per hour (USD)'), { target: { value: '45' } });
    fireEvent.click(person('Dana Lee').getByRole('button', { name: 'Add cost' }));
    await person('Dana Lee').findByRole('table', { name: 'Cost per hour for Dana Lee' });
    expect((await repos().settings.get('reportPeople'))['Dana Lee']).toEqual({ kind: 'contractor', capacityMinutesPerWeek: 37 * 60 + 30, costRates: [{ effectiveFrom: '2026-01-01', rateMinor: 45_00 }] });
    expect((await repos().audit.listForEntity('reportPeople')).length).toBe(3);
    fireEvent.click(person('Dana Lee').getByRole('button', { name: /Remove the cost from/ }));
    await waitFor(async () => expect((await repos().settings.get('reportPeople'))['Dana Lee']?.costRates).toEqual([]));
  });

  it('says what is wrong next to the field and saves nothing', async () => {
    const repos = await open();
    fireEvent.change(field('You', 'Hours a week'), { target: { value: '200' } });
    fireEvent.blur(field('You', 'Hours a week'));
    await waitFor(() => expect(field('You', 'Hours a week').getAttribute('aria-invalid')).toBe('true'));
    const describedBy = field('You', 'Hours a week').getAttribute('aria-describedby')!;
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain('Weekly hours cannot be longer than 168 hours.');
    fireEvent.change(field('You', 'Cost per hour (USD)'), { target: { value: 'lots' } });
    fireEvent.click(person('You').getByRole('button', { name: 'Add cost' }));
    expect(await person('You').findByText('"lots" is not an amount, like 125.50.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Utilization target (%)'), { target: { value: '0' } });
    fireEvent.blur(screen.getByLabelText('Utilization target (%)'));
    expect(await screen.findByText('Enter a whole percent from 1 to 100, like 75.')).toBeTruthy();
    expect(await repos().settings.get('reportPeople')).toEqual({});
    expect(await repos().settings.get('utilizationTargetPercent')).toBe(75);
  });

  it('saves the utilization target', async () => {
    const repos = await open();
    fireEvent.change(screen.getByLabelText('Utilization target (%)'), { target: { value: '80' } });
    fireEvent.blur(screen.getByLabelText('Utilization target (%)'));
    await waitFor(async () => expect(await repos().settings.get('utilizationTargetPercent')).toBe(80));
  });
});
