// Utilization: billable time against each person's capacity, per person and per week. A week the
// scope cuts counts only its days inside, and its capacity only its weekdays (Monday to Friday) inside.
import { addLocalDays, startOfLocalWeek, weekdayOf, type LocalDate } from '../time/local-date';
import { groupBy } from '../group-by';
import { personLookup } from './cost';
import { bucketSums, percentOf, presentFigures, sumOf, weekStarts } from './parts';
import { formatDayMonth } from '../time/display';
import { describePeriod, entryInScope } from './scope';
import type { ChartSpec, ReportColumn, ReportData, ReportFigure, ReportOptions, ReportPerson, ReportScope, ReportTable, ReportView } from './types';
import { emptyView } from './view';

interface Week {
  start: LocalDate;
  billable: number;
  nonBillable: number;
  capacity: number;
}

interface PersonWeeks {
  person: ReportPerson;
  weeks: Week[];
}

const MS_PER_MINUTE = 60_000;
const WORKDAYS_PER_WEEK = 5;

/** Monday-to-Friday days of the week starting `start` that lie in the scope. */
function workdaysInside(start: LocalDate, scope: ReportScope): number {
  let count = 0;
  for (let i = 0; i < 7; i++) {
    const day = addLocalDays(start, i);
    const weekday = weekdayOf(day);
    if (day >= scope.from && day <= scope.to && weekday >= 1 && weekday <= 5) count++;
  }
  return count;
}

/** Everyone with capacity, and anyone else with time in the scope, in the workspace's order. */
function collect(data: ReportData, scope: ReportScope): PersonWeeks[] {
  const starts = weekStarts(scope, data.weekStartsOn);
  const workdays = starts.map((s) => workdaysInside(s, scope));
  const entries = data.entries.filter((e) => entryInScope(e, scope));
  const person = personLookup(data.people);
  const byPerson = groupBy(entries, (e) => e.personId);
  const ids = [...new Set([...data.people.filter((p) => p.capacityMinutesPerWeek > 0).map((p) => p.id), ...byPerson.keys()])];
  return ids.map((id) => {
    const { capacityMinutesPerWeek } = person(id);
    const weekOf = (date: LocalDate) => startOfLocalWeek(date, data.weekStartsOn);
    const billable = bucketSums(starts, weekOf);
    const nonBillable = bucketSums(starts, weekOf);
    for (const e of byPerson.get(id) ?? []) (e.billable ? billable : nonBillable).add(e.localDate, e.rawMs);
    const weeks = starts.map((start, i) => ({
      start,
      billable: billable.values[i] ?? 0,
      nonBillable: nonBillable.values[i] ?? 0,
      capacity: (capacityMinutesPerWeek * MS_PER_MINUTE * (workdays[i] ?? 0)) / WORKDAYS_PER_WEEK,
    }));
    return { person: person(id), weeks };
  });
}

function sumWeeks(weeks: readonly Week[]): Omit<Week, 'start'> {
  return { billable: sumOf(weeks, (w) => w.billable), nonBillable: sumOf(weeks, (w) => w.nonBillable), capacity: sumOf(weeks, (w) => w.capacity) };
}

function cells(w: Omit<Week, 'start'>) {
  return { billable: w.billable, nonBillable: w.nonBillable, total: w.billable + w.nonBillable, capacity: w.capacity, utilization: percentOf(w.billable, w.capacity) };
}

const HOUR_COLUMNS: ReportColumn[] = [
  { key: 'billable', label: 'Billable hours', kind: 'ms' },
  { key: 'nonBillable', label: 'Non-billable hours', kind: 'ms' },
  { key: 'total', label: 'Hours', kind: 'ms' },
  { key: 'capacity', label: 'Capacity', kind: 'ms' },
  { key: 'utilization', label: 'Utilization', kind: 'percent' },
];

function tables(people: readonly PersonWeeks[], target: number): ReportTable[] {
  const all = people.flatMap((p) => p.weeks);
  return [
    {
      id: 'byPerson',
      title: 'Utilization by person',
      columns: [{ key: 'person', label: 'Person', kind: 'text' }, ...HOUR_COLUMNS, { key: 'target', label: 'Target', kind: 'percent' }],
      rows: people.map((p) => ({ cells: { person: p.person.name, ...cells(sumWeeks(p.weeks)), target } })),
      total: { person: 'Total', ...cells(sumWeeks(all)), target },
    },
    {
      id: 'byPersonWeek',
      title: 'Utilization by person and week',
      columns: [{ key: 'person', label: 'Person', kind: 'text' }, { key: 'week', label: 'Week of', kind: 'date' }, ...HOUR_COLUMNS],
      rows: people.flatMap((p) => p.weeks.map((w) => ({ cells: { person: p.person.name, week: w.start, ...cells(w) } }))),
      total: { person: 'Total', week: null, ...cells(sumWeeks(all)) },
    },
  ];
}

function charts(people: readonly PersonWeeks[], starts: readonly LocalDate[], target: number): ChartSpec[] {
  const categories = starts.map((d) => formatDayMonth(d));
  const weekly = starts.map((_, i) => sumWeeks(people.map((p) => p.weeks[i]!)));
  return [
    {
      id: 'hoursByWeek',
      title: 'Billable and non-billable hours by week',
      kind: 'stackedBar',
      categories,
      unit: 'ms',
      series: [
        { label: 'Billable', values: weekly.map((w) => w.billable) },
        { label: 'Non-billable', values: weekly.map((w) => w.nonBillable) },
      ],
    },
    {
      id: 'utilizationByWeek',
      title: 'Utilization by week',
      kind: 'line',
      categories,
      unit: 'percent',
      series: [
        ...people.map((p) => ({ label: p.person.name, values: p.weeks.map((w) => percentOf(w.billable, w.capacity)) })),
        { label: 'Target', values: starts.map(() => target), role: 'target' as const },
      ],
    },
    {
      id: 'utilizationByPerson',
      title: 'Utilization by person',
      kind: 'bar',
      categories: people.map((p) => p.person.name),
      unit: 'percent',
      series: [{ label: 'Utilization', values: people.map((p) => percentOf(sumWeeks(p.weeks).billable, sumWeeks(p.weeks).capacity)) }],
      comparable: true,
    },
  ];
}

function figures(people: readonly PersonWeeks[]): ReportFigure[] {
  const t = cells(sumWeeks(people.flatMap((p) => p.weeks)));
  return presentFigures([
    ['Billable hours', 'ms', t.billable],
    ['Hours', 'ms', t.total],
    ['Capacity', 'ms', t.capacity],
    ['Utilization', 'percent', t.utilization],
    ['Billable share of hours', 'percent', percentOf(t.billable, t.total)],
  ]);
}

export function utilizationReport(data: ReportData, scope: ReportScope, _options: ReportOptions = {}): ReportView {
  const people = collect(data, scope);
  const target = data.utilizationTargetPercent;
  const view = emptyView('utilization', 'Utilization', describePeriod(scope), data.currency);
  view.figures = figures(people);
  view.charts = charts(people, weekStarts(scope, data.weekStartsOn), target);
  view.tables = tables(people, target);
  return view;
}
