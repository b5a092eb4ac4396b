// The renderer's side of the browser harness: the same RendererApi as Electron's preload, carried
// over loopback HTTP. The per-run secret arrives in the URL fragment (never sent to a server), is
// kept in sessionStorage for reloads, and then removed from the address bar.
import type { EventChannel, InvokeChannel, RendererApi } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';

const TOKEN_KEY = 'track-nexus.harness-token';
const TOKEN_HEADER = 'x-track-nexus-token';

export function takeHarnessToken(location: Location, storage: Storage): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search + '#/today');
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHarnessApi(token: string): RendererApi {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let streaming = false;
  // Calls made after subscribing wait (briefly) for the stream, so an answer's events are not lost.
  let markConnected: () => void = () => {};
  const connected = new Promise<void>((resolve) => (markConnected = resolve));

  async function stream(): Promise<void> {
    let delay = 500;
    for (;;) {
      try {
        const res = await fetch('/events', { headers: { [TOKEN_HEADER]: token } });
        if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
        delay = 500;
        markConnected();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let split: number;
          while ((split = buffer.indexOf('\n\n')) >= 0) {
            dispatchFrame(buffer.slice(0, split));
            buffer = buffer.slice(split + 2);
          }
        }
      } catch {
        // The harness restarted or the connection dropped: reconnect with a capped backoff.
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }

  function dispatchFrame(frame: string): void {
    let event = '';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!event) return;
    const payload: unknown = JSON.parse(data);
    for (const listener of listeners.get(event as EventChannel) ?? []) listener(payload);
  }

  return {
    async invoke(channel: InvokeChannel, request?: unknown) {
      if (streaming) await Promise.race([connected, new Promise((r) => setTimeout(r, 3000))]);
      try {
        const res = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify({ payload: request }),
        });
        return (await res.json()) as IpcResult<never>;
      } catch {
        return {
          ok: false,
          error: { kind: 'network', message: 'The Track Nexus service is not reachable. Is `npm run web` still running?', retryable: true },
        };
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => {
        set.delete(listener as (payload: unknown) => void);
      };
    },
  } as RendererApi;
}
