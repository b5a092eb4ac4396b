// @vitest-environment jsdom
// An entry dialog with unsaved changes holds back a restart into an update (issue 19); an untouched
// one does not, and closing the dialog lets the restart go ahead.
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
import { useUpdates } from '../../../renderer/src/features/updates/update-store';

afterEach(() => {
  cleanup();
  useUi.getState().showDay(null);
});

it('an edited entry dialog counts as unsaved work until it is closed', async () => {
  const name = 'dialog-busy';
  const repos = createRepos(await openDatabase(name));
  const zone = currentZone();
  const day = addLocalDays(today(zone), -1);
  await repos.entries.create({ projectId: null, description: 'Typed', zone, source: 'manual', start: zonedInstant(day, '09:00', zone), end: zonedInstant(day, '10:00', zone) });
  useUpdates.setState({ busy: { timer: 0, dialog: 0, sync: 0 } });

  useUi.getState().showDay(day);
  render(<ReposProvider dbName={name}><TodayScreen /></ReposProvider>);
  const list = await screen.findByRole('list', { name: /^Entries on / });
  const [entry] = await within(list).findAllByRole('listitem');
  fireEvent.click(within(entry!).getByRole('button', { name: /^Edit / }));
  const dialog = await screen.findByRole('dialog');
  expect(useUpdates.getState().busy.dialog).toBe(0);

  fireEvent.change(within(dialog).getByRole('textbox', { name: /Description/ }), { target: { value: 'Typed, then changed' } });
  expect(useUpdates.getState().busy.dialog).toBe(1);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(useUpdates.getState().busy.dialog).toBe(0);
});
