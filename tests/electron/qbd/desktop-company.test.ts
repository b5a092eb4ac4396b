// A QuickBooks Desktop company end to end against the simulated company file: the engine's batches
// are queued, taken by Web Connector sessions (driven here document by document: next → QuickBooks
// → answer) and answered exactly once, even when a session drops after QuickBooks applied a
// document; refusals come back as the faults the engine classifies; the journal survives a restart.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDesktopCompany, type DesktopCompany } from '../../../electron/main/qbd/desktop-company';
import { createCompany, type Company } from '../../../electron/qbd-sim/company';
import { AppError } from '../../../shared/ipc/errors';
import { QBD_QUEUED } from '../../../shared/qbd/translate';
import { qbxmlDocument, timeTrackingModRq } from '../../../shared/qbd/qbxml';
import { classifyFault } from '../../../shared/sync/classify';
import type { BatchItem } from '../../../electron/main/qbo/qbo-client';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const CONTEXT = { companyFile: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Cool Cars.qbw', versions: ['2.0', '13.0', '16.0'] };

async function open(file: string, onChange: () => void = () => undefined): Promise<DesktopCompany> {
  let clock = Date.parse('2026-12-04T09:00:00Z');
  return openDesktopCompany({ file, name: 'Cool Cars', now: () => (clock += 1000), onChange });
}

const tempFile = async () => join(await mkdtemp(join(tmpdir(), 'qbd-journal-')), 'desktop.json');

let tickets = 0;
/** One Web Connector session; `dropAt`: QuickBooks processes that document but its answer never reaches Track Nexus. */
async function session(desktop: DesktopCompany, qb: Company, dropAt?: number): Promise<'done' | 'dropped'> {
  const ticket = `t${++tickets}`;
  for (let n = 0; n < 100; n++) {
    const xml = await desktop.work.next(ticket, CONTEXT);
    if (xml === null) return 'done';
    const response = await qb.process(xml);
    if (n === dropAt) return 'dropped';
    if ((await desktop.work.answer(ticket, response)) === 100) return 'done';
  }
  throw new Error('The session never ended');
}

const employeeId = (qb: Company) => qb.names('Employee')[0]!.listId;
type WriteItem = Extract<BatchItem, { entity: string }>;
const create = (bId: string, qb: Company, TxnDate = '2026-12-03', minutes = 90): WriteItem => ({
  bId, operation: 'create', entity: 'TimeActivity',
  body: { TxnDate, NameOf: 'Employee', EmployeeRef: { value: employeeId(qb) }, Hours: Math.floor(minutes / 60), Minutes: minutes % 60, BillableStatus: 'NotBillable', Description: `Entry ${bId}` },
});

/** What the engine does: send; a queued batch throws the retryable network error and is sent again later. */
async function send(desktop: DesktopCompany, items: BatchItem[], requestId: string) {
  try {
    return await desktop.client.batch(items, requestId);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ kind: 'network', retryable: true, remote: { type: QBD_QUEUED } });
    return null;
  }
}

