// The app's answers to the QuickBooks Web Connector's eight callbacks, one session (ticket) per
// update: check the user, hand over qbXML documents one by one, take QuickBooks' answers and say how
// far along the work is. What to send and what an answer means live behind the `work` port; this
// file only keeps the Web Connector's conventions (shared/docs/qbo-api.md §9.3, from Intuit's QBWC
// Programmer's Guide ch.10: https://developer.intuit.com/app/developer/qbdesktop/docs/get-started/get-started-with-quickbooks-web-connector).
import { supportedVersions } from '../../../shared/qbd/response';
import type { QbwcCall, QbwcMethod, QbwcResult } from './qbwc-soap';

/** What the work port learns about the QuickBooks it is talking to. */
export interface QbwcWorkContext {
  /** The company file open in QuickBooks (strCompanyFileName). */
  companyFile: string;
  /** qbXML versions this QuickBooks understands, lowest first (from strHCPResponse); empty if it did not say. */
  versions: string[];
}

/** QuickBooks could not process a document at all (the Web Connector's hresult and message). */
export interface QbwcFailure {
  hresult: string;
  message: string;
}

export interface QbwcWork {
  /** Whether there is anything to send now (authenticate answers "none" when not). */
  pending(): Promise<boolean>;
  /** The next qbXML document for this session, or null when nothing more. */
  next(ticket: string, context: QbwcWorkContext): Promise<string | null>;
  /** QuickBooks' answer to the last document; returns the percent done (0–100). Throw to stop the update, in words. */
  answer(ticket: string, response: string | QbwcFailure): Promise<number>;
}

/** For the app's screen: when the Web Connector last called, and what went wrong, if anything. */
export interface QbwcEvent {
  at: number;
  method: QbwcMethod;
  error?: string;
}

export interface QbwcDeps {
  /** Shown in the Web Connector (serverVersion). */
  appVersion: string;
  /** Checks the Web Connector's user name and password (the password is stored encrypted elsewhere). */
  verify(userName: string, password: string): Promise<boolean>;
  work: QbwcWork;
  onEvent?(e: QbwcEvent): void;
  /** A new unguessable session ticket (e.g. crypto.randomUUID). */
  newTicket(): string;
  now(): number;
}

export interface QbwcService {
  handle(call: QbwcCall): Promise<QbwcResult>;
}

interface Session {
  context: QbwcWorkContext | null;
  sent: number;
  lastError: string | null;
  lastSeen: number;
}

/** A session the Web Connector never closed (it crashed, the PC slept) is forgotten after this long. */
const SESSION_MAX_IDLE_MS = 60 * 60 * 1000;

const NOTHING_MORE = 'Nothing more to send to QuickBooks.';
const updates = (n: number) => `${n} update${n === 1 ? '' : 's'}`;
const UNKNOWN_TICKET = 'Track Nexus does not know this Web Connector session (it may have ended already). Please run the update again.';

