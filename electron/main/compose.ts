// The composition root shared by the Electron app (index.ts) and the browser harness
// (electron/harness/serve.ts): the same services, wired to whichever ports the shell provides.
// Nothing here imports electron; nothing runs at import time.
import type { AppInfo, QboSettingsView } from '../../shared/ipc/contract';
import { EventBus } from './ipc/events';
import { IpcRouter } from './ipc/router';
import { registerBackupHandlers } from './backup/daily-backups';
import { registerOpenedFileHandlers } from './backup/opened-file';
import { createCaptureService } from './capture/capture-service';
import type { FocusEvents } from './capture/focus-events';
import { captureSettingsFile, refusedRulesReason } from './capture-settings-file';
import { secureDataFolder } from './data-folder';
import { createIdleMonitor } from './idle/idle-monitor';
import type { AppPaths, Clock, ExternalOpener, IdleSource, SecretStore, WindowSource } from './ports';
import { join } from 'node:path';
import { registerQbdHandlers } from './qbd/handlers';
import { registerQboHandlers } from './qbo/handlers';
import { registerReminderHandlers, type ReminderNotifier } from './reminders/reminders-handlers';
import { SAFE_MODE_REASON } from './safe-mode';
import { createTrayService, type TrayPort } from './tray/tray-service';
import { registerUpdateHandlers } from './update/handlers';
import type { UpdaterPort } from './update/updater-port';
import { createFileLogger } from './log/logger';
import { eventLog, ipcLog, logAppStart, qbwcLog } from './log/support-log';
import { buildDiagnostics } from './log/diagnostics';
import { createStartupService, type LoginItemPort } from './startup/login-item';

export interface MainPorts {
  clock: Clock;
  idleSource: IdleSource;
  windowSource: WindowSource;
  /** Focus-change events where the platform has them (X11); capture polls without them. */
  focusEvents?: FocusEvents;
  externalOpener: ExternalOpener;
  paths: AppPaths;
  tray: TrayPort;
  /** QuickBooks tokens and client secret: safeStorage in the app, a key file in the harness and tests. */
  secretStore: SecretStore;
  /** electron-updater in the packaged app; an "only in the desktop app" one elsewhere. */
  updater: UpdaterPort;
  /** OS notifications for reminders; without one, reminders say they could not be shown. */
  notifier?: ReminderNotifier;
  /** Start at login; absent in the harness and tests (then Settings says it is only in the desktop app). */
  loginItem?: LoginItemPort;
}

export interface ShellInfo {
  shell: AppInfo['shell'];
  version: string;
  platform: string;
  /** The registered global start/stop shortcut, read when asked (registration may come later or fail). */
  toggleShortcut?: () => string | null;
  openWindow: () => void;
  quit: () => void;
  /** The previous run did not shut down cleanly (see safe-mode.ts): start with the user's rules off. */
  safeMode?: boolean;
}

