// The words and checks of a QuickBooks Desktop connection's setup: the form's defaults and field
// errors (the same limits as shared/ipc/domains/qbd.ts, said in plain words before anything is
// sent), the Web Connector's steps as the person sees them on its screens, and "3 minutes ago".
// The steps follow Intuit's QuickBooks Web Connector Programmer's Guide, ch. 4 (adding a .QWC,
// authorizing in QuickBooks, the password column, Auto-Run) as summed up in
// shared/docs/qbo-api.md section 9.
import type { IpcError } from '../../../../shared/ipc/errors';

const DEFAULT_PORT = 8123;
const DEFAULT_INTERVAL_MINUTES = 15;
const MIN_INTERVAL_MINUTES = 5;
const MAX_INTERVAL_MINUTES = 1440;
const MIN_PASSWORD = 8;

/** What the person typed; numbers stay text until checked, so a half-typed field is not lost. */
export interface DesktopForm {
  name: string;
  port: string;
  intervalMinutes: string;
  password: string;
  confirm: string;
}

export type DesktopField = keyof DesktopForm;
export type FieldErrors = Partial<Record<DesktopField, string>>;

export const EMPTY_DESKTOP_FORM: DesktopForm = { name: '', port: String(DEFAULT_PORT), intervalMinutes: String(DEFAULT_INTERVAL_MINUTES), password: '', confirm: '' };

const whole = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);

function portError(text: string): string | undefined {
  const port = whole(text);
  return port === null || port < 1024 || port > 65535 ? 'Choose a port number from 1024 to 65535.' : undefined;
}

function intervalError(text: string): string | undefined {
  const minutes = whole(text);
  if (minutes === null) return 'Type how many minutes, as a whole number.';
  if (minutes < MIN_INTERVAL_MINUTES) return `The Web Connector updates at most every ${MIN_INTERVAL_MINUTES} minutes.`;
  return minutes > MAX_INTERVAL_MINUTES ? 'Choose at most once a day (1440 minutes).' : undefined;
}

function passwordErrors(password: string, confirm: string): FieldErrors {
  if (password.length < MIN_PASSWORD) return { password: `The password needs at least ${MIN_PASSWORD} characters.` };
  return password === confirm ? {} : { confirm: 'The two passwords are not the same.' };
}

/**
 * The form's problems by field, in words; empty when it can be sent. `only` checks some fields
 * (changing the schedule does not ask for a password).
 */
export function desktopFormErrors(form: DesktopForm, only: readonly DesktopField[] = ['name', 'port', 'intervalMinutes', 'password', 'confirm']): FieldErrors {
  const all: FieldErrors = {
    name: form.name.trim() === '' ? 'Name the company file, as you call it.' : undefined,
    port: portError(form.port),
    intervalMinutes: intervalError(form.intervalMinutes),
    ...passwordErrors(form.password, form.confirm),
  };
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== undefined && only.includes(k as DesktopField)));
}

/** A refused request's error on the field it names (main's validation), else on the form as a whole. */
export function errorsFromIpc(error: IpcError): { fields: FieldErrors; form: string | null } {
  const field = error.field?.[0];
  if (typeof field === 'string' && field in EMPTY_DESKTOP_FORM) return { fields: { [field]: error.message }, form: null };
  return { fields: {}, form: error.message };
}

/** "just now", "3 minutes ago", "2 hours ago", "4 days ago": how long before `now` `at` was. */
export function timeAgo(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? plural(hours, 'hour') : plural(Math.floor(hours / 24), 'day');
}
