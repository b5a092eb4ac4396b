import { useCallback, useEffect, useMemo, useState } from 'react';
import { ruleFromSegment } from '../../../../shared/matcher';
import type { LocalDate } from '../../../../shared/time/local-date';
import { localDate, zonedInstant } from '../../../../shared/time/zone';
import { formatClockTime, formatDayLong } from '../../../../shared/time/display';
import { currentZone, today } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import { billedForRuns, runsToCreate } from './accept-plan';
import { changesOf, resolveDecision, useDecisions } from './decisions';
import { DayNav } from '../../components/DayNav';
import { ProposalCard } from './ProposalCard';
import type { ProposalView } from './review-day';
import { ReviewedList } from './ReviewedList';
import { ReviewToolbar } from './ReviewToolbar';
import { RulesPanel, type RuleDraft } from './RulesPanel';
import { Timeline } from './Timeline';
import { UnassignedSection } from './UnassignedSection';
import { useReviewActions } from './use-review-actions';
import { useReviewDay } from './use-review-day';
import './review.css';

export function ReviewScreen() {
  const repos = useRepos();
  const go = useUi((s) => s.go);
  const zone = currentZone();
  const todayDate = today(zone);
  const [chosen, setChosen] = useState<LocalDate | null>(null);
  const date = chosen ?? todayDate;
  const [splits, setSplits] = useState<number[]>([]);
  const [ruleDraft, setRuleDraft] = useState<{ draft: RuleDraft; explanation: string } | null>(null);
  const [ruleError, setRuleError] = useState<string | null>(null);
  const data = useReviewDay(date, zone, splits);
  const changes = useDecisions((s) => s.changes);
  const { change, keepOnly } = useDecisions.getState();
  const formatTime = useCallback((ms: number) => formatClockTime(ms, zone), [zone]);
  const { busy, notice, setNotice, ...act } = useReviewActions(date, zone, formatTime);

  // Changes made on cards whose proposal is gone (accepted, regrouped) are forgotten.
  const keys = data ? JSON.stringify(data.day.proposals.map((p) => p.key)) : null;
  useEffect(() => {
    if (keys !== null) keepOnly(date, JSON.parse(keys) as string[]);
  }, [date, keys, keepOnly]);

  // The day's entries, and an entry of the evening before that runs past midnight (the timeline
  // draws them from the day's start). Memoised so the timeline's props stay the same between edits.
  const entries = data?.entries;
  const dataNow = data?.now ?? 0;
  const onDay = useMemo(() => {
    if (!entries) return null;
    const dayStart = zonedInstant(date, '00:00', zone);
    const dayEntries = entries.filter((e) => e.localDate === date || (e.end ?? dataNow) > dayStart);
    return { dayEntries, timelineEntries: dayEntries.map((e) => ({ ...e, start: Math.max(e.start, dayStart) })) };
  }, [entries, dataNow, date, zone]);

  if (!data) return <><Header date={date} today={todayDate} onMove={move} /><p className="muted">Loading…</p></>;
  const { day } = data;
  const decisionOf = (v: ProposalView) => resolveDecision(v.proposal, changesOf(changes, date, v.key), (id) => data.projects.has(id));

  function move(to: LocalDate) {
    setChosen(to === todayDate ? null : to);
    setSplits([]);
    setNotice(null);
  }

  function makeRule(segmentId: string, projectId: string | undefined) {
    const w = day.windows.find((s) => s.id === segmentId);
    const project = data!.infos.find((p) => p.id === projectId);
    if (!w || !project) return;
    const { rule, explanation } = ruleFromSegment(w, project, { model: data!.model });
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

  const header = <Header date={date} today={todayDate} onMove={move} />;
  if (data.capturedCount === 0) {
    return (
      <>
        {header}
        <EmptyState icon="review" title="No activity captured for this day"
          action={<button type="button" className="button" onClick={() => go('settings', 'capture')}>Open capture settings</button>}>
          <p>When activity capture is on, Track Nexus notes which window you work in and proposes entries with a suggested client and project, each with its reason. Nothing captured ever leaves this computer.</p>
        </EmptyState>
      </>
    );
  }

  const plans = day.proposals.map((v) => ({ v, d: decisionOf(v) }));
  const addMs = plans.reduce((sum, { v, d }) => sum + runsToCreate(v.overlap, d.countAll).reduce((s, r) => s + r.end - r.start, 0), 0);
  const heldMs = plans.reduce((sum, { v, d }) => sum + (d.countAll ? 0 : v.overlap.coveredMs), 0);
  const { dayEntries, timelineEntries } = onDay!;
  return (
    <>
      {header}
      {notice ? (
        <p role={notice.tone === 'error' ? 'alert' : 'status'} className={`banner ${notice.tone}`}>
          {notice.text}
          {notice.undo ? <button type="button" className="button small" disabled={busy} onClick={() => void act.undo(notice.undo!)}>Undo</button> : null}
        </p>
      ) : null}
      <Timeline windows={day.windows} away={day.away} entries={timelineEntries} now={data.now} colourOf={data.colourOf} labelOf={data.labelOf} formatTime={formatTime} />

      <ReviewToolbar proposals={day.proposals.length} addMs={addMs} heldMs={heldMs} options={data.options} busy={busy} onAcceptAll={() => void act.acceptAll(data, plans)} />

      {day.proposals.length === 0 && day.windows.length === 0 ? (
        <p className="banner ok" role="status">Everything on this day is reviewed.</p>
      ) : null}

      {plans.map(({ v, d }) => (
        <ProposalCard
          key={v.key}
          view={v}
          decision={d}
          projects={data.projectOptions}
          billing={billedForRuns(runsToCreate(v.overlap, d.countAll), d.projectId, zone, dayEntries, (id) => data.projects.get(id), data.rounding)}
          colourOf={data.colourOf}
          labelOf={data.labelOf}
          formatTime={formatTime}
          busy={busy}
          onChange={(patch) => change(date, v.key, patch)}
          onAccept={() => void act.accept(data, v, d)}
          onReject={() => void act.notWork(v.windows, `${formatTime(v.proposal.start)}–${formatTime(v.proposal.end)}`)}
          onSplit={(hhmm) => setSplits((s) => [...s, zonedInstant(localDate(v.proposal.start, zone), hhmm, zone)])}
          onMakeRule={(id) => makeRule(id, d.projectId)}
        />
      ))}

      {day.unassigned.length > 0 ? (
        <UnassignedSection unassigned={day.unassigned} projects={data.projectOptions} formatTime={formatTime} busy={busy}
          onAssign={(w, overlap, projectId, taskId) => void act.assign(data, w, overlap, projectId, taskId)}
          onMakeRule={(id) => makeRule(id, data.projectOptions[0]?.id)}
          onNotWork={() => void act.notWork(day.unassigned.map((u) => u.window), 'Unassigned windows')} />
      ) : null}

      {day.reviewedCount > 0 ? (
        <ReviewedList decisions={data.decisions} reviewedCount={day.reviewedCount} labelOf={data.labelOf} formatTime={formatTime} busy={busy}
          onUndo={(id) => void act.undo([id])} onReopen={() => void act.reopen()} />
      ) : null}

      {day.invalidRules.length > 0 ? (
        <p role="alert" className="banner error">Some rules are ignored: {day.invalidRules.map((r) => `${r.rule.pattern}: ${r.message}`).join('; ')}</p>
      ) : null}

      <RulesPanel
        key={ruleDraft ? `${ruleDraft.draft.pattern}-${ruleDraft.draft.projectId}` : 'new'}
        rules={data.rules}
        projects={data.projectOptions}
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

function Header({ date, today, onMove }: { date: LocalDate; today: LocalDate; onMove: (date: LocalDate) => void }) {
  return (
    <ScreenHeader
      title="Review"
      subtitle={`${formatDayLong(date)}: turn the day’s activity into entries`}
      actions={<DayNav date={date} today={today} onChange={onMove} />}
    />
  );
}
