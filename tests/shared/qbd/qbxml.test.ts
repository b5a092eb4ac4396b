// The qbXML the app will hand QuickBooks Desktop, checked against Intuit's own qbXML 16.0 schema
// (tests/fixtures/qbd, byte-exact) by libxml2 (xmllint-wasm): element order, types and patterns as
// QuickBooks' parser enforces them. Random times, with names and notes full of XML's special
// characters, must all validate; a request with two elements swapped must not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../electron/qbd-sim/schema';
import { qbdDuration, qbxmlDocument, QBD_NOTES_MAX, timeTrackingAddRq, timeTrackingDelRq, timeTrackingModRq, type QbdRef, type QbdTime } from '../../../shared/qbd/qbxml';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;


/** Intuit's qbXML 16.0 schema, as the simulated company file checks every document. */
const schemaErrors = loadSchema();

const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ':', '&', '<', '>', '"', "'", 'é', '€', '\n', '\u0007', '9'), minLength: 1, maxLength: max });
const ref: fc.Arbitrary<QbdRef> = fc.oneof(
  fc.record({ listId: fc.stringMatching(/^[0-9A-F]{1,8}-[0-9]{10}$/) }),
  fc.record({ fullName: text(60) }),
);
const time: fc.Arbitrary<QbdTime> = fc.record({
  txnDate: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  entity: ref,
  customer: fc.option(ref, { nil: undefined }),
  item: fc.option(ref, { nil: undefined }),
  minutes: fc.integer({ min: 0, max: 24 * 60 }),
  class: fc.option(ref, { nil: undefined }),
  notes: fc.option(text(QBD_NOTES_MAX), { nil: undefined }),
  billable: fc.option(fc.constantFrom('Billable' as const, 'NotBillable' as const, 'HasBeenBilled' as const), { nil: undefined }),
}, { requiredKeys: ['txnDate', 'entity', 'minutes'] });
const guid = fc.uuid().map((u) => `{${u.toUpperCase()}}`);

describe('qbXML time tracking requests', { timeout: SCHEMA_TIMEOUT }, () => {
  it('writes durations as qbXML reads them', () => {
    expect(qbdDuration(150)).toBe('PT2H30M');
    expect(qbdDuration(0)).toBe('PT0H0M');
    expect(() => qbdDuration(1.5)).toThrow('whole minutes');
  });

  it('adds, modifies and deletes time in requests Intuit’s schema accepts, whatever the names and notes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(time, guid), { minLength: 1, maxLength: 12 }), async (times) => {
      const requests = times.flatMap(([t, g], i) => [
        timeTrackingAddRq(`a${i}`, t, g),
        timeTrackingModRq(`m${i}`, { txnId: `${i + 1}-1733300000`, editSequence: '1733300000' }, t),
        timeTrackingDelRq(`d${i}`, `${i + 1}-1733300000`),
      ]);
      expect(await schemaErrors(qbxmlDocument('16.0', requests))).toEqual([]);
    }), { numRuns: 15 });
  }, 120_000);

  it('is refused by the schema when an element is out of its order, so the check can fail', async () => {
    const t: QbdTime = { txnDate: '2026-12-03', entity: { fullName: 'Emily Platt' }, minutes: 90, notes: 'Plans', billable: 'Billable' };
    const request = timeTrackingAddRq('1', t).replace('<Duration>PT1H30M</Duration>', '').replace('</Notes>', '</Notes><Duration>PT1H30M</Duration>');
    expect((await schemaErrors(qbxmlDocument('16.0', [request])))[0]).toMatch(/'Notes'.*not expected.*Duration/);
  });

  it('keeps the user’s text as text: markup in a note is escaped, not read as elements', () => {
    const t: QbdTime = { txnDate: '2026-12-03', entity: { fullName: 'R&D <team>' }, minutes: 30, notes: '</Notes><Rate>9</Rate>' };
    const xml = timeTrackingAddRq('1', t);
    expect(xml).toContain('<FullName>R&amp;D &lt;team&gt;</FullName>');
    expect(xml).toContain('<Notes>&lt;/Notes&gt;&lt;Rate&gt;9&lt;/Rate&gt;</Notes>');
    expect(xml).not.toContain('<Rate>');
  });
});
