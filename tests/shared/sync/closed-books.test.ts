// Rules real books enforce (issue 13 part 6), as the app meets them: pre-flight holds back time in a
// closed period before sending, and QuickBooks' own refusals reach the bookkeeper in plain words.
import { describe, expect, it } from 'vitest';
import type { QboFault } from '../../../shared/qbo/types';
import { classifyFault } from '../../../shared/sync/classify';
import { blockedEntryIds, preflightDrafts } from '../../../shared/sync/preflight';
import { context, entry, mirror, prefs } from '../qbo/fixtures';

const closedThroughOctober = { ...prefs, AccountingInfoPrefs: { ...prefs.AccountingInfoPrefs, BookCloseDate: '2026-10-31' } };
const fault = (code: string, message: string, detail: string, element = ''): QboFault => ({ status: 400, type: 'ValidationFault', errors: [{ code, message, detail, element }] });

describe('pre-flight and the closing date', () => {
  it('sends nothing dated on or before the closing date and says why in bookkeeper words', () => {
    const closed = entry({ at: ['2026-10-31', '16:00', 'America/New_York'] });
    const open = entry({ at: ['2026-11-02', '09:00', 'America/New_York'] });
    // Time already in QuickBooks cannot be changed there either once its period is closed.
    const synced = entry({ status: 'synced', at: ['2026-10-20', '10:00', 'America/New_York'] });
    const { drafts, issues } = preflightDrafts([closed, open, synced], context(), mirror(), closedThroughOctober);
    expect(drafts.flatMap((d) => d.entryIds)).toEqual([open.id]);
    expect(blockedEntryIds(issues)).toEqual(new Set([closed.id, synced.id]));
    expect(issues.filter((i) => i.entryId === closed.id)).toEqual([
      {
        entryId: closed.id,
        blocking: true,
        code: 'books_closed',
        message: 'The books are closed through 31 Oct 2026 in QuickBooks; time dated on or before then cannot be sent or changed (this entry is dated 31 Oct 2026). Ask your accountant to reopen the period, or move the time.',
      },
    ]);
  });
});

describe('QuickBooks refusals from real books', () => {
  it('a closed period (6210, or 6200 as Harvest shows it) is a definitive failure in plain words', () => {
    const detail = 'The account period has closed and the account books cannot be updated through the QBO Services API. Please use the QBO website to make these changes.';
    for (const code of ['6210', '6200']) {
      expect(classifyFault(fault(code, 'Account Period Closed, Cannot Update Through Services API', detail, 'TxnDate'))).toEqual({
        action: 'flag',
        code,
        userMessage: 'QuickBooks refused this entry: the books are closed for its date. Ask your accountant to reopen the period, or move the time to a later date.',
      });
    }
  });
});
