import { describe, expect, it } from 'vitest';
import { buildTrayModel, formatElapsed } from '../../../electron/main/tray/tray-menu';
import { composeTestMain } from '../compose-test-main';

const at = Date.UTC(2026, 0, 15, 14, 0);
const fmt = () => '13:05';

describe('tray menu', () => {
  it('says when nothing runs and offers to start', () => {
    const model = buildTrayModel({ running: null, recent: [] }, at, fmt);
    expect(model.tooltip).toBe('Track Nexus: no timer running');
    expect(model.items.map((i) => ('label' in i ? i.label : '—'))).toEqual(['No timer running', 'Start timer', '—', 'Open Track Nexus', 'Quit']);
  });

  it('shows the running project, elapsed time and since when, and offers the others to switch to', () => {
    const model = buildTrayModel(
      {
        running: { projectId: 'a', label: 'Acme · Portal', startedAt: at - 95 * 60_000 },
        recent: [{ projectId: 'a', label: 'Acme · Portal' }, { projectId: 'b', label: 'Globex · Audit' }],
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
    t.main.tray.setState({ running: { projectId: 'a', label: 'Acme', startedAt: at - 60_000 }, recent: [{ projectId: 'b', label: 'Globex' }] });
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
