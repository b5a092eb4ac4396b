// The https relay page for production keys (resources/qbo-callback/index.html), run in Node with
// a fake location: Intuit's answer arrives at the page, and the page forwards it to the loopback
// port carried in our state. The full path runs against the sandbox with a relay redirect URI.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { startAuthorization } from '../../../electron/main/qbo/oauth-flow';
import { answerConsent, localConfig, manualClock, recordingOpener, startTestSandbox, visit } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const html = readFileSync(join(import.meta.dirname, '../../../resources/qbo-callback/index.html'), 'utf8');
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

/** Runs the page's script as a browser would on `pageUrl`; returns where it sent the browser. */
function runRelayPage(pageUrl: string): { replacedWith: string | null; message: string } {
  let replacedWith: string | null = null;
  const message = { textContent: '' };
  const url = new URL(pageUrl);
  const window = { location: { search: url.search, replace: (to: string) => (replacedWith = to) } };
  runInNewContext(script, { window, document: { getElementById: (id: string) => (id === 'message' ? message : null) }, URLSearchParams });
  return { replacedWith, message: message.textContent };
}

describe('relay page', () => {
  it('is allowed to run by its own CSP (the hash matches) and loads nothing from elsewhere', () => {
    const hash = createHash('sha256').update(script).digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(html).not.toMatch(/<script[^>]+src=|<link|https?:\/\/(?!127\.0\.0\.1)/);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
  });

  it('forwards code, state and realmId to 127.0.0.1 on the port in the state', () => {
    const state = '43117.abcdefghijklmnopqrstuvwxyz012345';
    const out = runRelayPage(`https://relay.example/qbo/?code=AB11xyz&state=${state}&realmId=9130&extra=ignored`);
    const target = new URL(out.replacedWith!);
    expect(`${target.origin}${target.pathname}`).toBe('http://127.0.0.1:43117/callback');
    expect(Object.fromEntries(target.searchParams)).toEqual({ code: 'AB11xyz', state, realmId: '9130' });
  });

  it('forwards a denial too, so the app can say so', () => {
    const out = runRelayPage('https://relay.example/qbo/?error=access_denied&state=43117.abcdefghijklmnopqrstuvwxyz0');
    expect(new URL(out.replacedWith!).searchParams.get('error')).toBe('access_denied');
  });

  it('goes nowhere without a state of ours', () => {
    for (const bad of ['?code=x', '?code=x&state=abc', '?code=x&state=80.abcdefghijklmnopqrstu', '?code=x&state=99999.abcdefghijklmnopqrstu', '?state=43117.short']) {
      const out = runRelayPage(`https://relay.example/qbo/${bad}`);
      expect(out.replacedWith).toBeNull();
      expect(out.message).toMatch(/Start again from Track Nexus/);
    }
  });
});

describe('connect with production-style keys through the relay page', () => {
  const sandbox = useSandbox(() => startTestSandbox());

  it('registers the https page as redirect URI, carries the port in state and completes through the page', async () => {
    const relayUrl = 'https://relay.example/track-nexus/qbo-callback/';
    const config = { ...localConfig(sandbox.url), redirect: { mode: 'relay' as const, relayUrl } };
    const { opener } = recordingOpener();
    const flow = await startAuthorization(config, { opener, clock: manualClock() });
    const authorize = new URL(flow.authorizeUrl);
    expect(authorize.searchParams.get('redirect_uri')).toBe(relayUrl);
    expect(authorize.searchParams.get('state')?.startsWith(`${flow.port}.`)).toBe(true);

    const intuitRedirect = await answerConsent(flow.authorizeUrl, 'approve');
    expect(intuitRedirect.startsWith(relayUrl)).toBe(true);
    const forwarded = runRelayPage(intuitRedirect).replacedWith!;
    expect((await visit(forwarded)).status).toBe(302);
    // The exchange sends the relay URL as redirect_uri; the sandbox checks it matches exactly.
    await expect(flow.result).resolves.toMatchObject({ realmId: sandbox.realmId });
  });
});
