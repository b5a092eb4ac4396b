// Settings › Projects & clients: clients with their projects (colour, billable, current rate,
// rounding, billing arrangement and budget use), create/rename/archive, tasks, and effective-dated
// rate history.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { effectiveRounding } from '../../../../shared/rounding/policy';
import { today } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow, RateCardRow, RoundingPolicy } from '../../db/schema';
import { Field } from '../settings/Field';
import { saveClient } from './actions';
import { colourName } from './palette';
import { ProjectEditor } from './ProjectEditor';
import { cardInForce, RateHistory } from './RateHistory';
import { describeRounding } from '../../../../shared/rounding/billed';
import { rateText } from './rules';
import { TaskList } from './TaskList';
import { arrangementWords } from './billing-form';
import type { EstimateChoice } from './BillingSection';
import { BudgetBar } from '../budgets/BudgetBar';
import { useBudgetUses } from '../budgets/use-budget-uses';

type Editor =
  | { kind: 'project'; project?: ProjectRow; clientId?: string | null }
  | { kind: 'client'; client?: ClientRow };

/** `estimatesFor`: the QuickBooks Estimates a project's progress budget can be taken from (none: no picker). */
export function ProjectsSection({ estimatesFor }: { estimatesFor?: (project: ProjectRow | undefined) => readonly EstimateChoice[] } = {}) {
  const repos = useRepos();
  const budgetUses = useBudgetUses();
  const clients = useLiveQuery(() => repos.clients.list({ includeArchived: true }), [repos]);
  const projects = useLiveQuery(() => repos.projects.list({ includeArchived: true }), [repos]);
  const cards = useLiveQuery(() => repos.rates.listAll(), [repos]);
  const settings = useLiveQuery(() => repos.settings.getAll(), [repos]);
  const [showArchived, setShowArchived] = useState(false);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // After a project's editor closes, its Edit button gets the focus back, which scrolls its row (and
  // its budget bar) into view: the taller editor had the page scrolled further down.
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (editor !== null || returnTo.current === null) return;
    document.getElementById(`edit-project-${returnTo.current}`)?.focus();
    returnTo.current = null;
  }, [editor]);
  const toggle = (id: string) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  if (!clients || !projects || !cards || !settings) return <p className="muted">Loading…</p>;

  const todayDate = today();
  const visibleClients = clients.filter((c) => showArchived || !c.archived);
  const clientIds = new Set(clients.map((c) => c.id));
  const projectsOf = (clientId: string | null) =>
    projects.filter((p) => (clientId === null ? p.clientId === null || !clientIds.has(p.clientId) : p.clientId === clientId) && (showArchived || !p.archived));
  const loose = projectsOf(null);
  const cardsOf = (scope: RateCardRow['scope'], id: string) => cards.filter((c) => c.scope === scope && c.scopeId === id);

  const rateOf = (p: ProjectRow | undefined, clientId: string | null) => {
    const projectCard = p ? cardInForce(cardsOf('project', p.id), todayDate) : undefined;
    const clientCard = clientId ? cardInForce(cardsOf('client', clientId), todayDate) : undefined;
    const defaultCard = cardInForce(cardsOf('default', ''), todayDate);
    return { projectCard, clientCard, defaultCard, rate: projectCard ?? clientCard ?? defaultCard };
  };

  const projectRow = (p: ProjectRow, client: ClientRow | null) => {
    const { projectCard, clientCard, defaultCard, rate } = rateOf(p, client?.id ?? null);
    const budgetUse = budgetUses.get(p.id);
    const rateSource = projectCard ? '' : clientCard ? ' (client)' : defaultCard ? ' (default)' : '';
    const rounding = effectiveRounding(p, settings);
    const expanded = open.has(p.id);
    return (
      <li key={p.id} className={`project-item${p.archived ? ' archived' : ''}`} data-testid={`project-${p.name}`}>
        <div className="project-row">
          <span className="project-name">
            <span className="dot" style={{ background: p.color }} title={colourName(p.color)} aria-hidden="true" />
            <span>{p.name}</span>
            {p.archived ? <span className="badge">archived</span> : null}
          </span>
          <span className={`badge${p.billable ? ' ok' : ''}`}>{p.billable ? 'Billable' : 'Non-billable'}</span>
          <span className="rate" data-testid="project-rate">{rate ? `${rateText(rate.rateMinor, rate.currency)}${rateSource}` : <span className="muted">No rate</span>}</span>
          <span className="muted" data-testid="project-rounding">{describeRounding(rounding.policy)}{rounding.source === 'project' ? ' (project)' : ''}</span>
          <span data-testid="project-billing">{arrangementWords(p.billing, p.currency)}</span>
          {budgetUse ? <BudgetBar use={budgetUse} /> : null}
          <span className="row-actions">
            <button type="button" className="button link small" aria-expanded={expanded} aria-label={`Tasks and rates of ${p.name}`} onClick={() => toggle(p.id)}>
              {expanded ? 'Hide details' : 'Tasks & rates'}
            </button>
            <button type="button" id={`edit-project-${p.id}`} className="button link small" aria-label={`Edit ${p.name}`} onClick={() => setEditor({ kind: 'project', project: p })}>Edit</button>
            <button type="button" className="button link small" aria-label={`${p.archived ? 'Restore' : 'Archive'} ${p.name}`}
              onClick={() => void (p.archived ? repos.projects.unarchive(p.id) : repos.projects.archive(p.id))}>{p.archived ? 'Restore' : 'Archive'}</button>
          </span>
        </div>
        {expanded ? (
          <div className="project-details">
            <TaskList project={p} showArchived={showArchived} rateCards={cards} />
            <div>
              <h4>Project rate</h4>
              <RateHistory scope="project" scopeId={p.id} currency={p.currency} cards={cardsOf('project', p.id)} label={p.name} />
            </div>
          </div>
        ) : null}
      </li>
    );
  };

  const editorFor = (where: 'top' | string) => {
    if (!editor) return null;
    if (editor.kind === 'client' && (editor.client?.id ?? 'top') === where) {
      return <ClientEditor client={editor.client} onDone={() => setEditor(null)} />;
    }
    if (editor.kind === 'project' && (editor.project?.id ?? 'top') === where) {
      const { rate } = rateOf(editor.project, editor.project?.clientId ?? editor.clientId ?? null);
      return (
        <ProjectEditor project={editor.project} clients={clients} presetClientId={editor.clientId} currency={settings.currency}
          workspaceRounding={settings.rounding as RoundingPolicy} today={todayDate} projectRate={rate ? rateText(rate.rateMinor, rate.currency) : null}
          estimates={estimatesFor?.(editor.project) ?? []} onDone={() => { returnTo.current = editor.project?.id ?? null; setEditor(null); }} />
      );
    }
    return null;
  };

  return (
    <>
      <div className="card-head">
        <p className="lead" style={{ margin: 0 }}>Clients, their projects and tasks. Rates change from a date, so work already done keeps the rate it was done at.</p>
        <div className="actions">
          <label className="check"><input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived</label>
          <button type="button" className="button" onClick={() => setEditor({ kind: 'client' })}>New client</button>
          <button type="button" className="button primary" onClick={() => setEditor({ kind: 'project' })}>New project</button>
        </div>
      </div>
      {editorFor('top')}
      {visibleClients.length === 0 && loose.length === 0 ? (
        <p className="muted">No clients or projects yet. Create a client, then its projects — or import a CSV from Toggl, Clockify or Harvest below and they are created for you.</p>
      ) : null}
      {visibleClients.map((c) => {
        const list = projectsOf(c.id);
        const showRates = open.has(`client:${c.id}`);
        return (
          <section key={c.id} className={`client-group${c.archived ? ' archived' : ''}`} aria-label={`Client ${c.name}`}>
            <div className="client-head">
              <h3>{c.name}</h3>
              {c.archived ? <span className="badge">archived</span> : null}
              <button type="button" className="button link small" aria-label={`Rename client ${c.name}`} onClick={() => setEditor({ kind: 'client', client: c })}>Rename</button>
              <button type="button" className="button link small" aria-expanded={showRates} aria-label={`Rates of client ${c.name}`} onClick={() => toggle(`client:${c.id}`)}>Client rate</button>
              <button type="button" className="button link small" aria-label={`Add a project for ${c.name}`} onClick={() => setEditor({ kind: 'project', clientId: c.id })}>Add project</button>
              <button type="button" className="button link small" aria-label={`${c.archived ? 'Restore' : 'Archive'} client ${c.name}`}
                onClick={() => void (c.archived ? repos.clients.unarchive(c.id) : repos.clients.archive(c.id))}>{c.archived ? 'Restore' : 'Archive'}</button>
            </div>
            {editorFor(c.id)}
            {showRates ? <RateHistory scope="client" scopeId={c.id} currency={settings.currency} cards={cardsOf('client', c.id)} label={`client ${c.name}`} /> : null}
            {list.length === 0 ? <p className="muted">No projects{showArchived ? '' : ' (archived ones are hidden)'}.</p> : (
              <ul className="project-list">
                {list.map((p) => (
                  <ProjectSlot key={p.id} editing={editor?.kind === 'project' && editor.project?.id === p.id} editorNode={editorFor(p.id)}>{projectRow(p, c)}</ProjectSlot>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {loose.length > 0 ? (
        <section className="client-group" aria-label="Projects without a client">
          <div className="client-head"><h3>No client</h3></div>
          <ul className="project-list">
            {loose.map((p) => (
              <ProjectSlot key={p.id} editing={editor?.kind === 'project' && editor.project?.id === p.id} editorNode={editorFor(p.id)}>{projectRow(p, null)}</ProjectSlot>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function ProjectSlot({ editing, editorNode, children }: { editing: boolean; editorNode: ReactNode; children: ReactNode }) {
  return editing ? <li className="project-item">{editorNode}</li> : <>{children}</>;
}

function ClientEditor({ client, onDone }: { client?: ClientRow; onDone: () => void }) {
  const repos = useRepos();
  const [name, setName] = useState(client?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const heading = client ? `Rename client “${client.name}”` : 'New client';

  async function submit() {
    const result = await saveClient(repos, name, client?.id);
    if (result.ok) onDone();
    else setError(result.errors.name ?? null);
  }

  return (
    <form className="editor" aria-label={heading} onChange={() => setError(null)} onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }}>
      <h3>{heading}</h3>
      <div className="inline-form">
        <Field label="Client name" error={error}><input value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="off" /></Field>
        <div className="set-field"><span className="set-label">&nbsp;</span>
          <div className="inline-form">
            <button type="submit" className="button primary">{client ? 'Save' : 'Create client'}</button>
            <button type="button" className="button" onClick={onDone}>Cancel</button>
          </div>
        </div>
      </div>
    </form>
  );
}
