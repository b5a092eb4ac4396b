// Projects billed by retainer, fixed fee or progress billing: where each stands (hours used,
// overage, what is not yet earned) and the invoices now due, ticked for the preview. Their time
// is not in the hourly list below; it is billed here, by the arrangement's own lines.
import { useState } from 'react';
import { formatDate } from '../../../../shared/time/display';
import { useUi } from '../../app/ui-store';
import type { ArrangementSummary, InvoiceService } from './invoice-service';
import { amount } from './invoice-format';
import { useLoad } from './use-load';

const KIND: Record<ArrangementSummary['kind'], string> = { retainer: 'Retainer', fixedFee: 'Fixed fee', progress: 'Progress billing' };

function Proposals({ project, checked, onCheck }: { project: ArrangementSummary; checked: ReadonlySet<string>; onCheck: (key: string, on: boolean) => void }) {
  if (project.proposals.length === 0) return <p className="muted">Nothing is due yet.</p>;
  return (
    <ul className="inv-proposals" aria-label={`Invoices due for ${project.projectName}`}>
      {project.proposals.map((p) => (
        <li key={p.key}>
          <label>
            <input type="checkbox" checked={checked.has(p.key)} disabled={!project.linked} onChange={(e) => onCheck(p.key, e.target.checked)} /> {p.title}
          </label>{' '}
          <span className="qbo-num">{amount(p.totalMinor, p.currency)}</span> <span className="muted">due {formatDate(p.dueOn)}</span>
          {project.autoCreate ? <span className="muted"> · made automatically within the hour</span> : null}
        </li>
      ))}
    </ul>
  );
}

function ProjectCard({ project, checked, onCheck }: { project: ArrangementSummary; checked: ReadonlySet<string>; onCheck: (key: string, on: boolean) => void }) {
  const go = useUi((s) => s.go);
  return (
    <li className="inv-arrangement">
      <h3>
        {project.projectName}{project.clientName ? <span className="muted"> — {project.clientName}</span> : null} <span className="badge">{KIND[project.kind]}</span>
      </h3>
      <p>{project.status.summary}</p>
      {project.linked ? null : (
        <p role="alert" className="error">
          This project is not linked to a QuickBooks customer, so it cannot be invoiced.{' '}
          <button type="button" className="link-button" onClick={() => go('quickbooks')}>Link it in QuickBooks</button>
        </p>
      )}
      <Proposals project={project} checked={checked} onCheck={onCheck} />
    </li>
  );
}

/** Hidden when no project has an arrangement; `onPreview` gets the ticked proposals' keys. */
export function ArrangementsSection({ service, version, onPreview }: { service: InvoiceService; version: number; onPreview: (keys: string[]) => void }) {
  const arranged = useLoad(() => service.arrangements(), JSON.stringify([service.companyId, version]));
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const check = (key: string, on: boolean) => setChecked((s) => { const n = new Set(s); if (on) n.add(key); else n.delete(key); return n; });
  if (arranged.error) return <p role="alert" className="banner error">The billing arrangements could not be read: {arranged.error}</p>;
  const projects = arranged.data ?? [];
  if (projects.length === 0) return null;
  const due = projects.flatMap((p) => p.proposals.map((x) => x.key));
  const chosen = due.filter((k) => checked.has(k));
  return (
    <section className="card inv-arrangements" aria-labelledby="inv-arrangements-title">
      <h2 id="inv-arrangements-title">Retainers, fixed fees and progress billing</h2>
      <ul className="inv-arrangement-list">
        {projects.map((p) => <ProjectCard key={p.projectId} project={p} checked={checked} onCheck={check} />)}
      </ul>
      {due.length > 0 ? (
        <div className="qbo-actions">
          <button type="button" className="button primary" disabled={chosen.length === 0} onClick={() => onPreview(chosen)}>Preview these invoices{chosen.length > 0 ? ` (${chosen.length})` : ''}</button>
          {chosen.length === 0 ? <span className="muted">Tick the invoices to make.</span> : null}
        </div>
      ) : null}
    </section>
  );
}
