// A client on Settings › Projects & clients with its actions, its rate history when open, and its
// projects; and a list of projects, one of which may be open in the editor in its place.
import type { ReactNode } from 'react';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow } from '../../db/schema';
import { ProjectItem } from './ProjectItem';
import { RateHistory } from './RateHistory';
import { SectionEditor } from './SectionEditor';
import type { ProjectsView } from './use-projects-view';

export function ClientGroup({ client: c, view }: { client: ClientRow; view: ProjectsView }) {
  const repos = useRepos();
  const list = view.projectsOf(c.id);
  const showRates = view.isOpen(`client:${c.id}`);
  return (
    <section className={`client-group${c.archived ? ' archived' : ''}`} aria-label={`Client ${c.name}`}>
      <div className="client-head">
        <h3>{c.name}</h3>
        {c.archived ? <span className="badge">archived</span> : null}
        <button type="button" className="button link small" aria-label={`Rename client ${c.name}`} onClick={() => view.setEditor({ kind: 'client', client: c })}>Rename</button>
        <button type="button" className="button link small" aria-expanded={showRates} aria-label={`Rates of client ${c.name}`} onClick={() => view.toggle(`client:${c.id}`)}>Client rate</button>
        <button type="button" className="button link small" aria-label={`Add a project for ${c.name}`} onClick={() => view.setEditor({ kind: 'project', clientId: c.id })}>Add project</button>
        <button type="button" className="button link small" aria-label={`${c.archived ? 'Restore' : 'Archive'} client ${c.name}`}
          onClick={() => void (c.archived ? repos.clients.unarchive(c.id) : repos.clients.archive(c.id))}>{c.archived ? 'Restore' : 'Archive'}</button>
      </div>
      <SectionEditor where={c.id} view={view} />
      {showRates ? <RateHistory scope="client" scopeId={c.id} currency={view.settings.currency} cards={view.cardsOf('client', c.id)} label={`client ${c.name}`} /> : null}
      {list.length === 0 ? <p className="muted">No projects{view.showArchived ? '' : ' (archived ones are hidden)'}.</p> : <ProjectList projects={list} clientId={c.id} view={view} />}
    </section>
  );
}

export function ProjectList({ projects, clientId, view }: { projects: readonly ProjectRow[]; clientId: string | null; view: ProjectsView }) {
  return (
    <ul className="project-list">
      {projects.map((p) => (
        <ProjectSlot key={p.id} editing={view.editor?.kind === 'project' && view.editor.project?.id === p.id} editorNode={<SectionEditor where={p.id} view={view} />}>
          <ProjectItem project={p} clientId={clientId} view={view} />
        </ProjectSlot>
      ))}
    </ul>
  );
}

function ProjectSlot({ editing, editorNode, children }: { editing: boolean; editorNode: ReactNode; children: ReactNode }) {
  return editing ? <li className="project-item">{editorNode}</li> : <>{children}</>;
}
