// Which budget thresholds have been announced, so each alerts once: per project and budget value
// (a changed budget alerts afresh), and again only after the project has gone back under 80%. The
// record lives in settings ('budgetAlerts') and is read and written in one transaction, so two
// checks running at once cannot both announce the same crossing.
import type { Repos } from '../../db/repos';
import type { Settings } from '../../db/repos/settings-repo';
import type { ProjectBudgetUse } from './budget-usage';

export interface BudgetAlert {
  projectId: string;
  projectName: string;
  level: 'warning' | 'over';
  words: string;
}

type Alerted = Settings['budgetAlerts'];

const budgetKey = (u: ProjectBudgetUse) => `${u.project.budget.kind}:${u.project.budget.limit}`;

/** The record after these uses, and the crossings it has not announced yet. */
function nextAlerted(current: Alerted, uses: readonly ProjectBudgetUse[]): { next: Alerted; alerts: BudgetAlert[] } {
  const next: Alerted = {};
  const alerts: BudgetAlert[] = [];
  for (const u of uses) {
    const key = budgetKey(u);
    const before = current[u.project.id]?.budget === key ? current[u.project.id] : undefined;
    if (u.level === 'ok') continue;
    const announce = !before || (u.level === 'over' && before.level === 'warning');
    next[u.project.id] = { budget: key, level: announce ? u.level : before.level };
    if (announce) alerts.push({ projectId: u.project.id, projectName: u.project.name, level: u.level, words: u.words });
  }
  return { next, alerts };
}

const same = (a: Alerted, b: Alerted) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Records the thresholds these uses cross and returns the ones to announce now (each once). */
export async function recordCrossings(repos: Repos, uses: readonly ProjectBudgetUse[]): Promise<BudgetAlert[]> {
  const stored = await repos.settings.get('budgetAlerts');
  if (same(stored, nextAlerted(stored, uses).next)) return [];
  let alerts: BudgetAlert[] = [];
  await repos.settings.update('budgetAlerts', (current) => {
    const result = nextAlerted(current, uses);
    alerts = result.alerts;
    return result.next;
  });
  return alerts;
}
