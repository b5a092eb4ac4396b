// The Electron app: one instance, one window, a tray, a global shortcut, and the shared services
// composed with Electron's ports. Everything else lives in services that do not import electron.
import { app, globalShortcut, ipcMain, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventChannels, invokeChannels } from '../../shared/ipc/contract';
import { createGetWindowsSource } from './capture/get-windows-source';
import { createLinuxX11Readers } from './capture/linux-x11-readers';
import { composeMain, type ComposedMain } from './compose';
import { startRunMarker } from './safe-mode';
import { unavailableUpdater } from './update/updater-port';
import {
  electronIdleSource,
  electronNotifier,
  electronLoginItem,
  openedAtLogin,
  electronOpener,
  electronTray,
  electronUpdaterPort,
  safeStorageSecretStore,
  systemClock,
  userDataDir,
} from './electron-ports';
import { applyAppWideSecurity, createMainWindow, isAppUrl } from './window';

const TOGGLE_SHORTCUT = 'CommandOrControl+Alt+T';
/** How the user types it on this platform, for tips in the window. */
const TOGGLE_SHORTCUT_LABEL = process.platform === 'darwin' ? 'Cmd+Option+T' : 'Ctrl+Alt+T';

/** resources/ beside the project in development; electron-builder copies it under resourcesPath. */
function resourcePath(name: string): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'resources', name)
    : join(dirname(fileURLToPath(import.meta.url)), '../../resources', name);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let main: ComposedMain | null = null;
  let quitting = false;
  let shortcutRegistered = false;
  let onCleanExit = () => {};

  const openWindow = () => {
    if (!win || win.isDestroyed()) win = createMainWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  // A backup file the system opens the app with (see backup/opened-file.ts): macOS says so with
  // open-file, possibly before the app is ready; elsewhere it is on a second instance's command line.
  const openedEarly: string[] = [];
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (!main) return void openedEarly.push(path);
    void main.openedBackups.open(path);
    openWindow();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    void main?.openedBackups.openFromArgv(argv, workingDirectory);
    openWindow();
  });
  app.on('before-quit', () => {
    quitting = true;
  });

  // Long because it is Electron's start sequence: window, tray, shortcut and services, in the order Electron allows.
  void app.whenReady().then(() => {
    applyAppWideSecurity();
    const run = startRunMarker(userDataDir());
    onCleanExit = run.cleanExit;
    // Linux: the X protocol in-process, xprop as the fallback. Idle time comes from powerMonitor;
    // on X11 the next input is heard over XInput2, so the idle monitor sleeps while the user is away.
    const x11 = process.platform === 'linux' ? createLinuxX11Readers() : null;
    main = composeMain(
      {
        clock: systemClock,
        idleSource: { ...electronIdleSource(), watchInput: x11?.idleSource.watchInput },
        windowSource: x11?.windowSource ?? createGetWindowsSource(),
        focusEvents: x11?.focusEvents,
        externalOpener: electronOpener,
        paths: { dataDir: userDataDir(), resourcesDir: resourcePath('.') },
        secretStore: safeStorageSecretStore(userDataDir()),
        tray: electronTray(resourcePath('tray.png')),
        updater: app.isPackaged ? electronUpdaterPort() : unavailableUpdater('Updates are checked only in the installed app.'),
        notifier: electronNotifier(),
        loginItem: electronLoginItem(),
      },
      {
        shell: 'electron',
        version: app.getVersion(),
        platform: process.platform,
        toggleShortcut: () => (shortcutRegistered ? TOGGLE_SHORTCUT_LABEL : null),
        openWindow,
        quit: () => app.quit(),
        safeMode: run.uncleanLastRun,
      },
    );

    const router = main.router;
    for (const channel of invokeChannels) {
      ipcMain.handle(channel, (event, payload: unknown) => {
        // Only our own renderer, in our own window, may call main.
        if (!win || event.sender !== win.webContents || !isAppUrl(event.senderFrame?.url)) {
          return { ok: false, error: { kind: 'forbidden', message: 'Calls are accepted only from the Track Nexus window.', retryable: false } };
        }
        return router.dispatch(channel, payload);
      });
    }
    main.events.addSink((event, payload) => {
      if (win && !win.isDestroyed() && eventChannels.includes(event)) win.webContents.send(event, payload);
    });

    void main.start();
    void main.openedBackups.openFromArgv(process.argv, process.cwd());
    for (const path of openedEarly) void main.openedBackups.open(path);

    // Another app may hold the keys: then there is no shortcut, and the window says nothing about it.
    shortcutRegistered = globalShortcut.register(TOGGLE_SHORTCUT, () => main?.events.emit('tray:command', { kind: 'toggle' }));

    win = createMainWindow({ hidden: openedEarly.length === 0 && main.startup.launchedHidden(process.argv, openedAtLogin()) });
    // Closing the window keeps the app (and a running timer) alive in the tray.
    win.on('close', (event) => {
      if (!quitting) {
        event.preventDefault();
        win?.hide();
      }
    });
  });

  // Quit waits for capture to close its journal, so the last interval reaches the disk.
  let disposed = false;
  app.on('will-quit', (event) => {
    globalShortcut.unregisterAll();
    if (main && !disposed) {
      disposed = true;
      event.preventDefault();
      void main.dispose().then(onCleanExit).finally(() => app.quit());
    }
  });
  app.on('activate', openWindow);
}
