// Picks a project (or "No project") from the active projects, grouped by client, with a search
// box. When there are no projects yet it offers "Create project…" right here, so a new user can
// start a timer without visiting another screen first.
import { useMemo, useState, type FormEvent } from 'react';
import { Modal } from '../../components/Modal';
import { useRepos } from '../../data/repos-context';
import type { ProjectRow } from '../../db/schema';
import type { Catalog } from '../entries/catalog';
import { NO_PROJECT } from '../../../../shared/entries/project-label';
import './timer.css';

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'];

interface Props {
  catalog: Catalog;
  value: string | null;
  onChange: (projectId: string | null) => void;
  /** Visible text before the chosen project, e.g. "Project" or "Switch project". */
  label?: string;
  id?: string;
  disabled?: boolean;
}

export function ProjectPicker({ catalog, value, onChange, label = 'Project', id, disabled }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" id={id} className="button project-button" aria-haspopup="dialog" disabled={disabled}
        aria-label={`${label}: ${catalog.label(value)}`} onClick={() => setOpen(true)}>
        <span className="chip" style={{ background: catalog.color(value) }} aria-hidden="true" />
        <span className="project-button-text">{catalog.label(value)}</span>
        <span aria-hidden="true" className="caret">▾</span>
      </button>
      {open ? (
        <ProjectDialog catalog={catalog} value={value} title={label}
          onPick={(p) => { setOpen(false); onChange(p); }} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function ProjectDialog({ catalog, value, title, onPick, onClose }: {
  catalog: Catalog;
  value: string | null;
  title: string;
  onPick: (projectId: string | null) => void;
  onClose: () => void;
}) {
  const active = useMemo(() => catalog.projects.filter((p) => !p.archived), [catalog]);
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(active.length === 0);

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const byClient = new Map<string, { name: string; projects: ProjectRow[] }>();
    for (const p of active) {
      const client = p.clientId ? catalog.clientById.get(p.clientId) : undefined;
      const clientName = client?.name ?? 'No client';
      if (q && !`${clientName} ${p.name}`.toLowerCase().includes(q)) continue;
      const key = client?.id ?? '';
      const group = byClient.get(key) ?? { name: clientName, projects: [] };
      group.projects.push(p);
      byClient.set(key, group);
    }
    return [...byClient.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [active, catalog, query]);

  const showNone = !query.trim() || NO_PROJECT.toLowerCase().includes(query.trim().toLowerCase());

  return (
    <Modal title={title} onClose={onClose} className="project-dialog">
      {active.length > 0 ? (
        <input type="search" className="input wide" placeholder="Search projects or clients" aria-label="Search projects"
          value={query} onChange={(e) => setQuery(e.target.value)} autoFocus
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const first = groups[0]?.projects[0];
            if (first) onPick(first.id);
          }} />
      ) : (
        <p className="muted">No projects yet. Create your first one; you can add more later.</p>
      )}
      <div className="project-options" role="group" aria-label="Projects">
        {showNone ? (
          <button type="button" className="project-option" aria-pressed={value === null} onClick={() => onPick(null)}>
            <span className="chip" style={{ background: catalog.color(null) }} aria-hidden="true" /> {NO_PROJECT}
          </button>
        ) : null}
        {groups.map((g) => (
          <div key={g.name} role="group" aria-label={g.name} className="project-group">
            <div className="project-group-name" aria-hidden="true">{g.name}</div>
            {g.projects.map((p) => (
              <button key={p.id} type="button" className="project-option" aria-pressed={value === p.id}
                aria-label={catalog.label(p.id)} onClick={() => onPick(p.id)}>
                <span className="chip" style={{ background: p.color }} aria-hidden="true" /> {p.name}
              </button>
            ))}
          </div>
        ))}
        {active.length > 0 && groups.length === 0 && !showNone ? <p className="muted">No project matches “{query}”.</p> : null}
      </div>
      {creating ? (
        <CreateProjectForm catalog={catalog} initialName={query} onCreated={(p) => onPick(p.id)} />
      ) : (
        <button type="button" className="button" onClick={() => setCreating(true)}>Create project…</button>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>Cancel</button>
      </div>
    </Modal>
  );
}

function CreateProjectForm({ catalog, initialName, onCreated }: { catalog: Catalog; initialName: string; onCreated: (p: ProjectRow) => void }) {
  const repos = useRepos();
  const [name, setName] = useState(initialName);
  const [clientName, setClientName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const projectName = name.trim();
    if (!projectName) {
      setError('Give the project a name.');
      return;
    }
    setBusy(true);
    try {
      const wanted = clientName.trim();
      let clientId: string | null = null;
      if (wanted) {
        const existing = catalog.clients.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
        clientId = existing ? existing.id : (await repos.clients.create({ name: wanted })).id;
      }
      const project = await repos.projects.create({ name: projectName, clientId, color: PALETTE[catalog.projects.length % PALETTE.length]! });
      onCreated(project);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className="create-project" onSubmit={submit} aria-label="Create project">
      <h3>Create project</h3>
      <div className="field-row">
        <label className="field">
          <span>Project name</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus={catalog.projects.length === 0} required />
        </label>
        <label className="field">
          <span>Client <span className="muted">(optional)</span></span>
          <input className="input" value={clientName} onChange={(e) => setClientName(e.target.value)} list="client-names" />
          <datalist id="client-names">{catalog.clients.filter((c) => !c.archived).map((c) => <option key={c.id} value={c.name} />)}</datalist>
        </label>
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <button type="submit" className="button primary" disabled={busy}>Create and choose</button>
    </form>
  );
}
