import { describe, expect, it } from 'vitest';
import { proposeEntries, type SuggestedSegment } from '../../../shared/proposals';

const T0 = Date.UTC(2026, 10, 2, 9);
const MIN = 60_000;
let n = 0;
const seg = (startMin: number, endMin: number, projectId: string | null, extra: Partial<SuggestedSegment> = {}): SuggestedSegment => ({
  id: `s${n++}`,
  start: T0 + startMin * MIN,
  end: T0 + endMin * MIN,
  projectId,
  taskId: null,
  confidence: 0.9,
  reason: `Reason ${projectId}.`,
  detail: `detail ${projectId}`,
  ...extra,
});
const minutes = (ms: number) => ms / MIN;

describe('proposeEntries', () => {
  it('groups consecutive segments of one project', () => {
    const entries = proposeEntries([seg(0, 10, 'a'), seg(10, 30, 'a'), seg(30, 60, 'b')]);
    expect(entries.map((e) => [e.projectId, minutes(e.durationMs)])).toEqual([
      ['a', 30],
      ['b', 30],
    ]);
    expect(entries[0]!.segmentIds).toHaveLength(2);
  });

  it('fills untracked gaps under N minutes, not longer ones', () => {
    const short = proposeEntries([seg(0, 10, 'a'), seg(14, 20, 'a')], { gapFillMinutes: 5 });
    expect(short).toHaveLength(1);
    expect(minutes(short[0]!.durationMs)).toBe(20);
    const long = proposeEntries([seg(0, 10, 'a'), seg(16, 26, 'a')], { gapFillMinutes: 5 });
    expect(long).toHaveLength(2);
  });

  it('never counts idle time, even inside a segment or a short gap', () => {
    const idle = [{ start: T0 + 5 * MIN, end: T0 + 8 * MIN }];
    const inside = proposeEntries([seg(0, 20, 'a')], { idle });
    expect(inside.reduce((s, e) => s + e.durationMs, 0)).toBe(17 * MIN);
    const gap = proposeEntries([seg(0, 10, 'a'), seg(12, 20, 'a')], { gapFillMinutes: 5, idle: [{ start: T0 + 10 * MIN, end: T0 + 12 * MIN }] });
    expect(gap.reduce((s, e) => s + e.durationMs, 0)).toBe(18 * MIN);
  });

  it('does not count personal time between two pieces of one project', () => {
    const entries = proposeEntries([seg(0, 10, 'a'), seg(10, 12, null), seg(12, 20, 'a')], { gapFillMinutes: 5 });
    expect(entries).toHaveLength(1);
    expect(minutes(entries[0]!.durationMs)).toBe(18);
  });

  it('folds a short fragment into its neighbour and merges the neighbours', () => {
    const entries = proposeEntries([seg(0, 30, 'a'), seg(30, 31, 'b'), seg(31, 60, 'a')], { minFragmentMinutes: 3 });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.projectId).toBe('a');
    expect(minutes(entries[0]!.durationMs)).toBe(60);
    const folded = entries[0]!.reasons.find((r) => r.text.startsWith('Includes 1 min first suggested for another project'));
    expect(folded?.details).toEqual(['folded in: 1 min first suggested for another project (detail b)']);
  });

  it('windows with the same sentence share one reason, each account kept behind it', () => {
    const [entry] = proposeEntries([seg(0, 30, 'a', { detail: 'learned: x in 3' }), seg(30, 40, 'a', { detail: 'learned: x in 4' }), seg(40, 45, 'a', { reason: 'Other.', detail: 'o' })]);
    expect(entry!.reasons).toEqual([
      { text: 'Reason a.', details: ['learned: x in 3', 'learned: x in 4'] },
      { text: 'Other.', details: ['o'] },
    ]);
  });

  it('drops fragments with the drop policy, or when nothing is adjacent', () => {
    const dropped = proposeEntries([seg(0, 30, 'a'), seg(30, 31, 'b'), seg(31, 60, 'a')], { minFragmentMinutes: 3, fragments: 'drop', gapFillMinutes: 5 });
    expect(dropped.map((e) => e.projectId)).toEqual(['a']);
    expect(minutes(dropped[0]!.durationMs)).toBe(59);
    const isolated = proposeEntries([seg(0, 30, 'a'), seg(50, 52, 'b')], { minFragmentMinutes: 3 });
    expect(isolated.map((e) => e.projectId)).toEqual(['a']);
  });

  it('picks the task with most time and weights confidence by duration', () => {
    const [entry] = proposeEntries([seg(0, 30, 'a', { taskId: 'dev', confidence: 1 }), seg(30, 40, 'a', { taskId: 'mtg', confidence: 0.7 })]);
    expect(entry!.taskId).toBe('dev');
    expect(entry!.confidence).toBeCloseTo(0.925, 3);
  });

  it('handles overlapping segments without counting time twice', () => {
    const entries = proposeEntries([seg(0, 20, 'a'), seg(10, 30, 'a')]);
    expect(minutes(entries[0]!.durationMs)).toBe(30);
  });

  it('a 600-segment day is quick', () => {
    const projects = ['a', 'b', 'c', null];
    let t = 0;
    const day: SuggestedSegment[] = [];
    let x = 7;
    for (let i = 0; i < 600; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const len = 0.2 + (x % 100) / 25;
      const block = Math.floor(i / 40);
      const projectId = x % 9 === 0 ? projects[x % 4]! : projects[block % 3]!;
      day.push(seg(t, t + len, projectId));
      t += len + (x % 13 === 0 ? 4 : 0);
    }
    const idle = [{ start: T0 + 200 * MIN, end: T0 + 230 * MIN }];
    const started = performance.now();
    const entries = proposeEntries(day, { idle });
    const ms = performance.now() - started;
    console.log(`proposeEntries: 600 segments -> ${entries.length} entries in ${ms.toFixed(1)} ms`);
    const total = entries.reduce((s, e) => s + e.durationMs, 0);
    expect(total).toBeLessThanOrEqual(T0 + t * MIN - T0);
    for (const e of entries) expect(e.durationMs).toBeGreaterThanOrEqual(3 * MIN);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.start).toBeGreaterThanOrEqual(entries[i - 1]!.end);
  });
});
