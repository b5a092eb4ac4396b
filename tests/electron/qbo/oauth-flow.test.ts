// Connect, end to end with the real intuit-oauth against the local sandbox: the consent page is
// opened through the ExternalOpener, the person approves or denies, the browser lands on our
// loopback listener, and the code is exchanged only when the state is ours.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startAuthorization, ConnectError } from '../../../electron/main/qbo/oauth-flow';
import { answerConsent, localConfig, manualClock, recordingOpener, visit, startRecordingProxy, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const sandbox = useSandbox(() => startTestSandbox());
const proxy = useSandbox(() => startRecordingProxy(sandbox.url));

describe('connect through the loopback listener', () => {
  it('opens the consent page, takes the approved callback and exchanges the code', async () => {
    const { opener, opened } = recordingOpener();
    const flow = await startAuthorization(localConfig(proxy.url), { opener, clock: manualClock() });
    expect(opened).toEqual([flow.authorizeUrl]);
    const authorize = new URL(flow.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${proxy.url}/connect/oauth2`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${flow.port}/callback`);
    expect(authorize.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThan(30);

    const callback = await answerConsent(flow.authorizeUrl, 'approve');
    expect(callback.startsWith(`http://127.0.0.1:${flow.port}/callback?`)).toBe(true);
    const landed = await visit(callback);
    // A redirect, not a page: the code leaves the address bar straight away.
    expect(landed.status).toBe(302);
    expect(landed.location).toBe('/done');
    const tokens = await flow.result;
    expect(tokens.realmId).toBe(sandbox.realmId);
    expect(tokens.expires_in).toBe(3600);

    const done = await visit(`http://127.0.0.1:${flow.port}/done`);
    expect(done.text).toContain('You can close this tab and return to Track Nexus');
    expect(done.text).not.toContain(new URL(callback).searchParams.get('code')!);

    // The tokens are real: the API accepts them.
    const info = await fetch(`${sandbox.url}/v3/company/${tokens.realmId}/companyinfo/${tokens.realmId}?minorversion=75`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json' },
    });
    expect(info.status).toBe(200);
  });

  it('refuses a callback whose state is not ours, without exchanging anything, and still completes', async () => {
    const { opener } = recordingOpener();
    const flow = await startAuthorization(localConfig(proxy.url), { opener, clock: manualClock() });
    const callback = await answerConsent(flow.authorizeUrl, 'approve');
    const forged = new URL(callback);
    forged.searchParams.set('state', `${flow.port}.forged-state-value-123456789`);
    const tokenCallsBefore = proxy.tokenCalls();
    const refused = await visit(forged.toString());
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('refused');
    expect(proxy.tokenCalls()).toBe(tokenCallsBefore);

    expect((await visit(callback)).status).toBe(302);
    await expect(flow.result).resolves.toMatchObject({ realmId: sandbox.realmId });
    expect(proxy.tokenCalls()).toBe(tokenCallsBefore + 1);
    // Single use: replaying the real answer is refused (or finds the listener gone).
    const replay = await visit(callback).catch(() => ({ status: 0 }));
    expect([0, 400]).toContain(replay.status);
  });

  it('answers a request target that is not a URL with 400 and keeps listening', async () => {
    const { opener } = recordingOpener();
    const flow = await startAuthorization(localConfig(proxy.url), { opener, clock: manualClock() });
    // What any local process can send; before, `new URL` threw in the handler and ended main.
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(flow.port, '127.0.0.1', () => socket.end('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const callback = await answerConsent(flow.authorizeUrl, 'approve');
    expect((await visit(callback)).status).toBe(302);
    expect((await flow.result).access_token).toBeTruthy();
  });

  it('reports a denial clearly and connects nothing', async () => {
    const { opener } = recordingOpener();
    const flow = await startAuthorization(localConfig(proxy.url), { opener, clock: manualClock() });
    const callback = await answerConsent(flow.authorizeUrl, 'deny');
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const tokenCallsBefore = proxy.tokenCalls();
    const landed = await visit(callback);
    expect(landed.location).toBe('/done?result=denied');
    const error = await flow.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).reason).toBe('denied');
    expect((error as ConnectError).message).toMatch(/denied.*nothing was connected/i);
    expect(proxy.tokenCalls()).toBe(tokenCallsBefore);
  });

  it('refuses a state that has outlived its ten minutes', async () => {
    const clock = manualClock();
    const { opener } = recordingOpener();
    const flow = await startAuthorization(localConfig(proxy.url), { opener, clock });
    const callback = await answerConsent(flow.authorizeUrl, 'approve');
    clock.advance(10 * 60_000 + 1);
    expect((await visit(callback)).status).toBe(400);
    flow.cancel();
    await expect(flow.result).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('can be cancelled, and gives up after its timeout, closing the listener', async () => {
    const { opener } = recordingOpener();
    const cancelled = await startAuthorization(localConfig(proxy.url), { opener, clock: manualClock() });
    cancelled.cancel();
    await expect(cancelled.result).rejects.toMatchObject({ reason: 'cancelled', message: expect.stringMatching(/cancelled/) });
    await expect(visit(`http://127.0.0.1:${cancelled.port}/callback`)).rejects.toThrow();

    const slow = await startAuthorization(localConfig(proxy.url), { opener, clock: manualClock(), timeoutMs: 150 });
    await expect(slow.result).rejects.toMatchObject({ reason: 'timeout', message: expect.stringMatching(/No answer/) });
  });

  it('fails clearly when the code exchange is refused (wrong client secret)', async () => {
    const { opener } = recordingOpener();
    const config = { ...localConfig(proxy.url), clientSecret: 'not-the-secret' };
    const flow = await startAuthorization(config, { opener, clock: manualClock() });
    await visit(await answerConsent(flow.authorizeUrl, 'approve'));
    await expect(flow.result).rejects.toMatchObject({ reason: 'exchange', message: expect.stringMatching(/invalid_client/) });
  });
});
