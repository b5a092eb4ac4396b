// The main window and the app-wide security defaults: context isolation, a sandboxed renderer,
// no node integration, no navigation away from the app (of the page or any frame in it), no new windows, no permissions, and
// external links only through the URL guard to the system browser.
import { BrowserWindow, app, session, shell, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The main bundle is ESM (package.json "type": "module"), so there is no __dirname.
const here = dirname(fileURLToPath(import.meta.url));
import { checkExternalUrl } from './security/external-links';

function rendererUrl(): string {
  // electron-vite sets ELECTRON_RENDERER_URL to its dev server during `npm start`.
  // pathToFileURL, not 'file://' + path: Windows paths have drive letters and backslashes.
  return process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(join(here, '../renderer/index.html')).href;
}

/** True when a frame URL belongs to our renderer, so IPC from anything else is refused. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  const base = rendererUrl();
  if (base.startsWith('file://')) return url.split(/[?#]/)[0] === base;
  return url.startsWith(new URL(base).origin + '/');
}

/** The one permission granted: notifications (budget alerts) for our own page's main frame; everything else is refused. */
function mayNotify(permission: string, details: { isMainFrame?: boolean; requestingUrl?: string }): boolean {
  return permission === 'notifications' && details.isMainFrame === true && isAppUrl(details.requestingUrl);
}

export function applyAppWideSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => callback(mayNotify(permission, details)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, _origin, details) => mayNotify(permission, details));
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // will-navigate hears the main frame only: an iframe (one a stored payload slipped into the page)
  // could still be sent anywhere. This hears every frame, and keeps each one on the app.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const verdict = checkExternalUrl(url);
    if (verdict.ok) void shell.openExternal(verdict.url);
    return { action: 'deny' };
  });
}

/** `hidden`: started at login to wait in the tray; the tray or a second launch shows it. */
export function createMainWindow(options: { hidden?: boolean } = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Track Nexus',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      // Closed to the tray the page is hidden, and Chromium would then slow its timers to once a
      // minute or less: the scheduled sync, capture acknowledgements and reminders live on those
      // timers and must keep their times (tests/e2e/hidden.spec.ts shows them firing while hidden).
      backgroundThrottling: false,
    },
  });
  if (!options.hidden) win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl());
  return win;
}
