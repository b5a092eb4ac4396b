// @vitest-environment jsdom
// The update notice and what the window reports as busy (issue 19): a running timer is reported, so
// a restart asked from the notice waits and says so; stopping the timer clears the report.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { RendererApi, UpdateState } from '../../../shared/ipc/contract';
import { currentZone } from '../../../renderer/src/app/clock';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { UpdateBridge } from '../../../renderer/src/features/updates/UpdateBridge';
import { useUpdates } from '../../../renderer/src/features/updates/update-store';

afterEach(cleanup);

it('reports the running timer, shows the ready update, and a restart waits for the timer in words', async () => {
  let busy: string[] = [];
  let state: UpdateState = { status: 'ready', words: 'Version 2.0.0 is ready. Restart Track Nexus to update.', version: '2.0.0', percent: null, channel: 'stable', restartRequested: false, waitingFor: null };
  useUpdates.setState({ state: null, error: null, busy: { timer: 0, dialog: 0, sync: 0 } });
  window.api = {
    invoke: (async (channel: string, request: unknown) => {
      if (channel === 'update:setBusy') busy = (request as { reasons: string[] }).reasons;
      if (channel === 'update:restartApp') state = { ...state, restartRequested: true, waitingFor: busy.includes('timer') ? 'Waiting for the running timer to stop…' : null };
      return { ok: true, value: state };
    }) as RendererApi['invoke'],
    on: () => () => {},
  };
  const db = await openDatabase('update-bridge');
  const repos = createRepos(db);
  const website = await repos.projects.create({ name: 'Website' });
  await repos.entries.startTimer(website.id, null, Date.now() - 60_000, currentZone());

  render(<ReposProvider dbName="update-bridge"><UpdateBridge /></ReposProvider>);
  await waitFor(() => expect(busy).toEqual(['timer']));
  const notice = await screen.findByRole('status', { name: 'Update ready' });
  expect(notice.textContent).toContain('Version 2.0.0 is ready.');
  fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
  await screen.findByText('Waiting for the running timer to stop…');

  await act(async () => void (await repos.entries.stopTimer(Date.now())));
  await waitFor(() => expect(busy).toEqual([]));
});
