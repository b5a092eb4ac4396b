// Reading what QuickBooks Desktop answers through the Web Connector (receiveResponseXML's
// `response`, and sendRequestXML's first `strHCPResponse`): one answer per request, in the order
// QuickBooks wrote them, each with its status and the records it returned. Every value stays the
// text QuickBooks sent (ListIDs, TxnIDs and EditSequences must come back exactly), and an element
// the schema lets repeat is always a list, however many came, so callers never guess the shape.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A record QuickBooks returned (a *Ret element): child elements by name, attributes as "@name". */
export interface QbdRet {
  [name: string]: string | QbdRet | (string | QbdRet)[];
}

/** qbXML's statusSeverity. Intuit: 0–499 Info, 500–999 Warn(ing), 1000 and up Error
 * (https://developer.intuit.com/app/developer/qbdesktop/docs/develop/exploring-the-quickbooks-desktop-sdk/status-codes-in-response-messages). */
type QbdSeverity = 'Info' | 'Warn' | 'Error';

/** One *Rs element: QuickBooks' answer to one request. */
export interface QbdResponse {
  requestId: string | null;
  /** The element's name, e.g. "TimeTrackingAddRs". */
  type: string;
  statusCode: number;
  severity: QbdSeverity;
  message: string;
  rets: QbdRet[];
  iteratorId?: string;
  iteratorRemainingCount?: number;
}

/**
 * Elements other than *Ret that qbXML 16.0 lets repeat inside what QuickBooks returns (maxOccurs
 * above 1, or inside a repeating choice, under a *Ret element of tests/fixtures/qbd/qbxml160.xsd;
 * the test derives this list from the schema and compares). Each is always read as a list, as is
 * every *Ret element. Names that repeat only in requests (ListID, TxnID, FullName in query
 * filters) are single values in a record.
 */
export const QBD_REPEATING: ReadonlySet<string> = new Set([
  'AccountRef', 'AdditionalContactRef', 'AssignToObject', 'CategoryAccountMapping', 'ColData', 'ColDesc', 'ColTitle', 'DataExt', 'DataRow',
  'DefaultUnit', 'Earnings', 'EmployeeDirectDepositAccount', 'EmployeeTax', 'ItemGroupLine', 'ItemInventoryAssemblyLine', 'ItemSalesTaxRef',
  'JournalCreditLine', 'JournalDebitLine', 'LinkedTxn', 'NonEarnings', 'PrefillAccountRef', 'RateChange', 'RateHistory', 'RelatedUnit',
  'Service', 'ShipToAddress', 'SubtotalRow', 'SupportedQBXMLVersion', 'Taxability', 'TaxInfo', 'TextRow', 'TotalRow', 'TxnLineDetail',
]);

const repeats = (name: string) => name.endsWith('Ret') || QBD_REPEATING.has(name);

/** fast-xml-parser's ordered form: one key for the element's name (its children), ':@' for attributes. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true, // the *Rs elements must stay in QuickBooks' order, whatever their types
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false, // no numbers: "80000001-1733300000" and "0012" stay as sent
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const nameOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@')!;
const childrenOf = (node: XmlNode) => node[nameOf(node)] as XmlNode[];
const attrsOf = (node: XmlNode) => (node[':@'] ?? {}) as Record<string, string>;
const elementsOf = (node: XmlNode) => childrenOf(node).filter((c) => !('#text' in c));

/** An element as a string (text only) or a record (child elements and attributes). */
function plain(node: XmlNode): string | QbdRet {
  const attrs = Object.entries(attrsOf(node));
  const elements = elementsOf(node);
  const text = childrenOf(node).filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
  if (elements.length === 0 && attrs.length === 0) return text;
  const out: QbdRet = Object.fromEntries(attrs.map(([k, v]) => [`@${k}`, v]));
  if (text !== '') out['#text'] = text;
  for (const child of elements) addChild(out, nameOf(child), plain(child));
  return out;
}

function addChild(out: QbdRet, name: string, value: string | QbdRet): void {
  if (repeats(name)) ((out[name] ??= []) as (string | QbdRet)[]).push(value);
  else if (name in out) throw new Error(`QuickBooks sent ${name} twice where it should appear once.`);
  else out[name] = value;
}

function severityOf(value: string | undefined): QbdSeverity {
  // Intuit's tables say INFO/WARNING/ERROR; responses carry "Info", "Warn", "Error".
  const word = (value ?? '').toLowerCase();
  if (word === 'info') return 'Info';
  if (word === 'warn' || word === 'warning') return 'Warn';
  if (word === 'error') return 'Error';
  throw new Error(`QuickBooks answered with an unknown status "${value ?? ''}".`);
}

