// The simulator's command line: what it reads from its options and from the .QWC file the app
// saved, and one real run against the app's Web Connector service that adds time to a company file
// kept on disk, which a second run carries on from.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startQbwcServer, type QbwcServer } from '../../../electron/main/qbd/qbwc-server';
import { createQbwcService } from '../../../electron/main/qbd/qbwc-service';
import { parseCliArgs, readQwc } from '../../../electron/qbd-sim/cli-options';
import { qbxmlDocument, timeTrackingAddRq } from '../../../shared/qbd/qbxml';
import { qwcFile } from '../../../shared/qbd/qwc';

/** Every document here goes through Intuit's schema (0.3–0.5 s each); CI may run on a busy machine. */
const SCHEMA_TIMEOUT = 90_000;

const settings = (appUrl: string) => ({
  appName: 'Track Nexus – Cool Cars', appUrl, supportUrl: 'http://localhost/help', userName: 'bookkeeper',
  ownerId: '{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}', fileId: '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}', everyMinutes: 15,
});

describe('qbd-sim options', { timeout: SCHEMA_TIMEOUT }, () => {
  it('reads the .QWC the app generates: its address, user and schedule', () => {
    expect(readQwc(qwcFile(settings('http://localhost:8123/qbwc')))).toEqual({ appUrl: 'http://localhost:8123/qbwc', userName: 'bookkeeper', everyMinutes: 15 });
    expect(() => readQwc('<html></html>')).toThrow(/not a Web Connector \.QWC file/);
  });

  it('takes the password from the environment, and refuses what it does not understand', () => {
    expect(parseCliArgs(['--qwc', 'a.qwc', '--faults', '--sessions', '3', '--every', '0.5'], { QBD_SIM_PASSWORD: 's3cret' }))
      .toEqual({ qwcFile: 'a.qwc', password: 's3cret', faults: true, sessions: 3, everySeconds: 0.5 });
    expect(parseCliArgs(['--qwc', 'a.qwc', '--password', 'p', '--company', 'c.json'], {})).toMatchObject({ password: 'p', companyFile: 'c.json', faults: false });
    expect(() => parseCliArgs(['--qwc', 'a.qwc'], {})).toThrow(/password/);
    expect(() => parseCliArgs(['--password', 'p'], {})).toThrow(/--qwc FILE is required/);
    expect(() => parseCliArgs(['--qwc', 'a', '--password', 'p', '--sessions', '1.5'], {})).toThrow(/--sessions must be a positive whole number/);
    expect(() => parseCliArgs(['--qwc', 'a', '--password', 'p', '--colour'], {})).toThrow(/unknown option --colour/);
  });
});

const servers: QbwcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The app's real service with one time entry to send per session. */
async function startApp() {
  let sent = 0;
  let inSession = false;
  const service = createQbwcService({
    appVersion: 'test',
    verify: async (user, password) => user === 'bookkeeper' && password === 'right',
    work: {
      pending: async () => true,
      next: async () => {
        if (inSession) return null;
        inSession = true;
        sent += 1;
        return qbxmlDocument('16.0', [timeTrackingAddRq('1', { txnDate: '2026-12-03', entity: { fullName: 'Emily Platt' }, minutes: 45, notes: `visit ${sent}` })]);
      },
      answer: async () => { inSession = false; return 100; },
    },
    newTicket: () => crypto.randomUUID(),
    now: () => Date.now(),
  });
  const server = await startQbwcServer(service, { port: 0, path: '/qbwc' });
  servers.push(server);
  return server.url;
}

function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/qbd-sim/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QBD_SIM_PASSWORD: 'right' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('qbd-sim end to end', { timeout: SCHEMA_TIMEOUT }, () => {
  it('plays a session against the app, says what happened, and keeps the company file for the next run', async () => {
    const url = await startApp();
    const dir = mkdtempSync(join(tmpdir(), 'qbd-sim-'));
    const qwc = join(dir, 'track-nexus.qwc');
    const companyFile = join(dir, 'company.json');
    writeFileSync(qwc, qwcFile(settings(url.replace('127.0.0.1', 'localhost'))));

    const first = await runCli(['--qwc', qwc, '--sessions', '1', '--company', companyFile]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('every 900 s');
    expect(first.out).toMatch(/Session 1: 1 request handed to QuickBooks, 1 time entry added\. Track Nexus said: "OK: sent 1 update to QuickBooks\."/);
    const saved = JSON.parse(readFileSync(companyFile, 'utf8')) as { time: { notes: string; entity: string }[]; lists: { listId: string; fullName: string }[] };
    expect(saved.time.map((t) => t.notes)).toEqual(['visit 1']);

    const second = await runCli(['--qwc', qwc, '--sessions', '1', '--company', companyFile]);
    expect(second.code).toBe(0);
    const again = JSON.parse(readFileSync(companyFile, 'utf8')) as typeof saved;
    expect(again.time.map((t) => t.notes)).toEqual(['visit 1', 'visit 2']);
    expect(again.lists).toEqual(saved.lists);
    expect(second.out).toContain('the company file now holds 2 time entries');
  }, 60_000);
});
