// @vitest-environment jsdom
// The project editor's billing part over a fake IndexedDB: each arrangement saved and shown again
// when the project is reopened, what is wrong said next to the field (nothing saved), milestones
// over 100% refused, "Mark complete" and "Reached" dating today, an estimate's total as the budget.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReposProvider, useRepos } from '../../../renderer/src/data/repos-context';
import type { Repos } from '../../../renderer/src/db/repos';
import type { ProjectRow } from '../../../renderer/src/db/schema';
import { ProjectEditor } from '../../../renderer/src/features/projects/ProjectEditor';
import { ProjectsSection } from '../../../renderer/src/features/projects/ProjectsSection';
import type { EstimateChoice } from '../../../renderer/src/features/projects/BillingSection';

afterEach(cleanup);

const TODAY = '2026-12-04';
const ROUNDING = { incrementMinutes: 1, mode: 'nearest', scope: 'entry' } as const;
let n = 0;

async function editor(opts: { project?: ProjectRow; dbName?: string; estimates?: EstimateChoice[] } = {}) {
  const onDone = vi.fn<(saved: ProjectRow | null) => void>();
  let repos: Repos | null = null;
  const Grab = () => {
    repos = useRepos();
    return null;
  };
  const dbName = opts.dbName ?? `billing-${++n}`;
  render(
    <ReposProvider dbName={dbName}>
      <Grab />
      <ProjectEditor project={opts.project} clients={[]} currency="USD" workspaceRounding={ROUNDING} today={TODAY}
        projectRate="$150.00/h" estimates={opts.estimates} onDone={onDone} />
    </ReposProvider>,
  );
  await screen.findByLabelText('Project name');
  return { onDone, dbName, repos: () => repos! };
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: /Create project|Save project/ }));

async function savedProject(onDone: ReturnType<typeof vi.fn>): Promise<ProjectRow> {
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  const saved = onDone.mock.calls[0]![0] as ProjectRow | null;
  expect(saved).not.toBeNull();
  return saved!;
}

