// The workspace's QuickBooks Desktop connections: for each company file, its record (name, port,
// schedule, the Web Connector's user name and the .QWC's OwnerID/FileID, kept as plain JSON in
// `<dataDir>/qbd-companies.json`), its Web Connector password (a salted scrypt hash in the
// SecretStore, never in the file or any answer), the Desktop company (journal at
// `<dataDir>/qbd/<id>.json`) and the local endpoint the Web Connector calls while the app runs.
// Desktop companies share the id space of the Online ones, so qbo:* reaches them by id.
//
// Connect and disconnect: disconnecting stops the endpoint and forgets the password (the record and
// journal stay, so history and mapping stay the company's own). Connecting again needs a password:
// after a disconnect, set a new one (qbd:updateConnection), which also listens again. qbo:connectCompany
// on a Desktop company that still has its password listens again (e.g. after its port was busy at start).
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { CompanyId, type QboStatus } from '../../../shared/ipc/domains/qbo';
import type { QbdConnection, QbdConnectionInput } from '../../../shared/ipc/domains/qbd';
import { qwcFile } from '../../../shared/qbd/qwc';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock, SecretStore } from '../ports';
import { newCompanyId } from '../qbo/company-registry';
import type { CompanyClient } from '../qbo/handlers';
import { writePrivateJson } from '../qbo/settings-store';
import { openDesktopCompany, type DesktopCompany, type DesktopCompanyOptions } from './desktop-company';
import { createQbwcService, type QbwcEvent, type QbwcService } from './qbwc-service';
import { startQbwcServer, type QbwcServer } from './qbwc-server';

const DesktopRecord = z.object({
  id: CompanyId,
  name: z.string(),
  port: z.number().int(),
  intervalMinutes: z.number().int(),
  userName: z.string(),
  ownerId: z.string(),
  fileId: z.string(),
  createdAt: z.number(),
  disconnected: z.boolean(),
});
type DesktopRecord = z.infer<typeof DesktopRecord>;

export interface DesktopServiceDeps {
  dataDir: string;
  secretStore: SecretStore;
  clock: Clock;
  /** Shown in the Web Connector (serverVersion). */
  appVersion: string;
  /** Intuit's WSDL the endpoint serves (resources/qbd/QBWebConnectorSvc.wsdl); the server's default otherwise. */
  wsdlPath?: string;
  /** The Online companies' ids: a new Desktop company never takes one. */
  onlineIds(): Promise<CompanyId[]>;
  onConnection(connection: QbdConnection): void;
  onStatus(status: QboStatus): void;
  /** Each Web Connector callback, for the support log (electron/main/log/support-log.ts). */
  onQbwcEvent?(companyId: CompanyId, event: QbwcEvent): void;
  /** Opens a company file's journal; tests pass a small fake. */
  open?: (options: DesktopCompanyOptions) => Promise<DesktopCompany>;
}

interface Entry {
  record: DesktopRecord;
  company: DesktopCompany;
  service: QbwcService;
  server: QbwcServer | null;
  listenError: string | null;
  hasPassword: boolean;
}

/** The user name the Web Connector signs in with (the .QWC's UserName). */
const USER_NAME = 'tracknexus';
const ENDPOINT_PATH = '/qbwc';
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const HASH_BYTES = 32;

const passwordKey = (id: CompanyId) => `qbd.password.${id}`;
const guid = () => `{${randomUUID().toUpperCase()}}`;
const portInUse = (port: number) => `Port ${port} is in use by another program; choose another`;

