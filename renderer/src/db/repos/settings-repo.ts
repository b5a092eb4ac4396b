// Workspace settings: one typed value per key, validated with zod on the way in and on the way out
// (a value stored by an older release that no longer parses falls back to the default instead of
// breaking the screen that reads it).
import { z } from 'zod';
import { DEFAULT_INVOICE_LAYOUT } from '../../../../shared/invoice/types';
import { DEFAULT_REMINDER_SETTINGS, ReminderSettings } from '../../../../shared/reminders/policy';
import { RoundingPolicy } from '../../../../shared/rounding/policy';
import { isLocalDate } from '../../../../shared/time/local-date';
import type { RepoContext } from '../context';
import { auditRow } from './audit-write';

const DEFAULT_EXPENSE_CATEGORIES = ['Travel', 'Meals', 'Software', 'Supplies', 'Mileage', 'Other'];

const weekday = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]);
const percent = z.number().int().min(100).max(1000);
const threshold = z.object({ thresholdMinutes: z.number().int().min(1).max(7 * 24 * 60), percent }).nullable();
const InvoiceLayout = z.object({
  grouping: z.enum(['perProject', 'perClient']),
  detail: z.enum(['entry', 'taskDay', 'task', 'project']),
  descriptionTemplate: z.string().max(500),
});

export const settingSchemas = {
  /** ISO 4217 code new projects and rates default to. */
  currency: z.string().regex(/^[A-Z]{3}$/).default('USD'),
  /** Workspace rounding; projects may override parts of it. Default: whole minutes, i.e. effectively none. */
  rounding: RoundingPolicy.default({ incrementMinutes: 1, mode: 'nearest', scope: 'entry' }),
  /** 0 = Sunday … 6 = Saturday. */
  weekStartsOn: weekday.default(1),
  /** Billable flag for entries without a project. */
  defaultBillable: z.boolean().default(true),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Day-end review: gaps shorter than this between pieces of one project are filled. */
  reviewGapFillMinutes: z.number().int().min(0).max(60).default(5),
  /** Day-end review: proposed entries shorter than this are fragments… */
  reviewMinFragmentMinutes: z.number().int().min(0).max(60).default(3),
  /** …folded into a neighbour or dropped. */
  reviewFragments: z.enum(['fold', 'drop']).default('fold'),
  /** How invoices are laid out: the workspace default and each client's own choice (by client id). */
  invoiceLayouts: z
    .object({ defaultLayout: InvoiceLayout, byClient: z.record(z.string(), InvoiceLayout) })
    .default({ defaultLayout: DEFAULT_INVOICE_LAYOUT, byClient: {} }),
  /** Overtime, weekend and holiday surcharges on invoices (shared/rates/multipliers.ts); none by default. */
  invoiceMultipliers: z
    .object({
      weekStartsOn: weekday,
      dailyOvertime: threshold,
      weeklyOvertime: threshold,
      weekend: z.object({ days: z.array(weekday).max(7), percent }).nullable(),
      holidays: z.object({ dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(366), percent }).nullable(),
    })
    .default({ weekStartsOn: 1, dailyOvertime: null, weeklyOvertime: null, weekend: null, holidays: null }),
  /**
   * Budget thresholds already announced, by project id: for which budget ('hours:2400') and up to
   * which level, so each crossing alerts once (features/budgets/alerts.ts).
   */
  budgetAlerts: z
    .record(z.string(), z.object({ budget: z.string().max(40), level: z.enum(['warning', 'over']) }))
    .default({}),
  /**
   * Expense categories, each with the QuickBooks expense account it posts to in each company
   * (`accounts`: company id → Account Id; unmapped companies are missing).
   */
  expenseCategories: z
    .array(z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(100), accounts: z.record(z.string(), z.string()) }))
    .max(200)
    .default(DEFAULT_EXPENSE_CATEGORIES.map((name) => ({ id: name.toLowerCase(), name, accounts: {} }))),
  /** Per company: the Bank or Credit Card account expenses are paid from (company id → Account Id). */
  expensePaymentAccount: z.record(z.string(), z.string()).default({}),
  /** Per company: the service item billable expenses are sold as on invoices (company id → Item Id). */
  reimbursableItem: z.record(z.string(), z.string()).default({}),
  /**
   * Reports: each person's kind (W-2 / 1099 style), weekly capacity and cost rates, by person id
   * ('me' for the workspace's own time, else an imported file's person name). A person left out is
   * an employee with 40 hours a week and no cost rate (features/reports/store/people.ts).
   */
  reportPeople: z
    .record(
      z.string().min(1).max(200),
      z.object({
        kind: z.enum(['employee', 'contractor']),
        capacityMinutesPerWeek: z.number().int().min(0).max(7 * 24 * 60),
        costRates: z
          .array(z.object({ effectiveFrom: z.string().refine(isLocalDate, 'Not a date (YYYY-MM-DD)'), rateMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }))
          .max(100),
      }),
    )
    .default({}),
  /** Reports: the billable share of capacity a person aims at, in percent. */
  utilizationTargetPercent: z.number().int().min(1).max(100).default(75),
  /** Which reminders show as notifications, working hours and quiet hours (shared/reminders/policy.ts). */
  reminders: ReminderSettings.default(DEFAULT_REMINDER_SETTINGS),
  /** Reminder occasions already shown, newest last (renderer/src/features/reminders/runner.ts). */
  remindersShown: z.array(z.string().max(200)).max(1000).default([]),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type Settings = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };

const keys = Object.keys(settingSchemas) as SettingKey[];

export function defaultSetting<K extends SettingKey>(key: K): Settings[K] {
  return settingSchemas[key].parse(undefined) as Settings[K];
}

function parsed<K extends SettingKey>(key: K, stored: unknown): Settings[K] {
  const result = settingSchemas[key].safeParse(stored);
  return (result.success ? result.data : defaultSetting(key)) as Settings[K];
}

export function createSettingsRepo(ctx: RepoContext) {
  const { db } = ctx;

  async function write<K extends SettingKey>(key: K, next: (current: Settings[K]) => unknown): Promise<Settings[K]> {
    const valid = await db.transaction('rw', [db.settings, db.audit], async () => {
      const before = await db.settings.get(key);
      const value = settingSchemas[key].parse(next(parsed(key, before?.value))) as Settings[K];
      const at = ctx.now();
      await db.settings.put({ key, value, updatedAt: at });
      await db.audit.add(
        auditRow(ctx, { entityType: 'setting', entityId: key, action: before ? 'update' : 'create', actor: 'user', before: before?.value ?? null, after: value }, at),
      );
      return value;
    });
    return valid;
  }

  return {
    async get<K extends SettingKey>(key: K): Promise<Settings[K]> {
      return parsed(key, (await db.settings.get(key))?.value);
    },

    async getAll(): Promise<Settings> {
      const rows = await db.settings.bulkGet(keys);
      return Object.fromEntries(keys.map((k, i) => [k, parsed(k, rows[i]?.value)])) as Settings;
    },

    /** Throws a ZodError (nothing written) when the value does not fit the key. */
    set<K extends SettingKey>(key: K, value: z.input<(typeof settingSchemas)[K]>): Promise<Settings[K]> {
      return write(key, () => value);
    },

    /**
     * Changes part of a setting from its stored value, read and written in one transaction, so two
     * quick changes (increment, then direction) cannot overwrite each other with a stale copy.
     */
    update<K extends SettingKey>(key: K, change: (current: Settings[K]) => z.input<(typeof settingSchemas)[K]>): Promise<Settings[K]> {
      return write(key, change);
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
