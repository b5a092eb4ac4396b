// Runs the store benchmark inside Chromium's real IndexedDB: bundles the bench page with vite, serves
// it on loopback, opens it in a persistent (disk-backed) profile and calls window.runStoreBench.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { bundlePage, chromiumArgs, chromiumPath, servePage } from '../chromium-page';
import type { BenchResult, BenchWindow } from './types';

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
  const script = await bundlePage(root, 'bench/store/page.ts');
  const { server, url } = await servePage(script, 'bench:store');
  const profile = await mkdtemp(join(tmpdir(), 'bench-store-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
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
