// Cash forecast: money expected in the next 90 days from today, from open invoices and from work
// not yet invoiced, in 30-day buckets and week by week, each amount with its reason in words.
import { moneyText } from '../billing/charge';
import { addLocalDays, startOfLocalWeek, type LocalDate } from '../time/local-date';
import { FORECAST_BUCKETS, forecastBucket } from './aging';
import { asOfWords, daysBetween } from './asof-common';
import { sum } from './parts';
import { formatDayMonth } from '../time/display';
import { expectedItems, HORIZON_DAYS, type Expected, type ExpectedSource } from './asof-expected';
import type { ChartSpec, ReportData, ReportFigure, ReportScope, ReportTable, ReportView } from './types';
import { emptyView } from './view';

const SOURCES: readonly ExpectedSource[] = ['Open invoices', 'Unbilled work'];
/** Index of the items expected after the horizon, beside the buckets. */
const LATER = FORECAST_BUCKETS.length;

type Dated = Expected & { bucket: number };

export function forecastReport(data: ReportData, scope: ReportScope): ReportView {
  const { items, notes } = expectedItems(data, scope);
  const dated: Dated[] = items
    .map((i) => ({ ...i, bucket: forecastBucket(daysBetween(data.today, i.date)) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.client.localeCompare(b.client) || a.item.localeCompare(b.item)));
  const view = emptyView('forecast', 'Cash forecast', asOfWords(data.today), data.currency);
  view.figures = figures(dated);
  view.charts = charts(dated, data);
  view.tables = [itemsTable(dated), clientTable(dated)];
  const later = dated.filter((d) => d.bucket === LATER);
  if (later.length > 0) notes.push(`${moneyText(sum(later.map((d) => d.amountMinor)), data.currency)} (${later.length} ${later.length === 1 ? 'item' : 'items'}) is expected later than ${HORIZON_DAYS} days and left out of the buckets.`);
  view.notes = notes;
  return view;
}

/** The amounts of the items in a bucket (and of a source, when given). */
const amountIn = (dated: readonly Dated[], bucket: number, source?: ExpectedSource): number =>
  sum(dated.filter((d) => d.bucket === bucket && (source === undefined || d.source === source)).map((d) => d.amountMinor));

function figures(dated: readonly Dated[]): ReportFigure[] {
  const [b30, b60, b90] = FORECAST_BUCKETS.map((_, i) => amountIn(dated, i)) as [number, number, number];
  const within = (source: ExpectedSource) => sum(FORECAST_BUCKETS.map((_, i) => amountIn(dated, i, source)));
  return [
    { label: 'Expected in 30 days', kind: 'money', value: b30 },
    { label: 'Expected in 60 days', kind: 'money', value: b30 + b60 },
    { label: 'Expected in 90 days', kind: 'money', value: b30 + b60 + b90 },
    { label: 'From open invoices', kind: 'money', value: within('Open invoices') },
    { label: 'From unbilled work', kind: 'money', value: within('Unbilled work') },
  ];
}

function charts(dated: readonly Dated[], data: ReportData): ChartSpec[] {
  const horizon = addLocalDays(data.today, HORIZON_DAYS);
  const weeks: LocalDate[] = [];
  for (let w = startOfLocalWeek(data.today, data.weekStartsOn); w <= horizon; w = addLocalDays(w, 7)) weeks.push(w);
  const inHorizon = dated.filter((d) => d.bucket !== LATER);
  const through = (end: LocalDate) => sum(inHorizon.filter((d) => d.date <= end).map((d) => d.amountMinor));
  return [
    {
      id: 'cash-by-month',
      title: 'Expected cash by month',
      kind: 'stackedBar',
      categories: [...FORECAST_BUCKETS],
      unit: 'money',
      series: SOURCES.map((source) => ({ label: source, values: FORECAST_BUCKETS.map((_, i) => amountIn(dated, i, source)) })),
    },
    {
      id: 'cumulative',
      title: 'Cumulative expected cash',
      kind: 'line',
      categories: weeks.map((d) => formatDayMonth(d)),
      unit: 'money',
      series: [{ label: 'Expected cash', values: weeks.map((w) => through(addLocalDays(w, 6))) }],
    },
  ];
}

function itemsTable(dated: readonly Dated[]): ReportTable {
  return {
    id: 'items',
    title: 'Expected payments',
    columns: [
      { key: 'source', label: 'From', kind: 'text' },
      { key: 'client', label: 'Client', kind: 'text' },
      { key: 'item', label: 'Invoice or project', kind: 'text' },
      { key: 'date', label: 'Expected', kind: 'date' },
      { key: 'amount', label: 'Amount', kind: 'money' },
      { key: 'basis', label: 'Why then', kind: 'text' },
    ],
    rows: dated.map((d) => ({ cells: { source: d.source, client: d.client, item: d.item, date: d.date, amount: d.amountMinor, basis: d.basis } })),
    total: { source: 'Total', client: null, item: null, date: null, amount: sum(dated.map((d) => d.amountMinor)), basis: null },
  };
}

const BUCKET_KEYS = ['next30', 'days60', 'days90', 'later'];

function clientTable(dated: readonly Dated[]): ReportTable {
  const clients = [...new Set(dated.map((d) => d.client))].sort((a, b) => a.localeCompare(b));
  const cells = (mine: readonly Dated[]) => ({
    ...Object.fromEntries(BUCKET_KEYS.map((k, i) => [k, amountIn(mine, i)])),
    total: sum(mine.map((d) => d.amountMinor)),
  });
  return {
    id: 'by-client',
    title: 'Expected by client',
    columns: [
      { key: 'client', label: 'Client', kind: 'text' },
      ...FORECAST_BUCKETS.map((label, i) => ({ key: BUCKET_KEYS[i]!, label, kind: 'money' as const })),
      { key: 'later', label: 'Later', kind: 'money' },
      { key: 'total', label: 'Total', kind: 'money' },
    ],
    rows: clients.map((client) => ({ cells: { client, ...cells(dated.filter((d) => d.client === client)) } })),
    total: { client: 'Total', ...cells(dated) },
  };
}
