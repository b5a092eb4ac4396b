// Entry point for tests, benchmarks, the CLI and the app's demo mode: start a local
// QuickBooks Online sandbox on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LimitSettings } from './limits';
import type { OAuthClientCredentials } from './oauth';
import { SandboxRuntime } from './runtime';
import { createHandler } from './server';
import type { TaxModel, Variant } from './store';

export const DEFAULT_CLIENT: OAuthClientCredentials = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
const HOST = '127.0.0.1';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Enables /_sandbox/ (reset, tokens, faults, limits, state). Off for the app's demo mode. */
  controlRoutes: boolean;
  limits?: LimitSettings;
  variant?: Variant;
  /** 'us' (default): US sales tax; 'codes': a tax code on each line, as outside the US. */
  taxModel?: TaxModel;
  /** JSON file the company and OAuth grants are kept in across restarts. */
  persistPath?: string;
  /** The company's realm id; several sandboxes stand for several companies only with distinct ones. */
  realmId?: string;
  clients?: OAuthClientCredentials[];
  /** Clock for token expiry, the refresh-token grace period, CDC's window and throttles. */
  now?: () => number;
  /** How an answer waits out the injected latency (a timer); tests pass a gate they open themselves. */
  wait?: (ms: number) => Promise<void>;
}

export interface RunningSandbox {
  url: string;
  port: number;
  realmId: string;
  clients: OAuthClientCredentials[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const clients = options.clients?.length ? options.clients : [DEFAULT_CLIENT];
  const rt = new SandboxRuntime({
    now: options.now ?? Date.now,
    wait: options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    variant: options.variant ?? 'home',
    ...(options.taxModel ? { taxModel: options.taxModel } : {}),
    clients,
    limits: options.limits ?? { enabled: true, timeScale: 1 },
    ...(options.persistPath ? { persistPath: options.persistPath } : {}),
    ...(options.realmId ? { realmId: options.realmId } : {}),
  });
  rt.persist();
  const handler = createHandler(rt, options.controlRoutes);
  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      // A bug in the sandbox must be visible to the test, not look like a QBO fault; the demo
      // company (no control routes) says only that it failed, never its code's stack.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(options.controlRoutes ? `sandbox error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : 'sandbox error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}`,
    port,
    realmId: rt.realmId,
    clients,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
