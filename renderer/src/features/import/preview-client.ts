// Runs previewImport in a worker when the platform has one (Electron and the browser harness do),
// and in place otherwise (tests under jsdom). One worker per file, ended when it answers or when
// the caller cancels.
import { previewImport } from '../../../../shared/csv/import';
import type { ImportedRow, ImportPreview } from '../../../../shared/csv/types';
import type { PreviewMessage, PreviewRequest, RowColumns } from './preview.worker';

export interface PreviewControls {
  /** Rows read so far out of the file's total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting ends the worker; the promise then rejects with a DOMException named 'AbortError'. */
  signal?: AbortSignal;
}

export function previewInBackground(request: PreviewRequest, controls: PreviewControls = {}): Promise<ImportPreview> {
  const { signal } = controls;
  if (signal?.aborted) return Promise.reject(cancelled());
  if (typeof Worker === 'undefined') return inPlace(request, controls);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return inPlace(request, controls);
  }
  return new Promise((resolve, reject) => {
    const rows: ImportedRow[] = [];
    const onAbort = () => {
      stop();
      reject(cancelled());
    };
    const stop = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<PreviewMessage>) => {
      const message = e.data;
      if (message.type === 'progress') controls.onProgress?.(message.done, message.total);
      else if (message.type === 'rows') fromColumns(message.rows, rows);
      else {
        stop();
        if (message.type === 'done') resolve({ ...message.preview, rows });
        else reject(new Error(message.error));
      }
    };
    // A worker that cannot start (e.g. a stricter CSP) must not block importing: do it in place.
    worker.onerror = (e) => {
      e.preventDefault();
      stop();
      inPlace(request, controls).then(resolve, reject);
    };
    worker.postMessage(request);
  });
}

function inPlace(request: PreviewRequest, { onProgress }: PreviewControls): Promise<ImportPreview> {
  try {
    return Promise.resolve(previewImport(request.text, request.source, { ...request.options, ...(onProgress ? { onProgress } : {}) }));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Rows back from their columns (see RowColumns), appended to `into`. */
function fromColumns(columns: RowColumns, into: ImportedRow[]): void {
  const keys = Object.keys(columns) as (keyof ImportedRow)[];
  const count = columns.line?.length ?? 0;
  for (let i = 0; i < count; i++) {
    const row = {} as Record<keyof ImportedRow, unknown>;
    for (const key of keys) row[key] = columns[key][i];
    into.push(row as unknown as ImportedRow);
  }
}

const cancelled = () => new DOMException('The preview was cancelled.', 'AbortError');
