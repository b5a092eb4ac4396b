// QuickBooks' PDF of an invoice drawn inside the app with PDF.js, one canvas per page: the
// renderer's CSP allows no plugin and Electron's PDF viewer is not there in every mode. PDF.js is
// loaded when first needed, and its worker is the file Vite bundles beside the app.
import { useEffect, useRef, useState } from 'react';
import type * as PdfJsModule from 'pdfjs-dist';
import { errorText } from './use-load';

type PdfJs = typeof PdfJsModule;

let pdfjs: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).href;
    return lib;
  });
  return pdfjs;
}

/** Draws every page into `host`, replacing what was there; resolves with the page count. */
async function drawPages(bytes: Uint8Array, host: HTMLElement, label: string, live: () => boolean): Promise<number> {
  const lib = await loadPdfJs();
  // PDF.js takes the buffer over; the copy keeps the caller's bytes for Save PDF. No eval: the CSP forbids it.
  const doc = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  try {
    host.replaceChildren();
    for (let n = 1; n <= doc.numPages && live(); n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1.5 });
      const canvas = document.createElement('canvas');
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `${label}, page ${n} of ${doc.numPages}`);
      host.append(canvas);
      await page.render({ canvas, viewport }).promise;
    }
    return doc.numPages;
  } finally {
    void doc.destroy();
  }
}

/** `bytes` is one PDF; a new PDF is a new PdfView (keyed by its owner), so the state starts over. */
export function PdfView({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ done: boolean; error: string | null }>({ done: false, error: null });
  useEffect(() => {
    let live = true;
    if (host.current) {
      drawPages(bytes, host.current, label, () => live).then(
        () => live && setState({ done: true, error: null }),
        (e: unknown) => live && setState({ done: true, error: errorText(e) }),
      );
    }
    return () => {
      live = false;
    };
  }, [bytes, label]);
  return (
    <div className="inv-pdf" aria-busy={!state.done}>
      {!state.done ? <p className="muted" role="status">Drawing the PDF…</p> : null}
      {state.error ? <p className="error" role="alert">The PDF could not be shown: {state.error} Save PDF still gives you the file.</p> : null}
      <div ref={host} className="inv-pdf-pages" />
    </div>
  );
}
