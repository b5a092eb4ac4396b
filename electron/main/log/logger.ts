// The app's log for support: one JSON line per event in <dataDir>/logs/track-nexus.log, rotated at
// a size (track-nexus.log.1 … .5). Callers name an event and pass structured fields; fields.ts keeps
// only the allowed ones, so nothing secret or personal is written. Writes are queued and never
// awaited by callers; a failed write (a full disk, a removed folder) is dropped quietly.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { allowedFields, type LogFields } from './fields';

type LogLevel = 'info' | 'warn' | 'error';

/** The events support needs, and nothing else. */
type LogEvent =
  | 'app.start' | 'app.stop'
  | 'ipc.error'
  | 'qbo.fault' | 'qbo.sync'
  | 'capture.state'
  | 'qbwc.session'
  | 'update';

/** What services are given (compose passes it): fire-and-forget, never throws. */
export interface Logger {
  log(level: LogLevel, event: LogEvent, fields?: LogFields): void;
}

/** The file operations the log uses; tests swap in one that fails. */
export type LogFs = Pick<typeof fsp, 'appendFile' | 'mkdir' | 'rename' | 'rm' | 'stat' | 'readFile'>;

export interface FileLoggerOptions {
  dataDir: string;
  now: () => number;
  maxBytes?: number;
  keep?: number;
  fs?: LogFs;
}

const LOG_FILE = 'track-nexus.log';

export function createFileLogger(options: FileLoggerOptions) {
  const fs = options.fs ?? fsp;
  const dir = join(options.dataDir, 'logs');
  const file = join(dir, LOG_FILE);
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 5;
  let size: number | null = null;
  let queue: Promise<void> = Promise.resolve();

  const rotate = async () => {
    await fs.rm(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) await fs.rename(`${file}.${i}`, `${file}.${i + 1}`).catch(() => {});
    await fs.rename(file, `${file}.1`);
    size = 0;
  };
  const write = async (line: string) => {
    if (size === null) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      size = await fs.stat(file).then((s) => s.size, () => 0);
    }
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) await rotate();
    await fs.appendFile(file, line, { mode: 0o600 });
    size += bytes;
  };

  const logger: Logger = {
    log(level, event, fields) {
      let line: string;
      try {
        line = JSON.stringify({ t: new Date(options.now()).toISOString(), level, event, ...allowedFields(fields) }) + '\n';
      } catch {
        return;
      }
      // Size is re-read after a failure, so the log recovers once there is room again.
      queue = queue.then(() => write(line)).catch(() => {
        size = null;
      });
    },
  };
  return {
    logger,
    /** Resolves once every line logged so far is written (or dropped). */
    flush: () => queue,
    /** The last `lines` lines, from the current file and the one before it. */
    async tail(lines: number): Promise<string[]> {
      await queue;
      const read = (path: string) => fs.readFile(path, 'utf8').catch(() => '');
      const text = (await read(`${file}.1`)) + (await read(file));
      return text.split('\n').filter((l) => l.length > 0).slice(-lines);
    },
  };
}

