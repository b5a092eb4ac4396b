// A QuickBooks Desktop company's journal and mirror, kept in one private JSON file: every batch the
// sync engine sent, each item's way to QuickBooks (queued → sent in a Web Connector session →
// answered), and what QuickBooks last told us about its lists and time. The file is written
// atomically (write to a temporary file, then rename) and one write at a time, so a crash leaves
// either the old or the new journal, never half of one; a batch is on disk before the engine hears
// it is queued, and an item is marked sent before its document goes to the Web Connector.
import { readFile } from 'node:fs/promises';
import type { QbdListKind } from '../../../shared/qbd/translate';
import type { BatchItemResult } from '../qbo/qbo-client';
import { writePrivateJson } from '../qbo/settings-store';

/** One write of a batch, on its way to QuickBooks. */
export interface JournalItem {
  bId: string;
  operation: 'create' | 'update' | 'delete';
  body: Record<string, unknown>;
  /** Creates: the ExternalGUID stamped on the TimeTracking, to find it again after a dropped session. */
  guid?: string;
  state: 'queued' | 'sent' | 'answered';
  /** The Web Connector session (ticket) it was last handed to. */
  sentIn?: string;
  answer?: BatchItemResult;
}

export interface JournalBatch {
  requestId: string;
  createdAt: number;
  /** In the engine's order, including items answered at once (queries, bodies Desktop cannot take). */
  items: JournalItem[];
}

/** A mirrored record and when it landed in the mirror (our clock: what CDC's changedSince compares). */
interface Mirrored {
  entity: Record<string, unknown>;
  seenAt: number;
}

export interface JournalData {
  format: 1;
  batches: JournalBatch[];
  lists: Record<QbdListKind, Record<string, Mirrored>>;
  /** The latest TimeModified QuickBooks gave per list: the next read asks only for what changed since. */
  listStamps: Partial<Record<QbdListKind, string>>;
  /** TimeActivity-shaped time entries by TxnID. */
  time: Record<string, Mirrored>;
  timeStamp: string | null;
  qbxmlVersion: string | null;
  companyFile: string | null;
  lastCallAt: number | null;
  lastUpdateEndedAt: number | null;
  lastError: string | null;
  listsReadAt: number | null;
}

export interface Journal {
  data: JournalData;
  /** Writes the journal as it is now; resolves when this state (or a later one) is on disk. */
  save(): Promise<void>;
}

/** Answered batches are kept this long, so a late resend of the same requestId still gets its answer. */
const KEEP_ANSWERED_MS = 14 * 24 * 60 * 60 * 1000;

const emptyData = (): JournalData => ({
  format: 1, batches: [], lists: { Customer: {}, Employee: {}, Vendor: {}, OtherName: {}, ItemService: {}, Class: {} }, listStamps: {}, time: {},
  timeStamp: null, qbxmlVersion: null, companyFile: null, lastCallAt: null, lastUpdateEndedAt: null, lastError: null, listsReadAt: null,
});

async function readData(file: string): Promise<JournalData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw e;
  }
  let data: JournalData;
  try {
    data = JSON.parse(text) as JournalData;
  } catch (e) {
    throw new Error(`Track Nexus cannot read its QuickBooks Desktop journal ${file} (${(e as Error).message}). Restore it from a backup before the next Web Connector update, so no time is sent twice.`);
  }
  if (data.format !== 1) throw new Error(`The QuickBooks Desktop journal ${file} was written by another version of Track Nexus.`);
  return data;
}

/** Opens (or starts) the journal in `file`, dropping batches answered more than 14 days ago. */
export async function openJournal(file: string, now: () => number): Promise<Journal> {
  const data = await readData(file);
  data.batches = data.batches.filter((b) => now() - b.createdAt < KEEP_ANSWERED_MS || b.items.some((i) => i.state !== 'answered'));
  let writing: Promise<void> = Promise.resolve();
  return {
    data,
    save() {
      // One write at a time, each of the whole state as it is when its turn comes.
      writing = writing.catch(() => undefined).then(() => writePrivateJson(file, data));
      return writing;
    },
  };
}

/** The batch item an answered item gives the engine (the shape of QuickBooks Online's BatchItemResponse). */
export function answered(bId: string, answer: { data: Record<string, unknown> } | { fault: NonNullable<BatchItemResult['fault']> }): BatchItemResult {
  return { bId, entity: 'data' in answer ? 'TimeActivity' : null, data: 'data' in answer ? answer.data : null, queryResponse: null, fault: 'fault' in answer ? answer.fault : null };
}
