// @vitest-environment jsdom
// Settings › Startup and › Help and diagnostics, and the first-run notice, over a fake main: the
// checkboxes show and change the choice, the notice goes once dismissed, the harness says why
// start at login is missing, and "Export diagnostics" saves main's file.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { RendererApi, StartupState } from '../../../shared/ipc/contract';
import { DiagnosticsSection } from '../../../renderer/src/features/diagnostics/DiagnosticsSection';
import { StartupNotice } from '../../../renderer/src/features/startup/StartupNotice';
import { StartupSection } from '../../../renderer/src/features/startup/StartupSection';
import { useStartup } from '../../../renderer/src/features/startup/startup-store';

afterEach(cleanup);
beforeEach(() => useStartup.setState({ state: null, error: null }));

// The renderer keeps the first api it finds, so one fake serves every test through `answer`.
let answer: (channel: string, request?: unknown) => unknown = () => undefined;
window.api = { invoke: (async (channel: string, request?: unknown) => answer(channel, request)) as RendererApi['invoke'], on: () => () => {} };

function fakeMain(initial: StartupState) {
  let state = initial;
  const calls: Array<[string, unknown]> = [];
  answer = (channel, request) => {
    calls.push([channel, request]);
    if (channel === 'startup:saveSettings') state = { ...state, ...(request as object) };
    if (channel === 'startup:dismissNotice') state = { ...state, showFirstRunNotice: false };
    if (channel.startsWith('startup:')) return { ok: true, value: state };
    if (channel === 'diagnostics:exportFile') return { ok: true, value: { fileName: 'track-nexus-diagnostics-2026-12-04-12-00-00.json', text: '{"app":{}}' } };
    return { ok: false, error: { kind: 'unavailable', message: 'not in this test', retryable: false } };
  };
  return calls;
}

const checkbox = (name: RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

const installed: StartupState = { available: true, reason: null, openAtLogin: true, openAsHidden: true, showFirstRunNotice: true };

it('shows start at login and hidden in the tray as on, and turning one off tells main', async () => {
  const calls = fakeMain(installed);
  render(<StartupSection />);
  const atLogin = await screen.findByRole('checkbox', { name: /Start Track Nexus when I sign in/ });
  const hidden = screen.getByRole('checkbox', { name: /Start hidden in the tray/ });
  expect((atLogin as HTMLInputElement).checked).toBe(true);
  expect((hidden as HTMLInputElement).checked).toBe(true);
  fireEvent.click(hidden);
  await waitFor(() => expect(checkbox(/Start hidden in the tray/).checked).toBe(false));
  expect(calls).toContainEqual(['startup:saveSettings', { openAtLogin: true, openAsHidden: false }]);
  // Hidden means nothing without start at login, so it is greyed out then.
  fireEvent.click(atLogin);
  await waitFor(() => expect(checkbox(/Start hidden in the tray/).disabled).toBe(true));
});

it('explains the default once, and the notice goes when dismissed', async () => {
  const calls = fakeMain(installed);
  render(<StartupNotice />);
  await screen.findByText(/will start when you sign in and wait in the tray/);
  fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
  await waitFor(() => expect(screen.queryByText(/will start when you sign in/)).toBeNull());
  expect(calls.map(([c]) => c)).toContain('startup:dismissNotice');
});

it('says start at login is only in the desktop app in the browser harness', async () => {
  fakeMain({ available: false, reason: 'Start at login is only in the installed desktop app.', openAtLogin: false, openAsHidden: true, showFirstRunNotice: false });
  render(<><StartupNotice /><StartupSection /></>);
  await screen.findByText('Start at login is only in the installed desktop app.');
  expect(checkbox(/Start Track Nexus when I sign in/).disabled).toBe(true);
  expect(screen.queryByRole('button', { name: 'Got it' })).toBeNull();
});

it('saves the diagnostics file main builds, under its name', async () => {
  fakeMain(installed);
  const saved: Array<{ name: string; type: string }> = [];
  URL.createObjectURL = vi.fn((blob: Blob) => (saved.push({ name: '', type: blob.type }), 'blob:x'));
  URL.revokeObjectURL = vi.fn();
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved[saved.length - 1]!.name = this.download;
  });
  render(<DiagnosticsSection />);
  fireEvent.click(screen.getByRole('button', { name: 'Export diagnostics' }));
  await screen.findByText(/Saved track-nexus-diagnostics-2026-12-04-12-00-00\.json/);
  expect(saved).toEqual([{ name: 'track-nexus-diagnostics-2026-12-04-12-00-00.json', type: 'application/json' }]);
  click.mockRestore();
});
