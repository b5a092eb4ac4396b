// The IPC contract is complete: every channel has a schema, a handler in the composed app and a
// way through the preload; nothing else gets through.
import { describe, expect, it, vi } from 'vitest';
import { eventChannels, eventContract, invokeChannels, invokeContract } from '../../shared/ipc/contract';
import { composeTestMain } from '../electron/compose-test-main';

const preloadCalls: Array<[string, unknown]> = [];
const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      preloadCalls.push([channel, payload]);
      return { ok: true, value: null };
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

describe('IPC contract', () => {
  it('gives every invoke channel a request and a response schema', () => {
    expect(Object.keys(invokeContract).sort()).toEqual([...invokeChannels].sort());
    for (const channel of invokeChannels) {
      expect(invokeContract[channel].request, channel).toBeDefined();
      expect(invokeContract[channel].response, channel).toBeDefined();
    }
  });

  it('gives every event a payload schema', () => {
    expect(Object.keys(eventContract).sort()).toEqual([...eventChannels].sort());
  });

  it('names calls domain:verbNoun and events domain:noun', () => {
    for (const c of invokeChannels) expect(c).toMatch(/^[a-z]+:[a-z]+[A-Z][A-Za-z]*$/);
    for (const e of eventChannels) expect(e).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('has a handler registered for every channel in the composed app', () => {
    const { main, close } = composeTestMain();
    try {
      expect(main.router.registeredChannels().sort()).toEqual([...invokeChannels].sort());
      expect(main.router.missingChannels()).toEqual([]);
    } finally {
      close();
    }
  });

  it('lets the preload pass exactly the contract channels', async () => {
    await import('../../electron/preload/index');
    const api = exposed['api'] as { invoke: (c: string, p?: unknown) => Promise<unknown>; on: (e: string, l: () => void) => () => void };
    expect(api).toBeDefined();
    for (const channel of invokeChannels) await api.invoke(channel, undefined);
    expect(preloadCalls.map(([c]) => c).sort()).toEqual([...invokeChannels].sort());

    const refused = (await api.invoke('fs:readFile', '/etc/passwd')) as { ok: boolean; error: { kind: string } };
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(preloadCalls.some(([c]) => c === 'fs:readFile')).toBe(false);

    for (const event of eventChannels) expect(typeof api.on(event, () => {})).toBe('function');
    expect(() => api.on('shell:exec', () => {})).toThrow(/Unknown event/);
  });
});