/** Long because it is the one place that maps each of the eight callbacks to its answer. */
export function createQbwcService(deps: QbwcDeps): QbwcService {
  const sessions = new Map<string, Session>();

  const forgetIdle = () => {
    for (const [ticket, s] of sessions) if (deps.now() - s.lastSeen > SESSION_MAX_IDLE_MS) sessions.delete(ticket);
  };
  const sessionOf = (ticket: string) => {
    const s = sessions.get(ticket);
    if (s !== undefined) s.lastSeen = deps.now();
    return s;
  };

  async function authenticate(userName: string, password: string): Promise<string[]> {
    forgetIdle();
    const ticket = deps.newTicket();
    // "nvu" = not a valid user; "none" = nothing to do; "" = use the company file open in QuickBooks (§9.3).
    if (!(await deps.verify(userName, password))) return [ticket, 'nvu'];
    sessions.set(ticket, { context: null, sent: 0, lastError: null, lastSeen: deps.now() });
    return [ticket, (await deps.work.pending()) ? '' : 'none'];
  }

  async function sendRequestXML(call: Extract<QbwcCall, { method: 'sendRequestXML' }>['params']): Promise<string> {
    const s = sessionOf(call.ticket);
    if (s === undefined) return ''; // the Web Connector then asks getLastError, which says the session is unknown
    try {
      // strHCPResponse carries HostQuery/CompanyQuery/PreferencesQuery answers on the first call only (§9.3).
      s.context ??= { companyFile: call.strCompanyFileName, versions: call.strHCPResponse === '' ? [] : supportedVersions(call.strHCPResponse) };
      const doc = await deps.work.next(call.ticket, s.context);
      if (doc === null) s.lastError = NOTHING_MORE;
      else s.sent += 1;
      return doc ?? '';
    } catch (e) {
      s.lastError = errorWords(e);
      return '';
    }
  }

  async function receiveResponseXML(call: Extract<QbwcCall, { method: 'receiveResponseXML' }>['params']): Promise<number> {
    const s = sessionOf(call.ticket);
    if (s === undefined) return -1; // negative: the Web Connector asks getLastError
    const failed = call.hresult !== '';
    try {
      const percent = await deps.work.answer(call.ticket, failed ? { hresult: call.hresult, message: call.message } : call.response);
      if (!failed) return Math.min(100, Math.max(0, Math.round(percent)));
    } catch (e) {
      s.lastError = errorWords(e);
      return -1;
    }
    s.lastError = `QuickBooks could not process the update: ${call.message || 'it gave no reason'} (code ${call.hresult}).`;
    return -1;
  }

  function connectionError(ticket: string, hresult: string, message: string): string {
    const s = sessionOf(ticket);
    if (s !== undefined) s.lastError = `The Web Connector could not open QuickBooks: ${message || 'no reason given'} (code ${hresult}).`;
    // "done" stops; any other answer is a company file path to try instead (§9.3). We only ever work
    // with the file already open in QuickBooks (authenticate answers ""), so there is no other path to try.
    return 'done';
  }

  function closeConnection(ticket: string): string {
    const s = sessions.get(ticket);
    if (s === undefined) return UNKNOWN_TICKET;
    sessions.delete(ticket);
    if (s.lastError !== null && s.lastError !== NOTHING_MORE) return `Stopped after ${updates(s.sent)}: ${s.lastError}`;
    if (s.sent === 0) return 'OK: nothing to send to QuickBooks.';
    return `OK: sent ${updates(s.sent)} to QuickBooks.`;
  }

  async function answer(call: QbwcCall): Promise<QbwcResult> {
    switch (call.method) {
      case 'serverVersion': return { method: call.method, result: deps.appVersion };
      case 'clientVersion': return { method: call.method, result: '' }; // "" = any Web Connector version will do
      case 'authenticate': return { method: call.method, result: await authenticate(call.params.strUserName, call.params.strPassword) };
      case 'sendRequestXML': return { method: call.method, result: await sendRequestXML(call.params) };
      case 'receiveResponseXML': return { method: call.method, result: await receiveResponseXML(call.params) };
      case 'connectionError': return { method: call.method, result: connectionError(call.params.ticket, call.params.hresult, call.params.message) };
      case 'getLastError': return { method: call.method, result: lastError(sessionOf(call.params.ticket)) };
      case 'closeConnection': return { method: call.method, result: closeConnection(call.params.ticket) };
    }
  }

  return {
    async handle(call) {
      const result = await answer(call);
      const ticket = 'ticket' in call.params ? call.params.ticket : undefined;
      const error = ticket === undefined ? undefined : sessions.get(ticket)?.lastError ?? undefined;
      deps.onEvent?.({ at: deps.now(), method: call.method, ...(error === undefined ? {} : { error }) });
      return result;
    },
  };
}

function lastError(s: Session | undefined): string {
  if (s === undefined) return UNKNOWN_TICKET;
  return s.lastError ?? 'No problems so far.';
}

const errorWords = (e: unknown) => (e instanceof Error ? e.message : String(e));
