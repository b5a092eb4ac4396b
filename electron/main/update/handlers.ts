// The update:* IPC calls over the update service, with the chosen channel kept in the data folder
// (update-settings.json) so a beta tester stays on beta after a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateChannel } from '../../../shared/ipc/contract';
import { writePrivateTextSync } from '../qbo/settings-store';
import type { Emit } from '../ipc/events';
import type { IpcRouter } from '../ipc/router';
import { createUpdateService, type UpdateServiceDeps } from './update-service';
import type { UpdaterPort } from './updater-port';

function readChannel(file: string): UpdateChannel {
  try {
    const parsed = UpdateChannel.safeParse((JSON.parse(readFileSync(file, 'utf8')) as { channel?: unknown }).channel);
    return parsed.success ? parsed.data : 'stable';
  } catch {
    return 'stable'; // no file yet, or a damaged one: the stable channel
  }
}

export function registerUpdateHandlers(
  router: IpcRouter,
  emit: Emit,
  deps: { port: UpdaterPort; dataDir: string; timers?: UpdateServiceDeps['timers'] },
) {
  const file = join(deps.dataDir, 'update-settings.json');
  const service = createUpdateService({
    port: deps.port,
    channel: readChannel(file),
    saveChannel: (channel) => writePrivateTextSync(file, JSON.stringify({ channel })),
    onChange: (state) => emit('update:stateChanged', state),
    timers: deps.timers,
  });
  router.handle('update:getState', () => service.state());
  router.handle('update:checkNow', () => service.checkNow());
  router.handle('update:setChannel', ({ channel }) => service.setChannel(channel));
  router.handle('update:restartApp', () => service.restart());
  router.handle('update:cancelRestart', () => service.cancelRestart());
  router.handle('update:setBusy', ({ reasons }) => service.setBusy(reasons));
  return service;
}
