// The QuickBooks Desktop connections as the app's channels see them: a company file set up with a
// port and a password listens there for the Web Connector (played by the simulator over real HTTP),
// its .QWC stays the same application across restarts, a busy port is refused in words, the
// password never leaves main, and the company is listed and reached through the qbo:* channels
// beside the Online ones. The company file's journal is a small fake (desktop-company.ts has its own tests).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/main/ipc/events';
import { IpcRouter } from '../../../electron/main/ipc/router';
import type { DesktopCompany, DesktopCompanyOptions } from '../../../electron/main/qbd/desktop-company';
import { registerQbdHandlers } from '../../../electron/main/qbd/handlers';
import type { QbwcEvent } from '../../../electron/main/qbd/qbwc-service';
import { registerQboHandlers, type CompanyClient } from '../../../electron/main/qbo/handlers';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import { createCompany } from '../../../electron/qbd-sim/company';
import { runWebConnectorSession } from '../../../electron/qbd-sim/qbwc';
import { qwcProblem } from '../../../shared/qbd/qwc';
import type { IpcError } from '../../../shared/ipc/errors';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const PASSWORD = 'correct horse battery';
const NOW = Date.UTC(2026, 0, 15, 14, 0);

/** A free port on loopback, found by listening on 0 and letting it go (a company's port is fixed). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

const closeServer = (s: Server) => new Promise<void>((r) => s.close(() => r()));

/** Whether anything accepts connections on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

interface Fake {
  options: DesktopCompanyOptions;
  events: QbwcEvent[];
  closed: boolean;
}

/** A Desktop company with nothing to send; its client answers queries with the company's name. */
function fakeOpen(opened: Fake[]) {
  return async (options: DesktopCompanyOptions): Promise<DesktopCompany> => {
    const fake: Fake = { options, events: [], closed: false };
    opened.push(fake);
    const client = { queryAll: async () => [{ Id: '1', DisplayName: `a customer of ${options.name}` }] } as unknown as CompanyClient;
    return {
      client,
      work: { pending: async () => false, next: async () => null, answer: async () => 100 },
      summary: () => ({ pending: 0, lastCallAt: fake.events.at(-1)?.at ?? null, lastUpdateEndedAt: null, lastError: null, companyFile: null, qbxmlVersion: null, listsReadAt: null }),
      noteEvent: (e) => fake.events.push(e),
      close: async () => {
        fake.closed = true;
      },
    };
  };
}

