// How a project is billed, and what it has already billed. Pure data stored on the project row
// (ProjectRow.billing, ProjectRow.budget) and read by the Invoices screen, the Projects editor and
// the reports. Money is integer minor units of the project's currency; time is minutes of billed
// (rounded) time; dates are the workspace's local dates.
import type { BillableTime } from '../invoice/types';
import type { LocalDate } from '../time/local-date';

/** Plain hours at the project's rate: what every project had before arrangements (the default). */
interface HourlyArrangement {
  kind: 'hourly';
}

/**
 * A fixed amount per period with an hours allowance. Hours beyond the allowance (plus any hours
 * rolled over) are billed as overage at `overageRateMinor` (null: the project's rate). Billed in
 * advance, a period's fee is invoiced when it starts and its overage with the next period; in
 * arrears, fee and overage together when it ends.
 */
export interface RetainerArrangement {
  kind: 'retainer';
  period: 'monthly' | 'quarterly';
  /** First day of the first period; later periods follow by calendar month or quarter. */
  startDate: LocalDate;
  /** Last day billed (inclusive); null: open-ended. */
  endDate: LocalDate | null;
  feeMinor: number;
  allowanceMinutes: number;
  overageRateMinor: number | null;
  /** Unused minutes of a period carried to the next ones; null: none. */
  rollover: { maxMinutes: number | null; expiresAfterPeriods: number | null } | null;
  billedInAdvance: boolean;
  /** Create the due invoice without asking (after each sync run); off: it is proposed. */
  autoCreate: boolean;
}

/** A price for an estimated number of hours; time beyond the estimate is billed as overage. */
export interface FixedFeeArrangement {
  kind: 'fixedFee';
  feeMinor: number;
  estimateMinutes: number;
  overageRateMinor: number | null;
  /** When the fee itself is invoiced: at the start, or when the project is marked complete. */
  feeBilled: 'upfront' | 'onCompletion';
  /** The project is finished: an 'onCompletion' fee is due, and time not yet on an invoice is covered. */
  completedOn: LocalDate | null;
}

export interface Milestone {
  id: string;
  name: string;
  /** Share of the budget in basis points (10000 = 100%); milestones sum to at most 10000. */
  basisPoints: number;
  /** Set when the user marks it reached; it is then proposed for invoicing. */
  reachedOn: LocalDate | null;
}

/**
 * A budget billed in steps: by milestone, or by a percentage complete the user states; the last
 * invoice (at completion) is the true-up that makes everything invoiced equal the budget.
 */
export interface ProgressArrangement {
  kind: 'progress';
  /** Amount budget, or hours at a rate (the total is minutes × rate, rounded once). */
  budget: { kind: 'amount'; amountMinor: number } | { kind: 'hours'; minutes: number; rateMinor: number };
  /** A QuickBooks Estimate the budget came from (linked on every progress invoice). */
  estimate: { companyId: string; id: string; docNumber: string | null } | null;
  mode: 'milestones' | 'percent';
  milestones: Milestone[];
  /** Percentage complete as last stated, in basis points (mode 'percent'). */
  completeBasisPoints: number;
  /** The project is finished: the true-up is due. */
  completedOn: LocalDate | null;
}

export type BillingArrangement = HourlyArrangement | RetainerArrangement | FixedFeeArrangement | ProgressArrangement;
export type ArrangementKind = BillingArrangement['kind'];

/** A budget watched for scope creep: alerts at 80% and 100% of hours or amount (at rate) used. */
export interface ProjectBudget {
  kind: 'hours' | 'amount';
  /** Minutes for 'hours', minor units for 'amount'. */
  limit: number;
}

/**
 * Which step of an arrangement an invoice bills, so the same step is never proposed twice:
 * 'period:2026-12' (retainer fee), 'overage:2026-12' (retainer overage when billed separately),
 * 'fee', 'overage:<n>' (fixed fee), 'milestone:<id>', 'percent:<bp>', 'trueup'.
 */
export type StepKey = string;

/** One invoice line an arrangement charges (before tax), with the time it covers linked on it. */
export interface ArrangementCharge {
  projectId: string;
  /** The project's name, for the invoice's heading when a client's invoice holds several projects. */
  projectName: string;
  step: StepKey;
  /** In words for the line: "Retainer — December 2026", "Overage: 3:30 h beyond 20:00 h × $150.00". */
  description: string;
  amountMinor: number;
  /** Overage lines: minutes and unit rate (Qty × UnitPrice = amount); fixed lines: Qty 1. */
  minutes: number | null;
  rateMinor: number | null;
  /** The service date shown on the line (period end, milestone date). */
  serviceDate: LocalDate;
  /** The service item the line sells (the project's), and its class. */
  itemId: string;
  classId: string | null;
  /**
   * The synced time this line covers: its TimeActivities are linked on the line (so QuickBooks
   * marks them billed and the entries become invoiced, later paid); the amount is split over the
   * entries by time for the reconciliation's Invoiced column.
   */
  covers: BillableTime[];
}

/** What an arrangement has invoiced so far (from the invoice rows that are not voided, deleted or failed). */
export interface BilledStep {
  step: StepKey;
  amountMinor: number;
  /** Minutes of overage billed by this step (0 for fees). */
  minutes: number;
  txnDate: LocalDate;
}

/** Where an arrangement stands, for the project and invoice screens: numbers and the same in words. */
export interface ArrangementStatus {
  kind: ArrangementKind;
  /** One sentence: "December 2026: 12:30 h of 22:00 h used (2:00 h rolled over)". */
  summary: string;
  /** Minutes worked against what is included (retainer period, fixed-fee estimate, hours budget); null: no such measure. */
  usedMinutes: number | null;
  includedMinutes: number | null;
  /** Everything the arrangement has invoiced, and its total where it has one (fixed fee, progress). */
  billedMinor: number;
  totalMinor: number | null;
  /** Retainer billed in advance: the part of the current period's fee whose time is not yet worked. */
  unearnedMinor: number;
  /** Retainer: unused minutes carried into the current period. */
  rolledOverMinutes: number;
  /** Invoices due now (proposals). */
  dueCount: number;
}
