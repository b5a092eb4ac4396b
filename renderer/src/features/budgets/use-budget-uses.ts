// Each budgeted project's use, live: for screens that show a budget bar (the project list).
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useNow } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { navigatorLocale } from '../projects/rules';
import { anyRunning, budgetUses, loadBudgetInputs, type ProjectBudgetUse } from './budget-usage';

export function useBudgetUses(): ReadonlyMap<string, ProjectBudgetUse> {
  const repos = useRepos();
  const inputs = useLiveQuery(() => loadBudgetInputs(repos), [repos]);
  const now = useNow(60_000, inputs ? anyRunning(inputs) : false);
  return useMemo(() => new Map((inputs ? budgetUses(inputs, now, navigatorLocale()) : []).map((u) => [u.project.id, u])), [inputs, now]);
}
