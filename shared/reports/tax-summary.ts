// Tax-time summary: a period's (usually a year's) hours and labour cost by service line (the task),
// by project, by kind of worker (employees and contractors apart, as the forms ask) and billable or
// not, for the accountant.
import { firstOfMonth } from '../time/local-date';
import { labourCost, personLookup } from './cost';
import { bucketSums, monthStarts, presentFigures } from './parts';
import { formatMonthYear } from '../time/display';
import { describePeriod, entryInScope } from './scope';
import type { ChartSpec, ReportData, ReportEntry, ReportFigure, ReportOptions, ReportScope, ReportTable, ReportView, WorkerKind } from './types';
import { emptyView } from './view';

interface Tally {
  hours: number;
  cost: number;
}

const KIND_WORDS: Record<WorkerKind, string> = { employee: 'Employees', contractor: 'Contractors' };

/** Hours and cost per name, largest hours first (ties by name). */
function tally(entries: readonly ReportEntry[], costs: Map<ReportEntry, number>, nameOf: (e: ReportEntry) => string): Array<[string, Tally]> {
  const byName = new Map<string, Tally>();
  for (const e of entries) {
    const name = nameOf(e);
    const t = byName.get(name) ?? { hours: 0, cost: 0 };
    t.hours += e.rawMs;
    t.cost += costs.get(e) ?? 0;
    byName.set(name, t);
  }
  return [...byName].sort(([a, x], [b, y]) => y.hours - x.hours || a.localeCompare(b));
}

function tallyTable(id: string, title: string, label: string, rows: Array<[string, Tally]>): ReportTable {
  return {
    id,
    title,
    columns: [
      { key: 'name', label, kind: 'text' },
      { key: 'hours', label: 'Hours', kind: 'ms' },
      { key: 'cost', label: 'Labour cost', kind: 'money' },
    ],
    rows: rows.map(([name, t]) => ({ cells: { name, hours: t.hours, cost: t.cost } })),
    total: { name: 'Total', hours: rows.reduce((s, [, t]) => s + t.hours, 0), cost: rows.reduce((s, [, t]) => s + t.cost, 0) },
  };
}

interface Namers {
  category: (e: ReportEntry) => string;
  project: (e: ReportEntry) => string;
  kind: (e: ReportEntry) => string;
  billable: (e: ReportEntry) => string;
}

function namers(data: ReportData): Namers {
  const tasks = new Map(data.tasks.map((t) => [t.id, t.name]));
  const projects = new Map(data.projects.map((p) => [p.id, p.name]));
  const person = personLookup(data.people);
  return {
    category: (e) => (e.taskId === null ? 'No task' : (tasks.get(e.taskId) ?? e.taskId)),
    project: (e) => (e.projectId === null ? 'No project' : (projects.get(e.projectId) ?? e.projectId)),
    kind: (e) => KIND_WORDS[person(e.personId).kind],
    billable: (e) => (e.billable ? 'Billable' : 'Non-billable'),
  };
}

/** The kind table, with a column naming the people of each kind who have time in the period. */
function kindTable(data: ReportData, entries: readonly ReportEntry[], costs: Map<ReportEntry, number>, name: Namers): ReportTable {
  const table = tallyTable('byWorkerKind', 'Hours by kind of worker', 'Workers', tally(entries, costs, name.kind));
  const person = personLookup(data.people);
  const peopleOf = (kind: string) => [...new Set(entries.filter((e) => name.kind(e) === kind).map((e) => person(e.personId).name))].sort().join(', ');
  table.columns.splice(1, 0, { key: 'people', label: 'People', kind: 'text' });
  for (const row of table.rows) row.cells['people'] = peopleOf(String(row.cells['name']));
  table.total = { ...table.total, people: null };
  return table;
}

function byMonth(id: string, title: string, scope: ReportScope, entries: readonly ReportEntry[], nameOf: (e: ReportEntry) => string, labels: string[]): ChartSpec {
  const months = monthStarts(scope);
  const series = labels.map((label) => {
    const sums = bucketSums(months, firstOfMonth);
    for (const e of entries) if (nameOf(e) === label) sums.add(e.localDate, e.rawMs);
    return { label, values: sums.values };
  });
  return { id, title, kind: 'stackedBar', categories: months.map((d) => formatMonthYear(d)), unit: 'ms', series };
}

function charts(scope: ReportScope, entries: readonly ReportEntry[], categories: Array<[string, Tally]>, name: Namers): ChartSpec[] {
  return [
    {
      id: 'hoursByCategory',
      title: 'Hours by service',
      kind: 'bar',
      categories: categories.map(([n]) => n),
      unit: 'ms',
      series: [{ label: 'Hours', values: categories.map(([, t]) => t.hours) }],
      comparable: true,
    },
    byMonth('kindByMonth', 'Employees and contractors by month', scope, entries, name.kind, [KIND_WORDS.employee, KIND_WORDS.contractor]),
    byMonth('billableByMonth', 'Billable and non-billable by month', scope, entries, name.billable, ['Billable', 'Non-billable']),
  ];
}

function figures(entries: readonly ReportEntry[], costs: Map<ReportEntry, number>, name: Namers): ReportFigure[] {
  const hoursWhere = (keep: (e: ReportEntry) => boolean) => entries.filter(keep).reduce((s, e) => s + e.rawMs, 0);
  return presentFigures([
    ['Hours', 'ms', hoursWhere(() => true)],
    ['Labour cost', 'money', [...costs.values()].reduce((s, c) => s + c, 0)],
    ['Employee hours', 'ms', hoursWhere((e) => name.kind(e) === KIND_WORDS.employee)],
    ['Contractor hours', 'ms', hoursWhere((e) => name.kind(e) === KIND_WORDS.contractor)],
    ['Billable hours', 'ms', hoursWhere((e) => e.billable)],
  ]).map((f) => (f.label === 'Labour cost' ? { ...f, good: 'down' as const } : f));
}

export function taxSummaryReport(data: ReportData, scope: ReportScope, _options: ReportOptions = {}): ReportView {
  const entries = data.entries.filter((e) => entryInScope(e, scope));
  const cost = labourCost(data, entries);
  const name = namers(data);
  const categories = tally(entries, cost.byEntry, name.category);
  const view = emptyView('taxSummary', 'Tax-time summary', describePeriod(scope), data.currency);
  view.figures = figures(entries, cost.byEntry, name);
  view.charts = charts(scope, entries, categories, name);
  view.tables = [
    tallyTable('byCategory', 'Hours and labour cost by service', 'Service', categories),
    tallyTable('byProject', 'Hours and labour cost by project', 'Project', tally(entries, cost.byEntry, name.project)),
    kindTable(data, entries, cost.byEntry, name),
    tallyTable('byBillable', 'Billable and non-billable hours', 'Time', tally(entries, cost.byEntry, name.billable)),
  ];
  if (cost.note) view.notes.push(cost.note);
  return view;
}
