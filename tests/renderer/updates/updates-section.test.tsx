// @vitest-environment jsdom
// Settings › Updates (issue 19): the state in words, Check now, the channel, and Restart to update
// that waits for the running timer and says so.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RendererApi, UpdateState } from '../../../shared/ipc/contract';
import { UpdatesSection } from '../../../renderer/src/features/updates/UpdatesSection';
import { useUpdates } from '../../../renderer/src/features/updates/update-store';

const base: UpdateState = { status: 'up-to-date', words: 'Track Nexus is up to date.', version: null, percent: null, channel: 'stable', restartRequested: false, waitingFor: null };

let state: UpdateState;
let calls: Array<{ channel: string; request: unknown }>;

beforeEach(() => {
  state = base;
  calls = [];
  useUpdates.setState({ state: null, error: null, busy: { timer: 0, dialog: 0, sync: 0 } });
  window.api = {
    invoke: (async (channel: string, request: unknown) => {
      calls.push({ channel, request });
      if (channel === 'update:checkNow') state = { ...state, status: 'checking', words: 'Checking for updates…' };
      if (channel === 'update:setChannel') state = { ...state, channel: (request as { channel: 'beta' }).channel };
      if (channel === 'update:restartApp') state = { ...state, restartRequested: true, waitingFor: 'Waiting for the running timer to stop…' };
      return { ok: true, value: state };
    }) as RendererApi['invoke'],
    on: () => () => {},
  };
});
afterEach(cleanup);

it('shows the state in words, checks on request and switches to the beta channel', async () => {
  render(<UpdatesSection />);
  await screen.findByText('Track Nexus is up to date.');
  fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
  await screen.findByText('Checking for updates…');
  expect(screen.getByRole('button', { name: 'Check now' })).toHaveProperty('disabled', true);
  expect(screen.getByRole('radio', { name: /Stable/ })).toHaveProperty('checked', true);
  fireEvent.click(screen.getByRole('radio', { name: /Beta/ }));
  await act(async () => {});
  expect(calls.at(-1)).toEqual({ channel: 'update:setChannel', request: { channel: 'beta' } });
  expect(screen.getByRole('radio', { name: /Beta/ })).toHaveProperty('checked', true);
});

it('offers Restart to update when ready, and says what the restart waits for', async () => {
  state = { ...base, status: 'ready', version: '2.0.0', words: 'Version 2.0.0 is ready. Restart Track Nexus to update.' };
  render(<UpdatesSection />);
  fireEvent.click(await screen.findByRole('button', { name: 'Restart to update' }));
  await screen.findByText(/Waiting for the running timer to stop… Track Nexus restarts by itself then\./);
  expect(screen.queryByRole('button', { name: 'Restart to update' })).toBeNull();
  screen.getByRole('button', { name: 'Don’t restart' });
});

it('follows main’s state as a download progresses', async () => {
  render(<UpdatesSection />);
  await screen.findByText('Track Nexus is up to date.');
  const { apply } = useUpdates.getState();
  act(() => apply({ ...base, status: 'downloading', version: '2.0.0', percent: 40, words: 'Downloading version 2.0.0… 40%' }));
  screen.getByText('Downloading version 2.0.0… 40%');
  expect(screen.getByRole('progressbar', { name: 'Download progress' })).toHaveProperty('value', 40);
});

it('in the browser harness it only says updates come with the desktop app', async () => {
  state = { ...base, status: 'disabled', words: 'Updates are installed by the desktop app.' };
  render(<UpdatesSection />);
  await screen.findByText('Updates are installed by the desktop app.');
  expect(screen.queryByRole('button', { name: 'Check now' })).toBeNull();
  expect(screen.queryByRole('radio')).toBeNull();
});