function responseOf(node: XmlNode): QbdResponse {
  const type = nameOf(node);
  const a = attrsOf(node);
  if (!/^-?\d+$/.test(a.statusCode ?? '')) throw new Error(`QuickBooks' answer ${type} has no status.`);
  const rets = elementsOf(node).filter((c) => nameOf(c).endsWith('Ret')).map((c) => plain(c)).map((r) => (typeof r === 'string' ? {} : r));
  return {
    requestId: a.requestID ?? null,
    type,
    statusCode: Number(a.statusCode),
    severity: severityOf(a.statusSeverity),
    message: a.statusMessage ?? '',
    rets,
    ...(a.iteratorID === undefined ? {} : { iteratorId: a.iteratorID }),
    ...(a.iteratorRemainingCount === undefined ? {} : { iteratorRemainingCount: Number(a.iteratorRemainingCount) }),
  };
}

const NOT_QBXML = 'This is not an answer from QuickBooks (a qbXML response)';

/** Every answer in a qbXML response document (QBXML/QBXMLMsgsRs), in order. Throws on anything else. */
export function parseQbxmlResponse(xml: string): QbdResponse[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${NOT_QBXML}: the XML is broken (${valid.err.msg}, line ${valid.err.line}).`);
  const root = (parser.parse(xml) as XmlNode[]).find((n) => nameOf(n) === 'QBXML');
  if (root === undefined) throw new Error(`${NOT_QBXML}: there is no QBXML element.`);
  const msgs = elementsOf(root).find((n) => nameOf(n) === 'QBXMLMsgsRs');
  if (msgs === undefined) throw new Error(`${NOT_QBXML}: there is no QBXMLMsgsRs element.`);
  return elementsOf(msgs).map(responseOf);
}

/** A TimeTracking transaction as QuickBooks holds it (TimeTrackingRet, qbxml160.xsd). */
export interface QbdTimeTracking {
  txnId: string;
  editSequence: string;
  txnDate: string;
  externalGuid?: string;
  minutes: number;
  entityFullName: string;
  customerFullName?: string;
  itemFullName?: string;
  notes?: string;
  billableStatus?: string;
}

/**
 * Minutes in a qbXML duration: TIMEINTERVALTYPE's pattern "[+\-]?PT([0-9]+H)?([0-9]+M)?([0-9]+S)?"
 * (tests/fixtures/qbd/qbxmltypes160.xsd), so "PT2H30M", "PT1H30M0S" and "-PT0H15M" all read.
 * Seconds are rounded to the nearest minute, half a minute up (away from zero when negative).
 */
export function durationMinutes(duration: string): number {
  const m = /^([+-])?PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (m === null || duration.endsWith('PT')) throw new Error(`QuickBooks sent a length of time it does not write ("${duration}").`);
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  const minutes = Math.round(seconds / 60);
  return m[1] === '-' && minutes !== 0 ? -minutes : minutes;
}

function textIn(ret: QbdRet, name: string): string | undefined {
  const v = ret[name];
  return typeof v === 'string' ? v : undefined;
}

function refName(ret: QbdRet, name: string): string | undefined {
  const ref = ret[name];
  return typeof ref === 'object' && !Array.isArray(ref) ? textIn(ref, 'FullName') : undefined;
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`QuickBooks sent a time entry without its ${what}.`);
  return value;
}

/** A TimeTrackingRet as a time entry; throws if QuickBooks left out what identifies it. */
export function timeTrackingOf(ret: QbdRet): QbdTimeTracking {
  const optional = {
    externalGuid: textIn(ret, 'ExternalGUID'),
    customerFullName: refName(ret, 'CustomerRef'),
    itemFullName: refName(ret, 'ItemServiceRef'),
    notes: textIn(ret, 'Notes'),
    billableStatus: textIn(ret, 'BillableStatus'),
  };
  return {
    txnId: required(textIn(ret, 'TxnID'), 'transaction number'),
    editSequence: required(textIn(ret, 'EditSequence'), 'version stamp'),
    txnDate: required(textIn(ret, 'TxnDate'), 'date'),
    minutes: durationMinutes(required(textIn(ret, 'Duration'), 'length of time')),
    entityFullName: required(refName(ret, 'EntityRef'), 'person’s name'),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

const versionParts = (v: string) => v.split('.').map(Number);

/**
 * The qbXML versions this QuickBooks understands (HostRet's SupportedQBXMLVersion, in the
 * HostQueryRs the Web Connector passes as strHCPResponse), lowest first, compared as numbers.
 */
export function supportedVersions(hostQueryResponseXml: string): string[] {
  const host = parseQbxmlResponse(hostQueryResponseXml).find((r) => r.type === 'HostQueryRs');
  if (host === undefined) throw new Error('QuickBooks did not describe itself (no HostQueryRs), so its qbXML versions are unknown.');
  const versions = (host.rets[0]?.SupportedQBXMLVersion ?? []) as string[];
  return [...versions].sort((x, y) => {
    const [a, b] = [versionParts(x), versionParts(y)];
    return (a[0]! - b[0]!) || ((a[1] ?? 0) - (b[1] ?? 0));
  });
}
