// Capture settings are kept by main, next to the journal, because main applies the privacy rules
// before anything is stored and starts capturing before any window exists. A damaged file never
// stops the app: it is set aside and capture falls back to the defaults (which are "off").
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { checkUserPattern } from '../../shared/capture/patterns';
import { CaptureSettings, defaultCaptureSettings } from '../../shared/capture/types';
import { writePrivateTextSync } from './qbo/settings-store';

/**
 * Rules saved before patterns ran on RE2 may use syntax it cannot run (a look-ahead, a
 * back-reference). They are taken out, each with the reason, instead of setting the whole file
 * aside; the caller keeps capture paused and says which rule is off and why.
 */
function withoutRefusedRules(raw: unknown): { raw: unknown; refused: string[] } {
  if (typeof raw !== 'object' || raw === null) return { raw, refused: [] };
  const settings = raw as Record<string, unknown>;
  const refused: string[] = [];
  const runnable = (pattern: unknown) => {
    const problem = typeof pattern === 'string' && pattern.length > 0 ? checkUserPattern(pattern) : null;
    if (problem) refused.push(problem);
    return problem === null;
  };
  const filter = (list: unknown, pattern: (item: unknown) => unknown) =>
    Array.isArray(list) ? list.filter((item) => runnable(pattern(item))) : list;
  return {
    raw: {
      ...settings,
      excludedTitlePatterns: filter(settings.excludedTitlePatterns, (item) => item),
      redactions: filter(settings.redactions, (item) => (item as { pattern?: unknown } | null)?.pattern),
    },
    refused,
  };
}

/** Why capture starts paused when saved rules had to be taken out: the first one, in its own words. */
export function refusedRulesReason(refused: readonly string[]): string {
  const more = refused.length > 1 ? ` (and ${refused.length - 1} more)` : '';
  const reason = `Paused: a saved rule is off${more}. ${refused[0]}`;
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
}

export function captureSettingsFile(dataDir: string, warn: (message: string) => void = console.warn) {
  const path = join(dataDir, 'capture-settings.json');
  return {
    /** The saved settings, and the saved rules that had to be taken out (see withoutRefusedRules). */
    load(): { settings: CaptureSettings; refused: string[] } {
      if (!existsSync(path)) return { settings: defaultCaptureSettings(), refused: [] };
      try {
        const { raw, refused } = withoutRefusedRules(JSON.parse(readFileSync(path, 'utf8')));
        const parsed = CaptureSettings.safeParse(raw);
        if (parsed.success) return { settings: parsed.data, refused };
        warn(`Capture settings were invalid (${parsed.error.issues[0]?.message}); using defaults.`);
      } catch (error) {
        warn(`Capture settings could not be read (${String(error)}); using defaults.`);
      }
      renameSync(path, `${path}.invalid-${Date.now()}`);
      return { settings: defaultCaptureSettings(), refused: [] };
    },
    save(settings: CaptureSettings): void {
      writePrivateTextSync(path, JSON.stringify(settings, null, 2));
    },
  };
}
