// The main-process services composed with in-memory ports, for tests that need the real router.
import { composeMain } from '../../electron/main/compose';
import { recordingOpener, recordingTray, manualIdleSource } from '../../electron/harness/node-ports';

export function composeTestMain(now = () => Date.UTC(2026, 0, 15, 14, 0)) {
  const opener = recordingOpener({ launch: false });
  const tray = recordingTray();
  const idle = manualIdleSource();
  let quit = 0;
  let opened = 0;
  const main = composeMain(
    {
      clock: { now, timeZone: () => 'UTC' },
      idleSource: idle.source,
      notifier: { notify: () => {} },
      externalOpener: opener.opener,
      paths: { dataDir: '/nonexistent' },
      tray: tray.port,
    },
    { shell: 'harness', version: '9.9.9', platform: 'test', openWindow: () => opened++, quit: () => quit++ },
  );
  return {
    main,
    opened: opener.opened,
    tray,
    idle,
    counts: () => ({ quit, opened }),
    close: () => main.dispose(),
  };
}
