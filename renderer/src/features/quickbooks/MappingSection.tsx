// Mapping tab: each project to a QuickBooks customer or sub-customer ("Parent:Job"), its default
// service item and (when QuickBooks tracks classes) a class; each task to a service item; you to an
// employee or vendor. Suggestions come from shared/mapping with their confidence and reason; only
// those at or above 90% that are active and clearly ahead are applied by the button, everything
// else waits for the user. Inactive QuickBooks records can't be picked (they are shown, marked);
// one that is already linked stays selected and is flagged, since pre-flight will hold its time.
import type { MappingSuggestion } from '../../../../shared/mapping';
import { useRepos } from '../../data/repos-context';
import type { QboEntityRow } from '../../db/schema';
import { CompanyAssignment } from './CompanyAssignment';
import { displayName } from './mirror-hooks';
import { useQboCompanies } from './use-companies';
import { AUTO_THRESHOLD, markFor, useMapping, type Mark, type Mapping } from './use-mapping';

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

export function MappingSection() {
  const m = useMapping();
  const { companies } = useQboCompanies();
  const several = (companies?.length ?? 0) > 1;
  if (!m) return <p className="muted">Loading…</p>;
  if (!m.imported) {
    return (
      <section className="card qbo-tabpanel-card">
        <h2>Mapping</h2><p>Import from QuickBooks first (Company tab); then link projects, tasks and yourself here.</p>
        {several ? <CompanyAssignment companies={companies!} /> : null}
      </section>
    );
  }
  const { unmapped, status } = m;

  return (
    <section className="card qbo-tabpanel-card qbo-mapping" aria-labelledby="qbo-mapping-title">
      <div className="qbo-section-head">
        <h2 id="qbo-mapping-title">Mapping</h2>
        <span className={unmapped > 0 ? 'qbo-badge qbo-badge-unmapped' : 'qbo-badge qbo-badge-ok'}>{unmapped > 0 ? `${unmapped} to link` : 'Everything linked'}</span>
      </div>
      <p className="muted">Time goes to QuickBooks by record, not by name. Anything not linked yet gets suggestions that show how sure they are and why; the button applies only those at 90% or more.</p>
      <div className="qbo-actions">
        <button type="button" className="button" onClick={() => void m.applyAll()}>Apply suggestions above 90%</button>
      </div>
      {status ? <p role="status" className="qbo-ok">{status}</p> : null}

      {several ? <CompanyAssignment companies={companies!} /> : null}
      <YouMapping m={m} />
      <ProjectsMapping m={m} />
      {m.tasks.length > 0 ? <TasksMapping m={m} /> : null}
    </section>
  );
}

/** You: the name suggestions look for, and the employee or vendor time is recorded for. */
function YouMapping({ m }: { m: Mapping }) {
  const { lists, worker, workerRows, workerMark } = m;
  const workerValue = worker ? `${worker.nameOf}:${worker.id}` : '';
  const workerKnown = !worker || workerRows.some((r) => r.id === worker.id);
  return (
    <>
      <h3>You</h3>
      <div className="qbo-map-you">
        <label className="qbo-map-field"><span>Your name in QuickBooks (for suggestions)</span>
          <input value={m.yourName} onChange={(e) => m.setTypedName(e.target.value)} placeholder="e.g. Emily Platt"
            onBlur={m.saveName} />
        </label>
        <label className="qbo-map-field"><span>Time is recorded for</span>
          <select aria-label="Time is recorded for" className="qbo-map-select" value={workerValue} onChange={(e) => {
            const [nameOf, id] = e.target.value.split(':') as ['Employee' | 'Vendor', string];
            void m.setWorker(e.target.value ? { nameOf, id } : null);
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
        {workerMark.kind !== 'ok' ? <Suggestions label="you" suggestion={m.suggestions.get('user:you')} current={worker?.id ?? null} onUse={(id) => {
          const c = m.suggestions.get('user:you')?.candidates.find((x) => x.qboId === id);
          void m.setWorker({ nameOf: c?.kind === 'vendor' ? 'Vendor' : 'Employee', id });
        }} /> : null}
      </div>
    </>
  );
}

/** Each project to a customer or job, a service item and (when QuickBooks tracks classes) a class. */
function ProjectsMapping({ m }: { m: Mapping }) {
  const repos = useRepos();
  const { projects, tasks, lists, serviceItems, classTracking, projectLabel } = m;
  return (
    <>
      <h3>Projects</h3>
      {projects.length === 0 ? <p className="muted">No projects yet. Add them in Settings.</p> : (
        <table className="qbo-table qbo-map-table" aria-label="Projects">
          <thead><tr><th scope="col">Project</th><th scope="col">Customer or job</th><th scope="col">Service item</th>{classTracking ? <th scope="col">Class</th> : null}</tr></thead>
          <tbody>
            {projects.map((p) => {
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
                    {cMark.kind !== 'ok' ? <Suggestions label={label} suggestion={m.suggestions.get(`project:${p.id}`)} current={p.qboCustomerId} onUse={(id) => void repos.projects.update(p.id, { qboCustomerId: id })} /> : null}
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
    </>
  );
}

/** Each task to a service item (or its project's). */
function TasksMapping({ m }: { m: Mapping }) {
  const repos = useRepos();
  const { tasks, serviceItems, projectById, projectLabel } = m;
  return (
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
                  {!t.qboItemId || mark.kind !== 'ok' ? <Suggestions label={label} suggestion={m.suggestions.get(`task:${t.id}`)} current={t.qboItemId} onUse={(id) => void repos.tasks.update(t.id, { qboItemId: id })} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