let dataDir: string;
const running: Array<{ dispose(): Promise<void> }> = [];
const busy: Server[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tn-qbd-'));
});
afterEach(async () => {
  for (const r of running.splice(0)) await r.dispose();
  for (const s of busy.splice(0)) await closeServer(s);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The app's qbd:* and qbo:* channels over one data folder, as compose wires them. */
function startApp() {
  const router = new IpcRouter();
  const events = new EventBus();
  const emitted: Array<{ event: string; payload: unknown }> = [];
  events.addSink((event, payload) => emitted.push({ event, payload }));
  const emit = events.emit.bind(events);
  const opened: Fake[] = [];
  const secretStore = fileSecretStore(dataDir);
  const clock = { now: () => NOW, timeZone: () => 'UTC' };
  const qbd = registerQbdHandlers(router, emit, {
    dataDir,
    secretStore,
    clock,
    appVersion: 'Track Nexus 9.9.9',
    wsdlPath: join('resources', 'qbd', 'QBWebConnectorSvc.wsdl'),
    onlineIds: async () => (await qbo.service.whenReady(), qbo.service.list().map((s) => s.companyId)),
    open: fakeOpen(opened),
  });
  const qbo = registerQboHandlers(router, emit, { secretStore, clock, opener: { openExternal: async () => {} }, paths: { dataDir }, env: {}, desktop: qbd.service });
  const app = {
    emitted,
    opened,
    responses: [] as unknown[],
    async dispose() {
      await qbo.dispose();
      await qbd.dispose();
    },
    /** A call as the renderer makes it; resolves with the value or rejects with the IPC error. */
    async call<T = Record<string, unknown>>(channel: string, payload?: unknown): Promise<T> {
      const result = await router.dispatch(channel, payload);
      app.responses.push(result);
      if (!result.ok) throw result.error;
      return result.value as T;
    },
  };
  running.push(app);
  return app;
}

const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a refusal'); }, (e: IpcError) => e);

async function create(app: ReturnType<typeof startApp>, port: number, name = 'Cool Cars') {
  return app.call<{ companyId: string; appUrl: string; listening: boolean; hasPassword: boolean }>('qbd:createConnection', { name, port, intervalMinutes: 15, password: PASSWORD });
}

const session = (port: number, password = PASSWORD, userName = 'tracknexus') =>
  runWebConnectorSession({ url: `http://localhost:${port}/qbwc`, userName, password, company: createCompany() });

const tag = (text: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? '';

function qwcSettings(text: string) {
  return {
    appName: tag(text, 'AppName'), appUrl: tag(text, 'AppURL'), supportUrl: tag(text, 'AppSupport'), userName: tag(text, 'UserName'),
    ownerId: tag(text, 'OwnerID'), fileId: tag(text, 'FileID'), everyMinutes: Number(tag(text, 'RunEveryNMinutes')),
  };
}

describe('a QuickBooks Desktop connection', { timeout: SCHEMA_TIMEOUT }, () => {
  it('listens for the Web Connector with the .QWC it gives, and lets in only the right password', async () => {
    const app = startApp();
    const port = await freePort();
    const created = await create(app, port);
    expect(created).toMatchObject({ companyId: 'primary', appUrl: `http://localhost:${port}/qbwc`, listening: true, hasPassword: true });

    const qwc = await app.call<{ fileName: string; text: string }>('qbd:getQwcFile', { companyId: created.companyId });
    expect(qwc.fileName).toBe('Track Nexus - Cool Cars.qwc');
    const settings = qwcSettings(qwc.text);
    expect(qwcProblem(settings)).toBeNull();
    expect(settings).toMatchObject({ appName: 'Track Nexus – Cool Cars', appUrl: `http://localhost:${port}/qbwc`, everyMinutes: 15 });

    expect((await session(port)).authenticated).toBe('none'); // signed in; nothing to send yet
    expect((await session(port, 'wrong password')).authenticated).toBe('nvu');
    expect((await session(port, PASSWORD, 'someone')).authenticated).toBe('nvu');
    expect(app.opened[0]?.events.some((e) => e.method === 'authenticate')).toBe(true);

    const support = await fetch(settings.supportUrl);
    expect(support.headers.get('content-type')).toMatch(/text\/html/);
    expect(await support.text()).toContain('Track Nexus');
    expect(await (await fetch(`${settings.appUrl}?wsdl`)).text()).toContain(`location="http://127.0.0.1:${port}/qbwc"`);
  });

  it('refuses a port another program uses, in words, and saves nothing', async () => {
    const app = startApp();
    const port = await freePort();
    busy.push(await occupy(port));
    const error = await refusal(create(app, port));
    expect(error).toMatchObject({ kind: 'validation', message: `Port ${port} is in use by another program; choose another` });
    expect((await app.call<{ connections: unknown[] }>('qbd:listConnections')).connections).toEqual([]);
    expect((await app.call<{ companies: unknown[] }>('qbo:listCompanies')).companies).toEqual([]);
  });

  it('moves to a new port, and keeps listening on the old one when the new one is busy', async () => {
    const app = startApp();
    const [first, second, taken] = [await freePort(), await freePort(), await freePort()];
    const { companyId } = await create(app, first);
    busy.push(await occupy(taken));
    const error = await refusal(app.call('qbd:updateConnection', { companyId, port: taken }));
    expect(error).toMatchObject({ kind: 'validation', message: `Port ${taken} is in use by another program; choose another` });
    expect((await session(first)).authenticated).toBe('none');

    const moved = await app.call('qbd:updateConnection', { companyId, port: second, intervalMinutes: 30 });
    expect(moved).toMatchObject({ port: second, intervalMinutes: 30, listening: true });
    expect(await answers(first)).toBe(false);
    expect((await session(second)).authenticated).toBe('none');
    const qwc = await app.call<{ text: string }>('qbd:getQwcFile', { companyId });
    expect(qwcSettings(qwc.text)).toMatchObject({ appUrl: `http://localhost:${second}/qbwc`, everyMinutes: 30 });
  });

  it('comes back after a restart on the same port with the same .QWC identity; a port taken meanwhile shows as an error', async () => {
    const [port, other] = [await freePort(), await freePort()];
    const before = startApp();
    const { companyId } = await create(before, port);
    const { companyId: secondId } = await create(before, other, 'Shop');
    const qwcBefore = qwcSettings((await before.call<{ text: string }>('qbd:getQwcFile', { companyId })).text);
    await before.dispose();
    busy.push(await occupy(other));

    const after = startApp();
    const qwcAfter = qwcSettings((await after.call<{ text: string }>('qbd:getQwcFile', { companyId })).text);
    expect([qwcAfter.ownerId, qwcAfter.fileId]).toEqual([qwcBefore.ownerId, qwcBefore.fileId]);
    expect((await session(port)).authenticated).toBe('none');
    expect(await after.call('qbo:getStatus', { companyId: secondId })).toMatchObject({
      state: 'error', environment: 'desktop', message: `Port ${other} is in use by another program; choose another`,
    });
    expect(after.opened.map((o) => o.options.file)).toEqual([join(dataDir, 'qbd', `${companyId}.json`), join(dataDir, 'qbd', `${secondId}.json`)]);
  });

  it('never lets the password out: not in any file, answer or event', async () => {
    const app = startApp();
    const { companyId } = await create(app, await freePort());
    await app.call('qbd:updateConnection', { companyId, password: 'another secret word' });
    await app.call('qbd:listConnections');
    await app.call('qbo:listCompanies');
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const everything = [...files(dataDir).map((f) => readFileSync(f, 'utf8')), JSON.stringify(app.responses), JSON.stringify(app.emitted)].join('\n');
    for (const secret of [PASSWORD, 'another secret word']) expect(everything).not.toContain(secret);
    expect(JSON.parse(readFileSync(join(dataDir, 'qbd-companies.json'), 'utf8'))).toMatchObject({ companies: [{ id: companyId, name: 'Cool Cars', userName: 'tracknexus' }] });
  });

  it('is listed with the Online companies and its data calls reach its own company', async () => {
    writeFileSync(join(dataDir, 'qbo-companies.json'), JSON.stringify({ companies: [{ id: 'primary', environment: 'sandbox', realmId: '9130', companyName: 'Online Books', createdAt: 1 }] }));
    const app = startApp();
    const port = await freePort();
    const { companyId } = await create(app, port);
    expect(companyId).toMatch(/^co-[0-9a-f]{8}$/); // 'primary' is the Online company's

    const { companies } = await app.call<{ companies: Array<{ companyId: string; environment: string }> }>('qbo:listCompanies');
    expect(companies.map((c) => [c.companyId, c.environment])).toEqual([['primary', 'sandbox'], [companyId, 'desktop']]);
    expect(await app.call('qbo:getStatus', { companyId })).toMatchObject({ state: 'connected', companyName: 'Cool Cars', realmId: null, connectedAt: NOW });
    expect(await app.call('qbo:queryAll', { companyId, entity: 'Customer' })).toEqual({ items: [{ Id: '1', DisplayName: 'a customer of Cool Cars' }] });
    expect(app.emitted.some((e) => e.event === 'qbd:connectionChanged')).toBe(true);
  });

  it('disconnects (the Web Connector finds nothing there) and connects again only with a new password', async () => {
    const app = startApp();
    const port = await freePort();
    const { companyId } = await create(app, port);
    expect(await app.call('qbo:disconnectCompany', { companyId })).toMatchObject({ state: 'disconnected', environment: 'desktop' });
    expect(await answers(port)).toBe(false);
    expect(await refusal(app.call('qbo:queryAll', { companyId, entity: 'Customer' }))).toMatchObject({ kind: 'auth' });
    expect(await refusal(app.call('qbo:connectCompany', { companyId }))).toMatchObject({ kind: 'auth', message: expect.stringContaining('Set a new Web Connector password for this company file') });

    expect(await app.call('qbd:updateConnection', { companyId, password: 'a brand new one' })).toMatchObject({ listening: true, hasPassword: true });
    expect((await session(port, PASSWORD)).authenticated).toBe('nvu');
    expect((await session(port, 'a brand new one')).authenticated).toBe('none');
    expect((await app.call<{ companies: Array<{ state: string }> }>('qbo:listCompanies')).companies.map((c) => c.state)).toEqual(['connected']);
  });

  it('says which company is unknown, and closes its ports and journals when the app quits', async () => {
    const app = startApp();
    expect(await refusal(app.call('qbd:getQwcFile', { companyId: 'co-00000000' }))).toMatchObject({ kind: 'not_found' });
    const port = await freePort();
    await create(app, port);
    expect(await answers(port)).toBe(true);
    await app.dispose();
    running.splice(0);
    expect(await answers(port)).toBe(false);
    expect(app.opened.every((o) => o.closed)).toBe(true);
  });
});

describe('the Web Connector WSDL the app ships', { timeout: SCHEMA_TIMEOUT }, () => {
  it('is Intuit’s file byte for byte', () => {
    expect(readFileSync('resources/qbd/QBWebConnectorSvc.wsdl').equals(readFileSync('tests/fixtures/qbd/QBWebConnectorSvc.wsdl'))).toBe(true);
  });
});
