// The local QuickBooks sandbox a sync test file shares: started once (limits on, time-scaled),
// connected once through main's real client, and reset before each test. Kept apart from setup.ts,
// which the sync benchmark also loads outside vitest.
import { beforeEach } from 'vitest';
import type { RunningSandbox } from '../../../electron/qbo-sandbox/index';
import type { InProcessConnection } from '../../../bench/sync/in-process-port';
import { useSandbox } from '../../fixtures/use-sandbox';
import { connect, control, startWorldSandbox } from './setup';

/**
 * Registers the file's hooks and returns the sandbox and connection, readable once the file's
 * tests run. With `seed`, each reset also seeds the fault injector, for tests that turn faults on.
 */
export function useWorldSandbox(timeScale: number, opts: { seed?: number } = {}): { readonly sandbox: RunningSandbox; readonly conn: InProcessConnection } {
  const sandbox = useSandbox(() => startWorldSandbox(timeScale));
  const conn = useSandbox(() => connect(sandbox, timeScale));
  beforeEach(async () => {
    await control(sandbox, 'reset');
    if (opts.seed !== undefined) await control(sandbox, 'faults', { seed: opts.seed });
  });
  return { sandbox, conn };
}
