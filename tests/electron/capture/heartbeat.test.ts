import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeAt, mergeHeartbeat, type Heartbeat } from '../../../electron/main/capture/heartbeat';
import type { ActivitySegment } from '../../../shared/capture/types';

const ids = () => {
  let n = 0;
  return (start: number) => `s${start}-${n++}`;
};

function run(beats: Heartbeat[], pulse: number): ActivitySegment[] {
  const newId = ids();
  const out: ActivitySegment[] = [];
  let open: ActivitySegment | null = null;
  for (const beat of beats) {
    const result = mergeHeartbeat(open, beat, pulse, newId);
    if (result.closed) out.push(result.closed);
    open = result.open;
  }
  if (open) out.push(open);
  return out;
}

const beat = (at: number, title: string, app = 'XTerm', url: string | null = null): Heartbeat => ({ at, app, title, url });

describe('heartbeat merge', () => {
  it('extends the open segment while the data matches and the gap is within the pulse', () => {
    const segments = run([beat(0, 'a'), beat(1000, 'a'), beat(2000, 'a'), beat(4000, 'a')], 2000);
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ start: 0, end: 4000, title: 'a', kind: 'active' });
  });

  it('starts a new segment after a gap longer than the pulse and keeps the old end', () => {
    const segments = run([beat(0, 'a'), beat(1000, 'a'), beat(5000, 'a')], 2000);
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [0, 1000],
      [5000, 5000],
    ]);
  });

  it('closes the old segment where the new one starts when data changes within the pulse', () => {
    const segments = run([beat(0, 'a'), beat(1000, 'a'), beat(2000, 'b'), beat(3000, 'b')], 2000);
    expect(segments.map((s) => [s.title, s.start, s.end])).toEqual([
      ['a', 0, 2000],
      ['b', 2000, 3000],
    ]);
  });

  it('treats app, title and url as the data', () => {
    expect(run([beat(0, 't', 'A'), beat(1, 't', 'B')], 10)).toHaveLength(2);
    expect(run([beat(0, 't', 'A', 'https://x'), beat(1, 't', 'A', 'https://y')], 10)).toHaveLength(2);
    expect(run([beat(0, 't', 'A', null), beat(1, 't', 'A', null)], 10)).toHaveLength(1);
  });

  it('never extends backwards when the clock steps back', () => {
    const segments = run([beat(5000, 'a'), beat(6000, 'a'), beat(3000, 'a')], 2000);
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [5000, 6000],
      [3000, 3000],
    ]);
  });

  it('closeAt clamps into the segment', () => {
    const s: ActivitySegment = { id: 'x', start: 10, end: 20, app: 'a', title: 't', url: null, kind: 'active' };
    expect(closeAt(s, 15).end).toBe(15);
    expect(closeAt(s, 5).end).toBe(10);
    expect(closeAt(s, 99).end).toBe(20);
  });

  it('property: segments are ordered, disjoint, cover every beat and merge all consecutive matches', () => {
    const arbBeats = fc
      .array(fc.record({ dt: fc.integer({ min: 0, max: 5000 }), title: fc.constantFrom('a', 'b', 'c') }), { maxLength: 200 })
      .map((steps) => {
        let at = 1_000_000;
        return steps.map((s) => beat((at += s.dt), s.title));
      });
    fc.assert(
      fc.property(arbBeats, fc.integer({ min: 1, max: 4000 }), (beats, pulse) => {
        const segments = run(beats, pulse);
        for (let i = 0; i < segments.length; i++) {
          const s = segments[i]!;
          expect(s.end).toBeGreaterThanOrEqual(s.start);
          if (i > 0) {
            const prev = segments[i - 1]!;
            expect(s.start).toBeGreaterThanOrEqual(prev.end);
            // Two neighbours with the same data are only split by a gap beyond the pulse.
            if (prev.title === s.title) expect(s.start - prev.end).toBeGreaterThan(pulse);
          }
        }
        for (const b of beats) {
          expect(segments.some((s) => s.title === b.title && s.start <= b.at && b.at <= s.end)).toBe(true);
        }
        expect(new Set(segments.map((s) => s.id)).size).toBe(segments.length);
      }),
      { numRuns: 300 },
    );
  });
});
