// Running an import against the local data: one transaction (a cancel or a failure halfway leaves
// the data exactly as it was), progress while it runs, what each row carries into its entry, the
// projects it creates, and the rows it recognises as already here.
import { describe, expect, it } from 'vitest';
import type { ImportedRow } from '../../../shared/csv/types';
import { validateEntry } from '../../../shared/entries/entry';
import { runImport } from '../../../renderer/src/features/import/import-plan';
import { previewImport } from '../../../shared/csv/import';
import { InvalidEntryError } from '../../../renderer/src/db/errors';
import type { TrackNexusDb } from '../../../renderer/src/db/database';
import { testEnv, type TestEnv } from '../db/helpers';

const zone = 'America/New_York';
const MIN = 60_000;
/** 09:00 in New York on 2026-02-02. */
const NINE = Date.UTC(2026, 1, 2, 14, 0);
const NO_MONEY = { currency: null, rateMinor: null, amountMinor: null, costRateMinor: null };

const row = (over: Partial<ImportedRow>): ImportedRow => ({
  line: 2, importKey: 'k', start: NINE, end: NINE + 30 * MIN, zone, person: null, client: null, project: null, task: null,
  description: '', billable: null, tags: [], money: NO_MONEY, sourceStatus: null, startAssumed: false, ...over,
});

/** `n` rows, 20 minutes apart, over two new projects of a new client, each with a task. */
const manyRows = (n: number): ImportedRow[] =>
  Array.from({ length: n }, (_, i) =>
    row({ line: i + 2, importKey: `row-${i}`, start: NINE + i * 20 * MIN, end: NINE + i * 20 * MIN + 15 * MIN, client: 'Globex', project: i % 2 ? 'Audit' : 'Tax', task: 'Fieldwork', description: `line ${i}` }),
  );

/** Everything an import could write, to compare before and after. */
async function snapshot(db: TrackNexusDb) {
  const [clients, projects, tasks, entries, audit, outbox] = await Promise.all([
    db.clients.toArray(), db.projects.toArray(), db.tasks.toArray(), db.entries.toArray(), db.audit.toArray(), db.outbox.toArray(),
  ]);
  return { clients, projects, tasks, entries, audit, outbox };
}

/** A workspace with something in it already: a client, a project and an entry. */
async function workspace(): Promise<TestEnv & { projectId: string }> {
  const env = await testEnv();
  const client = await env.repos.clients.create({ name: 'Acme' });
  const project = await env.repos.projects.create({ name: 'Website', clientId: client.id, rateMinor: 12_000 });
  await env.repos.entries.create({ projectId: project.id, description: 'typed by hand', start: NINE - 120 * MIN, end: NINE - 60 * MIN, zone });
  return { ...env, projectId: project.id };
}

