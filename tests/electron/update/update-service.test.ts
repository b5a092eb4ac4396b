import { describe, expect, it } from 'vitest';
import type { UpdateChannel, UpdateState } from '../../../shared/ipc/contract';
import { createUpdateService, waitingWords } from '../../../electron/main/update/update-service';
import { unavailableUpdater } from '../../../electron/main/update/updater-port';
import { fakeTimers, fakeUpdater } from './fake-updater';

const HOUR = 3_600_000;
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(channel: UpdateChannel = 'stable') {
  const updater = fakeUpdater();
  const clock = fakeTimers();
  const seen: UpdateState[] = [];
  const saved: UpdateChannel[] = [];
  const service = createUpdateService({
    port: updater.port,
    channel,
    saveChannel: (c) => saved.push(c),
    onChange: (s) => seen.push(s),
    timers: clock.timers,
  });
  return { updater, clock, seen, saved, service };
}

/** Check → available → progress → downloaded. */
function toReady(s: ReturnType<typeof setup>, version = '2.0.0') {
  s.service.start();
  s.updater.send({ kind: 'available', version });
  s.updater.send({ kind: 'progress', percent: 41.6 });
  expect(s.service.state()).toMatchObject({ status: 'downloading', percent: 42, words: `Downloading version ${version}… 42%` });
  s.updater.send({ kind: 'downloaded', version });
}

