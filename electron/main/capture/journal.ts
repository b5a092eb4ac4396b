// The on-disk journal of captured segments, kept until the renderer (the system of record) says it
// has stored them. Append-only JSON lines in `<dataDir>/capture-journal/journal.jsonl`:
//
//   {"seq":1,"op":"put","closed":false,"segment":{...}}   a version of a segment (upsert by id)
//   {"seq":2,"op":"ack","acks":[{"id":"...","end":123}]}  the renderer stored that version
//   {"seq":3,"op":"drop","id":"..."}                      the segment turned out to be away time
//
// Durability policy: every record is written with a synchronous write(2) before the call returns,
// so a crash or kill of the app loses nothing that was journaled (the data is in the OS page cache).
// fdatasync runs in the background at most once a minute (and on close and compaction), so a power
// loss or kernel crash loses at most that minute (in practice less: the kernel writes dirty pages
// back within ~30 s). Measured in bench:capture, a sync every 5 s cost ~4 ms of CPU per second,
// eight times the rest of the capture loop, for a guarantee the user does not need.
//
// On open, the file is read once: a torn last line (crash mid-write) is skipped with a warning and
// nothing else is lost. The surviving state is rewritten atomically (temp file, fsync, rename), so
// the journal only ever holds what is still unacknowledged. The same compaction runs when a few
// segments have been acknowledged, when many records were appended, and on close: window titles
// the renderer has stored do not stay in the file, and the file stays small.
//
// The folder is 0700 and the file 0600 (titles are private), also when an older version left them
// readable by others.
import fs from 'node:fs';
import path from 'node:path';
import { ActivitySegment, SegmentAck } from '../../../shared/capture/types';

export interface JournalOptions {
  dataDir: string;
  /** Background fdatasync period; 0 syncs after every record (tests of the policy, paranoid users). */
  syncEveryMs?: number;
  /** Records appended before the journal compacts itself. */
  compactAfterRecords?: number;
  /** Segments acknowledged for good (closed and stored) before the journal compacts them out. */
  compactAfterFinished?: number;
  warn?: (message: string) => void;
}

interface Entry {
  segment: ActivitySegment;
  closed: boolean;
  ackedEnd: number | null;
}

type JournalRecord =
  | { seq: number; op: 'put'; closed: boolean; segment: ActivitySegment }
  | { seq: number; op: 'ack'; acks: SegmentAck[] }
  | { seq: number; op: 'drop'; id: string };

export interface CaptureJournal {
  readonly file: string;
  /** Journal a version of a segment; `closed` says it will not change again. */
  put(segment: ActivitySegment, closed: boolean): void;
  /** Forget a segment that must not count (it lay inside away time). */
  drop(id: string): void;
  /** Record acknowledgements; returns those that matched the journaled version. */
  ack(acks: readonly SegmentAck[]): SegmentAck[];
  /**
   * Segments a previous run journaled that the renderer never acknowledged, latest version each.
   * Returned once per start; they stay in the journal (and come back after another restart) until
   * acknowledged, so the renderer's store must be idempotent by segment id.
   */
  replayUnacked(): ActivitySegment[];
  /** Everything not yet acknowledged, including this run's open segment. */
  unacked(): ActivitySegment[];
  /** Wait for the data to reach the disk. */
  sync(): Promise<void>;
  close(): void;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const isDone = (entry: Entry) => entry.closed && entry.ackedEnd === entry.segment.end;

function parseRecord(line: string): JournalRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.seq !== 'number') return null;
  if (record.op === 'put') {
    const segment = ActivitySegment.safeParse(record.segment);
    return segment.success ? { seq: record.seq, op: 'put', closed: record.closed === true, segment: segment.data } : null;
  }
  if (record.op === 'ack') {
    const acks = SegmentAck.array().safeParse(record.acks);
    return acks.success ? { seq: record.seq, op: 'ack', acks: acks.data } : null;
  }
  if (record.op === 'drop' && typeof record.id === 'string') return { seq: record.seq, op: 'drop', id: record.id };
  return null;
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable; not supported on every platform (Windows), where it is a no-op.
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* directory fsync unsupported */
  }
}

/** Reads what a previous run left: the unfinished entries, closed, and the last sequence number. */
function loadJournal(file: string, warn: (message: string) => void): { entries: Map<string, Entry>; seq: number } {
  const entries = new Map<string, Entry>();
  let seq = 0;
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const record = parseRecord(line);
    if (!record) {
      const torn = index === lines.length - 1;
      warn(`capture journal: skipped ${torn ? 'a torn last line' : `an unreadable line ${index + 1}`} (${line.length} bytes)`);
      return;
    }
    seq = Math.max(seq, record.seq);
    if (record.op === 'put') {
      const previous = entries.get(record.segment.id);
      entries.set(record.segment.id, { segment: record.segment, closed: record.closed, ackedEnd: previous?.ackedEnd ?? null });
    } else if (record.op === 'drop') {
      entries.delete(record.id);
    } else {
      for (const ack of record.acks) {
        const entry = entries.get(ack.id);
        if (entry) entry.ackedEnd = ack.end;
      }
    }
  });
  // A previous run has ended, so whatever it had open is closed at its last journaled end.
  for (const entry of entries.values()) entry.closed = true;
  // Done, or without duration (a window seen once just before the end): nothing to offer.
  for (const [id, entry] of entries) if (isDone(entry) || entry.segment.end <= entry.segment.start) entries.delete(id);
  return { entries, seq };
}

interface JournalWriter {
  /**
   * Appends one record (numbered here), compacting or scheduling a sync as the policy says.
   * `finished` counts the segments this record made done, which compaction removes from the file.
   */
  append(record: DistributiveOmit<JournalRecord, 'seq'>, finished?: number): void;
  sync(): Promise<void>;
  close(): void;
}

