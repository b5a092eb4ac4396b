// Reads and maps a CSV off the UI thread: a 100,000-row export takes a second or more of parsing,
// date and zone maths, which would otherwise freeze the Settings screen while it runs.
//
// Messages back, in order: progress now and then, the rows in slices, then the rest of the
// preview (or an error). One structured clone of 100,000 rows held the page's thread for most
// of a second in Chromium; slices of ROWS_PER_MESSAGE let the page take them between frames,
// and the total was no slower (a JSON string was slower still).
import type { KnownFormat } from '../../../../shared/csv/formats';
import { previewImport, type GenericMapping, type PreviewOptions } from '../../../../shared/csv/import';
import type { ImportedRow, ImportPreview } from '../../../../shared/csv/types';

export interface PreviewRequest {
  text: string;
  source: KnownFormat | GenericMapping;
  options: Omit<PreviewOptions, 'onProgress'>;
}

export type PreviewMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'rows'; rows: RowColumns }
  /** The preview without its rows: they came before, in order. */
  | { type: 'done'; preview: ImportPreview }
  | { type: 'error'; error: string };

const ROWS_PER_MESSAGE = 10_000;

/**
 * Rows as one array per field. Cloning sixteen flat arrays costs less than cloning 10,000
 * objects each with its own money object and tags array, on both sides of the message.
 */
export type RowColumns = { [K in keyof ImportedRow]: ImportedRow[K][] };

function toColumns(rows: readonly ImportedRow[]): RowColumns {
  const columns = {} as Record<keyof ImportedRow, unknown[]>;
  for (const key of Object.keys(rows[0] ?? {}) as (keyof ImportedRow)[]) columns[key] = rows.map((r) => r[key]);
  return columns as RowColumns;
}
const PROGRESS_EVERY_MS = 50;

const scope = self as unknown as { onmessage: ((e: MessageEvent<PreviewRequest>) => void) | null; postMessage(message: PreviewMessage): void };

scope.onmessage = (e) => {
  try {
    const { rows, ...rest } = previewImport(e.data.text, e.data.source, { ...e.data.options, onProgress: throttledProgress() });
    for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) scope.postMessage({ type: 'rows', rows: toColumns(rows.slice(i, i + ROWS_PER_MESSAGE)) });
    scope.postMessage({ type: 'done', preview: { ...rest, rows: [] } });
  } catch (error) {
    scope.postMessage({ type: 'error', error: error instanceof Error ? error.message : String(error) });
  }
};

/** Posts progress at most every PROGRESS_EVERY_MS, and always the last step. */
function throttledProgress(): (done: number, total: number) => void {
  let posted = -Infinity;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - posted < PROGRESS_EVERY_MS) return;
    posted = now;
    scope.postMessage({ type: 'progress', done, total });
  };
}
