// The mapping tab's data: the local projects, tasks and your name beside the imported company,
// the suggestions for each (following the name as it is typed), what is still to link, and the
// button that applies the suggestions sure enough to apply without asking.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { projectLabel as projectLabelOf } from '../../../../shared/entries/project-label';
import { suggestMappings, type LocalItem, type MappingSuggestion, type QboRef } from '../../../../shared/mapping';
import type { WorkerMapping } from '../../../../shared/qbo/transform';
import { useRepos } from '../../data/repos-context';
import type { ProjectRow, QboEntityRow } from '../../db/schema';
import { displayName, useCompanySnapshot, type MirrorLists } from './mirror-hooks';
import { useCompanyId } from './qbo-tab-store';
import { companyOfProject } from './store/sync-context';

/** Suggestions at or above this confidence (active, clearly ahead) are applied by the button. */
export const AUTO_THRESHOLD = 0.9;

export type Mark = { kind: 'ok' | 'unmapped' | 'inactive' | 'missing'; text: string };

export function markFor(id: string | null, rows: readonly QboEntityRow[], what: string, optional = false): Mark {
  if (!id) return optional ? { kind: 'ok', text: '' } : { kind: 'unmapped', text: `No ${what}` };
  const row = rows.find((r) => r.id === id);
  if (!row) return { kind: 'missing', text: `The ${what} is no longer in QuickBooks` };
  if (!row.active) return { kind: 'inactive', text: `Inactive in QuickBooks: time is held back` };
  return { kind: 'ok', text: '' };
}

const refsOf = (lists: MirrorLists): QboRef[] => [
  ...lists.customer.map((r) => ({ id: r.id, name: r.name, fullyQualifiedName: displayName(r), active: r.active, kind: 'customer' as const })),
  ...lists.item.filter((r) => (r.subtype ?? 'Service') === 'Service').map((r) => ({ id: r.id, name: r.name, fullyQualifiedName: displayName(r), active: r.active, kind: 'item' as const })),
  ...lists.employee.map((r) => ({ id: r.id, name: r.name, active: r.active, kind: 'employee' as const })),
  ...lists.vendor.map((r) => ({ id: r.id, name: r.name, active: r.active, kind: 'vendor' as const })),
];

