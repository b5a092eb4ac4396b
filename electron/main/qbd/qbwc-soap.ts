// The SOAP 1.1 messages the QuickBooks Web Connector exchanges with the app's web service: reading
// a request envelope into { method, params } and writing the answer (or a SOAP Fault), for the
// eight callbacks of Intuit's WSDL (tests/fixtures/qbd/QBWebConnectorSvc.wsdl: document/literal,
// namespace http://developer.intuit.com/, parameter names exactly as there; see
// shared/docs/qbo-api.md §9.3). The Web Connector's side (writing requests, reading answers) is
// here too, for the simulator and the tests.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { xmlText } from '../../../shared/qbd/qbxml';

export const QBWC_NAMESPACE = 'http://developer.intuit.com/';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Each callback's parameters, in the WSDL's order (sequence) and spelling. */
const PARAMS = {
  serverVersion: [],
  clientVersion: ['strVersion'],
  authenticate: ['strUserName', 'strPassword'],
  sendRequestXML: ['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers'],
  receiveResponseXML: ['ticket', 'response', 'hresult', 'message'],
  connectionError: ['ticket', 'hresult', 'message'],
  getLastError: ['ticket'],
  closeConnection: ['ticket'],
} as const;

export type QbwcMethod = keyof typeof PARAMS;
const QBWC_METHODS = Object.keys(PARAMS) as QbwcMethod[];

/** The WSDL types these two as s:int (minOccurs 1); every other parameter is an optional s:string. */
type IntParam = 'qbXMLMajorVers' | 'qbXMLMinorVers';
const INT_PARAMS: ReadonlySet<string> = new Set<IntParam>(['qbXMLMajorVers', 'qbXMLMinorVers']);

type ParamsOf<M extends QbwcMethod> = { [K in (typeof PARAMS)[M][number]]: K extends IntParam ? number : string };
export type QbwcCall = { [M in QbwcMethod]: { method: M; params: ParamsOf<M> } }[QbwcMethod];

/** What each callback returns: authenticate an ArrayOfString, receiveResponseXML an s:int, the rest s:string. */
export interface QbwcResults {
  serverVersion: string;
  clientVersion: string;
  authenticate: string[];
  sendRequestXML: string;
  receiveResponseXML: number;
  connectionError: string;
  getLastError: string;
  closeConnection: string;
}
export type QbwcResult = { [M in QbwcMethod]: { method: M; result: QbwcResults[M] } }[QbwcMethod];

/** A message that is not one of the Web Connector's calls; its message says why, for the SOAP Fault. */
export class QbwcMessageError extends Error {}