describe('Project billing', () => {
  it('saves a retainer with its budget, and shows it again when reopened', async () => {
    const { onDone, dbName, repos } = await editor();
    type('Project name', 'Website care');
    fireEvent.click(await screen.findByRole('radio', { name: 'Retainer' }));
    type('Amount per month (USD)', '2,000.00');
    type(/^Hours included/, '20');
    type(/^Overage rate/, '175');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Carry unused hours over' }));
    type(/^Most hours carried over/, '10:30');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Create the invoice automatically' }));
    fireEvent.change(screen.getByLabelText('Watch a budget'), { target: { value: 'hours' } });
    type('Budget (hours)', '40');
    save();
    const saved = await savedProject(onDone);
    expect(saved.billing).toEqual({
      kind: 'retainer', period: 'monthly', startDate: TODAY, endDate: null, feeMinor: 2_000_00, allowanceMinutes: 20 * 60, overageRateMinor: 175_00,
      rollover: { maxMinutes: 10 * 60 + 30, expiresAfterPeriods: null }, billedInAdvance: true, autoCreate: true,
    });
    expect(saved.budget).toEqual({ kind: 'hours', limit: 40 * 60 });
    const stored = await repos().projects.get(saved.id);
    expect(stored?.billing).toEqual(saved.billing);
    expect((await repos().audit.listForEntity(saved.id)).length).toBeGreaterThan(0);

    cleanup();
    await editor({ project: stored!, dbName });
    expect((await screen.findByRole('radio', { name: 'Retainer' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Amount per month (USD)') as HTMLInputElement).value).toBe('2000.00');
    expect((screen.getByLabelText(/^Hours included/) as HTMLInputElement).value).toBe('20:00');
    expect((screen.getByLabelText(/^Most hours carried over/) as HTMLInputElement).value).toBe('10:30');
    expect((screen.getByLabelText('Budget (hours)') as HTMLInputElement).value).toBe('40:00');
  });

  it('says what is wrong with a fixed fee and saves nothing', async () => {
    const { onDone } = await editor();
    type('Project name', 'Logo');
    fireEvent.click(await screen.findByRole('radio', { name: 'Fixed fee' }));
    type('Estimated hours', 'lots');
    type(/^Overage rate/, '12.345');
    save();
    expect(await screen.findByText('Enter the fixed price, like 2,000.00.')).toBeTruthy();
    expect(screen.getByText(/Could not read "lots" as a duration/)).toBeTruthy();
    expect(screen.getByText('USD amounts have at most 2 decimal places.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Some billing details need fixing');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('saves a fixed fee marked complete today', async () => {
    const { onDone } = await editor();
    type('Project name', 'Logo');
    fireEvent.click(await screen.findByRole('radio', { name: 'Fixed fee' }));
    type('Fixed price (USD)', '8000');
    type('Estimated hours', '37:30');
    fireEvent.change(screen.getByLabelText('Price invoiced'), { target: { value: 'upfront' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark complete' }));
    expect(screen.getByText(`Marked complete on ${TODAY}.`, { exact: false })).toBeTruthy();
    save();
    expect((await savedProject(onDone)).billing).toEqual({ kind: 'fixedFee', feeMinor: 8_000_00, estimateMinutes: 37 * 60 + 30, overageRateMinor: null, feeBilled: 'upfront', completedOn: TODAY });
  });

  it('refuses milestones that add up to more than 100%, and saves them once fixed', async () => {
    const { onDone } = await editor();
    type('Project name', 'App build');
    fireEvent.click(await screen.findByRole('radio', { name: 'Progress billing' }));
    type('Budget (USD)', '12,000.00');
    fireEvent.click(screen.getByRole('button', { name: 'Add milestone' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add milestone' }));
    type('Milestone 1', 'Design');
    type('Milestone 1 share (%)', '60');
    type('Milestone 2', 'Build');
    type('Milestone 2 share (%)', '50');
    save();
    expect(await screen.findByText('The milestones add up to 110%; together they can be at most 100% of the budget.')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();

    type('Milestone 2 share (%)', '40');
    fireEvent.click(within(screen.getByRole('group', { name: 'Milestones' })).getByRole('button', { name: 'Reached: Design' }));
    save();
    const billing = (await savedProject(onDone)).billing;
    expect(billing).toMatchObject({ kind: 'progress', budget: { kind: 'amount', amountMinor: 12_000_00 }, mode: 'milestones', completedOn: null, estimate: null });
    expect(billing?.kind === 'progress' && billing.milestones.map((m) => [m.name, m.basisPoints, m.reachedOn])).toEqual([['Design', 6000, TODAY], ['Build', 4000, null]]);
  });

  it('bills progress by percentage of hours at a rate', async () => {
    const { onDone } = await editor();
    type('Project name', 'Audit');
    fireEvent.click(await screen.findByRole('radio', { name: 'Progress billing' }));
    fireEvent.change(screen.getByLabelText('Budget as'), { target: { value: 'hours' } });
    type('Budgeted hours', '80');
    type('At (USD/h)', '125.50');
    fireEvent.change(screen.getByLabelText('Billed by'), { target: { value: 'percent' } });
    type('Percent complete', '12.5');
    save();
    expect((await savedProject(onDone)).billing).toMatchObject({ kind: 'progress', budget: { kind: 'hours', minutes: 80 * 60, rateMinor: 125_50 }, mode: 'percent', completeBasisPoints: 1250 });
  });

  it('takes a progress budget from a QuickBooks estimate', async () => {
    const estimates = [{ companyId: 'primary', id: '41', docNumber: '1007', customerName: 'Acme', totalMinor: 9_500_00 }];
    const { onDone } = await editor({ estimates });
    type('Project name', 'Warehouse');
    fireEvent.click(await screen.findByRole('radio', { name: 'Progress billing' }));
    fireEvent.change(screen.getByLabelText('Billed by'), { target: { value: 'percent' } });
    fireEvent.change(screen.getByLabelText('Budget from a QuickBooks estimate'), { target: { value: 'primary/41' } });
    expect((screen.getByLabelText('Budget (USD)') as HTMLInputElement).value).toBe('9500.00');
    save();
    expect((await savedProject(onDone)).billing).toMatchObject({ budget: { kind: 'amount', amountMinor: 9_500_00 }, estimate: { companyId: 'primary', id: '41', docNumber: '1007' } });
  });

  it('has no estimate picker without estimates, and stays hourly by default', async () => {
    const { onDone } = await editor();
    type('Project name', 'Support');
    expect((await screen.findByRole('radio', { name: 'Hourly' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Progress billing' }));
    expect(screen.queryByLabelText('Budget from a QuickBooks estimate')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Hourly' }));
    save();
    const saved = await savedProject(onDone);
    expect(saved.billing).toEqual({ kind: 'hourly' });
    expect(saved.budget).toBeUndefined();
  });
});

describe('Project list', () => {
  it('says the arrangement in a few words and shows the budget used', async () => {
    let repos: Repos | null = null;
    const Grab = () => {
      repos = useRepos();
      return null;
    };
    render(<ReposProvider dbName={`list-${++n}`}><Grab /><ProjectsSection /></ReposProvider>);
    await waitFor(() => expect(repos).not.toBeNull());
    const project = await repos!.projects.create({ name: 'Website care' });
    await repos!.projects.update(project.id, {
      billing: { kind: 'retainer', period: 'monthly', startDate: TODAY, endDate: null, feeMinor: 2_000_00, allowanceMinutes: 20 * 60, overageRateMinor: null, rollover: null, billedInAdvance: true, autoCreate: false },
      budget: { kind: 'hours', limit: 10 * 60 },
    });
    const start = Date.UTC(2026, 11, 1, 14);
    await repos!.entries.create({ projectId: project.id, start, end: start + 8.5 * 3_600_000, zone: 'UTC' });
    const row = await screen.findByTestId('project-Website care');
    await waitFor(() => expect(within(row).getByTestId('project-billing').textContent).toBe('Retainer $2,000.00/month, 20:00 h'));
    await waitFor(() => expect(within(row).getByTestId('project-budget').textContent).toBe('85% of 10:00 h'));
  });
});
