// A deterministic year of a busy consultant's data for the store benchmark: 5 clients, 15 projects,
// entries and activity segments packed into each working day (the benchmark's floor of 100,000
// entries and 300,000 segments a year makes days dense: ~370 entries and ~1,100 segments per weekday),
// lighter weekends, a week of travel recorded in another zone, and the status mix of a real year
// (older work approved, synced, invoiced or paid; the last weeks still draft).
import { addLocalDays, weekdayOf, type LocalDate } from '../../shared/time/local-date';
import { dayRange } from '../../shared/time/ranges';
import type { AuditRow, ClientRow, EntryRow, EntryStatus, ProjectRow, SegmentRow, TaskRow } from '../../renderer/src/db/schema';
import { between, pick, seededRandom, type Random } from './random';

export interface YearShape {
  year: number;
  homeZone: string;
  travelZone: string;
  entriesPerWeekday: number;
  entriesPerWeekendDay: number;
  segmentsPerWeekday: number;
  segmentsPerWeekendDay: number;
  seed: number;
}

export const DEFAULT_SHAPE: YearShape = {
  year: 2025,
  homeZone: 'America/New_York',
  travelZone: 'Europe/Lisbon',
  entriesPerWeekday: 370,
  entriesPerWeekendDay: 50,
  segmentsPerWeekday: 1100,
  segmentsPerWeekendDay: 200,
  seed: 20250101,
};

export interface Catalog {
  clients: ClientRow[];
  projects: ProjectRow[];
  tasks: TaskRow[];
}

export interface DayRows {
  date: LocalDate;
  zone: string;
  entries: EntryRow[];
  segments: SegmentRow[];
  audit: AuditRow[];
}

const CLIENTS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics'];
const PROJECT_WORDS = ['Website relaunch', 'Data pipeline', 'Mobile app', 'Support retainer', 'Audit prep', 'API integration', 'Billing migration', 'Analytics dashboard', 'Security review', 'Onboarding flow', 'Search revamp', 'Reporting', 'Design system', 'Internal tools', 'Training'];
const TASKS = ['Development', 'Meetings', 'Code review', 'Design', 'Research'];
const DESCRIPTIONS = ['Standup', 'Fix login redirect', 'Review PR #482', 'Client call re: scope', 'Write migration', 'Pair on flaky test', 'Update invoice export', 'Investigate slow query', 'Draft proposal', 'Deploy to staging', 'Email triage', 'Refactor settings screen', ''];
const APPS: { app: string; titles: string[]; url?: string[] }[] = [
  { app: 'Code', titles: ['entries-repo.ts — track-nexus — Visual Studio Code', 'README.md — billing — Visual Studio Code', 'schema.sql — pipeline — Visual Studio Code'] },
  { app: 'Google Chrome', titles: ['Pull request #482 · acme/web', 'Jira — ACME-1288 Login redirect loops', 'QuickBooks Online — Invoices', 'Stack Overflow — IndexedDB compound index range'], url: ['https://github.com/acme/web/pull/482', 'https://acme.atlassian.net/browse/ACME-1288', 'https://app.qbo.intuit.com/app/invoices', 'https://stackoverflow.com/q/16501459'] },
  { app: 'Slack', titles: ['#acme-dev — Acme Corp — Slack', 'Sam Lee (DM) — Globex — Slack'] },
  { app: 'zoom.us', titles: ['Zoom Meeting', 'Globex weekly sync'] },
  { app: 'Terminal', titles: ['npm run test — zsh', 'ssh deploy@staging — zsh'] },
  { app: 'Mail', titles: ['Inbox — consultant@example.com', 'Re: Statement of work v3'] },
];

export function catalog(shape: YearShape): Catalog {
  const at = Date.UTC(shape.year - 1, 11, 1);
  const clients: ClientRow[] = CLIENTS.map((name, i) => ({ id: `c${i + 1}`, name, archived: false, qboCustomerId: null, createdAt: at, updatedAt: at }));
  const projects: ProjectRow[] = PROJECT_WORDS.map((name, i) => ({
    id: `p${i + 1}`,
    clientId: `c${(i % CLIENTS.length) + 1}`,
    name,
    color: `hsl(${i * 24} 70% 50%)`,
    billable: i !== 13 && i !== 14,
    defaultTaskId: `p${i + 1}-t1`,
    rateMinor: 9_000 + i * 1_000,
    currency: 'USD',
    rounding: null,
    archived: false,
    qboCustomerId: null,
    qboItemId: null,
    qboClassId: null,
    createdAt: at,
    updatedAt: at,
  }));
  const tasks: TaskRow[] = projects.flatMap((p) =>
    TASKS.map((name, j) => ({ id: `${p.id}-t${j + 1}`, projectId: p.id, name, archived: false, qboItemId: null, createdAt: at, updatedAt: at })),
  );
  return { clients, projects, tasks };
}

