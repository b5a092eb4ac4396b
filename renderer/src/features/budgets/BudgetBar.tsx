// A project's budget use as a small bar with the share and the limit: "82% of 40:00 h".
import { budgetAmountText } from '../../../../shared/billing/budget';
import { navigatorLocale } from '../projects/rules';
import type { ProjectBudgetUse } from './budget-usage';
import './budgets.css';

export function BudgetBar({ use }: { use: ProjectBudgetUse }) {
  const { project, fraction, level } = use;
  const limit = budgetAmountText(project.budget, project.budget.limit, project.currency, navigatorLocale());
  const percent = Math.floor(fraction / 100);
  return (
    <span className={`budget-bar ${level}`} data-testid="project-budget" title={use.words}>
      <meter min={0} max={100} low={80} high={99} optimum={0} value={Math.min(percent, 100)} aria-label={`Budget used by ${project.name}`} />
      <span className={level === 'ok' ? 'muted' : level === 'over' ? 'error' : 'warning'}>{percent}% of {limit}</span>
    </span>
  );
}
