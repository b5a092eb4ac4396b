import { afterEach, describe, expect, it, vi } from 'vitest';
import { previewImport } from '../../../shared/csv/import';
import type { PreviewMessage, PreviewRequest } from '../../../renderer/src/features/import/preview.worker';

const HEADER = 'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)';
function togglExport(count: number): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const d = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(`Dana,d@x.io,Client ${i % 20},Project ${i % 50},,"Row ${i}",Yes,${d},09:00:00,${d},10:30:00,01:30:00,,0`);
  }
  return lines.join('\n');
}
const request = (text: string): PreviewRequest => ({ text, source: 'toggl', options: { zone: 'Europe/Berlin' } });

/**
 * A Worker whose other side is the real preview.worker module, run in this process: messages
 * each way are structured-cloned and delivered on a later task, as a browser delivers them.
 */
async function connectedWorker() {
  const scope: { onmessage: ((e: { data: unknown }) => void) | null; postMessage: (m: PreviewMessage) => void } = { onmessage: null, postMessage: () => {} };
  vi.stubGlobal('self', scope);
  vi.resetModules();
  await import('../../../renderer/src/features/import/preview.worker');
  const seen: PreviewMessage[] = [];
  const workers: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((e: { data: PreviewMessage }) => void) | null = null;
    onerror: ((e: { preventDefault(): void }) => void) | null = null;
    terminated = false;
    constructor() {
      workers.push(this);
      scope.postMessage = (m) => {
        seen.push(m);
        const data = structuredClone(m);
        setTimeout(() => this.terminated || this.onmessage?.({ data }));
      };
    }
    postMessage(data: unknown) {
      setTimeout(() => scope.onmessage?.({ data: structuredClone(data) }));
    }
    terminate() {
      this.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  const { previewInBackground } = await import('../../../renderer/src/features/import/preview-client');
  return { previewInBackground, seen, workers };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('previewing in the background', () => {
  it('gives the same preview as in place, its rows sent in slices, with progress on the way', async () => {
    const { previewInBackground, seen, workers } = await connectedWorker();
    const text = togglExport(12_000);
    const progress: Array<[number, number]> = [];
    const preview = await previewInBackground(request(text), { onProgress: (done, total) => progress.push([done, total]) });

    expect(preview).toEqual(previewImport(text, 'toggl', { zone: 'Europe/Berlin' }));
    expect(seen.filter((m) => m.type === 'rows').map((m) => m.type === 'rows' && m.rows.line.length)).toEqual([10_000, 2_000]);
    expect(seen.at(-1)).toMatchObject({ type: 'done', preview: { rows: [] } });
    expect(progress.at(-1)).toEqual([12_000, 12_000]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(workers[0]!.terminated).toBe(true);
  });

  it('stops the worker and rejects with an AbortError when cancelled', async () => {
    const { previewInBackground, workers } = await connectedWorker();
    const controller = new AbortController();
    const pending = previewInBackground(request(togglExport(2_000)), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    await expect(previewInBackground(request(togglExport(10)), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(1);
  });

  it('passes on what went wrong inside the worker', async () => {
    const { previewInBackground, seen } = await connectedWorker();
    // A format the importer has no description of makes previewImport throw.
    const broken = { ...request(HEADER), source: 'not-a-tracker' } as unknown as PreviewRequest;
    const failure = previewInBackground(broken);
    await expect(failure).rejects.toBeInstanceOf(Error);
    const reported = seen.find((m) => m.type === 'error');
    await expect(failure).rejects.toThrow(reported?.type === 'error' ? reported.error : 'an error message from the worker');
  });

  it('runs in place, with progress, where there are no workers', async () => {
    vi.stubGlobal('Worker', undefined);
    vi.resetModules();
    const { previewInBackground } = await import('../../../renderer/src/features/import/preview-client');
    const progress: number[] = [];
    const preview = await previewInBackground(request(togglExport(3_000)), { onProgress: (done) => progress.push(done) });
    expect(preview.rows).toHaveLength(3_000);
    expect(progress.at(-1)).toBe(3_000);
  });
});
