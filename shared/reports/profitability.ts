// Profitability: what the time in a period earned (invoiced, or worth at its rate while not yet
// invoiced, plus fees no entry covers), what it cost (time × cost rate) and the margin, by client,
// project, task or person. Rounding and arrangements (fixed fees, retainers, surcharges) show apart,
// so a reader sees why the money differs from hours × rate.
import { startOfLocalWeek, type LocalDate } from '../time/local-date';
import { labourCost } from './cost';
import { bucketSums, percentOf, presentFigures, perHour, weekStarts } from './parts';
import { formatDayMonth } from '../time/display';
import { describePeriod, entryInScope } from './scope';
import type { ChartSpec, ProfitabilityBy, ReportColumn, ReportData, ReportEntry, ReportFigure, ReportOptions, ReportScope, ReportTable, ReportView } from './types';
import { emptyView } from './view';

interface Totals {
  rawMs: number;
  billedMs: number;
  invoiced: number;
  unbilled: number;
  unattributed: number;
  cost: number;
  rounding: number;
  arrangements: number;
}

interface Group {
  key: string;
  name: string;
  totals: Totals;
}

/** An invoice's amount no entry covers, with the project and client it was for. */
interface Unattributed {
  txnDate: LocalDate;
  projectId: string | null;
  clientId: string | null;
  amountMinor: number;
}

const zero = (): Totals => ({ rawMs: 0, billedMs: 0, invoiced: 0, unbilled: 0, unattributed: 0, cost: 0, rounding: 0, arrangements: 0 });
const revenueOf = (t: Totals): number => t.invoiced + t.unbilled + t.unattributed;

function addEntry(t: Totals, e: ReportEntry, cost: number): void {
  const onInvoice = e.invoiceId !== null;
  t.rawMs += e.rawMs;
  t.cost += cost;
  if (onInvoice) t.invoiced += e.invoicedMinor ?? 0;
  if (onInvoice) t.arrangements += (e.invoicedMinor ?? 0) - e.valueMinor;
  if (!e.billable) return;
  t.billedMs += e.billedMs;
  t.rounding += e.valueMinor - e.rawValueMinor;
  if (!onInvoice) t.unbilled += e.valueMinor;
}

function addUnattributed(t: Totals, amountMinor: number): void {
  t.unattributed += amountMinor;
  t.arrangements += amountMinor;
}

function addTotals(into: Totals, t: Totals): void {
  for (const key of Object.keys(into) as Array<keyof Totals>) into[key] += t[key];
}

/** Amounts of live invoices dated in the scope that no entry covers, on projects and clients the filters keep. */
function unattributedInScope(data: ReportData, scope: ReportScope): Unattributed[] {
  const projectClient = new Map(data.projects.map((p) => [p.id, p.clientId]));
  const found: Unattributed[] = [];
  for (const invoice of data.invoices) {
    if (invoice.ended) continue;
    for (const part of invoice.unattributed) {
      const clientId = (part.projectId !== null ? projectClient.get(part.projectId) : undefined) ?? invoice.clientId;
      const item = { txnDate: invoice.txnDate, projectId: part.projectId, clientId, amountMinor: part.amountMinor };
      if (entryInScope({ localDate: item.txnDate, clientId, projectId: item.projectId }, scope)) found.push(item);
    }
  }
  return found;
}

const GROUP_WORD: Record<ProfitabilityBy, string> = { client: 'Client', project: 'Project', task: 'Task', person: 'Person' };
const UNTIED = { key: '~untied', name: 'Not tied to time' };

/** How entries and unattributed amounts find their row for a grouping. */
function grouping(data: ReportData, by: ProfitabilityBy) {
  const names = (items: ReadonlyArray<{ id: string; name: string }>) => new Map(items.map((i) => [i.id, i.name]));
  const clients = names(data.clients);
  const projects = names(data.projects);
  const people = names(data.people);
  const tasks = new Map(data.tasks.map((t) => [t.id, `${t.name} (${projects.get(t.projectId) ?? t.projectId})`]));
  const row = (id: string | null, known: Map<string, string>, none: string) => (id === null ? { key: '~none', name: none } : { key: id, name: known.get(id) ?? id });
  const ofClient = (id: string | null) => row(id, clients, 'No client');
  const ofProject = (id: string | null) => row(id, projects, 'No project');
  return {
    entry: (e: ReportEntry) =>
      by === 'client' ? ofClient(e.clientId) : by === 'project' ? ofProject(e.projectId) : by === 'task' ? row(e.taskId, tasks, 'No task') : row(e.personId, people, e.personId),
    unattributed: (u: Unattributed) => (by === 'client' ? ofClient(u.clientId) : by === 'project' ? ofProject(u.projectId) : UNTIED),
  };
}

function collectGroups(data: ReportData, by: ProfitabilityBy, entries: readonly ReportEntry[], extras: readonly Unattributed[], costs: Map<ReportEntry, number>): Group[] {
  const groups = new Map<string, Group>();
  const groupFor = ({ key, name }: { key: string; name: string }): Totals => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, name, totals: zero() }));
    return group.totals;
  };
  const find = grouping(data, by);
  for (const e of entries) addEntry(groupFor(find.entry(e)), e, costs.get(e) ?? 0);
  for (const u of extras) addUnattributed(groupFor(find.unattributed(u)), u.amountMinor);
  return [...groups.values()].sort((a, b) => revenueOf(b.totals) - revenueOf(a.totals) || a.name.localeCompare(b.name));
}

