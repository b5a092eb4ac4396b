// The composition root shared by the Electron app (index.ts) and the browser harness
// (electron/harness/serve.ts): the same services, wired to whichever ports the shell provides.
// Nothing here imports electron; nothing runs at import time.
import type { AppInfo } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import { EventBus } from './ipc/events';
import { IpcRouter } from './ipc/router';
import type { AppPaths, Clock, ExternalOpener, IdleSource, Notifier } from './ports';
import { checkExternalUrl } from './security/external-links';
import { createTrayService, type TrayPort } from './tray/tray-service';

export interface MainPorts {
  clock: Clock;
  idleSource: IdleSource;
  notifier: Notifier;
  externalOpener: ExternalOpener;
  paths: AppPaths;
  tray: TrayPort;
}

export interface ShellInfo {
  shell: AppInfo['shell'];
  version: string;
  platform: string;
  openWindow: () => void;
  quit: () => void;
}

export function composeMain(ports: MainPorts, shell: ShellInfo) {
  const router = new IpcRouter();
  const events = new EventBus();
  const emit = events.emit.bind(events);

  const tray = createTrayService({ port: ports.tray, clock: ports.clock, emit, openWindow: shell.openWindow, quit: shell.quit });

  router.handle('app:getInfo', () => ({
    name: 'Track Nexus',
    version: shell.version,
    platform: shell.platform,
    shell: shell.shell,
  }));

  router.handle('app:openExternal', async ({ url }) => {
    const verdict = checkExternalUrl(url);
    if (!verdict.ok) throw new AppError('forbidden', verdict.reason);
    await ports.externalOpener.openExternal(verdict.url);
    return { opened: true as const };
  });

  router.handle('tray:setState', (state) => tray.setState(state));

  const missing = router.missingChannels();
  if (missing.length > 0) throw new Error(`IPC channels without a handler: ${missing.join(', ')}`);

  return {
    router,
    events,
    tray,
    dispose(): void {
      tray.dispose();
    },
  };
}

export type ComposedMain = ReturnType<typeof composeMain>;
