// @vitest-environment jsdom
// QuickBooks Desktop on the QuickBooks screen, against a fake main: the setup form says what is
// wrong in words (its own checks and main's refusal of a field) and creates the connection; the
// card shows the Web Connector's steps with the .QWC download, the status, and follows
// qbd:connectionChanged; Desktop companies are labelled and never offered Intuit's consent,
// reconnect or demo; and an update that ended runs that company's sync at once.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QbdConnection, QboStatus } from '../../../shared/ipc/contract';

const desktopStatus: QboStatus = { companyId: 'co-0000d001', state: 'connected', environment: 'desktop', realmId: null, companyName: 'Cool Cars', message: null, connectedAt: null, awaitingBrowser: false };
const onlineStatus: QboStatus = { companyId: 'primary', state: 'connected', environment: 'sandbox', realmId: '1', companyName: 'Nexus Online', message: null, connectedAt: null, awaitingBrowser: false };
const base: QbdConnection = {
  companyId: 'co-0000d001', name: 'Cool Cars', port: 8123, intervalMinutes: 15, userName: 'tracknexus', appUrl: 'http://localhost:8123/qbwc', hasPassword: true,
  listening: true, listenError: null, lastCallAt: null, lastUpdateEndedAt: null, pending: 0, lastError: null, companyFile: null, qbxmlVersion: null, listsReadAt: null,
};

const world = { companies: [] as QboStatus[], connections: [] as QbdConnection[], answers: {} as Record<string, unknown> };
const calls: Array<[string, unknown]> = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((fn) => fn(payload));

vi.mock('../../../renderer/src/platform/api', () => ({
  api: {
    invoke: vi.fn(async (channel: string, request?: unknown) => {
      calls.push([channel, request]);
      if (channel in world.answers) return world.answers[channel];
      if (channel === 'qbo:listCompanies') return { ok: true, value: { companies: world.companies } };
      if (channel === 'qbd:listConnections') return { ok: true, value: { connections: world.connections } };
      if (channel === 'qbo:getSettings') return { ok: true, value: { environment: 'sandbox', customApiBase: null, customOAuthBase: null, clientId: null, hasClientSecret: false, keysFromEnvironment: false, relayUrl: null, loopbackPort: null, basesFromEnvironment: false, secretStorage: 'test' } };
      return { ok: false, error: { kind: 'unavailable', message: channel, retryable: false } };
    }),
    on: (channel: string, fn: (payload: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(fn));
      return () => set.delete(fn);
    },
  },
}));

const downloads: Array<{ text: string; name: string }> = [];
vi.mock('../../../renderer/src/features/import/export', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
}));

const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { SyncServiceProvider } = await import('../../../renderer/src/features/quickbooks/SyncServiceProvider');
const { QuickBooksScreen } = await import('../../../renderer/src/features/quickbooks/QuickBooksScreen');
const { QboSyncBridge } = await import('../../../renderer/src/features/quickbooks/QboSyncBridge');
const { useQboTab } = await import('../../../renderer/src/features/quickbooks/qbo-tab-store');
const { createSyncService } = await import('../../../renderer/src/features/quickbooks/engine/sync-service');
const { ipcQboPort } = await import('../../../renderer/src/features/quickbooks/engine/qbo-port');
const { api } = await import('../../../renderer/src/platform/api');
const { useRepos } = await import('../../../renderer/src/data/repos-context');

afterEach(() => {
  cleanup();
  useQboTab.setState({ tab: 'company', companyId: 'primary' });
  Object.assign(world, { companies: [], connections: [], answers: {} });
  calls.length = 0;
  downloads.length = 0;
  listeners.clear();
});

