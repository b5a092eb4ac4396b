// Runs previewImport in a worker when the platform has one (Electron and the browser harness do),
// and in place otherwise (tests under jsdom). One worker per file, ended when it answers.
import { previewImport, type ImportPreview } from '../../../../shared/csv/import';
import type { PreviewRequest } from './preview.worker';

type Reply = { ok: true; preview: ImportPreview } | { ok: false; error: string };

export function previewInBackground(request: PreviewRequest): Promise<ImportPreview> {
  if (typeof Worker === 'undefined') return Promise.resolve(previewImport(request.text, request.source, request.zone));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(previewImport(request.text, request.source, request.zone));
      return;
    }
    worker.onmessage = (e: MessageEvent<Reply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.preview);
      else reject(new Error(e.data.error));
    };
    // A worker that cannot start (e.g. a stricter CSP) must not block importing: do it in place.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      try {
        resolve(previewImport(request.text, request.source, request.zone));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    worker.postMessage(request);
  });
}
