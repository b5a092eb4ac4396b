// The support log: secrets and personal words never reach the file whatever callers pass, it
// rotates at its size keeping five old files, and a failing disk never throws into the app.
import fc from 'fast-check';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, toIpcError } from '../../../shared/ipc/errors';
import { createFileLogger, type LogFs } from '../../../electron/main/log/logger';
import { eventLog, ipcLog } from '../../../electron/main/log/support-log';

const fixedNow = () => Date.UTC(2026, 11, 4, 12, 0, 0);
const tempDir = () => mkdtemp(join(tmpdir(), 'tn-log-'));
const logText = (dir: string) => readFile(join(dir, 'logs', 'track-nexus.log'), 'utf8');

const alnum = fc.stringMatching(/^[A-Za-z0-9]{20,60}$/);
/** Every field name the log knows (fields.ts), and some it does not. */
const FIELD_NAMES = ['version', 'electron', 'node', 'chrome', 'platform', 'arch', 'shell', 'hidden', 'channel', 'kind', 'retryable', 'code', 'faultType', 'status', 'intuitTid', 'companyId', 'environment', 'state', 'mode', 'phase', 'method', 'failed', 'channelName', 'count', 'ms'];
const shapes = {
  jwt: fc.tuple(alnum, alnum, alnum).map(([a, b, c]) => `eyJ${a}.${b}.${c}`),
  bearer: alnum.map((t) => `Bearer eyJ${t}`),
  refresh: fc.stringMatching(/^[0-9]{10,13}[A-Za-z0-9]{30,40}$/).map((t) => `AB11${t}`),
  password: fc.stringMatching(/^[A-Za-z0-9!#%&*+=?@^_~-]{12,40}$/).map((t) => `pw-${t}`),
  title: fc.stringMatching(/^[A-Za-z .,]{10,40}$/).map((t) => `Q3 numbers ${t} - Excel`),
};

/** A log over memory, for properties that write thousands of lines. */
function memoryLog() {
  const written: string[] = [];
  const fs = {
    mkdir: async () => undefined,
    stat: async () => ({ size: 0 }),
    appendFile: async (_path: unknown, line: string) => void written.push(line),
    rename: async () => undefined,
    rm: async () => undefined,
    readFile: async () => written.join(''),
  } as unknown as LogFs;
  return { log: createFileLogger({ dataDir: '/nowhere', now: fixedNow, fs }), written };
}

it.each(FIELD_NAMES.flatMap((name) => Object.keys(shapes).map((shape) => [name, shape] as const)))(
  'drops a %s field that holds a %s',
  async (name, shape) => {
    await fc.assert(
      fc.asyncProperty(shapes[shape as keyof typeof shapes], async (value) => {
        const { log, written } = memoryLog();
        log.logger.log('info', 'update', { [name]: value });
        await log.flush();
        expect(written.join('')).not.toContain(value);
      }),
      { numRuns: 15 },
    );
  },
);

/** Shapes of what must never be logged: Intuit access tokens (JWTs), Bearer headers, refresh tokens, passwords, titles. */
const secret = fc.oneof(...Object.values(shapes));
const fieldName = fc.oneof(
  fc.constantFrom('channel', 'kind', 'code', 'faultType', 'intuitTid', 'companyId', 'state', 'phase', 'method', 'version', 'platform', 'message', 'title', 'token', 'description', 'error', 'payload'),
  fc.string({ maxLength: 12 }),
);

it('never writes a token, password or title, whatever field or message carries it', async () => {
  await fc.assert(
    fc.asyncProperty(secret, fieldName, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), async (value, name, before, after) => {
      const dir = await tempDir();
      const log = createFileLogger({ dataDir: dir, now: fixedNow });
      const embedded = `${before}${value}${after}`;
      log.logger.log('error', 'ipc.error', { [name]: value, channel: 'qbo:queryAll', kind: 'auth' } as never);
      log.logger.log('error', 'ipc.error', { [name]: embedded } as never);
      // An intuit-oauth error carrying the refresh token in its message, mapped the way the router maps it.
      const thrown = new AppError('auth', `invalid_grant: refresh_token=${value} Authorization: Bearer ${value}`, { remote: { status: 401, code: '3200', type: 'AUTHENTICATION', intuitTid: '1-61d4ab21-1b2c5b8a' } });
      ipcLog(log.logger)('qbo:getChanges', { ok: false, error: toIpcError(thrown) });
      await log.flush();
      const text = await logText(dir);
      expect(text).not.toContain(value);
      expect(text.split('\n').filter(Boolean)).toHaveLength(3);
      expect(text).toContain('"intuitTid":"1-61d4ab21-1b2c5b8a"');
    }),
    { numRuns: 60 },
  );
});

it('keeps what support needs: the event, the channel, the error kind and the fault code', async () => {
  const dir = await tempDir();
  const log = createFileLogger({ dataDir: dir, now: fixedNow });
  ipcLog(log.logger)('qbo:sendBatch', { ok: false, error: { kind: 'remote', message: 'Stale object', retryable: false, remote: { status: 400, code: '5010', type: 'ValidationFault', intuitTid: 'abc-123' } } });
  await log.flush();
  expect(JSON.parse(await logText(dir))).toEqual({
    t: '2026-12-04T12:00:00.000Z', level: 'warn', event: 'qbo.fault',
    channel: 'qbo:sendBatch', kind: 'remote', retryable: false, status: 400, code: '5010', faultType: 'ValidationFault', intuitTid: 'abc-123',
  });
});

it('rotates at its size and keeps the five files before the current one', async () => {
  const dir = await tempDir();
  const log = createFileLogger({ dataDir: dir, now: fixedNow, maxBytes: 400 });
  for (let i = 0; i < 60; i++) log.logger.log('info', 'qbwc.session', { method: 'sendRequestXML', count: i });
  await log.flush();
  const files = (await readdir(join(dir, 'logs'))).sort();
  expect(files).toEqual(['track-nexus.log', 'track-nexus.log.1', 'track-nexus.log.2', 'track-nexus.log.3', 'track-nexus.log.4', 'track-nexus.log.5']);
  for (const f of files) expect((await fsp.stat(join(dir, 'logs', f))).size).toBeLessThanOrEqual(400);
  // The newest line is in the current file, and tail reads across the last rotation in order.
  expect(await logText(dir)).toContain('"count":59');
  const tail = await log.tail(5);
  expect(tail.map((l) => (JSON.parse(l) as { count: number }).count)).toEqual([55, 56, 57, 58, 59]);
});

it('never throws when the disk is full, and writes again once there is room', async () => {
  const dir = await tempDir();
  let full = true;
  const failing: LogFs = {
    ...fsp,
    appendFile: ((...args: Parameters<typeof fsp.appendFile>) =>
      full ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) : fsp.appendFile(...args)) as typeof fsp.appendFile,
  };
  const log = createFileLogger({ dataDir: dir, now: fixedNow, fs: failing });
  expect(() => log.logger.log('error', 'capture.state', { state: 'failed' })).not.toThrow();
  await expect(log.flush()).resolves.toBeUndefined();
  full = false;
  log.logger.log('info', 'capture.state', { state: 'running', mode: 'events' });
  await log.flush();
  const lines = (await logText(dir)).split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('"state":"running"');
});

