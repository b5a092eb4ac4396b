// The qbd:* IPC channels: setting up how the QuickBooks Web Connector reaches each Desktop company
// file (its port, schedule and password) and the .QWC file to add to it. The service throws
// AppErrors in words ('validation' for a port in use, 'not_found' for an unknown company), which the
// router passes to the renderer as they are. The company's data goes through the qbo:* channels.
import type { Emit } from '../ipc/events';
import type { IpcRouter } from '../ipc/router';
import { DesktopService, type DesktopServiceDeps } from './desktop-service';

export type QbdHandlerDeps = Omit<DesktopServiceDeps, 'onConnection' | 'onStatus'>;

export function registerQbdHandlers(router: IpcRouter, emit: Emit, deps: QbdHandlerDeps) {
  const service = new DesktopService({
    ...deps,
    onConnection: (connection) => emit('qbd:connectionChanged', connection),
    onStatus: (status) => emit('qbo:statusChanged', status),
  });
  router.handle('qbd:listConnections', async () => (await service.whenReady(), { connections: service.list() }));
  router.handle('qbd:createConnection', (input) => service.createConnection(input));
  router.handle('qbd:updateConnection', (change) => service.updateConnection(change));
  router.handle('qbd:getQwcFile', ({ companyId }) => service.getQwcFile(companyId));
  return { service, dispose: () => service.dispose() };
}
