// The browser harness's server, as a page (or a hostile local caller) reaches it over HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCaptureJournal } from '../../../electron/main/capture/journal';
import { startHarnessServer, type RunningHarness } from '../../../electron/harness/server';
import type { ActivitySegment } from '../../../shared/capture/types';
import { composeTestMain } from '../compose-test-main';

const TOKEN = 'test-secret';
const headers = { 'x-track-nexus-token': TOKEN };
const seg = (id: string, start: number, end: number): ActivitySegment => ({ id, start, end, app: 'XTerm', title: id, url: null, kind: 'active' });

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function start(dataDir?: string): Promise<{ harness: RunningHarness; main: ReturnType<typeof composeTestMain>['main'] }> {
  const composed = composeTestMain(undefined, dataDir);
  const staticDir = mkdtempSync(join(tmpdir(), 'tn-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Track Nexus</title>');
  await composed.main.start();
  const harness = await startHarnessServer({ main: composed.main, staticDir, token: TOKEN });
  cleanups.push(() => composed.close(), () => harness.close(), () => rmSync(staticDir, { recursive: true, force: true }));
  return { harness, main: composed.main };
}

describe('harness server', () => {
  it('answers malformed percent-encoding with 400, not a server error', async () => {
    const { harness } = await start();
    expect((await fetch(`${harness.url}/%E0%A4%A`)).status).toBe(400);
    const rpc = await fetch(`${harness.url}/rpc/app%E0%A4%A`, { method: 'POST', headers, body: '{}' });
    expect(rpc.status).toBe(400);
    expect((await fetch(`${harness.url}/`)).status).toBe(200);
    // A request target that is no URL at all, with the right Host header.
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(harness.port, '127.0.0.1', () => socket.end(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nConnection: close\r\n\r\n`));
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('close', () => resolve(answer));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('refuses a deeply nested body before parsing it, and still answers ordinary calls', async () => {
    const { harness } = await start();
    const deep = `{"payload":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const refused = await fetch(`${harness.url}/rpc/app:getInfo`, { method: 'POST', headers, body: deep });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, error: { message: 'The request is nested too deeply.' } });
    // Brackets inside strings are text, not nesting.
    const ok = await fetch(`${harness.url}/rpc/app:getInfo`, { method: 'POST', headers, body: JSON.stringify({ note: '['.repeat(1000) }) });
    expect(await ok.json()).toMatchObject({ ok: true, value: { name: 'Track Nexus' } });
  });

  it('offers unacknowledged captured segments to a page whose event stream connects after main started', async () => {
    // A previous run journaled two segments the renderer never stored.
    const dataDir = mkdtempSync(join(tmpdir(), 'tn-harness-'));
    const journal = openCaptureJournal({ dataDir, syncEveryMs: 0, warn: () => {} });
    journal.put(seg('a', 1_000, 5_000), true);
    journal.put(seg('b', 5_000, 9_000), true);
    journal.close();
    // Main starts (and replays its journal to nobody); the page that stayed open reconnects its stream.
    const { harness, main } = await start(dataDir);
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const res = await fetch(`${harness.url}/events`, { headers, signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': connected')) text += (await reader.read()).value ?? '';
    // A marker event: everything sent on connecting arrives before it.
    main.events.emit('tray:command', { kind: 'toggle' });
    while (!text.includes('event: tray:command')) text += (await reader.read()).value ?? '';
    const frames = text.split('\n\n').filter((frame) => frame.startsWith('event: capture:segments'));
    const sent = frames.flatMap((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as ActivitySegment[]);
    expect(sent.map((s) => s.id)).toEqual(['a', 'b']);
  });
});