it('drops a field whose value cannot be written (a cycle, a function) without losing the line', async () => {
  const dir = await tempDir();
  const log = createFileLogger({ dataDir: dir, now: fixedNow });
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  log.logger.log('warn', 'update', { phase: 'downloading', state: cyclic, count: () => 1 } as never);
  await log.flush();
  expect(JSON.parse(await logText(dir))).toMatchObject({ event: 'update', phase: 'downloading' });
});

describe('update events in the support log', () => {
  it('logs each change of update status once, with version and channel, never the words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tn-log-update-'));
    const log = createFileLogger({ dataDir: dir, now: () => 0 });
    const sink = eventLog(log.logger);
    const state = (status: string, percent: number | null) => ({ status, words: 'Downloading for Ann’s secret project', version: '1.4.0', percent, channel: 'beta', restartRequested: false, waitingFor: null });
    sink('update:stateChanged', state('up-to-date', null));
    sink('update:stateChanged', state('downloading', 10));
    sink('update:stateChanged', state('downloading', 50));
    sink('update:stateChanged', state('ready', null));
    await log.flush();
    const lines = (await logText(dir)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['phase'])).toEqual(['up-to-date', 'downloading', 'ready']);
    expect(lines[0]).toMatchObject({ event: 'update', version: '1.4.0', channelName: 'beta' });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
