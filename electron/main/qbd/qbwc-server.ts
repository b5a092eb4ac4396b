// The local HTTP endpoint the QuickBooks Web Connector calls (the app's .QWC AppURL). It listens on
// 127.0.0.1 only: the Web Connector runs on the same PC as QuickBooks and the app, and plain HTTP is
// allowed only for localhost (shared/docs/qbo-api.md §9.2, QBWC Programmer's Guide ch.1/ch.4). There
// is deliberately no host option, so nothing on the network can reach it.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { QbwcService } from './qbwc-service';
import { QbwcMessageError, readQbwcRequest, writeQbwcResponse, writeSoapFault } from './qbwc-soap';

export interface QbwcServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** The endpoint's path, e.g. "/qbwc". */
  path: string;
  /**
   * Intuit's WSDL, served at `${path}?wsdl`. Defaults to the repository's copy
   * (tests/fixtures/qbd/QBWebConnectorSvc.wsdl, relative to the working directory), which is right
   * for development and tests; a packaged app has no repository, so it must ship the file (e.g. as
   * an electron-builder extraResource) and pass its path here.
   */
  wsdlPath?: string;
  /** Largest request body accepted; qbXML answers (a long list of time entries) can be large. */
  maxBodyBytes?: number;
}

export interface QbwcServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const LOOPBACK_V6 = '::1';
const DEFAULT_MAX_BODY = 20 * 1024 * 1024;
const XML = 'text/xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
/** The .QWC's AppSupport page (shared/qbd/qwc.ts): the Web Connector requires it on the AppURL's host. */
const SUPPORT_PATH = '/support';
const SUPPORT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Track Nexus and the QuickBooks Web Connector</title></head>
<body>
<h1>Track Nexus and the QuickBooks Web Connector</h1>
<p>This address belongs to Track Nexus, the time tracker running on this computer. The QuickBooks Web Connector
calls it on the schedule you chose to send approved time from Track Nexus into your QuickBooks company file and
to read your customers, jobs, service items, employees, vendors and classes for the mapping screen.</p>
<p>It only answers on this computer. It works while Track Nexus is open; if the Web Connector says it cannot reach
the service, open Track Nexus and run the update again.</p>
<p>To see what is waiting, when QuickBooks was last updated and any problem, open Track Nexus and go to the
QuickBooks screen. There you can also change the password, the port or the schedule, and download a new .QWC file.</p>
</body></html>
`;

class TooLarge extends Error {}

/** Resolves once `server` listens on host:port; rejects with the listen error (a port in use). */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** What a request needs to be answered: the service, where it lives, how much it may read, the WSDL to show. */
interface Endpoint {
  service: QbwcService;
  path: string;
  limit: number;
  wsdl: string;
}

/** Starts the endpoint; resolves once it listens. */
export async function startQbwcServer(service: QbwcService, options: QbwcServerOptions): Promise<QbwcServer> {
  const wsdlTemplate = await readFile(options.wsdlPath ?? join(process.cwd(), 'tests/fixtures/qbd/QBWebConnectorSvc.wsdl'), 'utf8');
  const endpoint: Endpoint = { service, path: options.path, limit: options.maxBodyBytes ?? DEFAULT_MAX_BODY, wsdl: '' };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(endpoint, req, res).catch(() => send(res, 500, TEXT, 'Track Nexus could not answer.'));
  };
  const server = createServer(handler);
  await listen(server, options.port, LOOPBACK);
  const { address, port } = server.address() as AddressInfo;
  // The .QWC says "localhost", which Windows may resolve to ::1 before 127.0.0.1: answer on both
  // loopbacks, where this computer has IPv6.
  const v6 = createServer(handler);
  const servers = (await listen(v6, port, LOOPBACK_V6).then(() => true, () => false)) ? [server, v6] : [server];
  const url = `http://${address}:${port}${options.path}`;
  endpoint.wsdl = withLocation(wsdlTemplate, url);
  return {
    url,
    close: async () => {
      await Promise.all(servers.map((one) => new Promise<void>((resolve, reject) => {
        one.close((e) => (e ? reject(e) : resolve()));
        one.closeAllConnections();
      })));
    },
  };
}

async function route(endpoint: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
  if (url.pathname === SUPPORT_PATH && req.method === 'GET') return send(res, 200, HTML, SUPPORT_PAGE);
  if (url.pathname !== endpoint.path) return send(res, 404, TEXT, 'Not found.');
  if (req.method === 'GET' && url.search.toLowerCase() === '?wsdl') return send(res, 200, XML, endpoint.wsdl);
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return send(res, 405, TEXT, 'The Web Connector talks to this address with POST.');
  }
  // SOAP 1.1 is always text/xml (https://www.w3.org/TR/2000/NOTE-SOAP-20000508/#_Toc478383526).
  if (!/^text\/xml\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, TEXT, 'Send SOAP 1.1 as text/xml.');
  let body: string;
  try {
    body = await readBody(req, endpoint.limit);
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    res.setHeader('Connection', 'close');
    return send(res, 413, TEXT, 'The message is larger than Track Nexus accepts.');
  }
  await answerSoap(endpoint.service, body, res);
}

async function answerSoap(service: QbwcService, body: string, res: ServerResponse): Promise<void> {
  let call;
  try {
    call = readQbwcRequest(body);
  } catch (e) {
    if (!(e instanceof QbwcMessageError)) throw e;
    return send(res, 500, XML, writeSoapFault('Client', e.message)); // SOAP 1.1 §6.2: faults go with HTTP 500
  }
  try {
    send(res, 200, XML, writeQbwcResponse(await service.handle(call)));
  } catch (e) {
    send(res, 500, XML, writeSoapFault('Server', `Track Nexus could not answer ${call.method}: ${e instanceof Error ? e.message : String(e)}`));
  }
}

/** The WSDL with its soap:address / soap12:address pointing here instead of Intuit's test server. */
function withLocation(wsdl: string, url: string): string {
  return wsdl.replace(/(<soap(?:12)?:address\s+location=")[^"]*(")/g, `$1${url}$2`);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(new TooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
