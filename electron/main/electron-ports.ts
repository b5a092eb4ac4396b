// Electron implementations of the ports. This file and index.ts/window.ts are the only main-process
// files allowed to import electron (eslint enforces it), so every service stays testable in Node.
import { Menu, Notification, Tray, app, nativeImage, powerMonitor, safeStorage, shell } from 'electron';
import electronUpdater from 'electron-updater';
import { currentZone } from '../../shared/time/zone';
import { safeStorageSecretStore as secretStoreOver } from './secrets/safe-storage-secret-store';
import type { ReminderNotifier } from './reminders/reminders-handlers';
import type { TrayModel } from './tray/tray-menu';
import type { TrayPort } from './tray/tray-service';
import { HIDDEN_ARG, type LoginItemPort } from './startup/login-item';
import { xdgAutostartPort } from './startup/xdg-autostart';
import type { UpdaterEvent, UpdaterPort } from './update/updater-port';
import type { Clock, ExternalOpener, IdleSource, PowerEvent, PowerEventKind } from './ports';

export const systemClock: Clock = {
  now: () => Date.now(),
  timeZone: currentZone,
};

export function electronIdleSource(): IdleSource {
  return {
    idleSeconds: async () => powerMonitor.getSystemIdleTime(),
    onPowerEvent(listener) {
      const kinds: PowerEventKind[] = ['suspend', 'resume', 'lock-screen', 'unlock-screen'];
      const handlers = kinds.map((kind) => {
        const handler = () => listener({ kind, at: Date.now() } satisfies PowerEvent);
        powerMonitor.on(kind as 'suspend', handler);
        return () => powerMonitor.off(kind as 'suspend', handler);
      });
      return () => handlers.forEach((off) => off());
    },
  };
}

export const electronOpener: ExternalOpener = {
  openExternal: (url) => shell.openExternal(url),
};

export function electronTray(iconPath: string): TrayPort {
  let tray: Tray | null = null;
  return {
    supported: true,
    render(model: TrayModel, onItem) {
      if (!tray) {
        const icon = nativeImage.createFromPath(iconPath);
        tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon.resize({ width: 16, height: 16 }));
      }
      tray.setToolTip(model.tooltip);
      const template = model.items.map((item) => {
        switch (item.type) {
          case 'label':
            return { label: item.label, enabled: false };
          case 'separator':
            return { type: 'separator' as const };
          default:
            return { label: item.label, click: () => onItem(item.id) };
        }
      });
      tray.setContextMenu(Menu.buildFromTemplate(template));
    },
    dispose() {
      tray?.destroy();
      tray = null;
    },
  };
}

export function userDataDir(): string {
  return app.getPath('userData');
}

/** QuickBooks secrets encrypted by the OS keychain through safeStorage (see secrets/). */
export function safeStorageSecretStore(dir: string) {
  return secretStoreOver(dir, safeStorage);
}

/**
 * electron-updater's autoUpdater as the UpdaterPort (packaged builds only). It downloads only when
 * the update service asks; a bad signature reaches the service as an 'error' whose code is
 * 'ERR_UPDATER_INVALID_SIGNATURE' (NsisUpdater throws builder-util-runtime's newError(message,
 * code), AppUpdater.dispatchError emits it), a damaged download as 'ERR_CHECKSUM_MISMATCH'.
 */
export function electronUpdaterPort(): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false;
  return {
    unavailable: null,
    configure({ channel, allowPrerelease }) {
      autoUpdater.channel = channel;
      autoUpdater.allowPrerelease = allowPrerelease;
    },
    check: async () => void (await autoUpdater.checkForUpdates()),
    download: async () => void (await autoUpdater.downloadUpdate()),
    quitAndInstall: () => autoUpdater.quitAndInstall(),
    onEvent(listener: (event: UpdaterEvent) => void) {
      const available = (info: { version: string }) => listener({ kind: 'available', version: info.version });
      const none = () => listener({ kind: 'not-available' });
      const progress = (p: { percent: number }) => listener({ kind: 'progress', percent: p.percent });
      const downloaded = (info: { version: string }) => listener({ kind: 'downloaded', version: info.version });
      const error = (e: Error & { code?: string }) => listener({ kind: 'error', message: e.message, ...(e.code ? { code: e.code } : {}) });
      autoUpdater.on('update-available', available).on('update-not-available', none).on('download-progress', progress);
      autoUpdater.on('update-downloaded', downloaded).on('error', error);
      return () => {
        autoUpdater.off('update-available', available).off('update-not-available', none).off('download-progress', progress);
        autoUpdater.off('update-downloaded', downloaded).off('error', error);
      };
    },
  };
}

/** Reminders as notifications of the OS. Each is kept until clicked or closed: one collected early never reports its click. */
export function electronNotifier(): ReminderNotifier {
  const live = new Set<Notification>();
  return {
    supported: () => Notification.isSupported(),
    show({ title, body }, onClick) {
      const n = new Notification({ title, body });
      live.add(n);
      n.on('click', () => (live.delete(n), onClick()));
      n.on('close', () => live.delete(n));
      n.show();
    },
  };
}

/**
 * Start at login: Electron's login items on Windows and macOS, an XDG autostart file on Linux
 * (Electron has none there). A development run would register the bare electron binary, so only
 * the installed app offers it.
 */
export function electronLoginItem(): LoginItemPort {
  if (!app.isPackaged) {
    return { unavailableReason: 'Start at login is only in the installed app, not in a development run.', isEnabled: async () => false, set: async () => {} };
  }
  if (process.platform === 'linux') {
    const home = app.getPath('home');
    return xdgAutostartPort({ home, configHome: process.env['XDG_CONFIG_HOME'], command: process.env['APPIMAGE'] ?? process.execPath });
  }
  return {
    unavailableReason: null,
    // Windows matches the entry by its arguments too, so ask for both forms.
    isEnabled: async () => app.getLoginItemSettings().openAtLogin || app.getLoginItemSettings({ args: [HIDDEN_ARG] }).openAtLogin,
    set: async ({ openAtLogin, openAsHidden }) =>
      app.setLoginItemSettings({ openAtLogin, openAsHidden, args: openAsHidden ? [HIDDEN_ARG] : [] }),
  };
}

/** macOS starts login items without arguments: it says instead whether this launch was one. */
export function openedAtLogin(): boolean {
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
