// Unbilled work: as of today, everything done but not yet on an invoice, at the stage where it
// waits (captured, draft, approved, synced), how much it is worth at rate, how long it has waited,
// and a link to the screen that moves it on. The period's dates are ignored: old work counts most.
import { formatDate } from '../time/display';
import type { LocalDate } from '../time/local-date';
import { AGE_BUCKETS, ageBucket } from './aging';
import { asOfWords, daysBetween, names, scopeFilter } from './asof-common';
import { sum } from './parts';
import { formatDayMonth } from '../time/display';
import type { ChartSpec, ReportData, ReportFigure, ReportLink, ReportRow, ReportScope, ReportTable, ReportView } from './types';
import { emptyView } from './view';

const STAGES = ['Captured, not reviewed', 'Draft, not approved', 'Approved, not synced', 'Synced, not invoiced'] as const;
type Stage = 0 | 1 | 2 | 3;

/** The detail table shows the oldest rows up to this many. */
const DETAIL_ROWS = 500;

interface Waiting {
  stage: Stage;
  date: LocalDate;
  clientId: string | null;
  projectId: string | null;
  ms: number;
  valueMinor: number;
}

const STAGE_OF_STATUS: Partial<Record<string, Stage>> = { draft: 1, approved: 2, synced: 3 };

/** Everything waiting, in the scope's clients and projects. */
function waiting(data: ReportData, scope: ReportScope): Waiting[] {
  const keep = scopeFilter(data, scope);
  const clientOf = names(data).clientOfProject;
  const captured = data.segments.map((s): Waiting => ({ stage: 0, date: s.localDate, clientId: clientOf(s.projectId), projectId: s.projectId, ms: s.ms, valueMinor: s.valueMinor }));
  const entries = data.entries.flatMap((e): Waiting[] => {
    const stage = STAGE_OF_STATUS[e.status];
    if (stage === undefined || (stage === 3 && (!e.billable || e.invoiceId !== null))) return [];
    // Hours as they will be billed (after rounding) for billable time; non-billable time is never
    // rounded, so its raw time. The amount is the billed time at rate (valueMinor; 0 when not billable).
    const ms = e.billable ? e.billedMs : e.rawMs;
    return [{ stage, date: e.localDate, clientId: e.clientId ?? clientOf(e.projectId), projectId: e.projectId, ms, valueMinor: e.valueMinor }];
  });
  return [...captured, ...entries].filter((w) => keep(w.clientId, w.projectId));
}

function fixLink(stage: Stage, day: LocalDate): ReportLink {
  if (stage === 0) return { screen: 'review', day, label: `Review ${formatDayMonth(day)}` };
  if (stage === 1) return { screen: 'today', day, label: `Approve on ${formatDayMonth(day)}` };
  if (stage === 2) return { screen: 'quickbooks', section: 'sync', label: 'Sync to QuickBooks' };
  return { screen: 'invoices', label: 'Make the invoice' };
}

interface StageSummary {
  count: number;
  ms: number;
  valueMinor: number;
  oldest: LocalDate | null;
  /** Milliseconds per age bucket. */
  msByAge: number[];
}

function summarize(items: readonly Waiting[], today: LocalDate): StageSummary[] {
  return STAGES.map((_, stage) => {
    const mine = items.filter((w) => w.stage === stage);
    const msByAge = AGE_BUCKETS.map(() => 0);
    for (const w of mine) msByAge[ageBucket(daysBetween(w.date, today))]! += w.ms;
    const oldest = mine.reduce<LocalDate | null>((o, w) => (o === null || w.date < o ? w.date : o), null);
    return { count: mine.length, ms: sum(mine.map((w) => w.ms)), valueMinor: sum(mine.map((w) => w.valueMinor)), oldest, msByAge };
  });
}

export function leakageReport(data: ReportData, scope: ReportScope): ReportView {
  const items = waiting(data, scope);
  const stages = summarize(items, data.today);
  const view = emptyView('leakage', 'Unbilled work', asOfWords(data.today), data.currency);
  view.figures = [
    { label: 'Total at rate', kind: 'money', value: sum(stages.map((s) => s.valueMinor)) },
    ...STAGES.map((label, i): ReportFigure => ({ label, kind: 'ms', value: stages[i]!.ms })),
  ];
  view.charts = charts(stages);
  const detail = detailTable(data, items);
  view.tables = [stagesTable(stages, data.today), detail.table];
  if (data.segmentsFrom) view.notes.push(`Captured activity is counted from ${formatDate(data.segmentsFrom)}; review older days from the Review screen.`);
  if (detail.rows > DETAIL_ROWS) view.notes.push(`The detail shows the oldest ${DETAIL_ROWS} of ${detail.rows} rows; the totals count them all.`);
  return view;
}

