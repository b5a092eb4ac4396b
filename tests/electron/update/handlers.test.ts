import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/main/ipc/events';
import { IpcRouter } from '../../../electron/main/ipc/router';
import { registerUpdateHandlers } from '../../../electron/main/update/handlers';
import { composeTestMain } from '../compose-test-main';
import { fakeTimers, fakeUpdater } from './fake-updater';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(dataDir = mkdtempSync(join(tmpdir(), 'tn-update-'))) {
  dirs.push(dataDir);
  const router = new IpcRouter();
  const events = new EventBus();
  const sent: Array<{ event: string; payload: unknown }> = [];
  events.addSink((event, payload) => sent.push({ event, payload }));
  const updater = fakeUpdater();
  const service = registerUpdateHandlers(router, events.emit.bind(events), { port: updater.port, dataDir, timers: fakeTimers().timers });
  return { router, sent, updater, service, dataDir };
}

describe('update IPC', () => {
  it('Check now answers with the state and the window hears each change', async () => {
    const s = setup();
    const r = await s.router.dispatch('update:checkNow', undefined);
    expect(r).toMatchObject({ ok: true, value: { status: 'checking', words: 'Checking for updates…' } });
    s.updater.send({ kind: 'not-available' });
    expect(s.sent.at(-1)).toMatchObject({ event: 'update:stateChanged', payload: { status: 'up-to-date' } });
  });

  it('the chosen channel survives a restart of the app', async () => {
    const s = setup();
    await s.router.dispatch('update:setChannel', { channel: 'beta' });
    const again = setup(s.dataDir);
    expect(await again.router.dispatch('update:getState', undefined)).toMatchObject({ ok: true, value: { channel: 'beta' } });
    again.service.start();
    expect(again.updater.calls.configured.at(-1)).toEqual({ channel: 'beta', allowPrerelease: true });
  });

  it('refuses busy reasons and channels it does not know', async () => {
    const s = setup();
    expect(await s.router.dispatch('update:setBusy', { reasons: ['coffee'] })).toMatchObject({ ok: false });
    expect(await s.router.dispatch('update:setChannel', { channel: 'nightly' })).toMatchObject({ ok: false });
  });

  it('a restart over a running timer waits, through the IPC calls the window makes', async () => {
    const s = setup();
    s.service.start();
    s.updater.send({ kind: 'available', version: '2.0.0' });
    s.updater.send({ kind: 'downloaded', version: '2.0.0' });
    await s.router.dispatch('update:setBusy', { reasons: ['timer'] });
    const r = await s.router.dispatch('update:restartApp', undefined);
    expect(r).toMatchObject({ ok: true, value: { waitingFor: 'Waiting for the running timer to stop…' } });
    expect(s.updater.calls.installs).toBe(0);
    await s.router.dispatch('update:setBusy', { reasons: [] });
    expect(s.updater.calls.installs).toBe(1);
  });

  it('in the browser harness updates are off and say why', async () => {
    const app = composeTestMain();
    expect(await app.main.router.dispatch('update:getState', undefined)).toMatchObject({
      ok: true,
      value: { status: 'disabled', words: 'Updates are installed by the desktop app.' },
    });
    await app.close();
  });
});
