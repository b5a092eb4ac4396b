// Settings › Projects & clients: clients with their projects (colour, billable, current rate,
// rounding, billing arrangement and budget use), create/rename/archive, tasks, and effective-dated
// rate history.
import { ClientGroup, ProjectList } from './ClientGroup';
import { SectionEditor } from './SectionEditor';
import { useProjectsView, type EstimatesFor } from './use-projects-view';

/** `estimatesFor`: the QuickBooks Estimates a project's progress budget can be taken from (none: no picker). */
export function ProjectsSection({ estimatesFor }: { estimatesFor?: EstimatesFor } = {}) {
  const view = useProjectsView(estimatesFor);
  if (!view) return <p className="muted">Loading…</p>;
  const loose = view.projectsOf(null);
  return (
    <>
      <div className="card-head">
        <p className="lead" style={{ margin: 0 }}>Clients, their projects and tasks. Rates change from a date, so work already done keeps the rate it was done at.</p>
        <div className="actions">
          <label className="check"><input type="checkbox" checked={view.showArchived} onChange={(e) => view.setShowArchived(e.target.checked)} /> Show archived</label>
          <button type="button" className="button" onClick={() => view.setEditor({ kind: 'client' })}>New client</button>
          <button type="button" className="button primary" onClick={() => view.setEditor({ kind: 'project' })}>New project</button>
        </div>
      </div>
      <SectionEditor where="top" view={view} />
      {view.visibleClients.length === 0 && loose.length === 0 ? (
        <p className="muted">No clients or projects yet. Create a client, then its projects — or import a CSV from Toggl, Clockify or Harvest below and they are created for you.</p>
      ) : null}
      {view.visibleClients.map((c) => <ClientGroup key={c.id} client={c} view={view} />)}
      {loose.length > 0 ? (
        <section className="client-group" aria-label="Projects without a client">
          <div className="client-head"><h3>No client</h3></div>
          <ProjectList projects={loose} clientId={null} view={view} />
        </section>
      ) : null}
    </>
  );
}
