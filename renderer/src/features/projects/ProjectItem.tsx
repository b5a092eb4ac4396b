// One project on Settings › Projects & clients: colour, billable, current rate (and whose it is),
// rounding, billing arrangement, budget use, and its actions; open, its tasks and rate history.
import { describeRounding } from '../../../../shared/rounding/billed';
import { effectiveRounding } from '../../../../shared/rounding/policy';
import { useRepos } from '../../data/repos-context';
import type { ProjectRow } from '../../db/schema';
import { BudgetBar } from '../budgets/BudgetBar';
import { arrangementWords } from './billing-form';
import { colourName } from './palette';
import { RateHistory } from './RateHistory';
import { rateText } from './rules';
import { TaskList } from './TaskList';
import type { ProjectsView } from './use-projects-view';

export function ProjectItem({ project: p, clientId, view }: { project: ProjectRow; clientId: string | null; view: ProjectsView }) {
  const repos = useRepos();
  const { projectCard, clientCard, defaultCard, rate } = view.rateOf(p, clientId);
  const budgetUse = view.budgetUses.get(p.id);
  const rateSource = projectCard ? '' : clientCard ? ' (client)' : defaultCard ? ' (default)' : '';
  const rounding = effectiveRounding(p, view.settings);
  const expanded = view.isOpen(p.id);
  return (
    <li className={`project-item${p.archived ? ' archived' : ''}`} data-testid={`project-${p.name}`}>
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
          <button type="button" className="button link small" aria-expanded={expanded} aria-label={`Tasks and rates of ${p.name}`} onClick={() => view.toggle(p.id)}>
            {expanded ? 'Hide details' : 'Tasks & rates'}
          </button>
          <button type="button" id={`edit-project-${p.id}`} className="button link small" aria-label={`Edit ${p.name}`} onClick={() => view.setEditor({ kind: 'project', project: p })}>Edit</button>
          <button type="button" className="button link small" aria-label={`${p.archived ? 'Restore' : 'Archive'} ${p.name}`}
            onClick={() => void (p.archived ? repos.projects.unarchive(p.id) : repos.projects.archive(p.id))}>{p.archived ? 'Restore' : 'Archive'}</button>
        </span>
      </div>
      {expanded ? (
        <div className="project-details">
          <TaskList project={p} showArchived={view.showArchived} rateCards={view.cards} />
          <div>
            <h4>Project rate</h4>
            <RateHistory scope="project" scopeId={p.id} currency={p.currency} cards={view.cardsOf('project', p.id)} label={p.name} />
          </div>
        </div>
      ) : null}
    </li>
  );
}
