import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaptureJournal } from '../../../electron/main/capture/journal';
import type { ActivitySegment } from '../../../shared/capture/types';

const here = path.dirname(fileURLToPath(import.meta.url));
const seg = (id: string, start: number, end: number, title = id): ActivitySegment => ({ id, start, end, app: 'XTerm', title, url: null, kind: 'active' });

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-journal-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('capture journal', () => {
  it('replays unacknowledged segments once per start, until they are acknowledged', () => {
    const first = openCaptureJournal({ dataDir, warn: () => {} });
    expect(first.replayUnacked()).toEqual([]);
    first.put(seg('a', 0, 10), true);
    first.put(seg('b', 10, 15), false);
    first.put(seg('b', 10, 20), false);
    first.put(seg('c', 20, 30), true);
    expect(first.ack([{ id: 'a', end: 10 }, { id: 'b', end: 15 } /* an old version: no match */])).toEqual([{ id: 'a', end: 10 }]);
    first.close();

    const second = openCaptureJournal({ dataDir, warn: () => {} });
    const replayed = second.replayUnacked();
    expect(replayed).toEqual([seg('b', 10, 20), seg('c', 20, 30)]);
    expect(second.replayUnacked()).toEqual([]); // exactly once per start
    second.close();

    const third = openCaptureJournal({ dataDir, warn: () => {} });
    expect(third.replayUnacked().map((s) => s.id)).toEqual(['b', 'c']); // not acked: offered again
    expect(third.ack([{ id: 'b', end: 20 }, { id: 'c', end: 30 }])).toHaveLength(2);
    third.close();

    const fourth = openCaptureJournal({ dataDir, warn: () => {} });
    expect(fourth.replayUnacked()).toEqual([]);
    fourth.close();
    expect(fs.readFileSync(fourth.file, 'utf8')).toBe(''); // compaction dropped everything acknowledged
  });

  it('tolerates a torn last line and keeps everything before it', () => {
    const journal = openCaptureJournal({ dataDir, warn: () => {} });
    journal.put(seg('a', 0, 10), true);
    journal.put(seg('b', 10, 20), false);
    journal.close();
    fs.appendFileSync(journal.file, '{"seq":99,"op":"put","closed":true,"segment":{"id":"b","sta');
    const warnings: string[] = [];
    const reopened = openCaptureJournal({ dataDir, warn: (m) => warnings.push(m) });
    expect(reopened.replayUnacked()).toEqual([seg('a', 0, 10), seg('b', 10, 20)]);
    expect(warnings).toEqual([expect.stringMatching(/torn last line/)]);
    reopened.close();
  });

  it('skips records that are not segments without losing the others', () => {
    fs.mkdirSync(path.join(dataDir, 'capture-journal'), { recursive: true });
    const file = path.join(dataDir, 'capture-journal', 'journal.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ seq: 1, op: 'put', closed: true, segment: seg('a', 0, 5) }),
        JSON.stringify({ seq: 2, op: 'put', closed: true, segment: { id: 'x', evil: true } }),
        'garbage',
        JSON.stringify({ seq: 3, op: 'drop', id: 'nope' }),
        '',
      ].join('\n'),
    );
    const warnings: string[] = [];
    const journal = openCaptureJournal({ dataDir, warn: (m) => warnings.push(m) });
    expect(journal.replayUnacked()).toEqual([seg('a', 0, 5)]);
    expect(warnings).toHaveLength(2);
    journal.close();
  });

  it('forgets dropped segments and compacts when it grows', () => {
    const journal = openCaptureJournal({ dataDir, compactAfterRecords: 10, warn: () => {} });
    journal.put(seg('gone', 0, 5), false);
    journal.drop('gone');
    for (let i = 0; i < 25; i++) journal.put(seg('long', 0, i), false);
    journal.close();
    const lines = fs.readFileSync(journal.file, 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(10);
    const reopened = openCaptureJournal({ dataDir, warn: () => {} });
    expect(reopened.replayUnacked()).toEqual([seg('long', 0, 24)]);
    reopened.close();
  });

  it('compacts acknowledged segments out of the file, after a few and on close', () => {
    const journal = openCaptureJournal({ dataDir, warn: () => {} });
    const stored = Array.from({ length: 25 }, (_, i) => seg(`s${i}`, i * 10, i * 10 + 10, `private title ${i}`));
    for (const s of stored) journal.put(s, true);
    journal.put(seg('open', 250, 260, 'still open'), false);
    journal.ack(stored.map((s) => ({ id: s.id, end: s.end })));
    // The renderer stored them: their window titles leave the file without waiting for a restart.
    const text = fs.readFileSync(journal.file, 'utf8');
    expect(text).not.toContain('private title');
    expect(text).toContain('still open');

    journal.put(seg('last', 260, 270, 'last private title'), true);
    journal.ack([{ id: 'last', end: 270 }]);
    journal.close();
    const lines = fs.readFileSync(journal.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('still open');
  });

  it('keeps its folder and file readable by the user only, also when an older version left them open', () => {
    const dir = path.join(dataDir, 'capture-journal');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'journal.jsonl'), `${JSON.stringify({ seq: 1, op: 'put', closed: true, segment: seg('a', 0, 5) })}\n`, { mode: 0o644 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'journal.jsonl.tmp'), 'left by a crash', { mode: 0o644 });
    const journal = openCaptureJournal({ dataDir, warn: () => {} });
    expect(journal.replayUnacked()).toEqual([seg('a', 0, 5)]);
    journal.put(seg('b', 5, 10), true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(journal.file).mode & 0o777).toBe(0o600);
    journal.close();
    expect(fs.statSync(journal.file).mode & 0o777).toBe(0o600);
  });

  it('crash replay: a writer killed with SIGKILL loses nothing it reported and replays nothing acknowledged', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'journal-writer.ts'), dataDir, '5'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const reported = new Map<string, { end: number; closed: boolean }>();
    const acked = new Map<string, number>();
    const acking = new Map<string, number>();
    let lines = 0;
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      createInterface({ input: child.stdout! })
        .on('line', (line) => {
          const [kind, id, end, state, start] = line.split(' ');
          // A segment without duration yet (just opened) is nothing to lose.
          if (kind === 'PUT' && Number(end) > Number(start)) reported.set(id!, { end: Number(end), closed: state === 'closed' });
          if (kind === 'ACKING') acking.set(id!, Number(end));
          if (kind === 'ACK') acked.set(id!, Number(end));
          // Kill at an arbitrary moment well into the run, while it is writing.
          if (++lines === 400) child.kill('SIGKILL');
        })
        // Read what the child printed before it died, then compare.
        .on('close', resolve);
    });
    expect(acked.size).toBeGreaterThan(3);

    const journal = openCaptureJournal({ dataDir, warn: () => {} });
    const replayed = journal.replayUnacked();
    const byId = new Map(replayed.map((s) => [s.id, s]));
    expect(byId.size).toBe(replayed.length);
    for (const [id, { end }] of reported) {
      if (acked.get(id) === end) {
        expect(byId.has(id), `${id} was acknowledged and must not come back`).toBe(false);
      } else if (acking.get(id) === end && !byId.has(id)) {
        // Killed between journaling the acknowledgement and reporting it: gone, correctly.
      } else {
        // Every version the writer saw written is on disk (it may have written one more before dying).
        if (!byId.has(id)) throw new Error(`${id} ${end} acked=${acked.get(id)} ${JSON.stringify(replayed.map((s) => [s.id, s.end]))}`);
        expect(byId.get(id)!.end, id).toBeGreaterThanOrEqual(end);
        expect(byId.get(id)!.end - end).toBeLessThanOrEqual(1000);
      }
    }
    // Nothing appears that the writer did not produce: at most the one record it wrote but never reported.
    expect(replayed.filter((s) => !reported.has(s.id)).length).toBeLessThanOrEqual(1);
    expect(replayed.every((s) => s.end > s.start)).toBe(true);

    // The renderer stores them (idempotently, by id) and acknowledges: the next start offers nothing.
    expect(journal.ack(replayed.map((s) => ({ id: s.id, end: s.end })))).toHaveLength(replayed.length);
    journal.close();
    const next = openCaptureJournal({ dataDir, warn: () => {} });
    expect(next.replayUnacked()).toEqual([]);
    next.close();
  });
});
