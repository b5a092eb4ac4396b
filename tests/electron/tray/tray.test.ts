import { describe, expect, it, vi } from 'vitest';
import { buildTrayModel, formatElapsed } from '../../../electron/main/tray/tray-menu';
import { composeTestMain } from '../compose-test-main';

const at = Date.UTC(2026, 0, 15, 14, 0);
const fmt = () => '13:05';
const none = { projectId: null, label: 'No project' };

describe('tray menu', () => {
  it('says when nothing runs and offers to start, naming what Start starts', () => {
    const model = buildTrayModel({ running: null, recent: [], next: none }, at, fmt);
    expect(model.tooltip).toBe('Track Nexus: no timer running');
    expect(model.items.map((i) => ('label' in i ? i.label : '—'))).toEqual(['No timer running', 'Start No project', '—', 'Open Track Nexus', 'Quit']);
  });

  it('when nothing runs, Start names its project and the other recent projects are offered too', () => {
    const model = buildTrayModel(
      { running: null, recent: [{ projectId: 'a', label: 'Acme · Portal' }, { projectId: 'b', label: 'Globex · Audit' }], next: { projectId: 'a', label: 'Acme · Portal' } },
      at,
      fmt,
    );
    expect(model.items.map((i) => ('label' in i ? i.label : '—'))).toEqual(['No timer running', 'Start Acme · Portal', '—', 'Or start', 'Globex · Audit', '—', 'Open Track Nexus', 'Quit']);
    const commands = model.items.filter((i) => i.type === 'command').map((i) => (i.type === 'command' ? i.command : null));
    expect(commands).toEqual([{ kind: 'start', projectId: 'a' }, { kind: 'start', projectId: 'b' }]);
  });

  it('shows the running project, elapsed time and since when, and offers the others to switch to', () => {
    const model = buildTrayModel(
      {
        running: { projectId: 'a', label: 'Acme · Portal', startedAt: at - 95 * 60_000 },
        recent: [{ projectId: 'a', label: 'Acme · Portal' }, { projectId: 'b', label: 'Globex · Audit' }],
        next: none,
      },
      at,
      fmt,
    );
    expect(model.tooltip).toBe('Track Nexus: Acme · Portal, 1:35 since 13:05');
    expect(model.items[0]).toEqual({ type: 'label', label: '▶ Acme · Portal — 1:35' });
    const commands = model.items.filter((i) => i.type === 'command').map((i) => (i.type === 'command' ? i.command : null));
    expect(commands).toEqual([{ kind: 'stop' }, { kind: 'switch', projectId: 'b' }]);
  });

  it('formats elapsed time as h:mm and never negative', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(59_999)).toBe('0:00');
    expect(formatElapsed(14 * 3600_000 + 7 * 60_000)).toBe('14:07');
    expect(formatElapsed(-5000)).toBe('0:00');
  });

  it('turns a click into a tray:command event for the renderer', async () => {
    const t = composeTestMain(() => at);
    const seen: unknown[] = [];
    t.main.events.addSink((event, payload) => seen.push([event, payload]));
    t.main.tray.setState({ running: { projectId: 'a', label: 'Acme', startedAt: at - 60_000 }, recent: [{ projectId: 'b', label: 'Globex' }], next: none });
    expect(t.main.tray.click('project:b')).toBe(true);
    expect(t.main.tray.click('stop')).toBe(true);
    expect(t.main.tray.click('nope')).toBe(false);
    expect(t.main.tray.click('quit')).toBe(true);
    expect(seen).toEqual([
      ['tray:command', { kind: 'switch', projectId: 'b' }],
      ['tray:command', { kind: 'stop' }],
    ]);
    expect(t.counts().quit).toBe(1);
    t.close();
  });
});

describe('tray and activity capture', () => {
  it('offers to pause capture while it runs and to resume it while paused, and not when it is off', () => {
    const labels = (capture: 'off' | 'running' | 'paused') =>
      buildTrayModel({ running: null, recent: [], next: none }, at, fmt, capture).items.filter((i) => i.type === 'action').map((i) => ('label' in i ? i.label : ''));
    expect(labels('off')).toEqual(['Open Track Nexus', 'Quit']);
    expect(labels('running')).toEqual(['Pause activity capture', 'Open Track Nexus', 'Quit']);
    expect(labels('paused')).toEqual(['Resume activity capture', 'Open Track Nexus', 'Quit']);
  });

  it('pauses running capture from the tray and shows it paused', async () => {
    const t = composeTestMain(() => at);
    await t.main.start();
    await t.main.router.dispatch('capture:saveSettings', { ...(await import('../../../shared/capture/types')).defaultCaptureSettings(), enabled: true });
    expect(t.main.capture.status().state).toBe('running');
    expect(t.main.tray.click('pauseCapture')).toBe(true);
    expect(t.main.capture.status()).toMatchObject({ state: 'paused', reason: 'Paused from the tray' });
    expect(t.main.tray.model()!.items.some((i) => i.type === 'action' && i.id === 'resumeCapture')).toBe(true);
    expect(t.main.tray.click('resumeCapture')).toBe(true);
    await vi.waitFor(() => expect(t.main.capture.status().state).toBe('running'));
    expect(t.main.tray.model()!.items.some((i) => i.type === 'action' && i.id === 'pauseCapture')).toBe(true);
    await t.close();
  });
});
