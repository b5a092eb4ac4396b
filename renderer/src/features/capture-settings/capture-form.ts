// The capture settings as the form edits them (strings and rows), and back. Main validates the
// result with the same schema the privacy rules use; its refusal names the field it refused.
import { checkUserPattern } from '../../../../shared/capture/patterns';
import type { CaptureSettings, CaptureStatus } from '../../../../shared/capture/types';
import type { IpcError } from '../../../../shared/ipc/errors';

export interface CaptureDraft {
  idleMinutes: string;
  excludedApps: string;
  excludedTitlePatterns: string[];
  redactions: { pattern: string; replacement: string }[];
  skipPrivateWindows: boolean;
}

export function toDraft(s: CaptureSettings): CaptureDraft {
  return {
    idleMinutes: String(Math.round((s.idleThresholdSeconds / 60) * 10) / 10),
    excludedApps: s.excludedApps.join('\n'),
    excludedTitlePatterns: [...s.excludedTitlePatterns],
    redactions: s.redactions.map((r) => ({ ...r })),
    skipPrivateWindows: s.skipPrivateWindows,
  };
}

/** Field key of a problem: 'idle', 'excludedApps', 'title:0', 'redaction:2'. */
export type FieldKey = string;

export function fromDraft(d: CaptureDraft, base: CaptureSettings): { settings: CaptureSettings; problems: Record<FieldKey, string> } {
  const problems: Record<FieldKey, string> = {};
  const minutes = Number(d.idleMinutes.trim());
  if (!/^\d+(\.\d+)?$/.test(d.idleMinutes.trim()) || minutes < 0.5 || minutes > 1440) {
    problems['idle'] = 'Enter minutes between 0.5 and 1440.';
  }
  const settings: CaptureSettings = {
    ...base,
    idleThresholdSeconds: Number.isFinite(minutes) ? Math.round(minutes * 60) : base.idleThresholdSeconds,
    excludedApps: d.excludedApps.split(/\r?\n/).map((a) => a.trim()).filter((a) => a !== ''),
    excludedTitlePatterns: d.excludedTitlePatterns.filter((p) => p.trim() !== ''),
    redactions: d.redactions.filter((r) => r.pattern.trim() !== '' || r.replacement !== ''),
    skipPrivateWindows: d.skipPrivateWindows,
  };
  return { settings, problems };
}

/** The local check of one pattern: the same function main runs, so the message is the same. */
export function patternProblem(pattern: string): string | null {
  return pattern.trim() === '' ? null : checkUserPattern(pattern);
}

/**
 * Which draft field main refused: its error carries the request path (`field`, e.g.
 * ['excludedTitlePatterns', 0]) → 'title:<index in the draft>'. Indices refer to the saved list,
 * which skips blank rows, so they are mapped back to draft rows. The message is already in words.
 */
export function fieldOfServerError(error: Pick<IpcError, 'message' | 'field'>, draft: CaptureDraft): { key: FieldKey; message: string } {
  const { message } = error;
  const path = error.field ?? [];
  const index = Number(path[1]);
  const nth = <T>(rows: T[], keep: (r: T) => boolean) => {
    let seen = -1;
    for (let i = 0; i < rows.length; i++) if (keep(rows[i]!) && ++seen === index) return i;
    return index;
  };
  switch (path[0]) {
    case 'excludedTitlePatterns':
      return { key: `title:${nth(draft.excludedTitlePatterns, (p) => p.trim() !== '')}`, message };
    case 'redactions':
      return { key: `redaction:${nth(draft.redactions, (r) => r.pattern.trim() !== '' || r.replacement !== '')}`, message };
    case 'excludedApps':
      return { key: 'excludedApps', message };
    case 'idleThresholdSeconds':
      return { key: 'idle', message };
    default:
      return { key: 'form', message };
  }
}

export function statusText(status: CaptureStatus): { label: string; tone: 'ok' | 'warn' | 'error' | 'neutral'; detail: string | null; hint: string | null } {
  switch (status.state) {
    case 'running':
      return { label: 'Running', tone: 'ok', detail: status.mode === 'events' ? 'Following focus changes as they happen.' : 'Checking the active window every few seconds.', hint: null };
    case 'paused':
      return { label: 'Paused', tone: 'warn', detail: status.reason, hint: null };
    case 'disabled':
      return { label: 'Off', tone: 'neutral', detail: 'Nothing is read from your screen until you turn capture on.', hint: null };
    case 'unavailable':
      return { label: 'Not available on this computer', tone: 'error', detail: status.reason, hint: status.hint };
    case 'failed':
      return { label: 'Stopped after an error', tone: 'error', detail: status.reason, hint: null };
  }
}
