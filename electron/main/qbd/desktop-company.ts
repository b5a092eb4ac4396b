// One QuickBooks Desktop company file, as the rest of the app sees a company: a `CompanyClient` the
// qbo:* data channels call (the sync engine's batches, the mapping's list reads, reconciliation's
// time queries) and the `work` the Web Connector's service hands to QuickBooks when it calls. The
// two meet in a journal kept in one file: a batch the engine sends is written there (write-ahead)
// and answered from there once QuickBooks has; what QuickBooks returned (lists, time) is mirrored
// there, so reading never waits for the Web Connector.
import type { CompanyClient } from '../qbo/handlers';
import { createDesktopClient } from './desktop-client';
import { openJournal, type JournalData } from './desktop-journal';
import { createDesktopWork } from './desktop-session';
import type { QbwcEvent, QbwcWork } from './qbwc-service';

/** What the QuickBooks screen shows about a Desktop company (shared/ipc/domains/qbd QbdConnection). */
interface DesktopSummary {
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

/** The service's words when a session simply ran out of documents: not a problem (qbwc-service.ts NOTHING_MORE). */
const NOTHING_MORE = 'Nothing more to send to QuickBooks.';

function summaryOf(data: JournalData): DesktopSummary {
  return {
    pending: data.batches.reduce((n, b) => n + b.items.filter((i) => i.state !== 'answered').length, 0),
    lastCallAt: data.lastCallAt, lastUpdateEndedAt: data.lastUpdateEndedAt, lastError: data.lastError,
    companyFile: data.companyFile, qbxmlVersion: data.qbxmlVersion, listsReadAt: data.listsReadAt,
  };
}

export async function openDesktopCompany(options: DesktopCompanyOptions): Promise<DesktopCompany> {
  const journal = await openJournal(options.file, options.now);
  const { data } = journal;
  const changed = () => options.onChange(summaryOf(data));
  const deps = { name: options.name, now: options.now, onChange: changed };
  return {
    client: createDesktopClient(journal, deps),
    work: createDesktopWork(journal, deps),
    summary: () => summaryOf(data),
    noteEvent(event) {
      data.lastCallAt = event.at;
      if (event.method === 'authenticate') data.lastError = null;
      if (event.error !== undefined && event.error !== NOTHING_MORE) data.lastError = event.error;
      if (event.method === 'closeConnection') data.lastUpdateEndedAt = event.at;
      // A failed write is not lost: the next save writes the whole journal again, and close() reports it.
      journal.save().catch(() => undefined);
      changed();
    },
    close: () => journal.save(),
  };
}
