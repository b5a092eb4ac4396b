// Mapping tab: each project to a QuickBooks customer or sub-customer ("Parent:Job"), its default
// service item and (when QuickBooks tracks classes) a class; each task to a service item; you to an
// employee or vendor. Suggestions come from shared/mapping with their confidence and reason; only
// those at or above 90% that are active and clearly ahead are applied by the button, everything
// else waits for the user. Inactive QuickBooks records can't be picked (they are shown, marked);
// one that is already linked stays selected and is flagged, since pre-flight will hold its time.
import { projectLabel as projectLabelOf } from '../../../../shared/entries/project-label';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { suggestMappings, type LocalItem, type MappingSuggestion, type QboRef } from '../../../../shared/mapping';
import type { WorkerMapping } from '../../../../shared/qbo/transform';
import { useRepos } from '../../data/repos-context';
import type { QboEntityRow } from '../../db/schema';
import { displayName, useCompanySnapshot, type MirrorLists } from './mirror-hooks';

export const AUTO_THRESHOLD = 0.9;

type Mark = { kind: 'ok' | 'unmapped' | 'inactive' | 'missing'; text: string };

function markFor(id: string | null, rows: readonly QboEntityRow[], what: string, optional = false): Mark {
  if (!id) return optional ? { kind: 'ok', text: '' } : { kind: 'unmapped', text: `No ${what}` };
  const row = rows.find((r) => r.id === id);
  if (!row) return { kind: 'missing', text: `The ${what} is no longer in QuickBooks` };
  if (!row.active) return { kind: 'inactive', text: `Inactive in QuickBooks: time is held back` };
  return { kind: 'ok', text: '' };
}

function MarkBadge({ mark }: { mark: Mark }) {
  if (mark.kind === 'ok') return null;
  return <span className={`qbo-badge qbo-badge-${mark.kind}`}>{mark.text}</span>;
}

