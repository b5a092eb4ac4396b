// What the benchmarks that run inside Chromium share: the page's code bundled by vite (no dev
// server, nothing written to disk), a loopback server for it, and how Debian's Chromium is started.
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { build, type Rollup } from 'vite';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The page's entry module (a path under `root`) and everything it imports, as one ES module. */
export async function bundlePage(root: string, entry: string): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'error', // rollup's notes about zod's comment annotations are noise here
    root,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: resolve(root, entry), formats: ['es'], fileName: 'bench' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && o.isEntry);
  if (!chunk || chunk.type !== 'chunk') throw new Error(`vite produced no entry chunk for ${entry}`);
  return chunk.code;
}

/** Serves a page that loads `script` on a free loopback port. */
export function servePage(script: string, title: string): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/bench.js"></script>`;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      ok({ server, url: `http://127.0.0.1:${address.port}/` });
    }),
  );
}

/** Writes rows straight into the app's IndexedDB (then the page reloads to read them). */
export const PUT_ROWS = `async (tables) => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('track-nexus'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const tx = db.transaction(Object.keys(tables), 'readwrite');
  for (const [name, rows] of Object.entries(tables)) for (const row of rows) tx.objectStore(name).put(row);
  await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); });
  db.close();
}`;

/**
 * Waits until `expression` is true in the page, polled from here: the app's Content-Security-Policy
 * (no eval) refuses Playwright's in-page polling of a string.
 */
export async function until(page: Page, expression: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${expression}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}