describe('a QuickBooks Desktop company', { timeout: SCHEMA_TIMEOUT }, () => {
  it('queues a batch, a Web Connector session takes it, and the resend gets QuickBooks’ answer: one entry per create', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    await session(desktop, qb); // the first update reads the lists the mapping needs
    const items = [create('1', qb), create('2', qb, '2026-12-02', 45)];
    expect(await send(desktop, items, 'req-1')).toBeNull();
    expect(desktop.summary().pending).toBe(2);
    await session(desktop, qb);
    const answer = (await send(desktop, items, 'req-1'))!;
    expect(answer.items.map((i) => i.fault)).toEqual([null, null]);
    expect(answer.items.map((i) => i.data?.['Id']).sort()).toEqual(qb.timeTracking().map((t) => t.txnId).sort());
    expect(answer.items[1]!.data).toMatchObject({ TxnDate: '2026-12-02', Hours: 0, Minutes: 45, Description: 'Entry 2' });
    expect(await send(desktop, items, 'req-1')).toEqual(answer); // like Online's requestid: the same answer again
    expect(qb.timeTracking()).toHaveLength(2);
    expect(desktop.summary()).toMatchObject({ pending: 0, qbxmlVersion: '13.0', companyFile: CONTEXT.companyFile });
  });

  it('reads a customer list longer than one page through QuickBooks’ iterator', async () => {
    const names = Array.from({ length: 520 }, (_, i) => `Customer ${String(i).padStart(3, '0')}`);
    const qb = createCompany({ customers: names });
    const desktop = await open(await tempFile());
    await session(desktop, qb);
    expect((await desktop.client.queryAll('Customer', 'Active IN (true, false)')).map((c) => c['DisplayName']).sort()).toEqual(names);
  });

  it('mirrors customers with their jobs ("Parent:Job"), inactive names, items, classes and other names in Online’s shapes', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    await session(desktop, qb);
    const customers = await desktop.client.queryAll('Customer', 'Active IN (true, false)');
    expect(customers.find((c) => c['FullyQualifiedName'] === 'Cool Cars:Showroom Landscaping')).toMatchObject({ DisplayName: 'Showroom Landscaping', Job: true, Active: true });
    expect(customers.find((c) => c['DisplayName'] === 'Old Barn Supplies')).toMatchObject({ Active: false });
    expect((await desktop.client.queryAll('Vendor')).map((v) => v['DisplayName']).sort()).toEqual(['Sam Helper', 'Timberloft Lumber']);
    expect((await desktop.client.queryAll('Item'))[0]).toMatchObject({ Name: 'Design', Type: 'Service' });
    expect(desktop.summary().listsReadAt).not.toBeNull();
    await expect(desktop.client.queryAll('TimeActivity', "Id = '1'")).rejects.toThrow(/by date range only/);
    await expect(desktop.client.read('TimeActivity', 'nope')).rejects.toMatchObject({ code: '610' });
  });

  it('never adds an entry twice when sessions drop after QuickBooks applied a document, and answers every create', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(fc.constantFrom('2026-12-01', '2026-12-02', '2026-12-03'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.option(fc.nat({ max: 4 }), { nil: undefined }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      async (batches, drops, reopens) => {
        const qb = createCompany();
        const file = await tempFile();
        let desktop = await open(file);
        const sent = batches.map((dates, b) => ({ requestId: `req-${b}`, items: dates.map((d, i) => create(String(i + 1), qb, d, 15 * (i + 1))) }));
        for (const batch of sent) await send(desktop, batch.items, batch.requestId);
        for (const [n, dropAt] of [...drops, undefined, undefined].entries()) {
          await session(desktop, qb, dropAt);
          if (reopens[n]) desktop = await open(file); // Track Nexus restarted between two updates
        }
        const answers = await Promise.all(sent.map((b) => send(desktop, b.items, b.requestId)));
        const guids = qb.timeTracking().map((t) => t.externalGuid);
        expect(new Set(guids).size).toBe(guids.length); // no ExternalGUID twice
        expect(guids).toHaveLength(sent.flatMap((b) => b.items).length); // every create arrived once
        for (const a of answers) expect(a?.items.every((i) => i.fault === null && typeof i.data?.['Id'] === 'string')).toBe(true);
      },
    ), { numRuns: 8 });
  }, 300_000);

  it('a change at an old EditSequence comes back as Online’s stale 5010, and the entry read again has QuickBooks’ new one', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    const first = [create('1', qb)];
    await send(desktop, first, 'req-1');
    await session(desktop, qb);
    const made = (await send(desktop, first, 'req-1'))!.items[0]!.data!;
    const record = qb.timeTracking()[0]!;
    const edit = timeTrackingModRq('x', { txnId: record.txnId, editSequence: record.editSequence }, { txnDate: '2026-12-03', entity: { listId: employeeId(qb) }, minutes: 120 });
    await qb.process(qbxmlDocument('16.0', [edit])); // someone edits it in QuickBooks between two updates
    const update: BatchItem = { ...create('1', qb), operation: 'update', body: { ...create('1', qb).body, Id: made['Id'], SyncToken: made['SyncToken'], Minutes: 10 } };
    await send(desktop, [update], 'req-2');
    await session(desktop, qb);
    const fault = (await send(desktop, [update], 'req-2'))!.items[0]!.fault!;
    expect(classifyFault(fault).action).toBe('reread_and_retry');
    const reread = await desktop.client.read('TimeActivity', String(made['Id']));
    expect(reread['SyncToken']).toBe(qb.timeTracking()[0]!.editSequence);
    expect(reread).toMatchObject({ Hours: 2, Minutes: 0 });
  });

  it('a name QuickBooks does not know flags that entry in words, and the rest of the batch goes on', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    const unknown: BatchItem = { ...create('1', qb), body: { ...create('1', qb).body, EmployeeRef: { value: '80000099-1733300000' } } };
    const items = [unknown, create('2', qb)];
    await send(desktop, items, 'req-1');
    await session(desktop, qb);
    const [refused, added] = (await send(desktop, items, 'req-1'))!.items;
    expect(classifyFault(refused!.fault!)).toMatchObject({ action: 'flag', userMessage: expect.stringMatching(/inactive or was deleted in QuickBooks/) });
    expect(added!.fault).toBeNull();
    expect(qb.timeTracking()).toHaveLength(1);
  });

  it('answers a body Desktop cannot take at once, as that entry’s fault, without waiting for the Web Connector', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    const noPerson: BatchItem = { ...create('1', qb), body: { ...create('1', qb).body, EmployeeRef: undefined } };
    const [item] = (await send(desktop, [noPerson], 'req-1'))!.items;
    expect(classifyFault(item!.fault!)).toMatchObject({ action: 'flag', userMessage: expect.stringMatching(/names no employee or vendor/) });
  });

  it('a delete sent again after QuickBooks already deleted it is done for the engine (610 on delete)', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    await send(desktop, [create('1', qb)], 'req-1');
    await session(desktop, qb);
    const made = (await send(desktop, [create('1', qb)], 'req-1'))!.items[0]!.data!;
    const del: WriteItem = { bId: '1', operation: 'delete', entity: 'TimeActivity', body: { Id: String(made['Id']), SyncToken: String(made['SyncToken']) } };
    await send(desktop, [del], 'req-2');
    await send(desktop, [del], 'req-3'); // sent again under a new request, as after a lost answer
    await session(desktop, qb);
    expect((await send(desktop, [del], 'req-2'))!.items[0]).toMatchObject({ fault: null, data: { Id: made['Id'] } });
    expect((await send(desktop, [del], 'req-3'))!.items[0]!.fault!.errors[0]!.code).toBe('610');
    expect(qb.timeTracking()).toHaveLength(0);
  });

  it('QuickBooks failing a whole document stops the update in words; the next update checks before adding again', async () => {
    const qb = createCompany();
    const desktop = await open(await tempFile());
    await session(desktop, qb);
    await send(desktop, [create('1', qb)], 'req-1');
    const ticket = 'failing';
    let xml = await desktop.work.next(ticket, CONTEXT);
    while (xml !== null && !xml.includes('TimeTrackingAddRq')) {
      await desktop.work.answer(ticket, await qb.process(xml));
      xml = await desktop.work.next(ticket, CONTEXT);
    }
    await qb.process(xml!); // QuickBooks applied it, then the Web Connector reported a failure
    await expect(desktop.work.answer(ticket, { hresult: '0x80040408', message: 'Could not start QuickBooks.' })).rejects.toThrow(/nothing is recorded twice/);
    await session(desktop, qb);
    expect((await send(desktop, [create('1', qb)], 'req-1'))!.items[0]!.fault).toBeNull();
    expect(qb.timeTracking()).toHaveLength(1);
  });

  it('stops an update QuickBooks is too old for, in words, and says so on the screen', async () => {
    const desktop = await open(await tempFile());
    await expect(desktop.work.next('old', { companyFile: 'x.qbw', versions: ['2.0'] })).rejects.toThrow('too old');
    expect(desktop.summary().lastError).toMatch(/too old/);
  });

  it('keeps queued batches across a restart, and shows the Web Connector’s last call and update', async () => {
    const qb = createCompany();
    const file = await tempFile();
    const changes: number[] = [];
    const desktop = await open(file, () => changes.push(1));
    await send(desktop, [create('1', qb)], 'req-1');
    desktop.noteEvent({ at: 5, method: 'authenticate' });
    desktop.noteEvent({ at: 6, method: 'closeConnection' });
    await desktop.close();
    const again = await open(file);
    expect(again.summary()).toMatchObject({ pending: 1, lastCallAt: 6, lastUpdateEndedAt: 6, lastError: null });
    expect(changes.length).toBeGreaterThan(0);
    await session(again, qb);
    expect((await send(again, [create('1', qb)], 'req-1'))!.items[0]!.fault).toBeNull();
  });
});

describe('the journal file', { timeout: SCHEMA_TIMEOUT }, () => {
  it('forgets batches answered more than 14 days ago, keeps newer ones and any still waiting', async () => {
    const qb = createCompany();
    const file = await tempFile();
    const desktop = await open(file);
    await send(desktop, [create('1', qb)], 'old');
    await session(desktop, qb);
    await send(desktop, [create('1', qb)], 'waiting');
    await desktop.close();
    const journal = JSON.parse(await readFile(file, 'utf8')) as { batches: { requestId: string; createdAt: number }[] };
    for (const b of journal.batches) b.createdAt -= 15 * 24 * 60 * 60 * 1000;
    await writeFile(file, JSON.stringify(journal));
    await (await open(file)).close();
    expect((JSON.parse(await readFile(file, 'utf8')) as typeof journal).batches.map((b) => b.requestId)).toEqual(['waiting']);
  });

  it('a damaged journal is refused in words rather than started afresh (which could send time twice)', async () => {
    const file = await tempFile();
    await writeFile(file, '{"format": 1, "batch');
    await expect(open(file)).rejects.toThrow(/cannot read its QuickBooks Desktop journal/);
  });
});
