// Reads and maps a CSV off the UI thread: a 20,000-row export takes seconds of date and zone maths,
// which would otherwise freeze the Settings screen while it runs.
import { previewImport, type GenericMapping } from '../../../../shared/csv/import';
import type { KnownFormat } from '../../../../shared/csv/formats';

export interface PreviewRequest {
  text: string;
  source: KnownFormat | GenericMapping;
  zone: string;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<PreviewRequest>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (e) => {
  try {
    scope.postMessage({ ok: true, preview: previewImport(e.data.text, e.data.source, e.data.zone) });
  } catch (error) {
    scope.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
