// The simulated Web Connector's schedule against the app's real service: sessions spaced by the
// interval on an injected clock (no real waiting), faults drawn from a seeded random so a run
// replays exactly, and the schedule stopping after K sessions or when told.
import { afterEach, describe, expect, it } from 'vitest';
import { startQbwcServer, type QbwcServer } from '../../../electron/main/qbd/qbwc-server';
import { createQbwcService } from '../../../electron/main/qbd/qbwc-service';
import { createCompany } from '../../../electron/qbd-sim/company';
import { runWebConnector } from '../../../electron/qbd-sim/schedule';
import { qbxmlDocument, timeTrackingAddRq } from '../../../shared/qbd/qbxml';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const servers: QbwcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The app with `count` time entries to send, one per document, each handed out until QuickBooks' answer arrives; `perSession` documents per session. */
async function startApp(count: number, perSession = Infinity) {
  let inSession = 0;
  let delivered = 0;
  const service = createQbwcService({
    appVersion: 'test',
    verify: async () => true,
    work: {
      pending: async () => delivered < count,
      next: async () => (delivered < count ? qbxmlDocument('16.0', [timeTrackingAddRq(String(delivered), {
        txnDate: '2026-12-03', entity: { fullName: 'Emily Platt' }, minutes: 30, notes: `entry ${delivered}`,
      })]) : null),
      answer: async () => (++delivered >= count || ++inSession % perSession === 0 ? 100 : 50),
    },
    newTicket: () => crypto.randomUUID(),
    now: () => Date.now(),
  });
  const server = await startQbwcServer(service, { port: 0, path: '/qbwc' });
  servers.push(server);
  return server.url;
}

/** A clock that only moves when the schedule sleeps. */
function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  return { now: () => t, sleep: async (ms: number) => { waits.push(ms); t += ms; }, waits };
}

describe('simulated Web Connector schedule', { timeout: SCHEMA_TIMEOUT }, () => {
  it('plays K sessions one interval apart without waiting on the wall clock', async () => {
    const url = await startApp(2);
    const company = createCompany();
    const time = fakeTime();
    const reports = await runWebConnector({ session: { url, userName: 'u', password: 'p', company }, everyMs: 300_000, sessions: 3, ...time });
    expect(reports.map((r) => [r.index, r.startedAt, r.fault, r.authenticated])).toEqual([[1, 0, null, ''], [2, 300_000, null, 'none'], [3, 600_000, null, 'none']]);
    expect(time.waits).toEqual([300_000, 300_000]);
    expect(company.timeTracking()).toHaveLength(2);
  });

  it('draws the same faults from the same seed, and a busy QuickBooks adds nothing', async () => {
    const plays = async (seed: number) => {
      const url = await startApp(50, 1);
      const company = createCompany();
      const reports = await runWebConnector({ session: { url, userName: 'u', password: 'p', company }, everyMs: 1, sessions: 8, seed, faults: { busy: 0.5 }, ...fakeTime() });
      return { faults: reports.map((r) => r.fault), company, reports };
    };
    const [a, b] = [await plays(7), await plays(7)];
    expect(a.faults).toEqual(b.faults);
    expect(a.faults).toContain('busy');
    expect(a.faults).toContain(null);
    for (const r of a.reports.filter((x) => x.fault === 'busy')) expect(r).toMatchObject({ requests: 0, error: expect.stringContaining('0x80040410') });
    expect(a.company.timeTracking()).toHaveLength(a.reports.filter((r) => r.fault === null).length);
  });

  it('stops when told, after the session that said so', async () => {
    const url = await startApp(3);
    const company = createCompany();
    // All three go in the first session; the second finds nothing to do and the schedule stops there.
    const reports = await runWebConnector({
      session: { url, userName: 'u', password: 'p', company }, everyMs: 1, ...fakeTime(),
      until: (r) => r.authenticated === 'none',
    });
    expect(reports.map((r) => r.authenticated)).toEqual(['', 'none']);
    expect(company.timeTracking()).toHaveLength(3);
  });
});
