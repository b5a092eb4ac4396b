// The sync tab's data and its test sync: approved and synced entries with their outbox rows,
// records and pre-flight issues, each entry's label; and the chosen entries whose exact payloads
// a test sync shows and pushes.
import { belongsTo } from './store/sync-context';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatDayShort, formatTimeRange } from '../../../../shared/time/display';
import type { TimeActivityDraft } from '../../../../shared/qbo/transform';
import { entryLocalDate } from '../../../../shared/qbo/transform';
import { projectLabelById } from '../../../../shared/entries/project-label';
import { preflightDrafts, type PreflightIssue } from '../../../../shared/sync/preflight';
import { useRepos } from '../../data/repos-context';
import type { EntryRow } from '../../db/schema';
import { formatMinutes } from './mirror-hooks';
import { useSyncService } from './SyncServiceProvider';
import { useCompanyId } from './qbo-tab-store';

const DAY_MS = 86_400_000;

const minutesOf = (e: EntryRow) => Math.round(((e.end ?? e.start) - e.start) / 60_000);

/** The chosen company's approved and synced time, its outbox and what pre-flight says about it. */
export function useSyncData() {
  const repos = useRepos();
  const companyId = useCompanyId();
  const data = useLiveQuery(async () => {
    const now = Date.now();
    const [sc, rows, records, entries, projects, clients] = await Promise.all([
      repos.sync.loadContext(companyId),
      repos.sync.allRows(companyId),
      repos.sync.records(companyId),
      repos.entries.listRange(now - 400 * DAY_MS, now + DAY_MS),
      repos.projects.list({ includeArchived: true }),
      repos.clients.list({ includeArchived: true }),
    ]);
    const inCompany = belongsTo(sc);
    const relevant = entries.filter((e) => (e.status === 'approved' || e.status === 'synced') && inCompany(e)).sort((a, b) => b.start - a.start);
    const approved = relevant.filter((e) => e.status === 'approved');
    const lastRefusals = new Map<string, string>();
    for (const r of rows) if (r.state === 'failed' && !r.supersededBy && r.lastError) for (const id of r.entryIds) lastRefusals.set(id, r.lastError);
    const { issues } = preflightDrafts(approved, sc.transform, sc.mirror, sc.prefs, { lastRefusals, now });
    const projectById = new Map(projects.map((p) => [p.id, p]));
    const clientById = new Map(clients.map((c) => [c.id, c]));
    const projectLabel = (id: string | null) => projectLabelById(id, projectById, clientById);
    const recordOf = new Map(records.flatMap((r) => r.entryIds.map((id) => [id, r] as const)));
    return { settings: sc.settings, rows, recordOf, relevant, approved, issues, projectLabel };
  }, [repos, companyId]);

  if (!data) return null;
  const byId = new Map(data.relevant.map((e) => [e.id, e]));
  const entryLabel = (id: string) => {
    const e = byId.get(id);
    if (!e) return id;
    return `${formatDayShort(entryLocalDate(e))}, ${data.projectLabel(e.projectId)}, ${formatTimeRange(e.start, e.end, e.zone)} · ${formatMinutes(minutesOf(e))}${e.description ? ` · ${e.description}` : ''}`;
  };
  return { ...data, entryLabel };
}

export type SyncData = NonNullable<ReturnType<typeof useSyncData>>;

interface PayloadPreview {
  drafts: TimeActivityDraft[];
  issues: PreflightIssue[];
  keys: string[];
  ids: string[];
  /** What QuickBooks holds for these keys: an update sends the full payload with its Id and SyncToken. */
  held: Map<string, { qboId: string; syncToken: string }>;
}

export function useTestSync() {
  const repos = useRepos();
  const sync = useSyncService();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<PayloadPreview | null>(null);
  const [testMessage, setTestMessage] = useState<string | null>(null);

  function choose(id: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    setSelected(next);
    setPreview(null);
  }

  async function showPayloads() {
    const ids = [...selected];
    setTestMessage(null);
    const p = await repos.sync.preview(ids);
    const held = new Map((await repos.sync.recordsByKeys(p.keys)).map((r) => [r.key, { qboId: r.qboId, syncToken: r.syncToken }]));
    setPreview({ ...p, ids, held });
  }

  async function pushSelected() {
    if (!preview) return;
    setTestMessage(null);
    const planned = await repos.entries.approve(preview.ids);
    const keys = [...new Set([...preview.keys])];
    const result = await sync.run({ only: keys });
    setTestMessage(result.status === 'completed'
      ? `Test sync sent ${result.sent} TimeActivit${result.sent === 1 ? 'y' : 'ies'}: ${result.done} in QuickBooks, ${result.failed} failed.${planned.issues.some((i) => i.blocking) ? ' Some entries were held back by pre-flight.' : ''}`
      : (result.message ?? `Test sync ended: ${result.status}.`));
    setPreview(null);
    setSelected(new Set());
  }

  return { selected, preview, testMessage, choose, showPayloads, pushSelected };
}
