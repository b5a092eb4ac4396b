// QuickBooks Desktop's status codes in a bookkeeper's words: for each code Track Nexus knows,
// whether sending again can help, and that the words carry none of qbXML's own vocabulary, even
// when QuickBooks' message is full of it. Unknown codes fall back to QuickBooks' own message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QbdResponse } from '../../../shared/qbd/response';
import { statusWords } from '../../../shared/qbd/status';

type Status = Pick<QbdResponse, 'statusCode' | 'severity' | 'message' | 'type'>;
const error = (statusCode: number, message = 'QuickBooks error message: TxnID EditSequence statusCode ListID') =>
  ({ statusCode, severity: 'Error', message, type: 'TimeTrackingModRs' }) satisfies Status;

const JARGON = /statusCode|TxnID|EditSequence|ListID|qbXML|requestID|\bRs\b|Ret\b/i;

describe('statusWords', () => {
  it.each([
    [0, 'Info', 'never', /accepted the time entry/],
    [1, 'Info', 'never', /no time entry that matches/],
    [500, 'Warn', 'never', /could not find some/],
    [3100, 'Error', 'never', /already has a time entry with this name/],
    [3120, 'Error', 'never', /no longer in QuickBooks/],
    [3140, 'Error', 'never', /renamed, merged or deleted/],
    [3170, 'Error', 'later', /single-user mode/],
    [3171, 'Error', 'later', /single-user mode/],
    [3175, 'Error', 'later', /single-user mode/],
    [3176, 'Error', 'later', /single-user mode/],
    [3200, 'Error', 'refresh', /changed in QuickBooks since Track Nexus last read it/],
  ] as const)('code %i: retry %s, in plain words', (code, severity, retry, words) => {
    const r = statusWords({ ...error(code), severity: severity as Status['severity'] });
    expect(r.retry).toBe(retry);
    expect(r.words).toMatch(words);
    expect(r.words).not.toMatch(JARGON);
  });

  it('names the kind of record the answer is about', () => {
    expect(statusWords({ ...error(3120), type: 'CustomerModRs' }).words).toMatch(/This customer or job is no longer/);
    expect(statusWords({ ...error(3120), type: 'TxnDelRs' }).words).toMatch(/This time entry/);
    expect(statusWords({ ...error(3120), type: 'PriceLevelModRs' }).words).toMatch(/This record/);
  });

  it('passes on QuickBooks’ reason when it could not save (3180)', () => {
    const r = statusWords(error(3180, 'The employee "Ann" is inactive.'));
    expect(r).toEqual({ retry: 'never', words: 'QuickBooks could not save the time entry. QuickBooks said: The employee "Ann" is inactive.' });
  });

  it('recognises the closing-date refusal by its message, whatever the code', () => {
    fc.assert(fc.property(fc.integer({ min: 3000, max: 9999 }), (code) => {
      const r = statusWords(error(code, 'There was an error when saving a TimeTracking. QuickBooks error message: The transaction date is on or before the Closing Date.'));
      expect(r.retry).toBe('never');
      expect(r.words).toMatch(/on or before the company's closing date.*closing date password/);
      expect(r.words).not.toMatch(JARGON);
    }));
  });

  it('gives QuickBooks’ own message for a code it does not know, and never retries it', () => {
    expect(statusWords(error(3250, 'This feature is not enabled or not available in this version of QuickBooks.')))
      .toEqual({ retry: 'never', words: 'This feature is not enabled or not available in this version of QuickBooks.' });
    expect(statusWords(error(9999, '  '))).toEqual({ retry: 'never', words: 'QuickBooks refused the time entry without saying why.' });
  });

  it('does not treat a warning it does not know as a failure', () => {
    const r = statusWords({ statusCode: 530, severity: 'Warn', message: '', type: 'TimeTrackingAddRs' });
    expect(r).toEqual({ retry: 'never', words: 'QuickBooks accepted the time entry.' });
  });
});
