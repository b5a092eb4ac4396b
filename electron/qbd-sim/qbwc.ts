// The QuickBooks Desktop simulator's Web Connector: plays one update session against the app's
// SOAP endpoint over HTTP, in the order the real QuickBooks Web Connector calls (shared/docs/qbo-api.md
// §9.3, from Intuit's QBWC Programmer's Guide ch.10), handing each qbXML document to the simulated
// company file. Faults: the connection dropping after QuickBooks applied a request; QuickBooks not
// starting (company file closed); QuickBooks busy (the file open elsewhere in single-user mode);
// and someone editing a time entry in QuickBooks before the session, so the app's EditSequence is stale.
import { qbxmlDocument } from '../../shared/qbd/qbxml';
import { QBWC_NAMESPACE, readQbwcResponse, writeQbwcRequest, type QbwcCall, type QbwcMethod, type QbwcResults } from '../main/qbd/qbwc-soap';
import { QbxmlParseError, type Company } from './company';

export interface WebConnectorSession {
  url: string;
  userName: string;
  password: string;
  company: Company;
  fault?: WebConnectorFault | null;
  /** Picks which time entry a QuickBooks user edits for 'staleEditSequence' (0 ≤ r < 1); the newest by default. */
  random?: () => number;
}

export type WebConnectorFault = 'dropAfterApply' | 'companyClosed' | 'busy' | 'staleEditSequence';

export interface WebConnectorOutcome {
  /** authenticate's second string: "" (go ahead), "none", "nvu", or a company file path. */
  authenticated: string;
  /** qbXML documents the app handed over in this session. */
  requests: number;
  /** closeConnection's answer, the words QBWC shows; "" when it was not called. */
  closedWith: string;
  /** getLastError's answer, or what connectionError reported, when the session went wrong. */
  error?: string;
  /** For 'staleEditSequence': the TxnID of the time a QuickBooks user edited before the session. */
  editedInQuickBooks?: string;
}

/** The Web Connector's own version, sent to clientVersion (QBWC 2.3.0.215, the current release). */
const QBWC_VERSION = '2.3.0.215';
/** "The connection with the server was terminated abnormally" (WinINet ERROR_INTERNET_CONNECTION_ABORTED). */
const DROPPED = { hresult: '0x80072EFF', message: 'The connection was dropped' };
/**
 * What the Web Connector passes to connectionError when QuickBooks' request processor cannot open the
 * company file (BeginSession fails). Codes and wording are the QuickBooks SDK's: 0x80040408 "Could not
 * start QuickBooks." (a common Web Connector failure, e.g. mayankc-crest/equipment-roi-backend
 * QUICKBOOKS_SETUP_GUIDE.md); 0x80040410 when the file is open in another mode, i.e. single-user
 * elsewhere (a QBFC integration found by code search maps it to "Quickbooks is currently open in
 * Single User Mode"; 0x80040414 is the same integration's modal-dialog case). QBWC Programmer's Guide
 * ch.8 "How Your Web Service Should Respond to QB Access Errors": connectionError answers "done" to
 * stop, or a company file path ("" = the open one) to make the Web Connector try again; /n software's
 * QBWCServer ConnectionError docs: without another file "the session is ended".
 */
const CANNOT_OPEN = {
  companyClosed: { hresult: '0x80040408', message: 'Could not start QuickBooks.' },
  busy: { hresult: '0x80040410', message: 'The QuickBooks company data file is currently open in a mode other than the one specified by your application.' },
} as const;
/** The Guide warns against retrying more than a couple of times; this Web Connector stops after the second failure. */
const OPEN_ATTEMPTS = 2;

type Call<M extends QbwcMethod> = Extract<QbwcCall, { method: M }>['params'];

/** One SOAP call, as QBWC posts it (SOAP 1.1: text/xml and a quoted SOAPAction of namespace + method). */
async function soap<M extends QbwcMethod>(url: string, method: M, params: Call<M>): Promise<QbwcResults[M]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${QBWC_NAMESPACE}${method}"` },
    body: writeQbwcRequest({ method, params } as QbwcCall),
  });
  return readQbwcResponse(method, await res.text());
}

/** Where QuickBooks keeps company files by default on Windows; the simulated one is open there. */
const COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Cool Cars.qbw';

/** Requests that change the company file (qbXML's *AddRq, *ModRq and *DelRq). */
const WRITES = /<[A-Za-z]+(Add|Mod|Del)Rq[\s>]/;

/** The HostQuery answer QBWC collects from QuickBooks and passes as strHCPResponse on the first sendRequestXML. */
const hostAnswer = (company: Company) => company.process(qbxmlDocument('16.0', ['<HostQueryRq requestID="hcp"/>']));

