// The sandbox a QuickBooks test file shares, behind a recording proxy (helpers.ts), started once
// and closed after the file. Apart from helpers.ts, which the sync benchmark loads outside vitest.
import { afterAll, beforeAll } from 'vitest';
import type { RunningSandbox } from '../../../electron/qbo-sandbox/index';
import { startRecordingProxy, startTestSandbox } from './helpers';

export type RecordingProxy = Awaited<ReturnType<typeof startRecordingProxy>>;

/** Registers the file's hooks; `onReady` receives the sandbox and its proxy once both listen. */
export function useSandboxBehindProxy(onReady: (sandbox: RunningSandbox, proxy: RecordingProxy) => void): void {
  let sandbox: RunningSandbox | undefined;
  let proxy: RecordingProxy | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    proxy = await startRecordingProxy(sandbox.url);
    onReady(sandbox, proxy);
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });
}
