// The screen side of a cell edit: read what was typed, plan, ask before lowering, write, and keep
// the Undo notice of the last edit. Transient UI state only; the entries live in the repositories.
import { useState } from 'react';
import { formatDayShort } from '../../../../shared/time/display';
import { formatDuration, parseDuration } from '../../../../shared/time/duration';
import type { LocalDate } from '../../../../shared/time/local-date';
import type { EntryEdit, Repos } from '../../db/repos';
import type { EntryRow } from '../../db/schema';
import { applyCellPlan, planCell, undoCellEdit, type CellRef } from './apply-cell-edit';
import type { CellEditPlan } from './cell-edit';
import type { GridRow } from './grid-rows';

export type Message = { tone: 'error' | 'warning' | 'ok'; lines: string[]; problems?: string[] };
type Lowering = { ref: CellRef; where: string; plan: Extract<CellEditPlan<EntryRow>, { ok: true }> };
type Notice = { where: string; fromMs: number; text: string; undo: EntryEdit[] };

export function useCellEdits(repos: Repos, zone: string, setMessage: (m: Message | null) => void) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [lowering, setLowering] = useState<Lowering | null>(null);
  /** Bumped to put every cell back to its stored value (a cancelled or refused edit). */
  const [generation, setGeneration] = useState(0);
  const refuse = (text: string) => {
    setMessage({ tone: 'error', lines: [text] });
    setGeneration((g) => g + 1);
  };

  async function write({ ref, where, plan }: Lowering) {
    const result = await applyCellPlan(repos, ref, plan.steps);
    if (!result.ok) return refuse(result.message);
    setMessage(null);
    setNotice({ where, fromMs: plan.fromMs, text: `${where}: ${formatDuration(plan.fromMs)} → ${formatDuration(plan.toMs)}.`, undo: result.undo });
  }

  return {
    notice,
    lowering,
    generation,
    /** A cell lost focus with new text in it. */
    async commit(row: GridRow, date: LocalDate, text: string, input: HTMLInputElement) {
      const parsed = text.trim() === '' ? ({ ok: true, minutes: 0 } as const) : parseDuration(text);
      if (!parsed.ok) {
        setMessage({ tone: 'error', lines: [parsed.error] });
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      input.removeAttribute('aria-invalid');
      const ref: CellRef = { projectId: row.projectId, ...(row.kind === 'task' ? { taskId: row.taskId ?? null } : {}), date, zone };
      const plan = await planCell(repos, ref, parsed.minutes * 60_000);
      if (!plan.ok) return refuse(plan.message);
      if (plan.steps.length === 0) return;
      const where = `${row.label} on ${formatDayShort(date)}`;
      if (plan.ask) setLowering({ ref, where, plan });
      else await write({ ref, where, plan });
    },
    confirmLowering() {
      if (!lowering) return;
      setLowering(null);
      void write(lowering);
    },
    cancelLowering() {
      setLowering(null);
      setGeneration((g) => g + 1);
    },
    async undo() {
      if (!notice) return;
      setNotice(null);
      const result = await undoCellEdit(repos, notice.undo);
      setMessage(result.ok ? { tone: 'ok', lines: [`Undone: ${notice.where} is back to ${formatDuration(notice.fromMs)}.`] } : { tone: 'error', lines: [result.message] });
    },
    /** Dismissed, or no longer possible (the edited time was approved). */
    forgetNotice: () => setNotice(null),
  };
}
