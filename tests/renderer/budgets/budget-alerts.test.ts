// Budget alerts over a fake IndexedDB with a clock the test moves: each threshold is announced once
// per project and budget; a changed budget or going back under 80% arms it again; a running timer
// counts up to now; trashed and non-billable time do not count towards an amount.
import { beforeEach, describe, expect, it } from 'vitest';
import { recordCrossings } from '../../../renderer/src/features/budgets/alerts';
import { budgetUses, loadBudgetInputs } from '../../../renderer/src/features/budgets/budget-usage';
import { at, testEnv, type TestEnv } from '../db/helpers';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY_START = at('2026-03-02', '08:00', NY);

let env: TestEnv;
let projectId: string;
let next = 0;

beforeEach(async () => {
  env = await testEnv(DAY_START);
  next = 0;
  const project = await env.repos.projects.create({ name: 'Website redesign' });
  projectId = project.id;
  await env.repos.projects.update(projectId, { budget: { kind: 'hours', limit: 10 * 60 } });
});

/** Adds finished work one after another from 08:00. */
async function work(ms: number, billable = true) {
  const start = DAY_START + next;
  next += ms;
  return env.repos.entries.create({ projectId, start, end: start + ms, zone: NY, billable });
}

async function check(now = env.clock.now) {
  const alerts = await recordCrossings(env.repos, budgetUses(await loadBudgetInputs(env.repos), now, 'en-US'));
  return alerts.map((a) => `${a.level}: ${a.words}`);
}

describe('budget alerts', () => {
  it('announces 80% and then 100% once each', async () => {
    await work(7 * HOUR + 59 * 60_000);
    expect(await check()).toEqual([]);
    await work(60_000);
    expect(await check()).toEqual(['warning: Website redesign has used 80% of its 10:00 h budget (8:00 h).']);
    expect(await check()).toEqual([]);
    await work(HOUR);
    expect(await check()).toEqual([]);
    await work(HOUR);
    expect(await check()).toEqual(['over: Website redesign has used 100% of its 10:00 h budget (10:00 h): it is over budget.']);
    await work(HOUR);
    expect(await check()).toEqual([]);
  });

  it('goes straight to over budget with a single alert when one entry crosses both', async () => {
    await work(11 * HOUR);
    expect(await check()).toEqual(['over: Website redesign has used 110% of its 10:00 h budget (11:00 h): it is over budget.']);
  });

  it('arms again after going back under 80%, and when the budget changes', async () => {
    const big = await work(9 * HOUR);
    expect(await check()).toHaveLength(1);
    await env.repos.entries.delete([big.id]);
    expect(await check()).toEqual([]);
    await work(8 * HOUR);
    expect(await check()).toEqual(['warning: Website redesign has used 80% of its 10:00 h budget (8:00 h).']);
    await env.repos.projects.update(projectId, { budget: { kind: 'hours', limit: 9 * 60 } });
    expect(await check()).toEqual(['warning: Website redesign has used 88% of its 9:00 h budget (8:00 h).']);
    await env.repos.projects.update(projectId, { budget: undefined });
    expect(await check()).toEqual([]);
    expect(await env.repos.settings.get('budgetAlerts')).toEqual({});
  });

  it('counts a running timer up to now', async () => {
    await env.repos.entries.startTimer(projectId, null, DAY_START, NY);
    expect(await check(DAY_START + 7 * HOUR)).toEqual([]);
    expect(await check(DAY_START + 8 * HOUR)).toEqual(['warning: Website redesign has used 80% of its 10:00 h budget (8:00 h).']);
  });

  it('counts an amount at each entry’s rate, billable time only', async () => {
    await env.repos.rates.add({ scope: 'project', scopeId: projectId, rateMinor: 100_00, currency: 'USD', effectiveFrom: '2026-01-01' });
    await env.repos.projects.update(projectId, { budget: { kind: 'amount', limit: 1_000_00 } });
    await work(5 * HOUR, false);
    await work(7 * HOUR);
    expect(await check()).toEqual([]);
    await work(HOUR);
    expect(await check()).toEqual(['warning: Website redesign has used 80% of its $1,000.00 budget ($800.00).']);
  });
});
