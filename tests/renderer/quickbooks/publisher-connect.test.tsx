// @vitest-environment jsdom
// Connecting a real company in a build that carries the publisher's Intuit app: no key fields,
// just Connect (which goes back to the built-in app); "Use my own Intuit keys" brings them back
// and sends the keys typed in. Builds without it ask for keys as before.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const stored = { publisherApp: true as boolean | undefined, clientId: null as string | null };
const calls: Array<[string, unknown]> = [];
const view = () => ({ environment: 'production', customApiBase: null, customOAuthBase: null, clientId: stored.clientId, hasClientSecret: false, keysFromEnvironment: false, relayUrl: null, loopbackPort: null, basesFromEnvironment: false, secretStorage: 'test', publisherApp: stored.publisherApp });

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async (channel: string, request?: unknown) => {
      calls.push([channel, request]);
      if (channel === 'qbo:getSettings' || channel === 'qbo:saveSettings') return { ok: true, value: view() };
      if (channel === 'qbo:connectCompany') return { ok: true, value: { companyId: 'primary', state: 'connecting', environment: 'production', realmId: null, companyName: null, message: null, connectedAt: null, awaitingBrowser: true } };
      return { ok: false, error: { kind: 'unavailable', message: channel, retryable: false } };
    }),
    on: () => () => {},
  },
}));

const { ConnectionCard } = await import('../../../renderer/src/features/quickbooks/ConnectionCard');

afterEach(() => {
  cleanup();
  calls.length = 0;
  stored.publisherApp = true;
  stored.clientId = null;
});

const saved = () => calls.find(([c]) => c === 'qbo:saveSettings')?.[1] as Record<string, unknown> | undefined;

describe('Connect with the publisher’s Intuit app', () => {
  it('asks for no keys: Connect saves "no own client id" and starts the consent', async () => {
    render(<ConnectionCard status={null} demoExists />);
    await screen.findByText(/no Intuit developer account needed/);
    expect(screen.queryByLabelText('Client ID')).toBeNull();
    expect(screen.queryByLabelText('Client secret')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(calls.some(([c]) => c === 'qbo:connectCompany')).toBe(true));
    expect(saved()).toMatchObject({ environment: 'production', clientId: '' });
  });

  it('"Use my own Intuit keys" shows the key fields and sends what is typed', async () => {
    render(<ConnectionCard status={null} demoExists />);
    fireEvent.click(await screen.findByLabelText('Use my own Intuit keys (advanced)'));
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'my-id' } });
    fireEvent.change(screen.getByLabelText('Client secret'), { target: { value: 'my-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(saved()).toMatchObject({ clientId: 'my-id', clientSecret: 'my-secret' }));
  });

  it('opens with the own-keys choice ticked when own keys are stored', async () => {
    stored.clientId = 'stored-id';
    render(<ConnectionCard status={null} demoExists />);
    await waitFor(() => expect((screen.getByLabelText('Use my own Intuit keys (advanced)') as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('stored-id');
  });

  it('a build without the publisher’s app asks for keys, with no such choice', async () => {
    stored.publisherApp = false;
    render(<ConnectionCard status={null} demoExists />);
    await screen.findByLabelText('Client ID');
    expect(screen.queryByLabelText('Use my own Intuit keys (advanced)')).toBeNull();
  });
});
