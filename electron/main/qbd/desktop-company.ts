// One QuickBooks Desktop company file, as the rest of the app sees a company: a `CompanyClient` the
// qbo:* data channels call (the sync engine's batches, the mapping's list reads, reconciliation's
// time queries) and the `work` the Web Connector's service hands to QuickBooks when it calls. The
// two meet in a journal kept in one file: a batch the engine sends is written there (write-ahead)
// and answered from there once QuickBooks has; what QuickBooks returned (lists, time) is mirrored
// there, so reading never waits for the Web Connector.
import type { CompanyClient } from '../qbo/handlers';
import type { QbwcEvent, QbwcWork } from './qbwc-service';

/** What the QuickBooks screen shows about a Desktop company (shared/ipc/domains/qbd QbdConnection). */
export interface DesktopSummary {
  pending: number;
  lastCallAt: number | null;
  lastUpdateEndedAt: number | null;
  lastError: string | null;
  companyFile: string | null;
  qbxmlVersion: string | null;
  listsReadAt: number | null;
}

export interface DesktopCompanyOptions {
  /** The journal and mirror's file (written atomically, private to the user). */
  file: string;
  /** The company's name as the person gave it (companyInfo's CompanyName until QuickBooks says). */
  name: string;
  now(): number;
  /** After anything in the summary changed. */
  onChange(summary: DesktopSummary): void;
}

export interface DesktopCompany {
  client: CompanyClient;
  work: QbwcWork;
  summary(): DesktopSummary;
  /** The Web Connector's calls and errors, from the service's onEvent. */
  noteEvent(event: QbwcEvent): void;
  /** Waits for the last write of the journal. */
  close(): Promise<void>;
}

export async function openDesktopCompany(options: DesktopCompanyOptions): Promise<DesktopCompany> {
  void options;
  throw new Error('not yet');
}