describe('update service', () => {
  it('checks at start, downloads in the background, and restarts into the update when asked', () => {
    const s = setup();
    toReady(s);
    expect(s.updater.calls.check).toBe(1);
    expect(s.updater.calls.download).toBe(1);
    expect(s.seen.map((x) => x.status)).toEqual(['checking', 'available', 'downloading', 'downloading', 'ready']);
    expect(s.service.state().words).toBe('Version 2.0.0 is ready. Restart Track Nexus to update.');
    expect(s.updater.calls.installs).toBe(0);
    s.service.restart();
    expect(s.updater.calls.installs).toBe(1);
  });

  it('says so when there is nothing newer', () => {
    const s = setup();
    s.service.start();
    s.updater.send({ kind: 'not-available' });
    expect(s.service.state()).toMatchObject({ status: 'up-to-date', words: 'Track Nexus is up to date.' });
  });

  it('a failed download becomes a failed state in words, installs nothing, and is retried later', async () => {
    const s = setup();
    s.updater.failNextDownload(new Error('net::ERR_CONNECTION_RESET'));
    s.service.start();
    s.updater.send({ kind: 'available', version: '2.0.0' });
    await flush();
    expect(s.service.state().status).toBe('failed');
    expect(s.service.state().words).toMatch(/^Downloading version 2\.0\.0 failed \(net::ERR_CONNECTION_RESET\)\. Nothing was installed\. .*try again in 30 minutes/);
    s.service.restart();
    expect(s.updater.calls.installs).toBe(0);
    s.clock.advance(30 * 60_000 - 1);
    expect(s.updater.calls.check).toBe(1);
    s.clock.advance(1);
    expect(s.updater.calls.check).toBe(2);
    expect(s.service.state().status).toBe('checking');
    s.updater.send({ kind: 'available', version: '2.0.0' });
    s.updater.send({ kind: 'downloaded', version: '2.0.0' });
    expect(s.service.state().status).toBe('ready');
  });

  it('a bad signature (electron-updater’s ERR_UPDATER_INVALID_SIGNATURE) fails in words and is never installed', () => {
    const s = setup();
    s.service.start();
    s.updater.send({ kind: 'available', version: '2.0.0' });
    s.updater.send({ kind: 'progress', percent: 100 });
    const bad = { kind: 'error' as const, message: 'New version 2.0.0 is not signed by the application owner: publisherNames: Acme', code: 'ERR_UPDATER_INVALID_SIGNATURE' };
    s.updater.send(bad);
    s.updater.send(bad); // the event and the rejected download both report it: one failure
    expect(s.seen.filter((x) => x.status === 'failed')).toHaveLength(1);
    expect(s.service.state().words).toMatch(/^The downloaded update \(version 2\.0\.0\) is not signed by Track Nexus’s publisher, so it was not installed\./);
    s.service.restart();
    s.service.setBusy([]);
    expect(s.updater.calls.installs).toBe(0);
  });

  it('a restart asked while the timer runs waits, says why, and happens when the timer stops', () => {
    const s = setup();
    toReady(s);
    s.service.setBusy(['timer']);
    s.service.restart();
    expect(s.updater.calls.installs).toBe(0);
    expect(s.service.state()).toMatchObject({ restartRequested: true, waitingFor: 'Waiting for the running timer to stop…' });
    s.service.setBusy(['timer', 'sync']);
    expect(s.service.state().waitingFor).toBe('Waiting for the running timer to stop and the QuickBooks sync to finish…');
    s.service.setBusy(['sync']);
    expect(s.updater.calls.installs).toBe(0);
    s.service.setBusy([]);
    expect(s.updater.calls.installs).toBe(1);
  });

  it('a waiting restart the user cancels does not happen when the work ends', () => {
    const s = setup();
    toReady(s);
    s.service.setBusy(['dialog']);
    s.service.restart();
    expect(s.service.state().waitingFor).toBe('Waiting for the open dialog with unsaved changes to be saved or closed…');
    s.service.cancelRestart();
    s.service.setBusy([]);
    expect(s.updater.calls.installs).toBe(0);
    expect(s.service.state()).toMatchObject({ restartRequested: false, waitingFor: null, status: 'ready' });
  });

  it('beta is allowPrerelease on the beta channel; switching saves it and checks again', () => {
    const s = setup();
    s.service.start();
    expect(s.updater.calls.configured.at(-1)).toEqual({ channel: 'latest', allowPrerelease: false });
    s.updater.send({ kind: 'not-available' });
    s.service.setChannel('beta');
    expect(s.saved).toEqual(['beta']);
    expect(s.updater.calls.configured.at(-1)).toEqual({ channel: 'beta', allowPrerelease: true });
    expect(s.updater.calls.check).toBe(2);
    expect(s.service.state()).toMatchObject({ channel: 'beta', status: 'checking' });
    s.service.setChannel('stable');
    expect(s.updater.calls.configured.at(-1)).toEqual({ channel: 'latest', allowPrerelease: false });
  });

  it('checks again every 4 hours, but not while a download runs', () => {
    const s = setup();
    s.service.start();
    s.updater.send({ kind: 'not-available' });
    s.clock.advance(4 * HOUR - 1);
    expect(s.updater.calls.check).toBe(1);
    s.clock.advance(1);
    expect(s.updater.calls.check).toBe(2);
    s.updater.send({ kind: 'available', version: '2.0.0' });
    s.clock.advance(4 * HOUR);
    expect(s.updater.calls.check).toBe(2);
    s.updater.send({ kind: 'downloaded', version: '2.0.0' });
    s.clock.advance(4 * HOUR);
    expect(s.updater.calls.check).toBe(2); // a ready update is not thrown away by a periodic check
    s.service.dispose();
  });

  it('where updates cannot run, says why and never checks', () => {
    const updater = unavailableUpdater('Updates are installed by the desktop app.');
    let checks = 0;
    const service = createUpdateService({ port: { ...updater, check: async () => void checks++ }, channel: 'stable', saveChannel: () => {}, onChange: () => {} });
    service.start();
    service.checkNow();
    expect(checks).toBe(0);
    expect(service.state()).toMatchObject({ status: 'disabled', words: 'Updates are installed by the desktop app.' });
  });

  it('waits for nothing when nothing is busy', () => {
    expect(waitingWords([])).toBeNull();
    expect(waitingWords(['timer', 'dialog', 'sync'])).toBe(
      'Waiting for the running timer to stop, the open dialog with unsaved changes to be saved or closed and the QuickBooks sync to finish…',
    );
  });
});
