// The day-end review, laid out: the day's data comes from useReviewDay (the matcher pipeline), the
// cards as the user changed them from useCardPlans, the buttons' work from useReviewActions, and a
// drafted rule from useRuleDraft. The screen keeps only which day is shown and where it was split.
import { useCallback, useState } from 'react';
import type { LocalDate } from '../../../../shared/time/local-date';
import { localDate, zonedInstant } from '../../../../shared/time/zone';
import { formatClockTime, formatDayLong } from '../../../../shared/time/display';
import { currentZone, today } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useCardPlans, useDecisions } from './decisions';
import { DayNav } from '../../components/DayNav';
import { ProposalCard } from './ProposalCard';
import { ReviewedList } from './ReviewedList';
import { ReviewToolbar } from './ReviewToolbar';
import { SafeModeBanner } from '../capture-settings/SafeModeBanner';
import { RulesPanel } from './RulesPanel';
import { Timeline } from './Timeline';
import { useCaptureRefresh } from '../capture/use-capture-refresh';
import { UnassignedSection } from './UnassignedSection';
import { useReviewActions } from './use-review-actions';
import { useReviewDay } from './use-review-day';
import { useRuleDraft } from './use-rule-draft';
import './review.css';

// Long because it lays out the whole screen (header, timeline, cards, reviewed list); each part is its own component.
export function ReviewScreen() {
  const go = useUi((s) => s.go);
  const zone = currentZone();
  const todayDate = today(zone);
  // Opened at a day from elsewhere (a report's row: #/review/2026-12-03), it starts there.
  const [chosen, setChosen] = useState<LocalDate | null>(() => (useUi.getState().screen === 'review' ? useUi.getState().day : null));
  const date = chosen ?? todayDate;
  const [splits, setSplits] = useState<number[]>([]);
  useCaptureRefresh(date === todayDate);
  const data = useReviewDay(date, zone, splits);
  const cards = useCardPlans(data, date, zone);
  const change = useDecisions((s) => s.change);
  const formatTime = useCallback((ms: number) => formatClockTime(ms, zone), [zone]);
  const { busy, notice, setNotice, ...act } = useReviewActions(date, zone, formatTime);
  const rule = useRuleDraft(data, () => setNotice({ tone: 'ok', text: 'Rule saved. Suggestions for unreviewed days now follow it.' }));

  function move(to: LocalDate) {
    setChosen(to === todayDate ? null : to);
    setSplits([]);
    setNotice(null);
  }

  const header = <><Header date={date} today={todayDate} onMove={move} /><SafeModeBanner /></>;
  if (!data || !cards) return <>{header}<p className="muted">Loading…</p></>;
  const { day } = data;
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

  const { plans, addMs, heldMs } = cards;
  return (
    <>
      {header}
      {notice ? (
        <p role={notice.tone === 'error' ? 'alert' : 'status'} className={`banner ${notice.tone}`}>
          {notice.text}
          {notice.undo ? <button type="button" className="button small" disabled={busy} onClick={() => void act.undo(notice.undo!)}>Undo</button> : null}
        </p>
      ) : null}
      <Timeline windows={day.windows} away={day.away} entries={data.timelineEntries} now={data.now} colourOf={data.colourOf} labelOf={data.labelOf} formatTime={formatTime} />

      <ReviewToolbar proposals={day.proposals.length} addMs={addMs} heldMs={heldMs} options={data.options} busy={busy} onAcceptAll={() => void act.acceptAll(data, plans)} />

      {day.proposals.length === 0 && day.windows.length === 0 ? (
        <p className="banner ok" role="status">Everything on this day is reviewed.</p>
      ) : null}

      {plans.map(({ v, d, billing }) => (
        <ProposalCard
          key={v.key}
          view={v}
          decision={d}
          projects={data.projectOptions}
          billing={billing}
          colourOf={data.colourOf}
          labelOf={data.labelOf}
          formatTime={formatTime}
          busy={busy}
          onChange={(patch) => change(date, v.key, patch)}
          onAccept={() => void act.accept(data, v, d)}
          onReject={() => void act.notWork(v.windows, `${formatTime(v.proposal.start)}–${formatTime(v.proposal.end)}`)}
          onSplit={(hhmm) => setSplits((s) => [...s, zonedInstant(localDate(v.proposal.start, zone), hhmm, zone)])}
          onMakeRule={(id) => rule.make(id, d.projectId)}
        />
      ))}

      {day.unassigned.length > 0 ? (
        <UnassignedSection unassigned={day.unassigned} projects={data.projectOptions} formatTime={formatTime} busy={busy}
          onAssign={(w, overlap, projectId, taskId) => void act.assign(data, w, overlap, projectId, taskId)}
          onMakeRule={(id) => rule.make(id, data.projectOptions[0]?.id)}
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
        key={rule.draft ? `${rule.draft.pattern}-${rule.draft.projectId}` : 'new'}
        rules={data.rules}
        projects={data.projectOptions}
        draft={rule.draft}
        explanation={rule.explanation}
        error={rule.error}
        onSave={(d) => void rule.save(d)}
        onDelete={(id) => void rule.remove(id)}
        onCancel={rule.cancel}
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
