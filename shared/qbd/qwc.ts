// The .QWC file the user adds to the QuickBooks Web Connector: which web service to call (the app's
// own, on this computer), as whom, for which company file, and how often. Laid out as Intuit's
// sample (tests/fixtures/qbd/HTTPWebService.qwc); the password is never in it (the user types it
// into the Web Connector). OwnerID and FileID are generated once per company file and kept, so a
// file added again is recognised as the same application and company.
import { xmlText } from './qbxml';

export interface QwcSettings {
  /** Shown in the Web Connector's list, e.g. "Track Nexus – Cool Cars". */
  appName: string;
  /** The SOAP endpoint: http only on this computer (the Web Connector's development exception). */
  appUrl: string;
  /** The page QuickBooks' users are sent to for help; same host as appUrl. */
  supportUrl: string;
  userName: string;
  /** GUIDs in braces, "{8-4-4-4-12}", kept for the company file. */
  ownerId: string;
  fileId: string;
  /** How often the Web Connector calls, in minutes (at least 5). */
  everyMinutes: number;
}

/** The shortest schedule the app offers: the Web Connector would call more often than time changes. */
const QWC_MIN_MINUTES = 5;

const GUID = /^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/;

/** Why these settings cannot make a working .QWC, in the user's words; null when they can. */
export function qwcProblem(s: QwcSettings): string | null {
  const url = URL.canParse(s.appUrl) ? new URL(s.appUrl) : null;
  if (!url || url.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(url.hostname)) {
    return 'The Web Connector only calls a service on this computer over http (http://localhost:…).';
  }
  if (!URL.canParse(s.supportUrl) || new URL(s.supportUrl).hostname !== url.hostname) return 'The support address must be on the same host as the service.';
  if (!GUID.test(s.ownerId) || !GUID.test(s.fileId)) return 'The owner and file identifiers must be GUIDs in braces.';
  if (!Number.isInteger(s.everyMinutes) || s.everyMinutes < QWC_MIN_MINUTES) return `Choose a schedule of at least ${QWC_MIN_MINUTES} minutes.`;
  if (s.userName.trim() === '') return 'Choose the user name the Web Connector signs in with.';
  return null;
}

/** The .QWC text; throws with the problem in words when the settings cannot work. */
export function qwcFile(s: QwcSettings): string {
  const problem = qwcProblem(s);
  if (problem) throw new RangeError(problem);
  const line = (tag: string, value: string) => `<${tag}>${xmlText(value)}</${tag}>`;
  return [
    '<?xml version="1.0"?>',
    '<QBWCXML>',
    line('AppName', s.appName),
    line('AppID', ''),
    line('AppURL', s.appUrl),
    line('AppDescription', 'Sends approved time from Track Nexus to QuickBooks.'),
    line('AppSupport', s.supportUrl),
    line('UserName', s.userName),
    line('OwnerID', s.ownerId),
    line('FileID', s.fileId),
    line('QBType', 'QBFS'),
    `<Scheduler>${line('RunEveryNMinutes', String(s.everyMinutes))}</Scheduler>`,
    line('IsReadOnly', 'false'),
    '</QBWCXML>',
    '',
  ].join('\r\n');
}