interface Cells {
  hours: number;
  billed: number;
  revenue: number;
  unbilled: number;
  cost: number;
  margin: number;
  marginPercent: number | null;
  rate: number | null;
  rounding: number;
  arrangements: number;
}

function cells(t: Totals): Cells {
  const revenue = revenueOf(t);
  return {
    hours: t.rawMs,
    billed: t.billedMs,
    revenue,
    unbilled: t.unbilled,
    cost: t.cost,
    margin: revenue - t.cost,
    marginPercent: percentOf(revenue - t.cost, revenue),
    rate: perHour(revenue, t.rawMs),
    rounding: t.rounding,
    arrangements: t.arrangements,
  };
}

function columns(by: ProfitabilityBy): ReportColumn[] {
  return [
    { key: 'name', label: GROUP_WORD[by], kind: 'text' },
    { key: 'hours', label: 'Hours', kind: 'ms' },
    { key: 'billed', label: 'Billable hours', kind: 'ms' },
    { key: 'revenue', label: 'Revenue', kind: 'money' },
    { key: 'unbilled', label: 'Not yet invoiced', kind: 'money' },
    { key: 'cost', label: 'Cost', kind: 'money' },
    { key: 'margin', label: 'Margin', kind: 'money' },
    { key: 'marginPercent', label: 'Margin %', kind: 'percent' },
    { key: 'rate', label: 'Per hour', kind: 'money' },
    { key: 'rounding', label: 'Rounding', kind: 'money' },
    { key: 'arrangements', label: 'Fixed fees, retainers and surcharges', kind: 'money' },
  ];
}

function table(by: ProfitabilityBy, groups: readonly Group[], total: Totals): ReportTable {
  return {
    id: 'profitability',
    title: `Profitability by ${GROUP_WORD[by].toLowerCase()}`,
    columns: columns(by),
    rows: groups.map((g) => ({ cells: { name: g.name, ...cells(g.totals) } })),
    total: { name: 'Total', ...cells(total) },
  };
}

function figures(total: Totals): ReportFigure[] {
  const c = cells(total);
  return presentFigures([
    ['Revenue', 'money', c.revenue],
    ['Cost', 'money', c.cost],
    ['Margin', 'money', c.margin],
    ['Margin %', 'percent', c.marginPercent],
    ['Effective hourly rate', 'money', c.rate],
    ['Hours', 'ms', c.hours],
    ['Rounding write-up', 'money', c.rounding],
    ['Fixed fees, retainers and surcharges', 'money', c.arrangements],
  ]).map((f) => (f.label === 'Cost' ? { ...f, good: 'down' as const } : f));
}

/** Revenue per week of the scope: entries by their date, unattributed amounts by their invoice's date. */
function weeklyRevenue(data: ReportData, scope: ReportScope, entries: readonly ReportEntry[], extras: readonly Unattributed[]): ChartSpec {
  const weeks = weekStarts(scope, data.weekStartsOn);
  const { values, add } = bucketSums(weeks, (date) => startOfLocalWeek(date, data.weekStartsOn));
  for (const e of entries) {
    const t = zero();
    addEntry(t, e, 0);
    add(e.localDate, revenueOf(t));
  }
  for (const u of extras) add(u.txnDate, u.amountMinor);
  return { id: 'revenueByWeek', title: 'Revenue by week', kind: 'line', categories: weeks.map((d) => formatDayMonth(d)), unit: 'money', series: [{ label: 'Revenue', values }] };
}

function groupCharts(by: ProfitabilityBy, groups: readonly Group[]): ChartSpec[] {
  const word = GROUP_WORD[by].toLowerCase();
  const categories = groups.map((g) => g.name);
  return [
    {
      id: 'revenueByGroup',
      title: `Revenue by ${word}`,
      kind: 'stackedBar',
      categories,
      unit: 'money',
      series: [
        { label: 'Cost', values: groups.map((g) => g.totals.cost) },
        // Negative where the work cost more than it earned: cost and margin still add up to revenue.
        { label: 'Margin', values: groups.map((g) => revenueOf(g.totals) - g.totals.cost) },
      ],
      comparable: true,
    },
    {
      id: 'rateByGroup',
      title: `Effective hourly rate by ${word}`,
      kind: 'bar',
      categories,
      unit: 'money',
      series: [{ label: 'Per hour', values: groups.map((g) => perHour(revenueOf(g.totals), g.totals.rawMs)) }],
      comparable: true,
    },
  ];
}

export function profitabilityReport(data: ReportData, scope: ReportScope, options: ReportOptions = {}): ReportView {
  const by = options.by ?? 'client';
  const entries = data.entries.filter((e) => entryInScope(e, scope));
  const extras = unattributedInScope(data, scope);
  const cost = labourCost(data, entries);
  const groups = collectGroups(data, by, entries, extras, cost.byEntry);
  const total = zero();
  for (const g of groups) addTotals(total, g.totals);
  const view = emptyView('profitability', 'Profitability', describePeriod(scope), data.currency);
  view.figures = figures(total);
  view.charts = [...groupCharts(by, groups), weeklyRevenue(data, scope, entries, extras)];
  view.tables = [table(by, groups, total)];
  const others = data.otherCurrencyEntries;
  if (others === 1) view.notes.push('1 entry with a rate in another currency is not in these amounts.');
  if (others > 1) view.notes.push(`${others} entries with rates in another currency are not in these amounts.`);
  if (cost.note) view.notes.push(cost.note);
  return view;
}
