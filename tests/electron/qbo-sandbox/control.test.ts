import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../../electron/qbo-sandbox/index';
import { boot, firstError, latencyGate } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
afterEach(async () => {
  await h.control('reset');
});

describe('/_sandbox control routes', () => {
  it('are off unless enabled (the demo mode)', async () => {
    const demo = await startSandbox({ port: 0, controlRoutes: false });
    try {
      for (const route of ['reset', 'tokens', 'faults', 'limits']) expect((await fetch(`${demo.url}/_sandbox/${route}`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${demo.url}/_sandbox/state`)).status).toBe(404);
    } finally {
      await demo.close();
    }
  });

  it('issue tokens with the client credentials for the sample realm', async () => {
    const r = await h.control('tokens');
    expect(r.json).toMatchObject({ realmId: '9341453050298765', client_id: 'sandbox-client', client_secret: 'sandbox-secret', expires_in: 3600 });
    expect(r.json.refresh_token).toBeTruthy();
    expect((await h.api('GET', 'preferences', undefined, { token: r.json.access_token })).status).toBe(200);
  });

  it('reset brings back the seeded company and can pick the multicurrency variant', async () => {
    await h.api('POST', 'customer', { DisplayName: 'Hawthorn Co' });
    await h.control('reset', { variant: 'multicurrency' });
    const state = (await h.control('state')).json;
    expect(state.variant).toBe('multicurrency');
    expect(state.entities.Customer.map((c: { DisplayName: string }) => c.DisplayName)).not.toContain('Hawthorn Co');
    expect(state.entities.Preferences[0].CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
  });

  it('state lists everything written and counts requests', async () => {
    await h.api('POST', 'customer', { DisplayName: 'Hawthorn Co' });
    await h.api('GET', 'preferences');
    const state = (await h.control('state')).json;
    expect(state.entities.Customer.some((c: { DisplayName: string }) => c.DisplayName === 'Hawthorn Co')).toBe(true);
    expect(state.counters).toEqual({ requests: 2, throttled: 0, faultsInjected: 0, droppedAfterCommit: 0, replays: 0 });
  });

  it('injects 503s at the given rate', async () => {
    await h.control('faults', { errorRate: 1 });
    const r = await h.api('GET', 'preferences');
    expect(r.status).toBe(503);
    expect(r.json.Fault.type).toBe('SERVICE');
    await h.control('faults', { errorRate: 0.5, seed: 7 });
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await h.api('GET', 'preferences')).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect((await h.control('state')).json.counters.faultsInjected).toBe(failed + 1);
  });

  it('adds latency: the answer waits the time asked for', async () => {
    const gate = latencyGate();
    const slow = await boot({ wait: gate.wait });
    try {
      await slow.control('faults', { latencyMs: 150 });
      let answered = false;
      const reply = slow.api('GET', 'preferences').then((r) => ((answered = true), r));
      await vi.waitFor(() => expect(gate.held()).toBe(1), { timeout: 15_000 });
      expect(gate.asked).toEqual([150]);
      expect(answered).toBe(false);
      gate.open();
      expect((await reply).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('expires the issued access tokens now', async () => {
    await h.control('faults', { expireAccessTokens: true });
    const r = await h.api('GET', 'preferences');
    expect(r.status).toBe(401);
    expect(r.json.fault.error[0].code).toBe('3200');
    const fresh = (await h.control('tokens')).json.access_token;
    expect((await h.api('GET', 'preferences', undefined, { token: fresh })).status).toBe(200);
    h.token = fresh;
  });

  it('refuses invalid settings', async () => {
    expect((await h.control('faults', { errorRate: 2 })).status).toBe(400);
    expect((await h.control('limits', { timeScale: 0 })).status).toBe(400);
    expect((await h.control('reset', { variant: 'euro' })).status).toBe(400);
  });
});

describe('preferences', () => {
  it('updates with a SyncToken and refuses a stale one', async () => {
    const prefs = (await h.api('GET', 'preferences')).json.Preferences;
    const r = await h.api('POST', 'preferences', { SyncToken: prefs.SyncToken, TimeTrackingPrefs: { ShowBillRateToAll: true } });
    expect(r.json.Preferences.TimeTrackingPrefs).toMatchObject({ ShowBillRateToAll: true, UseServices: true });
    expect(firstError(await h.api('POST', 'preferences', { SyncToken: prefs.SyncToken, TimeTrackingPrefs: { ShowBillRateToAll: false } }))?.code).toBe('5010');
  });
});
