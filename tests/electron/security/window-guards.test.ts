// The app-wide navigation guards, with Electron stood in for: every web contents created is kept on
// the app, by the main frame (will-navigate, will-redirect) and by any frame in it (will-frame-navigate).
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const app = new EventEmitter();
vi.mock('electron', () => ({
  app,
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
  shell: { openExternal: vi.fn() },
  BrowserWindow: vi.fn(),
}));

const APP = 'http://localhost:5173/';
let contents: EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };

beforeAll(async () => {
  process.env['ELECTRON_RENDERER_URL'] = APP;
  const { applyAppWideSecurity } = await import('../../../electron/main/window');
  applyAppWideSecurity();
  contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
  app.emit('web-contents-created', {}, contents);
});

/** Whether the guard let a frame navigation to `url` go on. */
function frameGoes(url: string, isMainFrame: boolean): boolean {
  const event = { url, isMainFrame, isSameDocument: false, frame: null, preventDefault: vi.fn() };
  contents.emit('will-frame-navigate', event);
  return event.preventDefault.mock.calls.length === 0;
}

describe('frames stay on the app', () => {
  it('stops a subframe, and the main frame, from navigating anywhere else', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'http://localhost:5174/']) {
      expect(frameGoes(url, false)).toBe(false);
      expect(frameGoes(url, true)).toBe(false);
    }
  });

  it('lets frames move within the app', () => {
    expect(frameGoes(`${APP}#/settings`, false)).toBe(true);
    expect(frameGoes(`${APP}index.html`, true)).toBe(true);
  });
});
