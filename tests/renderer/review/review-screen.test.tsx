// @vitest-environment jsdom
// The Review screen as a component over a fake IndexedDB: yesterday's captured windows become
// proposals, and what the consultant changes on a card is exactly what Accept all saves.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addLocalDays } from '../../../shared/time/local-date';
import { zonedInstant } from '../../../shared/time/zone';
import { currentZone, today } from '../../../renderer/src/app/clock';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { useDecisions } from '../../../renderer/src/features/review/decisions';
import { ReviewScreen } from '../../../renderer/src/features/review/ReviewScreen';

afterEach(() => {
  cleanup();
  useDecisions.setState({ changes: {} });
});

let n = 0;

/** A client with two projects (the audit one has tasks) and a morning of windows yesterday. */
async function seed(name: string) {
  const db = await openDatabase(name);
  const repos = createRepos(db);
  const zone = currentZone();
  const yesterday = addLocalDays(today(zone), -1);
  const at = (hhmm: string) => zonedInstant(yesterday, hhmm, zone);
  const acme = await repos.clients.create({ name: 'Acme Corp' });
  const portal = await repos.projects.create({ name: 'Customer portal', clientId: acme.id });
  const audit = await repos.projects.create({ name: 'Security audit', clientId: acme.id });
  const threat = await repos.tasks.create({ projectId: audit.id, name: 'Threat model' });
  await repos.tasks.create({ projectId: audit.id, name: 'Report' });
  const seg = (id: string, from: string, to: string, app: string, title: string) => ({ id, start: at(from), end: at(to), app, title, url: null, kind: 'active' as const });
  await repos.segments.upsertMany(
    [
      seg('s1', '09:00', '09:40', 'Code', 'login.ts — customer portal — Visual Studio Code'),
      seg('s2', '09:40', '10:00', 'Code', 'session.ts — customer portal — Visual Studio Code'),
      seg('s3', '10:30', '11:00', 'Word', 'Security audit findings.docx'),
    ],
    zone,
  );
  return { db, repos, zone, yesterday, at, portal, audit, threat };
}

async function renderReviewOfYesterday(name: string) {
  render(<ReposProvider dbName={name}><ReviewScreen /></ReposProvider>);
  fireEvent.click(await screen.findByRole('button', { name: /Previous day/ }));
  return screen.findByRole('article', { name: /Proposed entry 09:00/ });
}

describe('Review screen', () => {
  it('Accept all saves each proposal exactly as it stands on screen', async () => {
    const name = `review-${++n}`;
    const { db, repos, zone, at, portal, audit, threat } = await seed(name);
    const first = await renderReviewOfYesterday(name);
    const project = within(first).getByRole('combobox', { name: 'Project' });
    await waitFor(() => expect((project as HTMLSelectElement).value).toBe(portal.id));

    fireEvent.change(project, { target: { value: audit.id } });
    fireEvent.change(await within(first).findByRole('combobox', { name: 'Task' }), { target: { value: threat.id } });
    fireEvent.change(within(first).getByRole('textbox', { name: 'Description' }), { target: { value: 'Threat model for the login flow' } });
    const second = screen.getByRole('article', { name: /Proposed entry 10:30/ });
    fireEvent.change(within(second).getByRole('textbox', { name: 'Description' }), { target: { value: 'Findings write-up' } });

    // Capture delivers another window while the user reviews: the day refreshes, the changes stay.
    await act(async () => {
      await repos.segments.upsertMany([{ id: 's4', start: at('12:00'), end: at('12:20'), app: 'Word', title: 'Security audit findings.docx', url: null, kind: 'active' }], zone);
    });
    await screen.findByRole('article', { name: /Proposed entry 12:00/ });
    expect((within(first).getByRole('textbox', { name: 'Description' }) as HTMLInputElement).value).toBe('Threat model for the login flow');
    expect((within(first).getByRole('combobox', { name: 'Project' }) as HTMLSelectElement).value).toBe(audit.id);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Accept all' }));
    });
    await waitFor(async () => expect(await db.entries.count()).toBe(3));
    const entries = (await db.entries.toArray()).sort((a, b) => a.start - b.start);
    expect(entries[0]).toMatchObject({ start: at('09:00'), end: at('10:00'), projectId: audit.id, taskId: threat.id, description: 'Threat model for the login flow', status: 'draft' });
    expect(entries[1]).toMatchObject({ start: at('10:30'), end: at('11:00'), projectId: audit.id, description: 'Findings write-up' });
    expect(entries[2]).toMatchObject({ start: at('12:00'), end: at('12:20'), projectId: audit.id, description: '' });
  });

  it('shows time already in an entry, accepts only the free time, and Undo in the notice takes it back', async () => {
    const name = `review-${++n}`;
    const { db, repos, zone, at, portal } = await seed(name);
    const timer = await repos.entries.create({ projectId: portal.id, start: at('09:30'), end: at('10:00'), zone, source: 'timer' });
    const card = await renderReviewOfYesterday(name);
    const note = await within(card).findByRole('note');
    expect(note.textContent).toBe(
      '30 min of this is already in your entries: 09:30–10:00 Acme Corp · Customer portal. Accepting adds only the other 30 min.Count all of it anyway',
    );
    expect(screen.getByTestId('review-totals').textContent).toBe('2 proposed entries · 1:00 to add · 30 min already in your entries, not counted again');
    expect(screen.getByRole('list', { name: 'Entries already on this day' })).toBeTruthy();

    await act(async () => {
      fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    });
    const status = await screen.findByRole('status');
    await waitFor(() => expect(status.textContent).toMatch(/^Added a draft entry for Acme Corp · Customer portal \(0:30\)/));
    const live = async () => (await db.entries.toArray()).filter((e) => e.deletedAt == null).sort((a, b) => a.start - b.start);
    expect((await live()).map((e) => [e.start, e.end])).toEqual([[at('09:00'), at('09:30')], [timer.start, timer.end]]);
    await waitFor(() => expect(screen.queryByRole('article', { name: /Proposed entry 09:00/ })).toBeNull());
    const reviewed = await screen.findByRole('region', { name: /Already reviewed on this day/ });
    expect(within(reviewed).getByText('Accepted: Acme Corp · Customer portal')).toBeTruthy();

    await act(async () => {
      fireEvent.click(within(status).getByRole('button', { name: 'Undo' }));
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Undone/), { timeout: 10_000 });
    await screen.findByRole('article', { name: /Proposed entry 09:00/ });
    expect((await live()).map((e) => e.id)).toEqual([timer.id]);
  });

  it('reasons read as sentences; the matcher’s own account and confidence are behind Details', async () => {
    const name = `review-${++n}`;
    await seed(name);
    const card = await renderReviewOfYesterday(name);
    expect(within(card).getByText('The window title names the project Acme Corp · Customer portal.')).toBeTruthy();
    expect(within(card).queryByText(/appears in title/)).toBeNull();
    expect(within(card).queryByText(/\d+%/)).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Details' }));
    expect(within(card).getByText('project name appears in title')).toBeTruthy();
    expect(within(card).getByText(/The matcher is \d+% sure of Acme Corp · Customer portal/)).toBeTruthy();
    // "Not work" says what it does.
    expect(within(card).getByRole('button', { name: 'Not work' }).getAttribute('title')).toMatch(/^Mark as personal: no entry, and the matcher learns/);
  });
});