/** The chosen company's side of the mapping: its projects (and their tasks) beside its lists. */
export function useMapping() {
  const repos = useRepos();
  const companyId = useCompanyId();
  const snap = useCompanySnapshot();
  const local = useLiveQuery(async () => {
    const [all, tasks, clients, yourName] = await Promise.all([
      repos.projects.list(),
      repos.tasks.list(),
      repos.clients.list({ includeArchived: true }),
      repos.qboMirror.getState<string>('mapping.yourName'),
    ]);
    const clientById = new Map(clients.map((c) => [c.id, c]));
    const projects = all.filter((p) => companyOfProject(p, clientById) === companyId);
    return { projects, tasks, clients, yourName: yourName ?? '' };
  }, [repos, companyId]);
  const [status, setStatus] = useState<string | null>(null);
  // The name being typed (saved on blur): suggestions follow it without a write per keystroke.
  const [typedName, setTypedName] = useState<string | null>(null);
  const yourName = typedName ?? local?.yourName ?? '';

  const suggestions = useMemo(() => {
    if (!snap || !local) return new Map<string, MappingSuggestion>();
    const clientName = new Map(local.clients.map((c) => [c.id, c.name]));
    const projectName = new Map(local.projects.map((p) => [p.id, p.name]));
    const items: LocalItem[] = [
      ...local.projects.map((p) => ({ id: p.id, kind: 'project' as const, name: p.name, ...(p.clientId && clientName.get(p.clientId) ? { clientName: clientName.get(p.clientId)! } : {}) })),
      ...local.tasks.filter((t) => projectName.has(t.projectId)).map((t) => ({ id: t.id, kind: 'task' as const, name: t.name })),
      ...(yourName.trim() ? [{ id: 'you', kind: 'user' as const, name: yourName.trim() }] : []),
    ];
    return new Map(suggestMappings(items, refsOf(snap.lists), { threshold: AUTO_THRESHOLD }).map((s) => [`${s.localKind}:${s.localId}`, s]));
  }, [snap, local, yourName]);

  if (!snap || !local) return null;
  const { lists } = snap;
  const classTracking = snap.preferences.AccountingInfoPrefs?.ClassTrackingPerTxn === true;
  const serviceItems = lists.item;
  const clientName = new Map(local.clients.map((c) => [c.id, c.name]));
  const projectLabel = (p: Pick<ProjectRow, 'name' | 'clientId'>) => projectLabelOf({ name: p.name, clientName: p.clientId ? clientName.get(p.clientId) : undefined });
  const projectById = new Map(local.projects.map((p) => [p.id, p]));
  const tasks = local.tasks.filter((t) => projectById.has(t.projectId));
  const worker = snap.worker;
  const workerRows = worker?.nameOf === 'Vendor' ? lists.vendor : lists.employee;
  const workerMark = markFor(worker?.id ?? null, workerRows, 'employee or vendor');

  // Every link still to make or to fix: customer, service item (the project's or all its tasks'), class when required, you.
  const unmapped =
    local.projects.filter((p) => markFor(p.qboCustomerId, lists.customer, 'customer').kind !== 'ok').length +
    local.projects.filter((p) => markFor(p.qboItemId, serviceItems, 'service item', tasks.some((t) => t.projectId === p.id && t.qboItemId)).kind !== 'ok').length +
    tasks.filter((t) => markFor(t.qboItemId, serviceItems, 'service item', Boolean(projectById.get(t.projectId)?.qboItemId)).kind !== 'ok').length +
    (classTracking ? local.projects.filter((p) => markFor(p.qboClassId, lists.class, 'class').kind !== 'ok').length : 0) +
    (workerMark.kind !== 'ok' ? 1 : 0);

  const setWorker = (w: WorkerMapping | null) => repos.mirrorOf(companyId).setState('worker', w);

  async function applyAll() {
    let applied = 0;
    let left = 0;
    for (const p of local!.projects) {
      if (p.qboCustomerId) continue;
      const auto = suggestions.get(`project:${p.id}`)?.autoApply;
      if (auto) {
        await repos.projects.update(p.id, { qboCustomerId: auto.qboId });
        applied++;
      } else left++;
    }
    for (const t of tasks) {
      if (t.qboItemId) continue;
      const auto = suggestions.get(`task:${t.id}`)?.autoApply;
      if (auto) {
        await repos.tasks.update(t.id, { qboItemId: auto.qboId });
        applied++;
      } else if (!projectById.get(t.projectId)?.qboItemId) left++;
    }
    if (!worker) {
      const auto = suggestions.get('user:you')?.autoApply;
      if (auto) {
        await setWorker({ nameOf: auto.kind === 'vendor' ? 'Vendor' : 'Employee', id: auto.qboId });
        applied++;
      } else left++;
    }
    setStatus(`Applied ${applied} suggestion${applied === 1 ? '' : 's'} at 90% or more.${left > 0 ? ` ${left} left for you to choose.` : ''}`);
  }

  /** The name as typed, saved when the field is left. */
  const saveName = () => {
    if (typedName !== null && typedName !== local.yourName) void repos.qboMirror.setState('mapping.yourName', typedName.trim());
  };

  return {
    imported: snap.importedAt !== null,
    lists, classTracking, serviceItems, projects: local.projects, tasks, projectById, projectLabel,
    worker, workerRows, workerMark, unmapped, suggestions, status,
    yourName, setTypedName, saveName, setWorker, applyAll,
  };
}

export type Mapping = NonNullable<ReturnType<typeof useMapping>>;
