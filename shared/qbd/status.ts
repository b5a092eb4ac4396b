// What QuickBooks Desktop's answer to one request means for the person keeping the books, and
// whether sending it again can help: 'later' (QuickBooks was busy; the next sync may succeed),
// 'refresh' (read the record again from QuickBooks first), 'never' (done, or someone must fix
// something first). Codes and their meanings: Intuit's table of qbXML status codes,
// https://developer.intuit.com/app/developer/qbdesktop/docs/develop/exploring-the-quickbooks-desktop-sdk/status-codes-in-response-messages
// (0, 1 and 500 read there; the 3000s were cut off in the copy we could read, so their sources are
// given code by code below).
import type { QbdResponse } from './response';

type QbdRetry = 'never' | 'refresh' | 'later';

export interface QbdStatusWords {
  retry: QbdRetry;
  words: string;
}

type Status = Pick<QbdResponse, 'statusCode' | 'severity' | 'message' | 'type'>;

/** What kind of record an answer is about, from its element name ("TimeTrackingAddRs"). */
function recordWord(type: string): string {
  const kinds: [string, string][] = [
    ['TimeTracking', 'time entry'], ['TxnDel', 'time entry'], ['Customer', 'customer or job'], ['Employee', 'employee'],
    ['Vendor', 'vendor'], ['ItemService', 'service item'], ['Item', 'item'], ['Host', 'company file'], ['Company', 'company file'], ['Preferences', 'company file'],
  ];
  return kinds.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'record';
}

/** Someone else has the record or the file: Intuit's 3170 family. */
const IN_USE = (what: string): QbdStatusWords => ({
  retry: 'later',
  words: `Someone is working on this ${what} in QuickBooks right now, or the company file is open in single-user mode on another computer. Track Nexus will send it again on the next sync.`,
});

/** The words for each code Track Nexus knows; `what` names the record, `said` is QuickBooks' own message. */
const BY_CODE: Record<number, (what: string, said: string) => QbdStatusWords> = {
  // Intuit: "Status OK".
  0: (what) => ({ retry: 'never', words: `QuickBooks accepted the ${what}.` }),
  // Intuit: "No match. A query request did not find a matching object in QuickBooks."
  1: (what) => ({ retry: 'never', words: `QuickBooks has no ${what} that matches.` }),
  // Intuit: "One or more objects cannot be found"; a warning, the rest of the answer stands.
  500: (what) => ({ retry: 'never', words: `QuickBooks could not find some of the ${what} records asked for; the others came back.` }),
  // "The name already exists." (InterWeave's cheat sheet of QuickBooks codes,
  // https://interweave.freshdesk.com/support/solutions/articles/62000237220-interweave-error-code-cheat-sheet).
  3100: (what) => ({ retry: 'never', words: `QuickBooks already has a ${what} with this name. Use that one, or choose another name.` }),
  // "Object not found": the record was deleted in QuickBooks (InterWeave, above; consolibyte/quickbooks-php
  // names it "Object specified in the request cannot be found").
  3120: (what) => ({ retry: 'never', words: `This ${what} is no longer in QuickBooks: it may have been deleted there.` }),
  // "Invalid Reference": a name on the record is not in QuickBooks' lists (InterWeave, above; and
  // https://github.com/consolibyte/quickbooks-php/issues/256: "There is an invalid reference to QuickBooks Item").
  3140: (what) => ({
    retry: 'never',
    words: `A customer, service item or person named on this ${what} is not in QuickBooks: it may have been renamed, merged or deleted there. Check the names and send it again.`,
  }),
  // 3170 "The record is currently in use" (InterWeave, above). 3171, 3175 and 3176 are taken as the
  // same family (locking, in use) on the brief's word: NOT confirmed by a source we could read.
  3170: IN_USE,
  3171: IN_USE,
  3175: IN_USE,
  3176: IN_USE,
  // "Error saving": QuickBooks' own reason follows in its message. Meaning NOT confirmed by a source we could read.
  3180: (what, said) => ({ retry: 'never', words: `QuickBooks could not save the ${what}. QuickBooks said: ${said}` }),
  // "The provided edit sequence is out-of-date." (the 3200 case in the error handlers of
  // https://github.com/consolibyte/quickbooks-php, which re-read the record before modifying again).
  3200: (what) => ({
    retry: 'refresh',
    words: `This ${what} was changed in QuickBooks since Track Nexus last read it. Track Nexus will read it again before sending the change.`,
  }),
};

/**
 * A transaction dated on or before the company's closing date is refused unless the closing date
 * password is given. Which status code carries this refusal is NOT confirmed by any source we
 * could read, so it is recognised by QuickBooks' message, whatever the code.
 */
const CLOSING_DATE = /closing date/i;

const closingDate = (what: string): QbdStatusWords => ({
  retry: 'never',
  words: `QuickBooks refused this ${what} because its date is on or before the company's closing date. Someone with the closing date password must enter it in QuickBooks, or the date must change.`,
});

/** One answer from QuickBooks in plain words, and whether sending again can help. */
export function statusWords(r: Status): QbdStatusWords {
  const what = recordWord(r.type);
  if (r.severity === 'Error' && CLOSING_DATE.test(r.message)) return closingDate(what);
  const known = BY_CODE[r.statusCode];
  if (known !== undefined) return known(what, r.message);
  // Unknown codes: QuickBooks' own message. A warning (500–999) is not a failure.
  const said = r.message.trim();
  if (said !== '') return { retry: 'never', words: said };
  return { retry: 'never', words: r.severity === 'Error' ? `QuickBooks refused the ${what} without saying why.` : `QuickBooks accepted the ${what}.` };
}
