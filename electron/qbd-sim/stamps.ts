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
}

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function createStamps(now: () => Date = () => new Date()): Stamps {
  let listCounter = 0x80000000;
  let txnCounter = 0;
  let lastSequence = 0;
  const id = (counter: number) => `${counter.toString(16).toUpperCase()}-${epochSeconds(now())}`;
  return {
    time: () => `${now().toISOString().slice(0, 19)}+00:00`,
    today: () => now().toISOString().slice(0, 10),
    listId: () => id(++listCounter),
    txnId: () => id(++txnCounter),
    editSequence: () => String((lastSequence = Math.max(lastSequence + 1, epochSeconds(now())))),
  };
}