export function yearDates(year: number): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = `${year}-01-01`; d < `${year + 1}-01-01`; d = addLocalDays(d, 1)) dates.push(d);
  return dates;
}

/** Working hours (08:00 onwards) split into `count` back-to-back pieces of varying length. */
function slots(rand: Random, dayStart: number, count: number, spanMs: number): { start: number; end: number }[] {
  const weights = Array.from({ length: count }, () => 0.2 + rand());
  const total = weights.reduce((a, b) => a + b, 0);
  const out: { start: number; end: number }[] = [];
  let cursor = dayStart + 8 * 3_600_000;
  for (const w of weights) {
    const len = Math.max(1000, Math.floor((w / total) * spanMs));
    // A short gap now and then, as between real entries.
    const gap = rand() < 0.15 ? Math.floor(len * 0.2) : 0;
    out.push({ start: cursor, end: cursor + len - gap });
    cursor += len;
  }
  return out;
}

function statusFor(daysLeft: number, rand: Random): EntryStatus {
  if (daysLeft < 14) return 'draft';
  if (daysLeft < 30) return rand() < 0.5 ? 'approved' : 'draft';
  return pick(rand, ['synced', 'invoiced', 'paid', 'paid', 'paid'] as const);
}

/** Rows for one local day. Deterministic for (shape, date). */
export function generateDay(shape: YearShape, date: LocalDate, dayIndex: number, daysInYear: number): DayRows {
  const rand = seededRandom(shape.seed + dayIndex * 7919);
  const weekday = weekdayOf(date);
  const weekend = weekday === 0 || weekday === 6;
  // One week in October is worked from Lisbon: those entries keep the zone they were recorded in.
  const zone = date >= `${shape.year}-10-06` && date <= `${shape.year}-10-10` ? shape.travelZone : shape.homeZone;
  const { start: dayStart } = dayRange(date, zone);
  const entryCount = weekend ? shape.entriesPerWeekendDay : shape.entriesPerWeekday;
  const segmentCount = weekend ? shape.segmentsPerWeekendDay : shape.segmentsPerWeekday;
  const span = (weekend ? 3 : 11) * 3_600_000;

  const entries: EntryRow[] = [];
  const audit: AuditRow[] = [];
  let project = pick(rand, PROJECT_WORDS.map((_, i) => i + 1));
  slots(rand, dayStart, entryCount, span).forEach((slot, i) => {
    if (rand() < 0.3) project = between(rand, 1, PROJECT_WORDS.length);
    const imported = rand() < 0.1;
    const source = imported ? 'import' : pick(rand, ['timer', 'timer', 'manual', 'activity'] as const);
    const id = `e-${date}-${String(i).padStart(4, '0')}`;
    const row: EntryRow = {
      id,
      projectId: rand() < 0.04 ? null : `p${project}`,
      taskId: `p${project}-t${between(rand, 1, TASKS.length)}`,
      description: pick(rand, DESCRIPTIONS),
      start: slot.start,
      end: slot.end,
      zone,
      source,
      billable: project !== 14 && project !== 15,
      status: statusFor(daysInYear - 1 - dayIndex, rand),
      version: between(rand, 1, 4),
      createdAt: slot.end,
      updatedAt: slot.end + between(rand, 0, 20) * 3_600_000,
      deletedAt: rand() < 0.01 ? slot.end + 3_600_000 : null,
      localDate: date,
    };
    if (imported) row.importKey = `harvest-${shape.year}.csv:${id}`;
    if (row.projectId === null) row.taskId = null;
    entries.push(row);
    audit.push({ entityType: 'entry', entityId: id, action: 'create', at: row.createdAt, actor: source === 'timer' ? 'timer' : source === 'import' ? 'import' : 'user', before: null, after: row, version: 1 });
  });

  const segments: SegmentRow[] = slots(rand, dayStart, segmentCount, span).map((slot, i) => {
    const app = pick(rand, APPS);
    const t = between(rand, 0, app.titles.length - 1);
    return {
      id: `s-${date}-${String(i).padStart(5, '0')}`,
      start: slot.start,
      end: slot.end,
      app: app.app,
      title: app.titles[t]!,
      url: app.url?.[t] ?? null,
      kind: 'active',
      localDate: date,
      suggestedProjectId: rand() < 0.6 ? `p${between(rand, 1, PROJECT_WORDS.length)}` : null,
      reviewed: date < `${shape.year}-12-20`,
    };
  });
  return { date, zone, entries, segments, audit };
}
