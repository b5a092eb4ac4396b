// Builders shared by the QBO and sync tests: a small workspace (one client, two projects, tasks,
// rates) and entries placed by local wall time so the tests read like the cases they check.
import type { TimeEntry } from '../../../shared/entries/entry';
import type { TransformContext, TransformProject } from '../../../shared/qbo/transform';
import type { QboMirror, QboPreferences } from '../../../shared/qbo/types';
import { zonedInstant } from '../../../shared/time/zone';

export const MIN = 60_000;

let counter = 0;
export function entry(over: Partial<TimeEntry> & { at?: [string, string, string]; minutes?: number } = {}): TimeEntry {
  const { at, minutes, ...rest } = over;
  const zone = rest.zone ?? at?.[2] ?? 'America/New_York';
  const start = rest.start ?? (at ? zonedInstant(at[0], at[1], zone) : zonedInstant('2026-03-16', '09:00', zone));
  counter += 1;
  return {
    id: `e${counter}`,
    projectId: 'website',
    taskId: null,
    description: 'Work',
    start,
    end: start + (minutes ?? 60) * MIN,
    zone,
    source: 'manual',
    billable: true,
    status: 'approved',
    version: 1,
    createdAt: start,
    updatedAt: start,
    ...rest,
  };
}

export const website: TransformProject = {
  id: 'website',
  name: 'Website',
  clientId: 'acme',
  clientName: 'Acme Corp',
  billable: true,
  rounding: null,
  qbo: { qboCustomerId: 'C2', qboItemId: 'I1', qboClassId: null, aggregate: false },
};

export const support: TransformProject = {
  id: 'support',
  name: 'Support',
  clientId: 'acme',
  clientName: 'Acme Corp',
  billable: true,
  rounding: { incrementMinutes: 15, mode: 'up', scope: 'projectDay' },
  qbo: { qboCustomerId: 'C2', qboItemId: 'I2', qboClassId: null, aggregate: true },
};

export function context(over: Partial<TransformContext> = {}): TransformContext {
  return {
    projects: [website, support],
    tasks: [
      { id: 'design', projectId: 'website', name: 'Design', qboItemId: 'I2' },
      { id: 'calls', projectId: 'support', name: 'Calls', qboItemId: null },
    ],
    worker: { nameOf: 'Employee', id: '55' },
    rates: [
      { scope: 'client', scopeId: 'acme', rateMinor: 12345, currency: 'USD', effectiveFrom: '2020-01-01' },
      { scope: 'task', scopeId: 'design', rateMinor: 15000, currency: 'USD', effectiveFrom: '2020-01-01' },
    ],
    workspaceRounding: { incrementMinutes: 6, mode: 'nearest', scope: 'entry' },
    currency: 'USD',
    descriptionTemplate: '{project}{task? — task}: {description}',
    ...over,
  };
}

export function mirror(over: Partial<QboMirror> = {}): QboMirror {
  return {
    customers: [
      { Id: 'C1', DisplayName: 'Acme Corp', FullyQualifiedName: 'Acme Corp', Active: true },
      { Id: 'C2', DisplayName: 'Website', FullyQualifiedName: 'Acme Corp:Website', ParentRef: { value: 'C1' }, Job: true, Active: true },
    ],
    items: [
      { Id: 'I1', Name: 'Development', Type: 'Service', Active: true },
      { Id: 'I2', Name: 'Design', Type: 'Service', Active: true },
    ],
    employees: [{ Id: '55', DisplayName: 'Emily Platt', Active: true }],
    vendors: [{ Id: '70', DisplayName: 'Dev Contractor', Active: true, Vendor1099: true }],
    classes: [{ Id: 'K1', Name: 'Consulting', Active: true }],
    ...over,
  };
}

export const prefs: QboPreferences = {
  TimeTrackingPrefs: { BillCustomers: true, UseServices: true },
  AccountingInfoPrefs: { ClassTrackingPerTxn: false },
  CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
};

/** Deterministic ids for the outbox: r1, r2… and UUID-shaped request ids. */
export function idSource(prefix = '') {
  let row = 0;
  let req = 0;
  // Different prefixes give different request ids, as separate UUID sources would.
  const tag = [...prefix].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, '0').slice(-8);
  return {
    rowId: () => `${prefix}r${++row}`,
    requestId: () => `${tag}-0000-4000-8000-${String(++req).padStart(12, '0')}`,
  };
}
