// Reading qbXML requests and writing qbXML responses for the QuickBooks Desktop simulator.
// Requests are read with fast-xml-parser in preserveOrder mode: QuickBooks answers the requests
// inside QBXMLMsgsRq in document order, and different request types interleave, which a grouped
// (non-ordered) parse would lose. Every value stays a string, as it was written.
import { XMLParser } from 'fast-xml-parser';
import { xmlText } from '../../shared/qbd/qbxml';

/** One element of a request: its name, attributes, child elements and (for a leaf) its text. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function toNode(entry: Ordered): XmlNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@');
  if (name === undefined || name === '#text') return undefined;
  const items = entry[name] as Ordered[];
  const children = items.map(toNode).filter((n): n is XmlNode => n !== undefined);
  const text = items.map((i) => (i['#text'] === undefined ? '' : String(i['#text']))).join('');
  return { name, attrs: entry[':@'] ?? {}, children, text: children.length > 0 ? '' : text };
}

/** The document's root element (QBXML), already known to be well-formed and schema-valid. */
export function parseDocument(xml: string): XmlNode {
  const roots = (parser.parse(xml) as Ordered[]).map(toNode).filter((n): n is XmlNode => n !== undefined);
  if (roots.length !== 1) throw new Error('A qbXML document has exactly one root element');
  return roots[0]!;
}

export const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
export const childText = (node: XmlNode, name: string): string | undefined => child(node, name)?.text;
export const childTexts = (node: XmlNode, name: string): string[] => node.children.filter((c) => c.name === name).map((c) => c.text);

/** A leaf element with escaped text. */
export const el = (name: string, value: string): string => `<${name}>${xmlText(value)}</${name}>`;
export const optionalEl = (name: string, value: string | undefined): string => (value === undefined ? '' : el(name, value));

/** How one request was answered: QuickBooks' status attributes and the Ret elements, already written. */
export interface Answer {
  statusCode: number;
  statusSeverity: 'Info' | 'Warn' | 'Error';
  statusMessage: string;
  body?: string;
  /** Extra attributes on the Rs, such as iteratorID and iteratorRemainingCount. */
  attrs?: Record<string, string>;
}

export const ok = (body: string, attrs?: Record<string, string>): Answer => ({ statusCode: 0, statusSeverity: 'Info', statusMessage: 'Status OK', body, ...(attrs ? { attrs } : {}) });
export const error = (statusCode: number, statusMessage: string): Answer => ({ statusCode, statusSeverity: 'Error', statusMessage });

/** The Rs element answering `request` (FooRq → FooRs), echoing its requestID. */
export function responseElement(request: XmlNode, answer: Answer): string {
  const name = request.name.replace(/Rq$/, 'Rs');
  const attrs: Record<string, string> = {
    ...(request.attrs['requestID'] === undefined ? {} : { requestID: request.attrs['requestID'] }),
    statusCode: String(answer.statusCode),
    statusSeverity: answer.statusSeverity,
    statusMessage: answer.statusMessage,
    ...answer.attrs,
  };
  const written = Object.entries(attrs).map(([k, v]) => ` ${k}="${xmlText(v)}"`).join('');
  return answer.body ? `<${name}${written}>${answer.body}</${name}>` : `<${name}${written} />`;
}

/** The whole response document; QuickBooks writes a bare `<?xml version="1.0" ?>` declaration (qbwc/qbwc spec/qbwc/session_spec.rb quotes its answers). */
export function responseDocument(responses: readonly string[]): string {
  return `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>${responses.join('')}</QBXMLMsgsRs></QBXML>`;
}

/**
 * QuickBooks' answer when a query matched nothing: status 1, severity Info. The wording is as real
 * answers quoted in Web Connector integrations' code show it (e.g. a commented ItemInventoryQueryRs in
 * a Ruby integration, found by code search); Intuit's reference does not print it.
 */
export const NO_MATCH: Answer = { statusCode: 1, statusSeverity: 'Info', statusMessage: 'A query request did not find a matching object in QuickBooks' };

/** QuickBooks' 3120 for an ID it does not hold (wording from a real CustomerQueryRs quoted in qbwc/qbwc spec/qbwc/session_spec.rb). */
export const notFound = (id: string): Answer =>
  error(3120, `Object "${id}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`);

/**
 * What the simulator cannot do, said plainly. Status 3 is the simulator's own choice, not a code
 * QuickBooks uses for this: real QuickBooks would carry out the request.
 */
export const unsupported = (what: string): Answer =>
  error(3, `The Track Nexus QuickBooks Desktop simulator does not handle ${what}. Real QuickBooks would; this test company cannot.`);

/** The first child element not among `known`, so a request using something the simulator does not do is refused, not half-done. */
export const unknownChild = (node: XmlNode, known: readonly string[]): string | undefined => node.children.find((c) => !known.includes(c.name))?.name;
