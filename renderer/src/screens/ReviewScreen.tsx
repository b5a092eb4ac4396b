import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { createMatcher, ruleFromSegment } from '../../../shared/matcher';
import type { ProposedEntry } from '../../../shared/proposals';
import { formatDuration } from '../../../shared/time/duration';
import { addLocalDays } from '../../../shared/time/local-date';
import { localDate, zonedInstant } from '../../../shared/time/zone';
import { formatClockTime, formatDayLong } from '../../../shared/time/display';
import { currentZone, today } from '../app/clock';
import { useUi } from '../app/ui-store';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';
import { useRepos } from '../data/repos-context';
import { ProposalCard, type ProjectOption, type ProposalDecision } from '../features/review/ProposalCard';
import { countedRuns, projectInfos, proposeDay, splitProposal, suggestDay } from '../features/review/review-day';
import { RulesPanel, type RuleDraft } from '../features/review/RulesPanel';
import { Timeline } from '../features/review/Timeline';
import { projectLabel } from '../features/timesheet/labels';
import '../features/review/review.css';

/** Unassigned time: visible on the timeline track, but clearly not a project's colour. */
const NONE_COLOUR = 'var(--muted)';

export function ReviewScreen() {
  const repos = useRepos();
  const go = useUi((s) => s.go);
  const zone = currentZone();
  const [offset, setOffset] = useState(0);
  const date = addLocalDays(today(zone), offset);
  const [splits, setSplits] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [ruleDraft, setRuleDraft] = useState<{ draft: RuleDraft; explanation: string } | null>(null);
  const [ruleError, setRuleError] = useState<string | null>(null);

  const segments = useLiveQuery(() => repos.segments.listDay(date), [repos, date]);
  const away = useLiveQuery(() => repos.segments.listAwayDay(date), [repos, date]);
  const projects = useLiveQuery(() => repos.projects.list({ includeArchived: true }), [repos]);
  const clients = useLiveQuery(() => repos.clients.list({ includeArchived: true }), [repos]);
  const tasks = useLiveQuery(() => repos.tasks.list(), [repos]);
  const rules = useLiveQuery(() => repos.matcher.listRules(), [repos]);
  const model = useLiveQuery(() => repos.matcher.loadModel(), [repos, segments]);
  const options = useLiveQuery(
    async () => ({
      gapFillMinutes: await repos.settings.get('reviewGapFillMinutes'),
      minFragmentMinutes: await repos.settings.get('reviewMinFragmentMinutes'),
      fragments: await repos.settings.get('reviewFragments'),
    }),
    [repos],
  );

  const infos = useMemo(() => (projects && clients && tasks ? projectInfos(projects, clients, tasks) : null), [projects, clients, tasks]);
  const projectMap = useMemo(() => new Map((projects ?? []).map((p) => [p.id, p])), [projects]);
  const clientMap = useMemo(() => new Map((clients ?? []).map((c) => [c.id, c])), [clients]);
  const labelOf = (id: string | null) => (id === null ? 'Not assigned' : projectLabel(id, projectMap, clientMap));
  const colourOf = (id: string | null) => (id ? projectMap.get(id)?.color ?? NONE_COLOUR : NONE_COLOUR);
  const formatTime = (ms: number) => formatClockTime(ms, zone);

  const review = useMemo(() => {
    if (!segments || !away || !infos || !rules || !model || !options) return null;
    const open = segments.filter((s) => !s.reviewed);
    const matcher = createMatcher({ projects: infos, rules, model });
    const suggested = suggestDay(open, matcher);
    const awayIntervals = away.filter((a) => a.end !== null).map((a) => ({ start: a.start, end: a.end as number }));
    let proposals = proposeDay(suggested, awayIntervals, options);
    for (const at of splits) {
      proposals = proposals.flatMap((p) => splitProposal(p, at, suggested) ?? [p]);
    }
    const assigned = new Set(proposals.flatMap((p) => p.segmentIds));
    const unassigned = suggested.filter((s) => !assigned.has(s.id));
    const byId = new Map(open.map((s) => [s.id, s]));
    const withText = suggested.map((s) => ({ ...s, app: byId.get(s.id)!.app, title: byId.get(s.id)!.title }));
    return { open, suggested, withText, byId, awayIntervals, proposals, unassigned, reviewedCount: segments.length - open.length, invalidRules: matcher.invalidRules };
  }, [segments, away, infos, rules, model, options, splits]);

  const projectOptions: ProjectOption[] = (infos ?? [])
    .filter((p) => p.active !== false)
    .map((p) => ({ id: p.id, label: labelOf(p.id), tasks: p.tasks ?? [] }))
    .sort((a, b) => a.label.localeCompare(b.label));

  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      setNotice({ tone: 'ok', text: await action() });
    } catch (e) {
      setNotice({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const segmentsOf = (p: ProposedEntry) => p.segmentIds.map((id) => review!.byId.get(id)!).filter(Boolean);

  const accept = (p: ProposedEntry, d: ProposalDecision) =>
    run(async () => {
      const runs = countedRuns(p, review!.suggested, review!.awayIntervals);
      const ids = await repos.review.accept({ runs, projectId: d.projectId, taskId: d.taskId, description: d.description, zone, segments: segmentsOf(p) });
      return `Added ${ids.length === 1 ? 'a draft entry' : `${ids.length} draft entries`} for ${labelOf(d.projectId)} (${formatDuration(p.durationMs)}).`;
    });

  const acceptAll = () =>
    run(async () => {
      let total = 0;
      for (const p of review!.proposals) {
        await repos.review.accept({ runs: countedRuns(p, review!.suggested, review!.awayIntervals), projectId: p.projectId, taskId: p.taskId, description: '', zone, segments: segmentsOf(p) });
        total += p.durationMs;
      }
      return `Accepted ${review!.proposals.length} proposals (${formatDuration(total)}) as draft entries.`;
    });

  const reject = (ids: readonly string[], what: string) =>
    run(async () => {
      await repos.review.reject(ids.map((id) => review!.byId.get(id)!).filter(Boolean));
      return `${what} marked as not billable; the matcher will remember.`;
    });

  function makeRule(segmentId: string, projectId: string) {
    const s = review?.byId.get(segmentId);
    const project = infos?.find((p) => p.id === projectId);
    if (!s || !project) return;
    const { rule, explanation } = ruleFromSegment(s, project, { model: model ?? undefined });
    setRuleError(null);
    setRuleDraft({ draft: { field: rule.field, kind: rule.kind, pattern: rule.pattern, projectId: rule.projectId }, explanation });
  }

  async function saveRule(draft: RuleDraft) {
    try {
      await repos.matcher.saveRule({ ...draft, taskId: null });
      setRuleDraft(null);
      setRuleError(null);
      setNotice({ tone: 'ok', text: 'Rule saved. Suggestions for unreviewed days now follow it.' });
    } catch (e) {
      setRuleError(e instanceof Error ? e.message : String(e));
    }
  }

  const dayLabel = formatDayLong(date);
  const header = (
    <ScreenHeader
      title="Review"
      subtitle={`${dayLabel}: turn the day’s activity into entries`}
      actions={
        <>
          <button type="button" className="button" onClick={() => { setOffset((o) => o - 1); setSplits([]); }}>‹ Previous day</button>
          <button type="button" className="button" disabled={offset === 0} onClick={() => { setOffset(0); setSplits([]); }}>Today</button>
          <button type="button" className="button" disabled={offset >= 0} onClick={() => { setOffset((o) => o + 1); setSplits([]); }}>Next day ›</button>
        </>
      }
    />
  );

  if (!review || !options) return <>{header}<p className="muted">Loading…</p></>;

  if (segments!.length === 0) {
    return (
      <>
        {header}
        <EmptyState icon="review" title="No activity captured for this day"
          action={<button type="button" className="button" onClick={() => go('settings')}>Open capture settings</button>}>
          <p>When activity capture is on, Track Nexus notes which window you work in and proposes entries with a suggested client and project, each with its reason. Nothing captured ever leaves this computer.</p>
        </EmptyState>
      </>
    );
  }

  const unassignedMs = review.unassigned.reduce((sum, s) => sum + (s.end - s.start), 0);
  return (
    <>
      {header}
      {notice ? <p role={notice.tone === 'error' ? 'alert' : 'status'} className={`banner ${notice.tone}`}>{notice.text}</p> : null}
      <Timeline segments={review.withText} away={review.awayIntervals} colourOf={colourOf} labelOf={labelOf} formatTime={formatTime} />

      <div className="review-toolbar">
        <span className="muted">
          {review.proposals.length} proposed entr{review.proposals.length === 1 ? 'y' : 'ies'}
          {review.reviewedCount > 0 ? ` · ${review.reviewedCount} windows already reviewed` : ''}
        </span>
        <label className="field inline">Fill gaps under
          <input type="number" min={0} max={60} value={options.gapFillMinutes} onChange={(e) => void repos.settings.set('reviewGapFillMinutes', Number(e.target.value))} /> min
        </label>
        <label className="field inline">Fragments under
          <input type="number" min={0} max={60} value={options.minFragmentMinutes} onChange={(e) => void repos.settings.set('reviewMinFragmentMinutes', Number(e.target.value))} /> min are
          <select value={options.fragments} onChange={(e) => void repos.settings.set('reviewFragments', e.target.value as 'fold' | 'drop')}>
            <option value="fold">folded in</option><option value="drop">dropped</option>
          </select>
        </label>
        <button type="button" className="button primary" disabled={busy || review.proposals.length === 0} onClick={() => void acceptAll()}>Accept all</button>
      </div>

      {review.proposals.length === 0 && review.open.length === 0 ? (
        <p className="banner ok" role="status">Everything on this day is reviewed.</p>
      ) : null}

      {review.proposals.map((p) => (
        <ProposalCard
          key={`${p.segmentIds[0]}-${p.start}-${p.projectId}`}
          proposal={p}
          segments={p.segmentIds.map((id) => review.withText.find((s) => s.id === id)!).filter(Boolean)}
          projects={projectOptions}
          colour={colourOf(p.projectId)}
          formatTime={formatTime}
          busy={busy}
          onAccept={(d) => void accept(p, d)}
          onReject={() => void reject(p.segmentIds, `${formatTime(p.start)}–${formatTime(p.end)}`)}
          onSplit={(hhmm) => setSplits((s) => [...s, zonedInstant(localDate(p.start, zone), hhmm, zone)])}
          onMakeRule={(id) => makeRule(id, p.projectId)}
        />
      ))}

      {review.unassigned.length > 0 ? (
        <section className="card unassigned" aria-labelledby="unassigned-title">
          <h2 id="unassigned-title">Not assigned ({formatDuration(unassignedMs)})</h2>
          <p className="muted">The matcher was not sure enough to suggest a project for these windows, or they look personal. Make a rule to assign ones like them, or mark them as not billable.</p>
          <ul className="proposal-segments">
            {review.unassigned.map((s) => {
              const full = review.byId.get(s.id)!;
              return (
                <li key={s.id}>
                  <span className="muted">{formatTime(s.start)}–{formatTime(s.end)}</span>
                  <span className="seg-app">{full.app}</span>
                  <span className="seg-title">{full.title}</span>
                  <span className="muted reason" title={s.reason}>{s.reason}</span>
                  {projectOptions[0] ? (
                    <button type="button" className="button small" onClick={() => makeRule(s.id, projectOptions[0]!.id)}>Make this a rule</button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <button type="button" className="button" disabled={busy} onClick={() => void reject(review.unassigned.map((s) => s.id), 'Unassigned windows')}>Mark all as not billable</button>
        </section>
      ) : null}

      {review.invalidRules.length > 0 ? (
        <p role="alert" className="banner error">Some rules are ignored: {review.invalidRules.map((r) => `${r.rule.pattern}: ${r.message}`).join('; ')}</p>
      ) : null}

      <RulesPanel
        key={ruleDraft ? `${ruleDraft.draft.pattern}-${ruleDraft.draft.projectId}` : 'new'}
        rules={rules ?? []}
        projects={projectOptions}
        draft={ruleDraft?.draft ?? null}
        explanation={ruleDraft?.explanation ?? null}
        error={ruleError}
        onSave={(d) => void saveRule(d)}
        onDelete={(id) => void repos.matcher.deleteRule(id)}
        onCancel={() => setRuleDraft(null)}
      />
    </>
  );
}
