// Identifiers and times as QuickBooks Desktop stamps them on records. A ListID or TxnID is a hex
// counter, a dash and the creation time in epoch seconds ("8000001B-1405768916", as in the
// CustomerRet quoted by qbwc/qbwc spec/qbwc/session_spec.rb); an EditSequence is epoch seconds
// too (same source), here kept strictly increasing so two changes within one second still differ.

/** The company file's clock and counters. */
export interface Stamps {
  /** A time as qbXML writes it ("2026-12-04T21:45:55+00:00"). */
  time(): string;
  /** Today's date in the company ("2026-12-04"). */
  today(): string;
  listId(): string;
  txnId(): string;
  editSequence(): string;
  /** Where the counters stand, to carry on from there in a company file loaded again. */
  counters(): StampCounters;
}

export interface StampCounters {
  list: number;
  txn: number;
  sequence: number;
}

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function createStamps(now: () => Date = () => new Date(), from?: StampCounters): Stamps {
  let listCounter = from?.list ?? 0x80000000;
  let txnCounter = from?.txn ?? 0;
  let lastSequence = from?.sequence ?? 0;
  const id = (counter: number) => `${counter.toString(16).toUpperCase()}-${epochSeconds(now())}`;
  return {
    time: () => `${now().toISOString().slice(0, 19)}+00:00`,
    today: () => now().toISOString().slice(0, 10),
    listId: () => id(++listCounter),
    txnId: () => id(++txnCounter),
    editSequence: () => String((lastSequence = Math.max(lastSequence + 1, epochSeconds(now())))),
    counters: () => ({ list: listCounter, txn: txnCounter, sequence: lastSequence }),
  };
}

const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})([+-]\d{1,2}:\d{1,2})?)?)?)?$/;

/**
 * The instant a qbXML DATETIMETYPE names ("2026-12-04", "2026-12-04T10:30:00-08:00"), in epoch ms,
 * for comparing as instants whatever zone each side is written in. A time without a zone is the
 * company's own time, which in this simulator is UTC (as `time()` writes it). A bare date means the
 * start of that day, or its last second when `endOfDay` (a "to" bound takes the whole day: the
 * simulator's reading, Intuit does not spell it out). undefined when the text is not such a time.
 */
function instantOf(text: string, endOfDay = false): number | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const pad = (v: string | undefined, fallback: string) => (v ?? fallback).padStart(2, '0');
  const dayOnly = h === undefined;
  const iso = `${y}-${pad(mo, '1')}-${pad(d, '1')}T${pad(h, dayOnly && endOfDay ? '23' : '0')}:${pad(mi, dayOnly && endOfDay ? '59' : '0')}:${pad(s, dayOnly && endOfDay ? '59' : '0')}`;
  const ms = Date.parse(`${iso}${zone === undefined ? 'Z' : zone[0]! + zone.slice(1).split(':').map((p) => p.padStart(2, '0')).join(':')}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether a stamp QuickBooks wrote lies within [from, to], each bound a qbXML date-time or absent. */
export function withinModified(stamp: string, from: string | undefined, to: string | undefined): boolean {
  const at = instantOf(stamp)!;
  const lo = from === undefined ? undefined : instantOf(from);
  const hi = to === undefined ? undefined : instantOf(to, true);
  return (lo === undefined || at >= lo) && (hi === undefined || at <= hi);
}
