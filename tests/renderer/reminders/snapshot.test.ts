// What the runner hands the policy, read from a real (fake-IndexedDB) workspace and a fake main: the
// running timer, days with unreviewed activity, approved time waiting, and companies in trouble.
import { describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../shared/ipc/contract';
import { DEFAULT_REMINDER_SETTINGS } from '../../../shared/reminders/policy';
import { gatherSnapshot } from '../../../renderer/src/features/reminders/snapshot';
import { at, testEnv } from '../db/helpers';

const ZONE = 'America/New_York';
const companies = [
  { companyId: 'c1', state: 'reconnect_required', companyName: 'Cool Cars', connectedAt: 5 },
  { companyId: 'c2', state: 'connected', companyName: 'Fine Books', connectedAt: 6 },
];
const api = { invoke: async () => ({ ok: true, value: { companies } }), on: () => () => {} } as unknown as RendererApi;

describe('gatherSnapshot', () => {
  it('reads the timer, unreviewed days and companies that need reconnecting', async () => {
    const { repos, clock } = await testEnv(at('2026-03-04', '10:00', ZONE));
    await repos.segments.upsertMany([{ id: 's1', start: at('2026-03-02', '09:00', ZONE), end: at('2026-03-02', '09:30', ZONE), app: 'Code', title: 'x', url: null, kind: 'active' }], ZONE);
    await repos.entries.startTimer(null, null, at('2026-03-04', '09:00', ZONE), ZONE);
    clock.set(at('2026-03-04', '11:00', ZONE));
    const snap = await gatherSnapshot(repos, api, { ...DEFAULT_REMINDER_SETTINGS, noTimer: true }, clock.now, ZONE, new Set());
    expect(snap).toEqual({
      timerRunning: true,
      lastTimerEnd: null,
      unreviewedDays: ['2026-03-02'],
      oldestApprovedAt: null,
      syncProblems: [{ companyId: 'c1', name: 'Cool Cars', key: 'reconnect_required:5', reconnect: true }],
    });
  });

  it('looks at nothing a disabled reminder would need', async () => {
    const { repos, clock } = await testEnv(at('2026-03-04', '10:00', ZONE));
    await repos.segments.upsertMany([{ id: 's1', start: at('2026-03-04', '09:00', ZONE), end: at('2026-03-04', '09:30', ZONE), app: 'Code', title: 'x', url: null, kind: 'active' }], ZONE);
    const off = { ...DEFAULT_REMINDER_SETTINGS, noTimer: false, dayNotReviewed: false, approvedWaiting: false, syncProblem: false };
    expect(await gatherSnapshot(repos, api, off, clock.now, ZONE, new Set())).toEqual({ timerRunning: false, lastTimerEnd: null, unreviewedDays: [], oldestApprovedAt: null, syncProblems: [] });
  });

  it('reads only the days whose review is due and not reminded of yet (it runs every minute)', async () => {
    const { repos, clock } = await testEnv(at('2026-03-04', '10:00', ZONE));
    const seg = (id: string, day: string) => ({ id, start: at(day, '09:00', ZONE), end: at(day, '09:30', ZONE), app: 'Code', title: 'x', url: null, kind: 'active' as const });
    await repos.segments.upsertMany([seg('today', '2026-03-04'), seg('yesterday', '2026-03-03'), seg('before', '2026-03-02')], ZONE);
    const read: string[] = [];
    const listDay = repos.segments.listDay.bind(repos.segments);
    repos.segments.listDay = (day) => {
      read.push(day);
      return listDay(day);
    };
    const snap = await gatherSnapshot(repos, api, DEFAULT_REMINDER_SETTINGS, clock.now, ZONE, new Set(['review:2026-03-02']));
    // Today's review is due at 18:00, and 2 March was reminded of already: neither is read.
    expect(snap.unreviewedDays).toEqual(['2026-03-03']);
    expect(read).not.toContain('2026-03-04');
    expect(read).not.toContain('2026-03-02');
    expect(read).toContain('2026-03-03');
  });
});