/** A select over QuickBooks records: inactive ones are listed but disabled unless already chosen. */
function EntitySelect(props: {
  label: string;
  value: string | null;
  rows: readonly QboEntityRow[];
  emptyLabel: string;
  onChange: (id: string | null) => void;
  describe?: (row: QboEntityRow) => string;
}) {
  const { value, rows } = props;
  const missing = value && !rows.some((r) => r.id === value);
  return (
    <select aria-label={props.label} className="qbo-map-select" value={value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
      <option value="">{props.emptyLabel}</option>
      {missing ? <option value={value}>(no longer in QuickBooks)</option> : null}
      {rows.map((r) => (
        <option key={r.id} value={r.id} disabled={!r.active && r.id !== value}>
          {(props.describe ?? displayName)(r)}{r.active ? '' : ' (inactive)'}
        </option>
      ))}
    </select>
  );
}

function Suggestions(props: { suggestion: MappingSuggestion | undefined; current: string | null; onUse: (id: string) => void; label: string }) {
  const list = (props.suggestion?.candidates ?? []).filter((c) => c.qboId !== props.current).slice(0, 2);
  if (list.length === 0) return null;
  return (
    <ul className="qbo-map-suggestions" aria-label={`Suggestions for ${props.label}`}>
      {list.map((c) => (
        <li key={c.qboId}>
          <button type="button" className="button small" disabled={c.inactive} onClick={() => props.onUse(c.qboId)} title={c.reason}>
            Use {c.fullyQualifiedName}
          </button>{' '}
          <span className={c.confidence >= AUTO_THRESHOLD ? 'qbo-confidence high' : 'qbo-confidence'}>{Math.round(c.confidence * 100)}%</span>{' '}
          <span className="muted qbo-map-reason">{c.reason}</span>
        </li>
      ))}
    </ul>
  );
}

const refsOf = (lists: MirrorLists): QboRef[] => [
  ...lists.customer.map((r) => ({ id: r.id, name: r.name, fullyQualifiedName: displayName(r), active: r.active, kind: 'customer' as const })),
  ...lists.item.filter((r) => (r.subtype ?? 'Service') === 'Service').map((r) => ({ id: r.id, name: r.name, fullyQualifiedName: displayName(r), active: r.active, kind: 'item' as const })),
  ...lists.employee.map((r) => ({ id: r.id, name: r.name, active: r.active, kind: 'employee' as const })),
  ...lists.vendor.map((r) => ({ id: r.id, name: r.name, active: r.active, kind: 'vendor' as const })),
];

export function MappingSection() {
  const repos = useRepos();
  const snap = useCompanySnapshot();
  const local = useLiveQuery(async () => {
    const [projects, tasks, clients, yourName] = await Promise.all([
      repos.projects.list(),
      repos.tasks.list(),
      repos.clients.list({ includeArchived: true }),
      repos.qboMirror.getState<string>('mapping.yourName'),
    ]);
    return { projects, tasks, clients, yourName: yourName ?? '' };
  }, [repos]);
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

  if (!snap || !local) return <p className="muted">Loading…</p>;
  if (snap.importedAt === null) {
    return <section className="card qbo-tabpanel-card"><h2>Mapping</h2><p>Import from QuickBooks first (Company tab); then link projects, tasks and yourself here.</p></section>;
  }

  const { lists } = snap;
  const classTracking = snap.preferences.AccountingInfoPrefs?.ClassTrackingPerTxn === true;
  const serviceItems = lists.item;
  const clientName = new Map(local.clients.map((c) => [c.id, c.name]));
  const projectLabel = (p: { name: string; clientId: string | null }) => projectLabelOf({ name: p.name, clientName: p.clientId ? clientName.get(p.clientId) : undefined });
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

  const setWorker = (w: WorkerMapping | null) => repos.qboMirror.setState('worker', w);

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

  const workerValue = worker ? `${worker.nameOf}:${worker.id}` : '';
  const workerKnown = !worker || workerRows.some((r) => r.id === worker.id);

  return (
    <section className="card qbo-tabpanel-card qbo-mapping" aria-labelledby="qbo-mapping-title">
      <div className="qbo-section-head">
        <h2 id="qbo-mapping-title">Mapping</h2>
        <span className={unmapped > 0 ? 'qbo-badge qbo-badge-unmapped' : 'qbo-badge qbo-badge-ok'}>{unmapped > 0 ? `${unmapped} to link` : 'Everything linked'}</span>
      </div>
      <p className="muted">Time goes to QuickBooks by record, not by name. Anything not linked yet gets suggestions that show how sure they are and why; the button applies only those at 90% or more.</p>
      <div className="qbo-actions">
        <button type="button" className="button" onClick={() => void applyAll()}>Apply suggestions above 90%</button>
      </div>
      {status ? <p role="status" className="qbo-ok">{status}</p> : null}

      <h3>You</h3>
      <div className="qbo-map-you">
        <label className="qbo-map-field"><span>Your name in QuickBooks (for suggestions)</span>
          <input value={yourName} onChange={(e) => setTypedName(e.target.value)} placeholder="e.g. Emily Platt"
            onBlur={() => { if (typedName !== null && typedName !== local.yourName) void repos.qboMirror.setState('mapping.yourName', typedName.trim()); }} />
        </label>
        <label className="qbo-map-field"><span>Time is recorded for</span>
          <select aria-label="Time is recorded for" className="qbo-map-select" value={workerValue} onChange={(e) => {
            const [nameOf, id] = e.target.value.split(':') as ['Employee' | 'Vendor', string];
            void setWorker(e.target.value ? { nameOf, id } : null);
          }}>
            <option value="">Choose an employee or vendor</option>
            {!workerKnown ? <option value={workerValue}>(no longer in QuickBooks)</option> : null}
            <optgroup label="Employees">
              {lists.employee.map((r) => <option key={r.id} value={`Employee:${r.id}`} disabled={!r.active && `Employee:${r.id}` !== workerValue}>{r.name}{r.active ? '' : ' (inactive)'}</option>)}
            </optgroup>
            <optgroup label="Vendors">
              {lists.vendor.map((r) => <option key={r.id} value={`Vendor:${r.id}`} disabled={!r.active && `Vendor:${r.id}` !== workerValue}>{r.name}{r.subtype === '1099' ? ' — 1099 contractor' : ''}{r.active ? '' : ' (inactive)'}</option>)}
            </optgroup>
          </select>
        </label>
        <MarkBadge mark={workerMark} />
        {workerMark.kind !== 'ok' ? <Suggestions label="you" suggestion={suggestions.get('user:you')} current={worker?.id ?? null} onUse={(id) => {
          const c = suggestions.get('user:you')?.candidates.find((x) => x.qboId === id);
          void setWorker({ nameOf: c?.kind === 'vendor' ? 'Vendor' : 'Employee', id });
        }} /> : null}
      </div>

      <h3>Projects</h3>
      {local.projects.length === 0 ? <p className="muted">No projects yet. Add them in Settings.</p> : (
        <table className="qbo-table qbo-map-table" aria-label="Projects">
          <thead><tr><th scope="col">Project</th><th scope="col">Customer or job</th><th scope="col">Service item</th>{classTracking ? <th scope="col">Class</th> : null}</tr></thead>
          <tbody>
            {local.projects.map((p) => {
              const label = projectLabel(p);
              const cMark = markFor(p.qboCustomerId, lists.customer, 'customer');
              const hasTaskItems = tasks.some((t) => t.projectId === p.id && t.qboItemId);
              const iMark = markFor(p.qboItemId, serviceItems, 'service item', hasTaskItems);
              const kMark = classTracking ? markFor(p.qboClassId, lists.class, 'class') : { kind: 'ok' as const, text: '' };
              const flagged = cMark.kind !== 'ok' || iMark.kind !== 'ok' || kMark.kind !== 'ok';
              return (
                <tr key={p.id} data-project={p.id} className={flagged ? 'qbo-map-flagged' : undefined}>
                  <th scope="row">{label}</th>
                  <td>
                    <EntitySelect label={`Customer for ${label}`} value={p.qboCustomerId} rows={lists.customer} emptyLabel="Not linked" onChange={(id) => void repos.projects.update(p.id, { qboCustomerId: id })} />
                    <MarkBadge mark={cMark} />
                    {cMark.kind !== 'ok' ? <Suggestions label={label} suggestion={suggestions.get(`project:${p.id}`)} current={p.qboCustomerId} onUse={(id) => void repos.projects.update(p.id, { qboCustomerId: id })} /> : null}
                  </td>
                  <td>
                    <EntitySelect label={`Service item for ${label}`} value={p.qboItemId} rows={serviceItems} emptyLabel="Not linked"
                      describe={(r) => `${displayName(r)}${r.subtype && r.subtype !== 'Service' ? ` (${r.subtype}, not a service)` : ''}`}
                      onChange={(id) => void repos.projects.update(p.id, { qboItemId: id })} />
                    <MarkBadge mark={iMark} />
                  </td>
                  {classTracking ? (
                    <td>
                      <EntitySelect label={`Class for ${label}`} value={p.qboClassId} rows={lists.class} emptyLabel="No class" onChange={(id) => void repos.projects.update(p.id, { qboClassId: id })} />
                      <MarkBadge mark={kMark} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {tasks.length > 0 ? (
        <>
          <h3>Tasks</h3>
          <table className="qbo-table qbo-map-table" aria-label="Tasks">
            <thead><tr><th scope="col">Task</th><th scope="col">Service item</th></tr></thead>
            <tbody>
              {tasks.map((t) => {
                const project = projectById.get(t.projectId)!;
                const label = `${projectLabel(project)} · ${t.name}`;
                const mark = markFor(t.qboItemId, serviceItems, 'service item', Boolean(project.qboItemId));
                return (
                  <tr key={t.id} data-task={t.id} className={mark.kind !== 'ok' ? 'qbo-map-flagged' : undefined}>
                    <th scope="row">{label}</th>
                    <td>
                      <EntitySelect label={`Service item for ${label}`} value={t.qboItemId} rows={serviceItems} emptyLabel={project.qboItemId ? "The project's item" : 'Not linked'} onChange={(id) => void repos.tasks.update(t.id, { qboItemId: id })} />
                      <MarkBadge mark={mark} />
                      {!t.qboItemId || mark.kind !== 'ok' ? <Suggestions label={label} suggestion={suggestions.get(`task:${t.id}`)} current={t.qboItemId} onUse={(id) => void repos.tasks.update(t.id, { qboItemId: id })} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