/** Plays one Web Connector update: authenticate, then hand documents back and forth until done or failed. */
export async function runWebConnectorSession(options: WebConnectorSession): Promise<WebConnectorOutcome> {
  const { url, userName, password } = options;
  const edited = options.fault === 'staleEditSequence' ? editOneInQuickBooks(options) : undefined;
  await soap(url, 'serverVersion', {});
  await soap(url, 'clientVersion', { strVersion: QBWC_VERSION });
  const [ticket = '', authenticated = ''] = await soap(url, 'authenticate', { strUserName: userName, strPassword: password });
  // "nvu": QBWC reports an invalid user and ends there; the service opened no session, so there is
  // nothing to close (§9.3). "none": no work now; QBWC ends the session with closeConnection, which
  // also lets the service forget the session it opened (the closing call is not spelled out in §9.3).
  const noted = edited === undefined ? {} : { editedInQuickBooks: edited };
  if (authenticated === 'nvu') return { authenticated, requests: 0, closedWith: '', ...noted };
  if (authenticated === 'none') return { authenticated, requests: 0, closedWith: await soap(url, 'closeConnection', { ticket }), ...noted };
  const fault = options.fault;
  if (fault === 'companyClosed' || fault === 'busy') return { authenticated, requests: 0, closedWith: '', error: await cannotOpen(url, ticket, CANNOT_OPEN[fault]) };
  return { authenticated, ...(await exchange(options, ticket)), ...noted };
}

/** QuickBooks could not be opened: connectionError, tried again while the app names a file to try, then the session ends. */
async function cannotOpen(url: string, ticket: string, failure: { hresult: string; message: string }): Promise<string> {
  for (let attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
    const answer = await soap(url, 'connectionError', { ticket, ...failure });
    if (answer.trim().toLowerCase() === 'done') break;
  }
  return `${failure.message} (code ${failure.hresult}).`;
}

/**
 * Between sessions someone changes a time entry in QuickBooks (here its Notes), so QuickBooks gives it
 * a new EditSequence and TimeModified; the app's next Mod at the old EditSequence gets 3200. This
 * happens while QuickBooks is open, before the Web Connector's session: the company file is the same one.
 */
function editOneInQuickBooks(options: WebConnectorSession): string | undefined {
  const all = options.company.timeTracking();
  if (all.length === 0) return undefined;
  const r = options.random?.() ?? 1 - Number.EPSILON;
  const chosen = all[Math.min(all.length - 1, Math.floor(r * all.length))]!;
  options.company.editInQuickBooks(chosen.txnId, `${chosen.notes ?? ''} (changed in QuickBooks)`.trim());
  return chosen.txnId;
}

/** What one round of sendRequestXML / receiveResponseXML leads to. */
type Step = { next: 'again' | 'lastError' | 'close' } | { next: 'stop'; error: string };

/** The sendRequestXML / receiveResponseXML loop and how it ends (§9.3). */
async function exchange(options: WebConnectorSession, ticket: string): Promise<Omit<WebConnectorOutcome, 'authenticated'>> {
  const { url } = options;
  const hcp = await hostAnswer(options.company);
  let requests = 0;
  for (;;) {
    // strHCPResponse goes with the first call only (§9.3); the company file is the one QuickBooks has open.
    const request = await soap(url, 'sendRequestXML', {
      ticket, strHCPResponse: requests === 0 ? hcp : '', strCompanyFileName: COMPANY_FILE, qbXMLCountry: 'US', qbXMLMajorVers: 16, qbXMLMinorVers: 0,
    });
    if (request === '') return { requests, closedWith: '', error: await soap(url, 'getLastError', { ticket }) };
    requests += 1;
    const step = await answerRequest(options, ticket, request);
    if (step.next === 'stop') return { requests, closedWith: '', error: step.error };
    if (step.next === 'again') continue;
    const error = step.next === 'lastError' ? await soap(url, 'getLastError', { ticket }) : undefined;
    return { requests, closedWith: await soap(url, 'closeConnection', { ticket }), ...(error === undefined ? {} : { error }) };
  }
}

/**
 * QuickBooks processes one document and QBWC reports back. 100 percent ends with closeConnection,
 * a negative answer with getLastError first, anything else asks for the next document (§9.3).
 */
async function answerRequest(options: WebConnectorSession, ticket: string, request: string): Promise<Step> {
  const { url, company, fault } = options;
  let response: string;
  try {
    response = await company.process(request);
  } catch (e) {
    if (!(e instanceof QbxmlParseError)) throw e;
    // QuickBooks could not read the document: QBWC passes the parser's HRESULT instead of a response (§9.3).
    await soap(url, 'receiveResponseXML', { ticket, response: '', hresult: e.hresult, message: e.message });
    return { next: 'lastError' };
  }
  if (fault === 'dropAfterApply' && WRITES.test(request)) {
    // QuickBooks applied the request but its answer never reached the app; QBWC reports the
    // connection failure, and "done" (or anything) ends this session. It strikes the first document
    // that changes the company file (the case that could write twice); a session without one runs through.
    await soap(url, 'connectionError', { ticket, ...DROPPED });
    return { next: 'stop', error: `${DROPPED.message} (code ${DROPPED.hresult}).` };
  }
  const percent = await soap(url, 'receiveResponseXML', { ticket, response, hresult: '', message: '' });
  if (percent >= 100) return { next: 'close' };
  return percent < 0 ? { next: 'lastError' } : { next: 'again' };
}