/**
 * The file side of the journal: atomic compaction to the live `entries`, appends, and the
 * background fdatasync policy described at the top. Compacts once on creation.
 */
function createJournalWriter(options: {
  dir: string;
  file: string;
  entries: ReadonlyMap<string, Entry>;
  seq: number;
  syncEveryMs: number;
  compactAfter: number;
  compactAfterFinished: number;
}): JournalWriter {
  const { dir, file, entries, syncEveryMs, compactAfter, compactAfterFinished } = options;
  let seq = options.seq;
  let fd = -1;
  let appended = 0;
  let finishedInFile = 0;

  // Rewrites the live entries to a temp file, syncs it and renames it over the journal.
  const compact = (): void => {
    const tmp = `${file}.tmp`;
    const body = [...entries.values()]
      .map((entry) => {
        const put = JSON.stringify({ seq: ++seq, op: 'put', closed: entry.closed, segment: entry.segment });
        return entry.ackedEnd === null ? put : `${put}\n${JSON.stringify({ seq: ++seq, op: 'ack', acks: [{ id: entry.segment.id, end: entry.ackedEnd }] })}`;
      })
      .join('\n');
    const tmpFd = fs.openSync(tmp, 'w', 0o600);
    try {
      // A temp file left by a crash keeps its old mode through open(): set it.
      fs.fchmodSync(tmpFd, 0o600);
      fs.writeSync(tmpFd, body.length > 0 ? `${body}\n` : '');
      fs.fsyncSync(tmpFd);
    } finally {
      fs.closeSync(tmpFd);
    }
    if (fd !== -1) fs.closeSync(fd);
    fs.renameSync(tmp, file);
    fsyncDir(dir);
    fd = fs.openSync(file, 'a');
    appended = 0;
    finishedInFile = 0;
  };
  compact();

  let dirty = false;
  let syncTimer: ReturnType<typeof setTimeout> | null = null;
  let syncing: Promise<void> | null = null;
  const syncNow = (): Promise<void> => {
    if (fd === -1) return Promise.resolve();
    dirty = false;
    const target = fd;
    syncing = new Promise<void>((resolve) => fs.fdatasync(target, () => resolve()));
    return syncing;
  };
  const scheduleSync = (): void => {
    dirty = true;
    if (syncEveryMs === 0) {
      fs.fdatasyncSync(fd);
      dirty = false;
      return;
    }
    if (syncTimer) return;
    syncTimer = setTimeout(() => {
      syncTimer = null;
      void syncNow();
    }, syncEveryMs);
    syncTimer.unref?.();
  };

  return {
    append(record, finished = 0) {
      if (fd === -1) throw new Error('capture journal is closed');
      fs.writeSync(fd, `${JSON.stringify({ seq: ++seq, ...record })}\n`);
      appended++;
      finishedInFile += finished;
      if (appended >= compactAfter || finishedInFile >= compactAfterFinished) compact();
      else scheduleSync();
    },
    async sync() {
      if (syncTimer) {
        clearTimeout(syncTimer);
        syncTimer = null;
      }
      if (dirty) await syncNow();
      else if (syncing) await syncing;
    },
    close() {
      if (fd === -1) return;
      if (syncTimer) clearTimeout(syncTimer);
      syncTimer = null;
      // Leaves only what is unacknowledged, synced (compaction fsyncs before its rename).
      compact();
      fs.closeSync(fd);
      fd = -1;
    },
  };
}

export function openCaptureJournal(options: JournalOptions): CaptureJournal {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const dir = path.join(options.dataDir, 'capture-journal');
  const file = path.join(dir, 'journal.jsonl');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Created readable by others by older versions; the file itself is replaced by the compaction below.
  fs.chmodSync(dir, 0o700);

  const { entries, seq } = loadJournal(file, warn);
  let toReplay: ActivitySegment[] | null = [...entries.values()].map((entry) => entry.segment).sort((a, b) => a.start - b.start);
  // The surviving state is rewritten compactly, atomically, before anything new is appended.
  const writer = createJournalWriter({
    dir,
    file,
    entries,
    seq,
    syncEveryMs: options.syncEveryMs ?? 60_000,
    compactAfter: options.compactAfterRecords ?? 1_000,
    compactAfterFinished: options.compactAfterFinished ?? 20,
  });

  return {
    file,
    put(segment, closed) {
      const previous = entries.get(segment.id);
      entries.set(segment.id, { segment, closed, ackedEnd: previous?.ackedEnd ?? null });
      writer.append({ op: 'put', closed, segment });
    },
    drop(id) {
      if (!entries.delete(id)) return;
      writer.append({ op: 'drop', id });
    },
    ack(acks) {
      const matched = acks.filter((ack) => entries.get(ack.id)?.segment.end === ack.end);
      if (matched.length === 0) return [];
      let finished = 0;
      for (const ack of matched) {
        const entry = entries.get(ack.id)!;
        entry.ackedEnd = ack.end;
        // Done entries leave memory now and the file at the next compaction.
        if (isDone(entry)) {
          entries.delete(ack.id);
          finished++;
        }
      }
      writer.append({ op: 'ack', acks: matched }, finished);
      return matched;
    },
    replayUnacked() {
      const once = toReplay ?? [];
      toReplay = null;
      return once;
    },
    unacked() {
      return [...entries.values()].filter((entry) => entry.ackedEnd !== entry.segment.end).map((entry) => entry.segment);
    },
    sync: () => writer.sync(),
    close: () => writer.close(),
  };
}
