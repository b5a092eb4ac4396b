// The main-process services composed with in-memory ports, for tests that need the real router.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeMain } from '../../electron/main/compose';
import { unavailableUpdater } from '../../electron/main/update/updater-port';
import { fileSecretStore } from '../../electron/main/secrets/file-secret-store';
import { recordingOpener, recordingTray, manualIdleSource } from '../../electron/harness/node-ports';

export function composeTestMain(now = () => Date.UTC(2026, 0, 15, 14, 0), existingDataDir?: string, safeMode = false) {
  const opener = recordingOpener({ launch: false });
  const tray = recordingTray();
  const idle = manualIdleSource();
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'tn-main-'));
  let quit = 0;
  let opened = 0;
  const main = composeMain(
    {
      clock: { now, timeZone: () => 'UTC' },
      idleSource: idle.source,
      windowSource: {
        activeWindow: async () => null,
        availability: async () => ({ available: true as const }),
      },
      externalOpener: opener.opener,
      paths: { dataDir },
      secretStore: fileSecretStore(dataDir),
      tray: tray.port,
      updater: unavailableUpdater('Updates are installed by the desktop app.'),
    },
    { shell: 'harness', version: '9.9.9', platform: 'test', openWindow: () => opened++, quit: () => quit++, safeMode },
  );
  return {
    main,
    dataDir,
    opened: opener.opened,
    tray,
    idle,
    counts: () => ({ quit, opened }),
    close: async () => {
      await main.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
