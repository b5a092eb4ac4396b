// @vitest-environment jsdom
// An imported entry keeps its file's tags and shows them: in the day's list and in the edit dialog;
// an entry without tags shows none.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { addLocalDays } from '../../../shared/time/local-date';
import { zonedInstant } from '../../../shared/time/zone';
import { currentZone, today } from '../../../renderer/src/app/clock';
import { useUi } from '../../../renderer/src/app/ui-store';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { TodayScreen } from '../../../renderer/src/features/day/TodayScreen';

afterEach(() => {
  cleanup();
  useUi.getState().showDay(null);
});

it('shows an entry’s tags as chips in the day’s list and in its edit dialog', async () => {
  const name = 'entry-tags';
  const db = await openDatabase(name);
  const repos = createRepos(db);
  const zone = currentZone();
  const day = addLocalDays(today(zone), -1);
  const at = (time: string) => zonedInstant(day, time, zone);
  const tagged = await repos.entries.create({ projectId: null, description: 'Imported', zone, source: 'manual', start: at('09:00'), end: at('10:00') });
  await repos.entries.create({ projectId: null, description: 'Typed', zone, source: 'manual', start: at('11:00'), end: at('12:00') });
  await db.entries.update(tagged.id, { tags: ['design', 'client call'] });

  useUi.getState().showDay(day);
  render(<ReposProvider dbName={name}><TodayScreen /></ReposProvider>);
  const list = await screen.findByRole('list', { name: /^Entries on / });
  const [first, second] = await within(list).findAllByRole('listitem');
  await within(first!).findByText('design');
  expect([...first!.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['design', 'client call']);
  expect(second!.querySelector('.tag')).toBeNull();

  fireEvent.click(within(first!).getByRole('button', { name: /^Edit / }));
  const dialog = await screen.findByRole('dialog');
  expect([...dialog.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['design', 'client call']);
  expect(dialog.textContent).toContain('Tags (from the imported file)');
});
