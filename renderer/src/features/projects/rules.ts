// What the project and client forms check before anything is written, and how a rounding
// override and a rate are described to people. Pure, so the forms stay thin.
import { formatMoney } from '../../../../shared/money/money';
import type { RoundingPolicy } from '../../../../shared/rounding/policy';
import { isLocalDate } from '../../../../shared/time/local-date';
import { nameKey } from '../import/import-plan';
import { parseMoneyInput } from '../settings/money-input';

/** The effective date a project's first rate gets: it applies to all of the project's work. */
export const FROM_THE_START = '1970-01-01';

export function checkName(
  name: string,
  others: readonly { id: string; name: string }[],
  kind: 'client' | 'project' | 'task',
  selfId?: string,
): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return `A ${kind} needs a name.`;
  if (trimmed.length > 200) return 'Keep the name under 200 characters.';
  const clash = others.find((o) => o.id !== selfId && nameKey(o.name) === nameKey(trimmed));
  if (clash) {
    const where = kind === 'project' ? ' for this client' : kind === 'task' ? ' in this project' : '';
    return `There is already a ${kind} called “${clash.name}”${where}.`;
  }
  return null;
}

/** Empty text means "no rate"; anything else must read as an amount. */
export function checkOptionalRate(text: string, currency: string): { ok: true; minor: number | null } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, minor: null };
  const parsed = parseMoneyInput(text, currency);
  return parsed.ok ? { ok: true, minor: parsed.minor } : parsed;
}

export function checkEffectiveDate(date: string): string | null {
  return isLocalDate(date) ? null : 'Choose the date the new rate starts on.';
}

export const INCREMENTS = [1, 6, 10, 15, 30] as const;
export const MODES = ['up', 'down', 'nearest'] as const;
export const SCOPES = ['entry', 'projectDay'] as const;


/** A partial override from three "inherit or value" choices; null when everything inherits. */
export function roundingOverride(choice: { increment: string; mode: string; scope: string }): Partial<RoundingPolicy> | null {
  const out: Partial<RoundingPolicy> = {};
  if (choice.increment !== '') out.incrementMinutes = Number(choice.increment) as RoundingPolicy['incrementMinutes'];
  if (choice.mode !== '') out.mode = choice.mode as RoundingPolicy['mode'];
  if (choice.scope !== '') out.scope = choice.scope as RoundingPolicy['scope'];
  return Object.keys(out).length === 0 ? null : out;
}

export function rateText(rateMinor: number, currency: string, locale?: string): string {
  return `${formatMoney({ amountMinor: rateMinor, currency }, locale ?? navigatorLocale())}/h`;
}

/** The locale money and numbers are shown in: the browser's (Electron's: the system's). */
export function navigatorLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

export function effectiveFromText(date: string): string {
  return date === FROM_THE_START ? 'From the start' : `From ${date}`;
}
