// Runs the store benchmark inside Chromium's real IndexedDB: bundles the bench page with vite, serves
// it on loopback, opens it in a persistent (disk-backed) profile and calls window.runStoreBench.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, type Rollup } from 'vite';
import type { BenchResult, BenchWindow } from './types';


async function bundle(root: string): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'error', // rollup's notes about zod's comment annotations are noise here
    root,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: resolve(root, 'renderer/src/db/bench/page.ts'), formats: ['es'], fileName: 'bench' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && o.isEntry);
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite produced no entry chunk for the bench page');
  return chunk.code;
}

function serve(script: string): Promise<{ server: Server; url: string }> {
  const html = '<!doctype html><meta charset="utf-8"><title>bench:store</title><script type="module" src="/bench.js"></script>';
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

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await dirBytes(path) : (await stat(path)).size;
  }
  return total;
}

export async function runInChromium(
  root: string,
  options: { runs: number; shape: Record<string, unknown> },
  log: (line: string) => void,
): Promise<BenchResult & { diskMB: number }> {
  const script = await bundle(root);
  const { server, url } = await serve(script);
  const profile = await mkdtemp(join(tmpdir(), 'bench-store-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => typeof (globalThis as unknown as BenchWindow).runStoreBench === 'function');
    let shown = 0;
    const progress = setInterval(() => {
      void page
        .evaluate(() => (globalThis as unknown as BenchWindow).benchLog)
        .then((lines) => {
          for (const line of lines.slice(shown)) log(line);
          shown = lines.length;
        })
        .catch(() => {});
    }, 2000);
    const result = await page.evaluate((o) => (globalThis as unknown as BenchWindow).runStoreBench(o), options).finally(() => clearInterval(progress));
    for (const line of (await page.evaluate(() => (globalThis as unknown as BenchWindow).benchLog)).slice(shown)) log(line);
    await page.close();
    await context.close();
    const diskMB = Math.round(((await dirBytes(join(profile, 'Default', 'IndexedDB'))) / 1_048_576) * 100) / 100;
    return { ...result, diskMB };
  } finally {
    await context.close().catch(() => {});
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