type XmlObject = { [name: string]: XmlValue };
type XmlValue = string | XmlObject | XmlValue[];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // "0012" and tickets stay as sent
  parseAttributeValue: false,
  trimValues: false, // a ticket or a qbXML document comes back exactly, spaces included
  htmlEntities: true, // numeric character references (&#13;), which the writer uses for carriage returns
  isArray: (name) => localName(name) === 'string', // ArrayOfString, however many came
});

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');
const isObject = (v: XmlValue | undefined): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a whole message; a DTD is refused (SOAP 1.1 §3 forbids one, and it could hide entity expansion). */
function parseXml(xml: string): XmlObject {
  if (/<!DOCTYPE/i.test(xml)) throw new QbwcMessageError('The message has a document type declaration, which SOAP does not allow.');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new QbwcMessageError(`The message is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  return parser.parse(xml) as XmlObject;
}

/** The only child element of `parent` whose local name is `name`, with its full (prefixed) name. */
function child(parent: XmlObject, name: string): [string, XmlValue] | undefined {
  const found = Object.entries(parent).filter(([k]) => !k.startsWith('@') && k !== '#text' && localName(k) === name);
  if (found.length > 1 || Array.isArray(found[0]?.[1])) throw new QbwcMessageError(`The message has more than one ${name}.`);
  return found[0];
}

const elementNames = (o: XmlObject) => Object.keys(o).filter((k) => !k.startsWith('@') && k !== '#text');

/** The namespace a prefix stands for, looking at the element itself first, then its ancestors. */
function namespaceOf(prefix: string, scopes: XmlObject[]): string | undefined {
  const attr = prefix === '' ? '@xmlns' : `@xmlns:${prefix}`;
  for (const scope of scopes) if (typeof scope[attr] === 'string') return scope[attr];
  return undefined;
}

/** The element inside soap:Body (its name and content), checking the envelope is SOAP 1.1's. */
function bodyElement(xml: string): { name: string; content: XmlObject; scopes: XmlObject[] } {
  const root = parseXml(xml);
  const envelope = child(root, 'Envelope');
  if (envelope === undefined || !isObject(envelope[1])) throw new QbwcMessageError('The message is not a SOAP envelope.');
  const envScope = envelope[1];
  if (namespaceOf(prefixOf(envelope[0]), [envScope]) !== SOAP_ENV) throw new QbwcMessageError('The message is not a SOAP 1.1 envelope.');
  const body = child(envScope, 'Body');
  if (body === undefined || !isObject(body[1])) throw new QbwcMessageError('The SOAP envelope has no body.');
  const names = elementNames(body[1]);
  if (names.length !== 1) throw new QbwcMessageError('The SOAP body must hold exactly one call.');
  const name = names[0]!;
  const value = body[1][name]!;
  if (Array.isArray(value)) throw new QbwcMessageError('The SOAP body must hold exactly one call.');
  const content = isObject(value) ? value : {};
  return { name, content, scopes: [content, body[1], envScope] };
}

/** An element's text: "" when empty, absent or xsi:nil. */
function textOf(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    if (elementNames(value).length > 0) throw new QbwcMessageError('A parameter holds elements where text was expected.');
    const text = value['#text'];
    return typeof text === 'string' ? text : '';
  }
  throw new QbwcMessageError('A parameter appears more than once.');
}

function paramValue(content: XmlObject, name: string): string | number {
  const text = textOf(child(content, name)?.[1]);
  if (!INT_PARAMS.has(name)) return text;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new QbwcMessageError(`${name} must be a whole number.`);
  return Number(text);
}

/** Reads a request envelope into the call it makes; throws QbwcMessageError for anything else. */
export function readQbwcRequest(xml: string): QbwcCall {
  const { name, content, scopes } = bodyElement(xml);
  const method = localName(name);
  if (!(method in PARAMS) || namespaceOf(prefixOf(name), scopes) !== QBWC_NAMESPACE) {
    throw new QbwcMessageError(`"${method}" is not something the QuickBooks Web Connector asks (expected one of ${QBWC_METHODS.join(', ')} in ${QBWC_NAMESPACE}).`);
  }
  const names = PARAMS[method as QbwcMethod] as readonly string[];
  const params = Object.fromEntries(names.map((p) => [p, paramValue(content, p)]));
  return { method, params } as QbwcCall;
}

/** Text for an element: XML's reserved characters escaped, carriage returns kept as references (a parser would turn them into line feeds). */
const escape = (value: string) => xmlText(value).replace(/\r/g, '&#13;');

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/** The answer to a call, as the WSDL's <methodResponse><methodResult>. */
export function writeQbwcResponse(answer: QbwcResult): string {
  const { method, result } = answer;
  const inner = Array.isArray(result) ? result.map((s) => `<string>${escape(s)}</string>`).join('') : escape(String(result));
  return envelope(`<${method}Response xmlns="${QBWC_NAMESPACE}"><${method}Result>${inner}</${method}Result></${method}Response>`);
}

/** A SOAP 1.1 Fault; "Client" when the message was at fault, "Server" when the app was. */
export function writeSoapFault(who: 'Client' | 'Server', faultstring: string): string {
  return envelope(`<soap:Fault><faultcode>soap:${who}</faultcode><faultstring>${escape(faultstring)}</faultstring></soap:Fault>`);
}

/** A request envelope as the Web Connector sends it (for the simulator and the tests). */
export function writeQbwcRequest(call: QbwcCall): string {
  const params = call.params as Record<string, string | number>;
  const inner = (PARAMS[call.method] as readonly string[]).map((p) => `<${p}>${escape(String(params[p]))}</${p}>`).join('');
  return envelope(`<${call.method} xmlns="${QBWC_NAMESPACE}">${inner}</${call.method}>`);
}

/** Reads the answer to `method` as the Web Connector would; a Fault becomes a QbwcMessageError with its faultstring. */
export function readQbwcResponse<M extends QbwcMethod>(method: M, xml: string): QbwcResults[M] {
  const { name, content } = bodyElement(xml);
  if (localName(name) === 'Fault') throw new QbwcMessageError(textOf(child(content, 'faultstring')?.[1]));
  if (localName(name) !== `${method}Response`) throw new QbwcMessageError(`Expected ${method}Response, got ${localName(name)}.`);
  const result = child(content, `${method}Result`)?.[1];
  if (method === 'authenticate') {
    const key = isObject(result) ? elementNames(result).find((k) => localName(k) === 'string') : undefined;
    const strings = key === undefined || !isObject(result) ? [] : (result[key] as XmlValue[]);
    return strings.map(textOf) as QbwcResults[M];
  }
  if (method === 'receiveResponseXML') return Number(textOf(result)) as QbwcResults[M];
  return textOf(result) as QbwcResults[M];
}