// Long because it is the composition root: every service is created and wired here once, in dependency order.
export function composeMain(ports: MainPorts, shell: ShellInfo) {
  const log = createFileLogger({ dataDir: ports.paths.dataDir, now: () => ports.clock.now() });
  const router = new IpcRouter(ipcLog(log.logger));
  const events = new EventBus();
  events.addSink(eventLog(log.logger));
  const emit = events.emit.bind(events);
  const startup = createStartupService({ port: ports.loginItem ?? unavailableLoginItem, dataDir: ports.paths.dataDir });
  router.handle('startup:getState', () => startup.state());
  router.handle('startup:saveSettings', (settings) => startup.save(settings));
  router.handle('startup:dismissNotice', () => startup.dismissNotice());

  router.handle('app:getInfo', () => ({
    name: 'Track Nexus',
    version: shell.version,
    platform: shell.platform,
    shell: shell.shell,
    toggleShortcut: shell.toggleShortcut?.() ?? null,
  }));

  // Before anything is read or written there: the folder and what older versions left in it become private.
  secureDataFolder(ports.paths.dataDir);

  // One idle monitor serves both capture and the timer's away prompt, so idle time is read once;
  // the capture service reports its periods as capture:away whether or not capture is on.
  const settingsFile = captureSettingsFile(ports.paths.dataDir);
  const { settings: initialSettings, refused } = settingsFile.load();
  const idleMonitor = createIdleMonitor({
    idleSource: ports.idleSource,
    clock: ports.clock,
    thresholdSeconds: initialSettings.idleThresholdSeconds,
  });
  const capture = createCaptureService({
    windowSource: ports.windowSource,
    idleSource: ports.idleSource,
    clock: ports.clock,
    paths: ports.paths,
    emit: (event, payload) => events.publish(event, payload),
    settings: initialSettings,
    focusEvents: ports.focusEvents,
    idleMonitor,
  });
  const captureState = () => ({ status: capture.status(), settings: capture.settings() });
  let safeMode = shell.safeMode ?? false;
  if (safeMode) capture.pause(SAFE_MODE_REASON);
  else if (refused.length > 0) capture.pause(refusedRulesReason(refused));
  router.handle('app:getSafeMode', () => ({ on: safeMode }));
  router.handle('app:leaveSafeMode', () => {
    if (safeMode) capture.resume();
    safeMode = false;
    return { on: false };
  });

  const tray = createTrayService({
    port: ports.tray,
    clock: ports.clock,
    emit,
    openWindow: shell.openWindow,
    quit: shell.quit,
    capture: {
      state: () => {
        const s = capture.status().state;
        return s === 'running' ? 'running' : s === 'paused' ? 'paused' : 'off';
      },
      pause: () => capture.pause('Paused from the tray'),
      resume: () => capture.resume(),
    },
  });
  events.addSink((event) => {
    if (event === 'capture:status') tray.refresh();
  });
  router.handle('tray:setState', (state) => tray.setState(state));

  router.handle('capture:getState', captureState);
  router.handle('capture:saveSettings', async (settings) => {
    await capture.updateSettings(settings);
    idleMonitor.setThreshold(capture.settings().idleThresholdSeconds);
    settingsFile.save(capture.settings());
    return captureState();
  });
  router.handle('capture:ackSegments', ({ acks }) => ({ acknowledged: capture.ack(acks).length }));
  router.handle('capture:resendPending', () => ({ resent: capture.resendUnacked() }));
  router.handle('capture:refreshSegments', async () => {
    await capture.flush();
    return { ok: true as const };
  });
  router.handle('capture:setPaused', ({ paused, reason }) => {
    if (paused) capture.pause(reason ?? 'Paused by you');
    else capture.resume();
    return captureState();
  });

  // QuickBooks Desktop companies share the Online ones' id space and qbo:* channels (each side
  // asks the other for its ids only when picking a new one, after both have started).
  const { resourcesDir } = ports.paths;
  const qbd = registerQbdHandlers(router, emit, {
    dataDir: ports.paths.dataDir,
    secretStore: ports.secretStore,
    clock: ports.clock,
    appVersion: `Track Nexus ${shell.version}`,
    ...(resourcesDir ? { wsdlPath: join(resourcesDir, 'qbd', 'QBWebConnectorSvc.wsdl') } : {}),
    onQbwcEvent: qbwcLog(log.logger),
    onlineIds: async () => (await qbo.service.whenReady(), qbo.service.list().map((s) => s.companyId)),
  });
  const qbo = registerQboHandlers(router, emit, {
    secretStore: ports.secretStore,
    clock: ports.clock,
    opener: ports.externalOpener,
    paths: ports.paths,
    desktop: qbd.service,
  });

  const updates = registerUpdateHandlers(router, emit, { port: ports.updater, dataDir: ports.paths.dataDir });
  registerBackupHandlers(router, { dataDir: ports.paths.dataDir, clock: ports.clock, appVersion: shell.version });
  const openedBackups = registerOpenedFileHandlers(router, emit);
  registerReminderHandlers(router, emit, { notifier: ports.notifier, openWindow: shell.openWindow });
  router.handle('diagnostics:exportFile', () => buildDiagnostics({
    now: () => ports.clock.now(),
    app: { version: shell.version, shell: shell.shell, platform: shell.platform },
    versions: process.versions,
    captureSettings: () => capture.settings(),
    captureState: () => capture.status().state,
    qboSettings: async () => {
      const view = await router.dispatch('qbo:getSettings', undefined);
      return view.ok ? (view.value as QboSettingsView) : null;
    },
    companies: () => qbo.service.list(),
    recentLog: (lines) => log.tail(lines),
  }));

  const missing = router.missingChannels();
  if (missing.length > 0) throw new Error(`IPC channels without a handler: ${missing.join(', ')}`);

  return {
    router,
    events,
    tray,
    capture,
    idleMonitor,
    qbo: qbo.service,
    startup,
    /** Backup files the system opened the app with (see backup/opened-file.ts). */
    openedBackups,
    /** Starts what runs in the background: the idle monitor and capture (replaying its journal). */
    async start(): Promise<void> {
      logAppStart(log.logger, { version: shell.version, shell: shell.shell, platform: shell.platform }, process.versions);
      await startup.applyFirstRunDefault().catch(() => log.logger.log('warn', 'app.start', { phase: 'login_item_failed' }));
      idleMonitor.start();
      updates.start();
      await capture.start();
    },
    async dispose(): Promise<void> {
      tray.dispose();
      updates.dispose();
      await capture.stop();
      idleMonitor.stop();
      await qbo.dispose();
      await qbd.dispose();
      log.logger.log('info', 'app.stop');
      await log.flush();
    },
  };
}

const unavailableLoginItem: LoginItemPort = {
  unavailableReason: 'Start at login is only in the installed desktop app.',
  isEnabled: async () => false,
  set: async () => {},
};

export type ComposedMain = ReturnType<typeof composeMain>;
