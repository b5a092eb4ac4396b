// The Web Connector's SOAP messages: every callback's request and answer survives writing and
// reading, whatever the text holds (XML's special characters, "]]>", carriage returns, any Unicode),
// and anything that is not one of the eight calls is refused with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  QBWC_NAMESPACE, QbwcMessageError, readQbwcRequest, readQbwcResponse, writeQbwcRequest, writeQbwcResponse, writeSoapFault,
  type QbwcCall, type QbwcResult,
} from '../../../electron/main/qbd/qbwc-soap';

/** Text XML 1.0 can carry (its forbidden control characters are dropped by design), biased to the hostile bits. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.constantFrom('&', '<', '>', ']]>', '"', "'", '\r\n', '\r', '\t', ' ', '&amp;', '<![CDATA[', 'é', '😀', '\u00a0', '中'), { maxLength: 12 }).map((a) => a.join('')),
);
const int = fc.integer({ min: -1000, max: 1000 });

const call: fc.Arbitrary<QbwcCall> = fc.oneof(
  fc.constant({ method: 'serverVersion', params: {} } as const),
  fc.record({ strVersion: text }).map((params) => ({ method: 'clientVersion', params }) as const),
  fc.record({ strUserName: text, strPassword: text }).map((params) => ({ method: 'authenticate', params }) as const),
  fc.record({ ticket: text, strHCPResponse: text, strCompanyFileName: text, qbXMLCountry: text, qbXMLMajorVers: int, qbXMLMinorVers: int })
    .map((params) => ({ method: 'sendRequestXML', params }) as const),
  fc.record({ ticket: text, response: text, hresult: text, message: text }).map((params) => ({ method: 'receiveResponseXML', params }) as const),
  fc.record({ ticket: text, hresult: text, message: text }).map((params) => ({ method: 'connectionError', params }) as const),
  fc.record({ ticket: text }).map((params) => ({ method: 'getLastError', params }) as const),
  fc.record({ ticket: text }).map((params) => ({ method: 'closeConnection', params }) as const),
);

const result: fc.Arbitrary<QbwcResult> = fc.oneof(
  ...(['serverVersion', 'clientVersion', 'sendRequestXML', 'connectionError', 'getLastError', 'closeConnection'] as const)
    .map((method) => text.map((r) => ({ method, result: r }) as QbwcResult)),
  fc.array(text, { maxLength: 4 }).map((r) => ({ method: 'authenticate', result: r }) as const),
  int.map((r) => ({ method: 'receiveResponseXML', result: r }) as const),
);

const envelope = (body: string, extra = '') =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"${extra}><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('Web Connector SOAP messages', () => {
  it('reads back every request exactly as written', () => {
    fc.assert(fc.property(call, (c) => { expect(readQbwcRequest(writeQbwcRequest(c))).toEqual(c); }), { numRuns: 500 });
  });

  it('reads back every answer exactly as written', () => {
    fc.assert(fc.property(result, (r) => { expect(readQbwcResponse(r.method, writeQbwcResponse(r))).toEqual(r.result); }), { numRuns: 500 });
  });

  it('writes answers in the WSDL shape: <methodResponse><methodResult>, authenticate as <string> items', () => {
    expect(writeQbwcResponse({ method: 'authenticate', result: ['t<1>', 'none'] })).toContain(
      `<authenticateResponse xmlns="${QBWC_NAMESPACE}"><authenticateResult><string>t&lt;1&gt;</string><string>none</string></authenticateResult></authenticateResponse>`,
    );
    expect(writeQbwcResponse({ method: 'receiveResponseXML', result: 50 })).toContain('<receiveResponseXMLResult>50</receiveResponseXMLResult>');
  });

  it('reads a request in the form a .NET client writes it: prefixed, indented, namespace declared on the envelope', () => {
    const xml = envelope(`
      <q:authenticate>
        <q:strUserName>ann &amp; co</q:strUserName>
        <q:strPassword><![CDATA[p<w]]></q:strPassword>
      </q:authenticate>`, ` xmlns:q="${QBWC_NAMESPACE}"`);
    expect(readQbwcRequest(xml)).toEqual({ method: 'authenticate', params: { strUserName: 'ann & co', strPassword: 'p<w' } });
  });

  it('treats a parameter left out as empty text', () => {
    expect(readQbwcRequest(envelope(`<getLastError xmlns="${QBWC_NAMESPACE}"/>`))).toEqual({ method: 'getLastError', params: { ticket: '' } });
  });

  it.each([
    ['an unknown method', envelope(`<deleteEverything xmlns="${QBWC_NAMESPACE}"/>`), /deleteEverything.*not something/],
    ['a known method in another namespace', envelope('<authenticate xmlns="urn:other"/>'), /not something/],
    ['not XML', 'hello', /not well-formed/],
    ['not a SOAP envelope', `<authenticate xmlns="${QBWC_NAMESPACE}"/>`, /not a SOAP envelope/],
    ['a SOAP 1.2 envelope', '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>', /not a SOAP 1.1/],
    ['two calls at once', envelope(`<getLastError xmlns="${QBWC_NAMESPACE}"/><closeConnection xmlns="${QBWC_NAMESPACE}"/>`), /exactly one call/],
    ['a document type declaration', `<!DOCTYPE x [<!ENTITY a "aaaa">]>${envelope(`<getLastError xmlns="${QBWC_NAMESPACE}"/>`)}`, /document type/],
    ['a version that is not a number', envelope(`<sendRequestXML xmlns="${QBWC_NAMESPACE}"><qbXMLMajorVers>x</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers></sendRequestXML>`), /qbXMLMajorVers must be a whole number/],
    ['a parameter given twice', envelope(`<getLastError xmlns="${QBWC_NAMESPACE}"><ticket>a</ticket><ticket>b</ticket></getLastError>`), /more than one ticket/],
  ])('refuses %s with a reason', (_, xml, reason) => {
    expect(() => readQbwcRequest(xml)).toThrow(QbwcMessageError);
    expect(() => readQbwcRequest(xml)).toThrow(reason);
  });

  it('writes a SOAP 1.1 Fault whose faultstring reads back', () => {
    const fault = writeSoapFault('Client', 'No such call: <x> & "y"');
    expect(fault).toContain('<faultcode>soap:Client</faultcode>');
    expect(() => readQbwcResponse('getLastError', fault)).toThrow('No such call: <x> & "y"');
  });
});
