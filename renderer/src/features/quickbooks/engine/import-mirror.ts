// Imports the QuickBooks company into the local mirror: company info and preferences into qboState,
// customers (with FullyQualifiedName, ParentRef, Active), items, employees, vendors and classes into
// qboEntities, inactive ones included (a name-list query returns only active rows unless the WHERE
// mentions Active). Later refreshes use CDC (30-day window); older than that, a full import.
import type { Repos } from '../../../db/repos';
import type { QboEntityKind } from '../../../db/schema';
import type { NewQboEntity } from '../store/mirror-repo';
import type { Entity, QboEntityName, QboPort } from './qbo-port';

const ENTITIES: ReadonlyArray<[QboEntityKind, QboEntityName]> = [
  ['customer', 'Customer'],
  ['item', 'Item'],
  ['employee', 'Employee'],
  ['vendor', 'Vendor'],
  ['class', 'Class'],
];
const CDC_WINDOW_MS = 29 * 24 * 60 * 60 * 1000;
const CDC_OVERLAP_MS = 5 * 60 * 1000;

const ref = (v: unknown): string | null => (v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : null);

function mirrorRow(kind: QboEntityKind, e: Entity): NewQboEntity {
  const name = String(e['DisplayName'] ?? e['Name'] ?? e['Id']);
  const fqn = e['FullyQualifiedName'] !== undefined ? String(e['FullyQualifiedName']) : undefined;
  const subtype = kind === 'item' ? (e['Type'] !== undefined ? String(e['Type']) : undefined) : kind === 'vendor' && e['Vendor1099'] === true ? '1099' : undefined;
  const currency = ref(e['CurrencyRef']);
  return {
    kind,
    id: String(e['Id']),
    name,
    ...(fqn !== undefined ? { fullyQualifiedName: fqn } : {}),
    parentId: ref(e['ParentRef']),
    active: e['Active'] !== false,
    ...(subtype !== undefined ? { subtype } : {}),
    ...(currency ? { currency } : {}),
    ...(e['SyncToken'] !== undefined ? { syncToken: String(e['SyncToken']) } : {}),
  };
}

export interface ImportResult {
  mode: 'full' | 'cdc';
  counts: Record<QboEntityKind, number>;
  companyName: string | null;
}

/** Imports the port's company into that company's mirror. */
export async function importMirror(deps: { repos: Pick<Repos, 'mirrorOf'>; port: QboPort; now?: () => number; forceFull?: boolean }): Promise<ImportResult> {
  const now = deps.now ?? Date.now;
  const { repos, port } = deps;
  const mirror = repos.mirrorOf(port.companyId);
  const startedAt = now();
  const { companyInfo, preferences } = await port.company();
  await mirror.setState('company', companyInfo);
  await mirror.setState('preferences', preferences);
  const counts = { customer: 0, item: 0, employee: 0, vendor: 0, class: 0 } as Record<QboEntityKind, number>;
  const last = await mirror.getState<number>('mirrorImportedAt');
  const useCdc = !deps.forceFull && last !== undefined && startedAt - last < CDC_WINDOW_MS;
  if (useCdc) {
    // QBO's times have whole seconds and our clock is not Intuit's: look back a few minutes more
    // than needed (upserts are idempotent, so an overlap costs nothing).
    const changes = await port.changes(
      ENTITIES.map(([, name]) => name),
      new Date(last - CDC_OVERLAP_MS).toISOString(),
    );
    const rows: NewQboEntity[] = [];
    const gone: Array<[QboEntityKind, string]> = [];
    for (const [kind, name] of ENTITIES) {
      for (const e of changes[name] ?? []) {
        counts[kind]++;
        if (e['status'] === 'Deleted') gone.push([kind, String(e['Id'])]);
        else rows.push(mirrorRow(kind, e));
      }
    }
    await mirror.putEntities(rows);
    if (gone.length) await mirror.removeEntities(gone);
  } else {
    const rows: NewQboEntity[] = [];
    for (const [kind, name] of ENTITIES) {
      const list = await port.queryAll(name, 'Active IN (true, false)');
      counts[kind] = list.length;
      rows.push(...list.map((e) => mirrorRow(kind, { ...e })));
    }
    await mirror.putEntities(rows, { replaceKinds: ENTITIES.map(([k]) => k) });
  }
  await mirror.setState('mirrorImportedAt', startedAt);
  return { mode: useCdc ? 'cdc' : 'full', counts, companyName: companyInfo['CompanyName'] ? String(companyInfo['CompanyName']) : null };
}
