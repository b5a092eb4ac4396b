// Engine test world: a real local QuickBooks sandbox, main's real client behind an in-process
// QboPort, and the renderer's real repositories on fake-indexeddb, with projects mapped to the
// sandbox's own customers, service items and employee.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase, type TrackNexusDb } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';
import { importMirror } from '../../../renderer/src/features/quickbooks/engine/import-mirror';
import type { InProcessConnection } from '../../../bench/sync/in-process-port';

import { sandboxState } from '../../../electron/qbo-sandbox/control-client';

export { control, sandboxState } from '../../../electron/qbo-sandbox/control-client';
export { connect, startWorldSandbox } from '../../../bench/sync/in-process-port';

export interface World {
  db: TrackNexusDb;
  repos: Repos;
  conn: InProcessConnection;
  clock: { now: () => number };
  projects: { id: string; customerId: string }[];
  customers: { Id: string; DisplayName: string }[];
  itemId: string;
  employeeId: string;
}

let dbCounter = 0;

/** Fresh database, mirror imported, N projects mapped to sandbox customers, worker linked; `now` is the repositories' clock. */
export async function world(conn: InProcessConnection, options: { projects?: number; template?: string; now?: () => number } = {}): Promise<World> {
  const db = await openDatabase(`sync-${++dbCounter}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const clock = { now: options.now ?? (() => Date.now()) };
  const repos = createRepos(db, { now: clock.now });
  await importMirror({ repos, port: conn.port });
  const customers = await conn.port.queryAll('Customer');
  const items = await conn.port.queryAll('Item', "Type = 'Service'");
  const employees = await conn.port.queryAll('Employee');
  const classes = await conn.port.queryAll('Class');
  const classId = classes[0]?.Id ?? null;
  // An item that can be sold (the sample company's Flat Fee has no income account).
  const itemId = (items.find((i) => i.IncomeAccountRef) ?? items[0]!).Id;
  const employeeId = employees[0]!.Id;
  await repos.settings.set('currency', 'USD');
  await repos.qboMirror.setState('worker', { nameOf: 'Employee', id: employeeId });
  await repos.sync.saveSettings({ descriptionTemplate: options.template ?? '{project}: {description} [tn:{description}]' });
  const client = await repos.clients.create({ name: 'Clients', qboCustomerId: null });
  const projects: World['projects'] = [];
  const n = options.projects ?? 3;
  for (let i = 0; i < n; i++) {
    const customer = customers[i % customers.length]!;
    const p = await repos.projects.create({
      clientId: client.id,
      name: `P${i}`,
      color: '#000000',
      billable: true,
      defaultTaskId: null,
      rateMinor: 10_000 + i * 100,
      currency: 'USD',
      rounding: null,
      qboCustomerId: customer.Id,
      qboItemId: itemId,
      qboClassId: classId,
    });
    projects.push({ id: p.id, customerId: customer.Id });
  }
  return { db, repos, conn, clock, projects, customers, itemId, employeeId };
}

const DAY = 24 * 60 * 60 * 1000;

/** N stopped draft entries spread over projects and days; description = a unique marker. */
export async function makeEntries(w: World, n: number, startDay = Date.UTC(2026, 9, 1, 13, 0)): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const project = w.projects[i % w.projects.length]!;
    const start = startDay + Math.floor(i / 20) * DAY + (i % 20) * 20 * 60_000;
    const e = await w.repos.entries.create({ projectId: project.id, description: `m${i}`, start, end: start + (15 + (i % 4)) * 60_000, zone: 'America/New_York' });
    ids.push(e.id);
  }
  return ids;
}

export interface QboTa {
  Id: string;
  SyncToken: string;
  Description?: string;
  Hours: number;
  Minutes: number;
  TxnDate: string;
  CustomerRef?: { value: string };
  BillableStatus?: string;
  HourlyRate?: number;
}

/** Every TimeActivity the sandbox holds (from its state route, not through our client). */
export async function sandboxTimeActivities(sandbox: { url: string }): Promise<QboTa[]> {
  const state = await sandboxState(sandbox);
  const entities = (state['entities'] ?? state) as Record<string, unknown>;
  const list = (entities['TimeActivity'] ?? []) as QboTa[] | Record<string, QboTa>;
  return Array.isArray(list) ? list : Object.values(list);
}