describe('an import is one transaction', () => {
  it('reports progress in steps while it writes', async () => {
    const { repos } = await workspace();
    const steps: [number, number][] = [];
    const outcome = await runImport(repos, manyRows(2_500), { onProgress: (done, total) => steps.push([done, total]) });
    expect(steps).toEqual([[1_000, 2_500], [2_000, 2_500], [2_500, 2_500]]);
    expect(outcome).toEqual({ imported: 2_500, skipped: 0, invoiced: 0, createdClients: 1, createdProjects: 2 });
  });

  it('cancelled after its first step, leaves the data exactly as before and says it was cancelled', async () => {
    const { db, repos } = await workspace();
    const before = await snapshot(db);
    const cancel = new AbortController();
    const steps: number[] = [];
    const run = runImport(repos, manyRows(2_500), { signal: cancel.signal, onProgress: (done) => { steps.push(done); cancel.abort(); } });
    await expect(run).rejects.toSatisfy((e) => e instanceof DOMException && e.name === 'AbortError');
    expect(steps).toEqual([1_000]); // a thousand entries had been written, and two projects created
    expect(await snapshot(db)).toEqual(before);
  });

  it('cancelled before it starts, writes nothing', async () => {
    const { db, repos } = await workspace();
    const before = await snapshot(db);
    const cancel = new AbortController();
    cancel.abort();
    await expect(runImport(repos, manyRows(10), { signal: cancel.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('failing halfway (a bad row, or a crash in the middle) leaves no project, task or entry behind', async () => {
    const { db, repos } = await workspace();
    const before = await snapshot(db);
    const rows = manyRows(2_500);
    rows[1_500] = { ...rows[1_500]!, end: rows[1_500]!.start - MIN };
    await expect(runImport(repos, rows)).rejects.toBeInstanceOf(InvalidEntryError);
    expect(await snapshot(db)).toEqual(before);

    const crash = new Error('the window was closed');
    await expect(runImport(repos, manyRows(2_500), { onProgress: () => { throw crash; } })).rejects.toBe(crash);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('a row dated before 1970', () => {
  it('is refused by the preview, so importing the file creates neither its client nor its project', async () => {
    const { db, repos } = await workspace();
    const file = 'Date,Start,End,Client,Project\n1969-12-31,09:00,10:00,Initech,Past\n2026-02-02,09:00,10:00,Globex,Now\n';
    const columns = { date: 'Date', startTime: 'Start', endTime: 'End', client: 'Client', project: 'Project' };
    const preview = previewImport(file, { columns, dateFormat: 'YYYY-MM-DD' }, { zone });
    expect(preview.errors.map((e) => e.line)).toEqual([2]);
    expect(await runImport(repos, preview.rows)).toMatchObject({ imported: 1, createdClients: 1, createdProjects: 1 });
    expect((await db.clients.toArray()).map((c) => c.name).sort()).toEqual(['Acme', 'Globex']);
    expect((await db.projects.toArray()).map((p) => p.name).sort()).toEqual(['Now', 'Website']);
  });

  it('if it reaches the import all the same, fails it before any client, project or entry stays', async () => {
    const { db, repos } = await workspace();
    const before = await snapshot(db);
    const old = row({ importKey: 'old', start: Date.UTC(1969, 11, 31, 14), end: Date.UTC(1969, 11, 31, 15), client: 'Initech', project: 'Past' });
    const rows = [...manyRows(1_500), old];
    await expect(runImport(repos, rows)).rejects.toBeInstanceOf(InvalidEntryError);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('what a row carries into its entry', () => {
  it('keeps tags, person, money and source status; invoiced stays invoiced, approved comes in as a draft', async () => {
    const { db, repos } = await workspace();
    const money = { currency: 'EUR', rateMinor: 9_000, amountMinor: 4_500, costRateMinor: 3_000 };
    const outcome = await runImport(repos, [
      row({ importKey: 'a', project: 'Audit', description: 'billed', tags: ['q1', 'audit'], person: 'Dana Reyes', money, sourceStatus: 'invoiced' }),
      row({ importKey: 'b', project: 'Audit', description: 'approved there', start: NINE + 60 * MIN, end: NINE + 90 * MIN, person: 'Dana Reyes', money, sourceStatus: 'approved' }),
      row({ importKey: 'c', project: 'Audit', description: 'plain', start: NINE + 120 * MIN, end: NINE + 150 * MIN }),
    ]);
    expect(outcome).toMatchObject({ imported: 3, invoiced: 1 });
    const entries = (await repos.entries.listDay('2026-02-02')).filter((e) => e.source === 'import');
    expect(entries.map((e) => [e.description, e.status, e.tags, e.imported?.status ?? null])).toEqual([
      ['billed', 'invoiced', ['q1', 'audit'], 'invoiced'],
      ['approved there', 'draft', undefined, 'approved'],
      ['plain', 'draft', undefined, null],
    ]);
    expect(entries[0]!.imported).toEqual({ person: 'Dana Reyes', ...money, status: 'invoiced' });
    expect(entries[2]).not.toHaveProperty('imported');
    // The audit log says the import wrote them, and nothing was queued for QuickBooks.
    const audit = await db.audit.where('entityId').anyOf(entries.map((e) => e.id)).toArray();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['create', 'import'], ['create', 'import'], ['create', 'import']]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('creates projects in the file’s currency at its rate, and leaves an existing project’s own settings', async () => {
    const { db, repos, projectId } = await workspace();
    const eur = { ...NO_MONEY, currency: 'EUR', rateMinor: 9_500 };
    await runImport(repos, [
      row({ importKey: 'a', client: 'Globex', project: 'Audit', money: eur, billable: true }),
      row({ importKey: 'b', client: 'Globex', project: 'Audit', money: eur, start: NINE + 60 * MIN, end: NINE + 90 * MIN }),
      row({ importKey: 'c', client: 'Acme', project: 'website', money: eur }),
    ]);
    const projects = await repos.projects.list();
    expect(projects.map((p) => [p.name, p.currency, p.rateMinor])).toEqual([['Audit', 'EUR', 9_500], ['Website', 'USD', 12_000]]);
    const created = (await db.audit.toArray()).filter((a) => (a.entityType === 'client' || a.entityType === 'project') && a.action === 'create');
    expect(created.map((a) => [a.entityType, a.actor])).toEqual([['client', 'user'], ['project', 'user'], ['client', 'import'], ['project', 'import']]);
    expect((await repos.entries.listDay('2026-02-02')).find((e) => e.importKey === 'c')?.projectId).toBe(projectId);
  });

  it('imports a zero-length row as zero-length, which approving refuses in plain words', async () => {
    const { repos, projectId } = await workspace();
    await runImport(repos, [row({ importKey: 'z', client: 'Acme', project: 'Website', description: 'call, no time', end: NINE })]);
    const zero = (await repos.entries.listDay('2026-02-02')).find((e) => e.importKey === 'z')!;
    expect([zero.projectId, zero.end! - zero.start]).toEqual([projectId, 0]);
    const result = await repos.entries.approve([zero.id]);
    expect(result.approved).toEqual([]);
    expect(result.skipped).toEqual([{ id: zero.id, reason: 'it lasts 0:00, so QuickBooks would get no time; give it a duration first, or delete it' }]);
    // Typed or timed time still has to last.
    expect(validateEntry({ ...zero, source: 'manual' })).toEqual([{ field: 'end', message: 'The end must be after the start.' }]);
  });
});

describe('rows already here are not imported again', () => {
  it('recognises an entry by its times, project and description, counting each entry once', async () => {
    const { repos } = await workspace();
    // The same work as the typed entry (spacing aside), twice in the file: one is that entry, one is new.
    const same = { client: 'Acme', project: 'Website', start: NINE - 120 * MIN, end: NINE - 60 * MIN };
    const outcome = await runImport(repos, [
      row({ ...same, importKey: 'x1', description: '  typed   by hand ' }),
      row({ ...same, importKey: 'x2', description: 'typed by hand' }),
      row({ ...same, importKey: 'x3', description: 'typed by hand, but other words' }),
    ]);
    expect(outcome).toMatchObject({ imported: 2, skipped: 1 });
  });

  it('adds nothing when the same rows come back with keys hashed another way (entries imported before, our own export)', async () => {
    const { repos } = await workspace();
    const rows = manyRows(30);
    await runImport(repos, rows.map((r, i) => ({ ...r, importKey: `old-hash-${i}` })));
    const again = await runImport(repos, rows);
    expect(again).toEqual({ imported: 0, skipped: 30, invoiced: 0, createdClients: 0, createdProjects: 0 });
  });

  it('lets an entry found by its key stand for that row only, so a new identical row still comes in', async () => {
    const { repos } = await workspace();
    const first = row({ importKey: 'k1', project: 'Audit', description: 'standup' });
    await runImport(repos, [first]);
    // The source has since gained an identical row (its second repeat), listed before the first.
    const outcome = await runImport(repos, [{ ...first, importKey: 'k2' }, first]);
    expect(outcome).toMatchObject({ imported: 1, skipped: 1 });
  });

  it('does not count an entry in the trash as here', async () => {
    const { repos } = await workspace();
    const typed = (await repos.entries.listDay('2026-02-02'))[0]!;
    await repos.entries.delete([typed.id]);
    const outcome = await runImport(repos, [row({ importKey: 'n', client: 'Acme', project: 'Website', start: typed.start, end: typed.end!, description: typed.description })]);
    expect(outcome).toMatchObject({ imported: 1, skipped: 0 });
  });
});
