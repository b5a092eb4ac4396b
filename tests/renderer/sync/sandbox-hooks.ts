// The local QuickBooks sandbox a sync test file shares: started once (limits on, time-scaled),
// connected once through main's real client, and reset before each test. Kept apart from setup.ts,
// which the sync benchmark also loads outside vitest.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { RunningSandbox } from '../../qbo-sandbox/index';
import type { InProcessConnection } from './in-process-port';
import { connect, control, startWorldSandbox } from './setup';

/**
 * Registers the file's hooks; `onReady` receives the sandbox and connection once started. With
 * `seed`, each reset also seeds the fault injector, for tests that turn faults on.
 */
export function useWorldSandbox(timeScale: number, onReady: (sandbox: RunningSandbox, conn: InProcessConnection) => void, opts: { seed?: number } = {}): void {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startWorldSandbox(timeScale);
    onReady(sandbox, await connect(sandbox, timeScale));
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await control(sandbox!, 'reset');
    if (opts.seed !== undefined) await control(sandbox!, 'faults', { seed: opts.seed });
  });
}