function charts(stages: readonly StageSummary[]): ChartSpec[] {
  const categories = [...STAGES];
  return [
    { id: 'amount-by-stage', title: 'Amount at rate by stage', kind: 'bar', categories, unit: 'money', series: [{ label: 'Amount at rate', values: stages.map((s) => s.valueMinor) }] },
    { id: 'hours-by-age', title: 'Hours by age', kind: 'stackedBar', categories, unit: 'ms', series: AGE_BUCKETS.map((label, i) => ({ label, values: stages.map((s) => s.msByAge[i]!) })) },
  ];
}

const age = (date: LocalDate | null, today: LocalDate): number | null => (date === null ? null : Math.max(0, daysBetween(date, today)));

function stagesTable(stages: readonly StageSummary[], today: LocalDate): ReportTable {
  const oldest = stages.reduce<LocalDate | null>((o, s) => (s.oldest !== null && (o === null || s.oldest < o) ? s.oldest : o), null);
  return {
    id: 'stages',
    title: 'Unbilled work by stage',
    columns: [
      { key: 'stage', label: 'Stage', kind: 'text' },
      { key: 'count', label: 'Items', kind: 'count' },
      { key: 'hours', label: 'Hours', kind: 'ms' },
      { key: 'amount', label: 'Amount at rate', kind: 'money' },
      { key: 'oldest', label: 'Oldest', kind: 'date' },
      { key: 'age', label: 'Days waiting', kind: 'days' },
    ],
    rows: stages.map((s, i): ReportRow => {
      const cells = { stage: STAGES[i]!, count: s.count, hours: s.ms, amount: s.valueMinor, oldest: s.oldest, age: age(s.oldest, today) };
      return s.oldest === null ? { cells } : { cells, link: fixLink(i as Stage, s.oldest) };
    }),
    total: { stage: 'Total', count: sum(stages.map((s) => s.count)), hours: sum(stages.map((s) => s.ms)), amount: sum(stages.map((s) => s.valueMinor)), oldest, age: age(oldest, today) },
  };
}

/** One row per stage, day and project, oldest first, up to DETAIL_ROWS; `rows` counts them all. */
function detailTable(data: ReportData, items: readonly Waiting[]): { table: ReportTable; rows: number } {
  const groups = new Map<string, Waiting>();
  for (const w of items) {
    const key = `${w.stage}|${w.date}|${w.clientId ?? ''}|${w.projectId ?? ''}`;
    const g = groups.get(key);
    if (g) groups.set(key, { ...g, ms: g.ms + w.ms, valueMinor: g.valueMinor + w.valueMinor });
    else groups.set(key, w);
  }
  const named = names(data);
  const rows = [...groups.values()]
    .map((g) => ({ g, client: named.client(g.clientId), project: named.project(g.projectId) }))
    .sort((a, b) => (a.g.date < b.g.date ? -1 : a.g.date > b.g.date ? 1 : a.g.stage - b.g.stage || a.client.localeCompare(b.client) || a.project.localeCompare(b.project)));
  const table: ReportTable = {
    id: 'detail',
    title: 'Unbilled work by day',
    columns: [
      { key: 'stage', label: 'Stage', kind: 'text' },
      { key: 'date', label: 'Date', kind: 'date' },
      { key: 'client', label: 'Client', kind: 'text' },
      { key: 'project', label: 'Project', kind: 'text' },
      { key: 'hours', label: 'Hours', kind: 'ms' },
      { key: 'amount', label: 'Amount at rate', kind: 'money' },
      { key: 'age', label: 'Days waiting', kind: 'days' },
    ],
    rows: rows.slice(0, DETAIL_ROWS).map(({ g, client, project }) => ({
      cells: { stage: STAGES[g.stage], date: g.date, client, project, hours: g.ms, amount: g.valueMinor, age: age(g.date, data.today) },
      link: fixLink(g.stage, g.date),
    })),
  };
  return { table, rows: rows.length };
}
