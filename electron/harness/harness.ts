// Composes the real main-process services with Node ports and serves them to the renderer in a
// browser. Used by `npm run web` (serve.ts) and by the end-to-end tests.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGetWindowsSource } from '../main/capture/get-windows-source';
import { createLinuxX11Readers } from '../main/capture/linux-x11-readers';
import { composeMain } from '../main/compose';
import { fileSecretStore } from '../main/secrets/file-secret-store';
import { createXprintidleSource } from '../main/idle/xprintidle-source';
import { manualIdleSource, nodeClock, recordingOpener, recordingTray } from './node-ports';
import { unavailableUpdater } from '../main/update/updater-port';
import { recordingNotifier } from './recording-notifier';
import { startHarnessServer, type ControlHandler } from './server';

export interface HarnessOptions {
  port?: number;
  dataDir?: string;
  token?: string;
  staticDir?: string;
  /** Routes under /_harness/ that let end-to-end tests play the desktop (idle, tray, opened links). */
  testControls?: boolean;
  /** Hand opened links to xdg-open (a person at a desktop); tests only record them. */
  launchBrowser?: boolean;
  version?: string;
}

// Long because it is the harness's composition root: data folder, secret, ports, services and server, in start order.
export async function startHarness(options: HarnessOptions = {}) {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // Created (0700, with its parents) by composeMain.
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'track-nexus-')));
  const idle = manualIdleSource();
  const opener = recordingOpener({ launch: options.launchBrowser ?? false });
  const tray = recordingTray();
  // Linux: the X protocol in-process, xprop and xprintidle as the fallback.
  const x11 = process.platform === 'linux' ? createLinuxX11Readers() : null;
  const notices = recordingNotifier();

  const main = composeMain(
    {
      clock: nodeClock,
      // Tests drive idle time through the controls; a person at a desktop gets the real idle time.
      idleSource: options.testControls ? idle.source : (x11?.idleSource ?? createXprintidleSource()),
      windowSource: x11?.windowSource ?? createGetWindowsSource(),
      focusEvents: x11?.focusEvents,
      externalOpener: opener.opener,
      // The repository's resources/, as the harness runs from the repository's root (like package.json below).
      paths: { dataDir, resourcesDir: resolve('resources') },
      secretStore: fileSecretStore(dataDir),
      tray: tray.port,
      updater: unavailableUpdater('Updates are installed by the desktop app.'),
      notifier: notices.notifier,
    },
    {
      shell: 'harness',
      version: options.version ?? (await packageVersion()),
      platform: process.platform,
      openWindow: () => {},
      quit: () => {},
    },
  );

  await main.start();

  const controls: Record<string, ControlHandler> | undefined = options.testControls
    ? {
        tray: () => tray.model(),
        'tray/click': (_req, body) => ({ clicked: main.tray.click(String((body as { id?: unknown })?.id ?? '')) }),
        opened: () => ({ urls: [...opener.opened] }),
        reminders: () => ({ shown: notices.list() }),
        'reminders/click': (_req, body) => ({ clicked: notices.click(Number((body as { index?: unknown })?.index ?? 0)) }),
        // The system opening the app with a backup file (a double-click), which a browser cannot do.
        'backup/open': async (_req, body) => {
          await main.openedBackups.open(String((body as { path?: unknown })?.path ?? ''));
          return { ok: true };
        },
        // Emits segments exactly as the capture service would, for review tests with a known day.
        'capture/segments': (_req, body) => {
          main.events.publish('capture:segments', (body as { segments?: unknown })?.segments);
          return { ok: true };
        },
        // Answers once main has read the new idle time: its monitor reads it only when the user
        // could have crossed the threshold (or, away, at the next input), so the control has it
        // read now, as the next input or the threshold would.
        idle: async (_req, body) => {
          idle.setIdleSeconds(Number((body as { seconds?: unknown })?.seconds ?? 0));
          await main.idleMonitor.check();
          return { ok: true };
        },
      }
    : undefined;

  const server = await startHarnessServer({
    main,
    token,
    port: options.port,
    staticDir: resolve(options.staticDir ?? 'out/renderer'),
    controls,
  });

  return {
    ...server,
    token,
    dataDir,
    /** The address to open: the secret travels in the fragment, which is never sent over HTTP. */
    appUrl: `${server.url}/#token=${token}`,
    main,
    async close() {
      await server.close();
      await main.dispose();
    },
  };
}

export type RunningHarnessApp = Awaited<ReturnType<typeof startHarness>>;

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(resolve('package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
