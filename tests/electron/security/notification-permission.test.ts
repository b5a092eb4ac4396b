// Permissions stay refused, except notifications asked for by the app's own main frame (budget
// alerts are shown as OS notifications): not by another page, and not by a frame inside ours.
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Request = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: { isMainFrame: boolean; requestingUrl: string }) => void;
type Check = (wc: unknown, permission: string, origin: string, details: { isMainFrame: boolean; requestingUrl?: string }) => boolean;
const handlers: { request?: Request; check?: Check } = {};

vi.mock('electron', () => ({
  app: { on: vi.fn() },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: Request) => { handlers.request = h; },
      setPermissionCheckHandler: (h: Check) => { handlers.check = h; },
    },
  },
  shell: { openExternal: vi.fn() },
  BrowserWindow: vi.fn(),
}));

const APP = 'http://localhost:5173/';

beforeAll(async () => {
  process.env['ELECTRON_RENDERER_URL'] = APP;
  const { applyAppWideSecurity } = await import('../../../electron/main/window');
  applyAppWideSecurity();
});

function granted(permission: string, requestingUrl: string, isMainFrame = true): [boolean, boolean] {
  let answer = false;
  handlers.request!({}, permission, (g) => { answer = g; }, { isMainFrame, requestingUrl });
  return [answer, handlers.check!({}, permission, new URL(requestingUrl).origin, { isMainFrame, requestingUrl })];
}

describe('permissions', () => {
  it('lets the app’s own page show notifications', () => {
    expect(granted('notifications', `${APP}#/today`)).toEqual([true, true]);
  });

  it('refuses notifications to other pages and to frames, and every other permission', () => {
    expect(granted('notifications', 'https://evil.example/')).toEqual([false, false]);
    expect(granted('notifications', `${APP}#/today`, false)).toEqual([false, false]);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal']) expect(granted(p, `${APP}#/today`)).toEqual([false, false]);
  });
});
