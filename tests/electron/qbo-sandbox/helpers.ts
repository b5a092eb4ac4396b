// Test helpers: start a sandbox, get a token through the control route, and call the API
// the way a client does (JSON, Bearer token, realm in the path).
import { beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../electron/qbo-sandbox/index';

/** A parsed QBO body; tests check it field by field, so it is left untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export interface Reply {
  status: number;
  headers: Headers;
  json: Body;
  text: string;
}

export interface Harness {
  sb: RunningSandbox;
  token: string;
  refreshToken: string;
  api(method: string, path: string, body?: unknown, init?: { token?: string; accept?: string; contentType?: string }): Promise<Reply>;
  control(route: string, body?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export async function boot(options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const sb = await startSandbox({ port: 0, controlRoutes: true, limits: { enabled: false, timeScale: 1 }, ...options });
  const control = async (route: string, body: unknown = {}) =>
    reply(await fetch(`${sb.url}/_sandbox/${route}`, route === 'state' ? {} : { method: 'POST', body: JSON.stringify(body) }));
  const tokens = (await control('tokens')).json;
  const h: Harness = {
    sb,
    token: tokens.access_token,
    refreshToken: tokens.refresh_token,
    control,
    async api(method, path, body, init = {}) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${init.token ?? h.token}`,
        Accept: init.accept ?? 'application/json',
      };
      if (body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
      const res = await fetch(`${sb.url}/v3/company/${sb.realmId}/${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      return reply(res);
    },
    close: () => sb.close(),
  };
  return h;
}

/** Runs a query and returns the rows of its entity (QBO omits the key when nothing matched). */
export async function rows(h: Harness, entity: string, where = '', extra = ''): Promise<Body[]> {
  const r = await h.api('GET', `query?query=${encodeURIComponent(`select * from ${entity} ${where} ${extra}`)}`);
  if (r.status !== 200) throw new Error(`query failed: ${r.text}`);
  return r.json.QueryResponse[entity] ?? [];
}

export async function findId(h: Harness, entity: string, field: string, value: string): Promise<string> {
  const list = await rows(h, entity, `where ${field} = '${value.replace(/'/g, "\\'")}' and Active in (true, false)`);
  if (!list[0]) throw new Error(`${entity} ${value} not found`);
  return list[0].Id;
}

/** What time is recorded with in most tests: Emily Platt's time for Cool Cars on the Design item, looked up once per file. */
export function useTimeIds(h: Harness): Record<'emily' | 'cars' | 'design', string> {
  const ids = {} as Record<'emily' | 'cars' | 'design', string>;
  beforeAll(async () => {
    ids.emily = await findId(h, 'Employee', 'DisplayName', 'Emily Platt');
    ids.cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
    ids.design = await findId(h, 'Item', 'Name', 'Design');
  });
  return ids;
}

/** A fake clock tests move by hand. */
export function clock(start = Date.UTC(2026, 0, 20, 18, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

export const firstError = (r: Reply) => r.json?.Fault?.Error?.[0] as { code: string; Message: string; Detail: string; element: string } | undefined;

/**
 * Injected latency that lasts until the test says so (pass `wait` to boot): while the gate is shut,
 * every answer that would wait out the latency is held, so "in flight" is a state, not a race.
 */
export function latencyGate() {
  let shut = true;
  const held: Array<() => void> = [];
  const asked: number[] = [];
  return {
    wait(ms: number): Promise<void> {
      asked.push(ms);
      return shut ? new Promise<void>((go) => held.push(go)) : Promise.resolve();
    },
    /** Answers held at the gate now. */
    held: () => held.length,
    /** The latency each held or passed answer was to wait. */
    asked,
    open(): void {
      shut = false;
      for (const go of held.splice(0)) go();
    },
    shut(): void {
      shut = true;
    },
  };
}
