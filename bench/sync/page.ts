// Entry of the page `npm run bench:sync -- --store chromium` opens: the store side over Chromium's
// own IndexedDB, reaching QuickBooks as the app's renderer does, through ipcQboPort. Its invoke is
// carried to main's real client in Node by a function Playwright exposes, in place of Electron's IPC.
import type { RendererApi } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/errors';
import { openDatabase } from '../../renderer/src/db/database';
import { ipcQboPort } from '../../renderer/src/features/quickbooks/engine/qbo-port';
import { pushEntries, type PushOptions, type PushResult } from './push';

/** What the page is asked to do, with the companies its ports go to (in Node, each to its own sandbox). */
export type PagePushOptions = Omit<PushOptions, 'log' | 'beforeSend' | 'onProgress'> & { companyIds: string[] };

declare global {
  interface Window {
    runSyncPush: (options: PagePushOptions) => Promise<PushResult>;
    benchInvoke: (channel: string, payload: unknown) => Promise<IpcResult<unknown>>;
    syncBenchLog: (line: string) => Promise<void>;
    benchBeforeSend: () => Promise<void>;
    benchProgress: (index: number, done: number) => Promise<void>;
  }
}

window.runSyncPush = async (options) => {
  const db = await openDatabase('bench-sync');
  const invoke = ((channel: string, payload?: unknown) => window.benchInvoke(channel, payload)) as RendererApi['invoke'];
  const { companyIds, ...push } = options;
  return pushEntries(db, companyIds.map((id) => ipcQboPort({ invoke }, id)), {
    ...push,
    log: (line) => void window.syncBenchLog(line),
    beforeSend: () => window.benchBeforeSend(),
    onProgress: (index, done) => void window.benchProgress(index, done),
  });
};
