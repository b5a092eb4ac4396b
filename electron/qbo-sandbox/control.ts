// /_sandbox/ routes for tests and benchmarks: reset, tokens without a browser, injected
// faults, throttle settings, revoking every grant and a read-out of the whole state. Off unless enabled.
import type { HttpAnswer } from './oauth';
import { ACCOUNTING_SCOPE } from './oauth';
import type { SandboxRuntime } from './runtime';
import { isValidZone } from '../../shared/time/zone';

const answer = (status: number, body: unknown): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body: JSON.stringify(body),
});

function parseBody(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function handleControl(rt: SandboxRuntime, method: string, route: string, text: string): HttpAnswer {
  if (method === 'GET' && route === 'state') return answer(200, rt.snapshot());
  if (method !== 'POST') return answer(404, { error: 'not_found' });
  const body = parseBody(text);
  if (!body) return answer(400, { error: 'body must be a JSON object' });
  switch (route) {
    case 'reset': {
      const variant = body.variant ?? 'home';
      if (variant !== 'home' && variant !== 'multicurrency') return answer(400, { error: 'variant must be home or multicurrency' });
      const extra = body.extraCustomers ?? 0;
      if (typeof extra !== 'number' || !Number.isInteger(extra) || extra < 0 || extra > 100_000) return answer(400, { error: 'extraCustomers must be a whole number up to 100000' });
      const timeZone = body.timeZone;
      if (timeZone !== undefined && (typeof timeZone !== 'string' || !isValidZone(timeZone))) return answer(400, { error: 'timeZone must be an IANA zone such as America/New_York' });
      const bookCloseDate = body.bookCloseDate;
      if (bookCloseDate !== undefined && bookCloseDate !== null && (typeof bookCloseDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(bookCloseDate))) {
        return answer(400, { error: 'bookCloseDate must be a date such as 2026-10-31, or null for open books' });
      }
      rt.reset(variant, extra, timeZone, bookCloseDate);
      return answer(200, { realmId: rt.realmId, variant, timeZone: rt.company.zone });
    }
    case 'tokens': {
      const client = rt.options.clients.find((c) => c.clientId === (body.clientId ?? rt.options.clients[0]?.clientId));
      if (!client) return answer(400, { error: 'unknown clientId' });
      const scope = typeof body.scope === 'string' ? body.scope : ACCOUNTING_SCOPE;
      const tokens = rt.oauth.grantDirectly(client.clientId, scope.split(/\s+/).filter(Boolean));
      rt.persist();
      return answer(200, { ...tokens, realmId: rt.realmId, client_id: client.clientId, client_secret: client.clientSecret });
    }
    case 'faults': {
      const error = rt.faults.set(body);
      if (error) return answer(400, { error });
      const expired = body.expireAccessTokens === true ? rt.oauth.expireAccessTokens() : 0;
      return answer(200, { ...rt.faults.settings, expiredAccessTokens: expired });
    }
    case 'revoke': {
      // Every grant is revoked, as when the company admin disconnects the app in QuickBooks: API
      // calls answer 401 and refreshes invalid_grant until the user connects again.
      let revoked = 0;
      for (const grant of Object.values(rt.oauth.data.grants)) {
        if (!grant.revoked) {
          grant.revoked = true;
          revoked++;
        }
      }
      rt.persist();
      return answer(200, { revoked });
    }
    case 'limits': {
      const { timeScale, enabled } = body;
      if (timeScale !== undefined && (typeof timeScale !== 'number' || !(timeScale > 0))) return answer(400, { error: 'timeScale must be a positive number' });
      if (enabled !== undefined && typeof enabled !== 'boolean') return answer(400, { error: 'enabled must be a boolean' });
      rt.limiter.settings = { timeScale: (timeScale as number | undefined) ?? rt.limiter.settings.timeScale, enabled: (enabled as boolean | undefined) ?? rt.limiter.settings.enabled };
      rt.limiter.clear();
      return answer(200, rt.limiter.settings);
    }
    default:
      return answer(404, { error: 'not_found' });
  }
}