let n = 0;
const renderScreen = () => render(<ReposProvider dbName={`qbd-screen-${++n}`}><SyncServiceProvider><QuickBooksScreen /></SyncServiceProvider></ReposProvider>);
const stepsOf = () => screen.getByText('Add Track Nexus to the QuickBooks Web Connector').closest('details')!;
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('adding QuickBooks Desktop', () => {
  it('is offered beside QuickBooks Online and says what is wrong with the form in words, sending nothing', async () => {
    renderScreen();
    await screen.findByRole('heading', { name: 'Connect QuickBooks Online' });
    fireEvent.click(screen.getByRole('button', { name: 'Add QuickBooks Desktop…' }));
    await screen.findByRole('heading', { name: 'Add QuickBooks Desktop' });
    expect((screen.getByLabelText('Port for the local service') as HTMLInputElement).value).toBe('8123');
    expect((screen.getByLabelText('Update every (minutes)') as HTMLInputElement).value).toBe('15');
    expect(screen.getByText(/any free port from 1024 to 65535; change it only if another program uses it/i)).toBeTruthy();
    expect(screen.getByText(/You will type this once into the Web Connector/)).toBeTruthy();
    type('Port for the local service', '80');
    type('Update every (minutes)', '2');
    type('Password for the Web Connector', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Add QuickBooks Desktop' }));
    expect(await screen.findByText('Name the company file, as you call it.')).toBeTruthy();
    expect(screen.getByText('Choose a port number from 1024 to 65535.')).toBeTruthy();
    expect(screen.getByText('The Web Connector updates at most every 5 minutes.')).toBeTruthy();
    expect(screen.getByText('The password needs at least 8 characters.')).toBeTruthy();
    expect(screen.getByLabelText('Port for the local service').getAttribute('aria-invalid')).toBe('true');
    type('Password for the Web Connector', 'long enough');
    type('Type the password again', 'not the same');
    fireEvent.click(screen.getByRole('button', { name: 'Add QuickBooks Desktop' }));
    expect(await screen.findByText('The two passwords are not the same.')).toBeTruthy();
    expect(calls.some(([c]) => c === 'qbd:createConnection')).toBe(false);
  });

  it('creates the connection with what was typed, and shows main refusing a field on that field', async () => {
    world.answers['qbd:createConnection'] = { ok: false, error: { kind: 'validation', message: 'Port 8123 is used by another program; choose another.', retryable: false, field: ['port'] } };
    renderScreen();
    fireEvent.click(await screen.findByRole('button', { name: 'Add QuickBooks Desktop…' }));
    type('Company file', '  Cool Cars ');
    type('Update every (minutes)', '30');
    type('Password for the Web Connector', 'correct horse');
    type('Type the password again', 'correct horse');
    fireEvent.click(screen.getByRole('button', { name: 'Add QuickBooks Desktop' }));
    const refusal = await screen.findByText('Port 8123 is used by another program; choose another.');
    expect(refusal.id).toBe('qbd-port-error');
    expect(calls.find(([c]) => c === 'qbd:createConnection')?.[1]).toEqual({ name: 'Cool Cars', port: 8123, intervalMinutes: 30, password: 'correct horse' });

    world.answers['qbd:createConnection'] = { ok: true, value: { ...base, intervalMinutes: 30 } };
    world.connections = [{ ...base, intervalMinutes: 30 }];
    fireEvent.click(screen.getByRole('button', { name: 'Add QuickBooks Desktop' }));
    await act(async () => emit('qbo:statusChanged', desktopStatus));
    expect(await screen.findByRole('heading', { name: 'Cool Cars (QuickBooks Desktop)' })).toBeTruthy();
    expect(screen.getByText(/Tick/).textContent).toContain('every 30 minutes');
  });
});

describe('the Desktop company card', () => {
  const showDesktop = async (connection: QbdConnection) => {
    world.companies = [onlineStatus, desktopStatus];
    world.connections = [connection];
    useQboTab.setState({ companyId: desktopStatus.companyId });
    renderScreen();
    return screen.findByRole('heading', { name: 'Cool Cars (QuickBooks Desktop)' });
  };

  it('walks through the Web Connector’s screens and downloads the .QWC under its own name', async () => {
    world.answers['qbd:getQwcFile'] = { ok: true, value: { fileName: 'Track Nexus - Cool Cars.qwc', text: '<?xml version="1.0"?><QBWCXML><AppName>Track Nexus - Cool Cars</AppName></QBWCXML>' } };
    await showDesktop(base);
    const steps = stepsOf();
    expect(steps.hasAttribute('open')).toBe(true);
    const items = within(steps).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(5);
    expect(items[1]).toMatch(/Admin.*File › Update Web Services.*Add an application.*OK/);
    expect(items[2]).toMatch(/Authorize New Web Service.*Yes, whenever this QuickBooks company file is open.*Continue.*Done/);
    expect(items[3]).toMatch(/Password.*Yes/);
    expect(items[4]).toMatch(/Auto-Run.*every 15 minutes.*Update Selected/);
    fireEvent.click(screen.getByRole('button', { name: 'Download the .QWC file' }));
    await waitFor(() => expect(downloads).toEqual([{ name: 'Track Nexus - Cool Cars.qwc', text: expect.stringContaining('<QBWCXML>') }]));
    expect(calls.find(([c]) => c === 'qbd:getQwcFile')?.[1]).toEqual({ companyId: desktopStatus.companyId });
  });

  it('shows how it is going and follows each change main reports; the steps fold away once the Web Connector called', async () => {
    await showDesktop({ ...base, listening: false, listenError: 'Port 8123 is in use by another program.' });
    expect(screen.getByText(/Not listening: Port 8123 is in use by another program\./)).toBeTruthy();
    const facts = () => screen.getByLabelText('Web Connector status').textContent!;
    expect(facts()).toContain('Web Connector last callednever');
    const called = Date.now() - 3 * 60_000 - 5_000;
    await act(async () => emit('qbd:connectionChanged', { ...base, lastCallAt: called, pending: 4, lastError: 'QuickBooks was busy; the Web Connector will try again.', companyFile: 'C:\\Books\\Cool Cars.qbw', qbxmlVersion: '13.0', listsReadAt: called }));
    expect(await screen.findByText(/Listening on localhost:8123/)).toBeTruthy();
    expect(facts()).toContain('Web Connector last called3 minutes ago');
    expect(facts()).toContain('4 changes');
    expect(facts()).toContain('QuickBooks was busy; the Web Connector will try again.');
    expect(facts()).toContain('C:\\Books\\Cool Cars.qbw');
    expect(facts()).toContain('13.0');
    expect(screen.getAllByText('3 minutes ago')[0]!.getAttribute('title')).toMatch(/\d/);
    expect(stepsOf().hasAttribute('open')).toBe(false);
  });

  it('changes the schedule and port (saying the .QWC must be added again) and the password, never showing it', async () => {
    world.answers['qbd:updateConnection'] = { ok: true, value: { ...base, port: 8200, intervalMinutes: 60 } };
    await showDesktop({ ...base, lastCallAt: Date.now() });
    expect(screen.getByText(/download the .QWC file again and add it to the Web Connector again/i)).toBeTruthy();
    const schedule = screen.getByRole('form', { name: 'Schedule and port' });
    fireEvent.change(within(schedule).getByLabelText('Port for the local service'), { target: { value: '8200' } });
    fireEvent.change(within(schedule).getByLabelText('Update every (minutes)'), { target: { value: '60' } });
    fireEvent.click(within(schedule).getByRole('button', { name: 'Save schedule and port' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved. Download the .QWC file again and add it to the Web Connector.');
    expect(calls.find(([c]) => c === 'qbd:updateConnection')?.[1]).toEqual({ companyId: desktopStatus.companyId, port: 8200, intervalMinutes: 60 });

    calls.length = 0;
    const password = screen.getByRole('form', { name: 'Password' });
    fireEvent.change(within(password).getByLabelText('New password for the Web Connector'), { target: { value: 'new secret 1' } });
    fireEvent.change(within(password).getByLabelText('Type the password again'), { target: { value: 'new secret 1' } });
    fireEvent.click(within(password).getByRole('button', { name: 'Change password' }));
    await screen.findByText('Password changed. Type it into the Web Connector too.');
    expect(calls.find(([c]) => c === 'qbd:updateConnection')?.[1]).toEqual({ companyId: desktopStatus.companyId, password: 'new secret 1' });
    expect((within(password).getByLabelText('New password for the Web Connector') as HTMLInputElement).value).toBe('');
  });

  it('labels Desktop companies and offers none of QuickBooks Online’s consent, reconnect, disconnect or demo, while the tabs stay', async () => {
    await showDesktop({ ...base, lastCallAt: Date.now() });
    const bar = screen.getByRole('navigation', { name: 'QuickBooks companies' });
    expect(within(bar).getByRole('button', { name: /Cool Cars \(QuickBooks Desktop\)/ })).toBeTruthy();
    expect(within(bar).getByRole('button', { name: /^Nexus Online/ }).textContent).not.toContain('Desktop');
    for (const name of [/Reconnect/, /Disconnect/, /demo/i, /^Connect$/]) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByLabelText('Client ID')).toBeNull();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Company', 'Mapping', 'Sync', 'Conflicts', 'Audit', 'Reconciliation']);
    expect(screen.getByText(/Mapping, sync, conflicts, audit and reconciliation of/).textContent).toContain('Cool Cars (QuickBooks Desktop)');
  });
});

describe('a Web Connector update that ended', () => {
  it('runs that company’s sync at once and reads its name lists again, once per update', async () => {
    world.companies = [desktopStatus];
    world.connections = [{ ...base, lastUpdateEndedAt: 1_000 }];
    world.answers['qbo:getCompany'] = { ok: true, value: { companyInfo: { CompanyName: 'Cool Cars' }, preferences: {} } };
    world.answers['qbo:queryAll'] = { ok: true, value: { items: [] } };
    const runs: string[] = [];
    function WithService() {
      const repos = useRepos();
      const service = createSyncService({ repos, port: ipcQboPort(api, desktopStatus.companyId) });
      const run = service.run;
      service.run = async (o) => (runs.push(service.port.companyId), run(o));
      return <SyncServiceProvider service={service}><QboSyncBridge /></SyncServiceProvider>;
    }
    render(<ReposProvider dbName={`qbd-bridge-${++n}`}><WithService /></ReposProvider>);
    await waitFor(() => expect(calls.some(([c]) => c === 'qbd:listConnections')).toBe(true));
    await act(async () => {});
    // A call that did not end an update, and the update that was over before the window opened: nothing.
    await act(async () => emit('qbd:connectionChanged', { ...base, lastUpdateEndedAt: 1_000, lastCallAt: 2_000 }));
    expect(runs).toEqual([]);
    await act(async () => emit('qbd:connectionChanged', { ...base, lastUpdateEndedAt: 5_000 }));
    await waitFor(() => expect(runs).toEqual([desktopStatus.companyId]));
    await waitFor(() => expect(calls.some(([c, r]) => c === 'qbo:getCompany' && (r as { companyId: string }).companyId === desktopStatus.companyId)).toBe(true));
    await act(async () => emit('qbd:connectionChanged', { ...base, lastUpdateEndedAt: 5_000, pending: 0 }));
    expect(runs).toHaveLength(1);
  });
});