/** Why the endpoint could not listen, in words. */
function listenWords(port: number, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return portInUse(port);
  if (code === 'EACCES') return `Track Nexus may not use port ${port} on this computer; choose another`;
  return `The Web Connector's service could not start on port ${port}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A file name Windows accepts: no reserved characters, no trailing dot or space. */
function qwcFileName(name: string): string {
  const safe = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/[. ]+$/, '').slice(0, 100);
  return `Track Nexus - ${safe || 'QuickBooks'}.qwc`;
}

export class DesktopService {
  private readonly entries = new Map<CompanyId, Entry>();
  private readonly ready: Promise<void>;
  /** Setup changes one at a time, so two never pick the same id or port. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DesktopServiceDeps) {
    this.ready = this.init();
    this.ready.catch(() => undefined);
  }

  private get file(): string {
    return join(this.deps.dataDir, 'qbd-companies.json');
  }

  /** Reopens every company file and listens for those with a password; a busy port becomes its status' error. */
  private async init(): Promise<void> {
    for (const record of await this.load()) {
      const entry = await this.openEntry(record);
      entry.hasPassword = (await this.deps.secretStore.get(passwordKey(record.id))) !== null;
      this.entries.set(record.id, entry);
      if (!record.disconnected && entry.hasPassword) await this.listen(entry);
      this.changed(entry);
    }
  }

  private async load(): Promise<DesktopRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return z.object({ companies: z.array(DesktopRecord) }).parse(JSON.parse(text)).companies;
  }

  private save(): Promise<void> {
    return writePrivateJson(this.file, { companies: [...this.entries.values()].map((e) => e.record) });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => (await this.ready, task()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async openEntry(record: DesktopRecord): Promise<Entry> {
    const holder: { entry?: Entry } = {};
    const company = await (this.deps.open ?? openDesktopCompany)({
      file: join(this.deps.dataDir, 'qbd', `${record.id}.json`),
      name: record.name,
      now: () => this.deps.clock.now(),
      onChange: () => holder.entry && this.changed(holder.entry),
    });
    const service = createQbwcService({
      appVersion: this.deps.appVersion,
      verify: (userName, password) => this.verify(holder.entry?.record ?? record, userName, password),
      work: company.work,
      onEvent: (event) => {
        company.noteEvent(event);
        this.deps.onQbwcEvent?.(record.id, event);
        if (holder.entry) this.changed(holder.entry);
      },
      newTicket: randomUUID,
      now: () => this.deps.clock.now(),
    });
    holder.entry = { record, company, service, server: null, listenError: null, hasPassword: false };
    return holder.entry;
  }

  private async verify(record: DesktopRecord, userName: string, password: string): Promise<boolean> {
    const stored = await this.deps.secretStore.get(passwordKey(record.id));
    if (stored === null || userName !== record.userName) return false;
    const { salt, hash } = JSON.parse(stored) as { salt: string; hash: string };
    const expected = Buffer.from(hash, 'hex');
    const actual = await scryptAsync(password, Buffer.from(salt, 'hex'), expected.length);
    return timingSafeEqual(actual, expected);
  }

  private async setPassword(entry: Entry, password: string): Promise<void> {
    const salt = randomBytes(16);
    const hash = await scryptAsync(password, salt, HASH_BYTES);
    await this.deps.secretStore.set(passwordKey(entry.record.id), JSON.stringify({ salt: salt.toString('hex'), hash: hash.toString('hex') }));
    entry.hasPassword = true;
  }

  /** Listens on the record's port; a failure is kept as the company's listen error. */
  private async listen(entry: Entry): Promise<void> {
    if (entry.server) return;
    try {
      entry.server = await this.startOn(entry, entry.record.port);
      entry.listenError = null;
    } catch (error) {
      entry.listenError = error instanceof AppError ? error.message : String(error);
    }
  }

  /** A new endpoint for the company on `port`; a port in use is refused in words. */
  private async startOn(entry: Entry, port: number): Promise<QbwcServer> {
    try {
      return await startQbwcServer(entry.service, { port, path: ENDPOINT_PATH, ...(this.deps.wsdlPath ? { wsdlPath: this.deps.wsdlPath } : {}) });
    } catch (error) {
      throw new AppError('validation', listenWords(port, error), { cause: error });
    }
  }

  private async stopListening(entry: Entry): Promise<void> {
    const server = entry.server;
    entry.server = null;
    await server?.close();
  }

  /** Another Desktop company's port (listening or not) is refused before trying it. */
  private refuseTakenPort(port: number, self: CompanyId | null): void {
    const other = [...this.entries.values()].find((e) => e.record.port === port && e.record.id !== self);
    if (other) throw new AppError('validation', `Port ${port} is already used by your company file “${other.record.name}”; choose another`);
  }

  private entry(companyId: CompanyId): Entry {
    const entry = this.entries.get(companyId);
    if (!entry) throw new AppError('not_found', 'That QuickBooks Desktop company file is not in this workspace.');
    return entry;
  }

  private changed(entry: Entry): void {
    this.deps.onConnection(this.view(entry));
    this.deps.onStatus(this.statusOf(entry));
  }

  private view(entry: Entry): QbdConnection {
    const { record } = entry;
    return {
      companyId: record.id,
      name: record.name,
      port: record.port,
      intervalMinutes: record.intervalMinutes,
      userName: record.userName,
      appUrl: `http://localhost:${record.port}${ENDPOINT_PATH}`,
      hasPassword: entry.hasPassword,
      listening: entry.server !== null,
      listenError: entry.listenError,
      ...entry.company.summary(),
    };
  }

  private statusOf(entry: Entry): QboStatus {
    const { record } = entry;
    const connected = !record.disconnected && entry.server !== null && entry.hasPassword;
    const state = record.disconnected ? 'disconnected' : entry.listenError ? 'error' : connected ? 'connected' : 'disconnected';
    const message = record.disconnected ? null : (entry.listenError ?? entry.company.summary().lastError);
    return {
      companyId: record.id,
      state,
      environment: 'desktop',
      realmId: null,
      companyName: record.name,
      message,
      connectedAt: record.disconnected ? null : record.createdAt,
      awaitingBrowser: false,
    };
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Whether the id is a Desktop company's (after whenReady). */
  has(companyId: CompanyId): boolean {
    return this.entries.has(companyId);
  }

  ids(): CompanyId[] {
    return [...this.entries.keys()];
  }

  /** Oldest first. */
  list(): QbdConnection[] {
    return [...this.entries.values()].map((e) => this.view(e));
  }

  statuses(): QboStatus[] {
    return [...this.entries.values()].map((e) => this.statusOf(e));
  }

  status(companyId: CompanyId): QboStatus {
    return this.statusOf(this.entry(companyId));
  }

  /** The company's data client; a disconnected company asks for a new password first, as a reconnect. */
  clientFor(companyId: CompanyId): CompanyClient {
    const entry = this.entry(companyId);
    if (entry.record.disconnected) throw new AppError('auth', `“${entry.record.name}” is disconnected. Set a new Web Connector password for this company file on the QuickBooks screen.`);
    return entry.company.client;
  }

  /** A new company file: its endpoint listens on `port` before anything is saved (a busy port saves nothing). */
  createConnection(input: QbdConnectionInput): Promise<QbdConnection> {
    return this.serial(async () => {
      this.refuseTakenPort(input.port, null);
      const taken = [...this.ids(), ...(await this.deps.onlineIds())].map((id) => ({ id }));
      const record: DesktopRecord = {
        id: newCompanyId(taken),
        name: input.name.trim(),
        port: input.port,
        intervalMinutes: input.intervalMinutes,
        userName: USER_NAME,
        ownerId: guid(),
        fileId: guid(),
        createdAt: this.deps.clock.now(),
        disconnected: false,
      };
      const entry = await this.openEntry(record);
      try {
        entry.server = await this.startOn(entry, record.port);
        await this.setPassword(entry, input.password);
        this.entries.set(record.id, entry);
        await this.save();
      } catch (error) {
        this.entries.delete(record.id);
        await this.stopListening(entry);
        await entry.company.close();
        throw error;
      }
      this.changed(entry);
      return this.view(entry);
    });
  }

  /** Changes what was given; a new port listens before the old one stops (a busy one leaves the old listening). */
  updateConnection(change: { companyId: CompanyId; name?: string; port?: number; intervalMinutes?: number; password?: string }): Promise<QbdConnection> {
    return this.serial(async () => {
      const entry = this.entry(change.companyId);
      if (change.port !== undefined && change.port !== entry.record.port) await this.movePort(entry, change.port);
      if (change.password !== undefined) await this.setPassword(entry, change.password);
      entry.record = {
        ...entry.record,
        ...(change.name !== undefined ? { name: change.name.trim() } : {}),
        ...(change.intervalMinutes !== undefined ? { intervalMinutes: change.intervalMinutes } : {}),
        ...(change.password !== undefined ? { disconnected: false } : {}),
      };
      await this.save();
      if (!entry.record.disconnected && entry.hasPassword) await this.listen(entry);
      this.changed(entry);
      return this.view(entry);
    });
  }

  private async movePort(entry: Entry, port: number): Promise<void> {
    this.refuseTakenPort(port, entry.record.id);
    if (entry.server) {
      const next = await this.startOn(entry, port);
      await this.stopListening(entry);
      entry.server = next;
    }
    entry.listenError = null;
    entry.record = { ...entry.record, port };
  }

  /** The .QWC to add to the Web Connector; OwnerID and FileID are the same every time. */
  async getQwcFile(companyId: CompanyId): Promise<{ fileName: string; text: string }> {
    await this.ready;
    const { record } = this.entry(companyId);
    const text = qwcFile({
      appName: `Track Nexus – ${record.name}`,
      appUrl: `http://localhost:${record.port}${ENDPOINT_PATH}`,
      supportUrl: `http://localhost:${record.port}/support`,
      userName: record.userName,
      ownerId: record.ownerId,
      fileId: record.fileId,
      everyMinutes: record.intervalMinutes,
    });
    return { fileName: qwcFileName(record.name), text };
  }

  /** Listens again (after a busy port or a disconnect) when a password is kept. */
  connect(companyId: CompanyId): Promise<QboStatus> {
    return this.serial(async () => {
      const entry = this.entry(companyId);
      if (!entry.hasPassword) throw new AppError('auth', 'Set a new Web Connector password for this company file, then connect.');
      entry.record = { ...entry.record, disconnected: false };
      await this.save();
      await this.listen(entry);
      this.changed(entry);
      return this.statusOf(entry);
    });
  }

  /** Stops the endpoint and forgets the password; the company stays listed with its history. */
  disconnect(companyId: CompanyId): Promise<QboStatus> {
    return this.serial(async () => {
      const entry = this.entry(companyId);
      await this.stopListening(entry);
      await this.deps.secretStore.delete(passwordKey(companyId));
      entry.hasPassword = false;
      entry.listenError = null;
      entry.record = { ...entry.record, disconnected: true };
      await this.save();
      this.changed(entry);
      return this.statusOf(entry);
    });
  }

  /** Closes every endpoint and waits for every journal's last write. */
  async dispose(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.queue;
    for (const entry of this.entries.values()) {
      await this.stopListening(entry);
      await entry.company.close();
    }
  }
}
