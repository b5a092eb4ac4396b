// Start at login, and whether that start keeps the window hidden in the tray. The OS side sits
// behind LoginItemPort (Electron's login items on Windows and macOS, an XDG autostart file on
// Linux, nothing in the browser harness); the choice and the first-run notice live in
// <dataDir>/startup.json. On the first run of a build that can start at login, it is turned on,
// hidden (a tray tracker should be running before the first timer), and the window says so once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartupSettings, StartupState } from '../../../shared/ipc/domains/startup';
import { writePrivateTextSync } from '../qbo/settings-store';

/** The argument a login start passes, so the app knows to stay in the tray. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemPort {
  /** Why this build cannot start at login (the harness, an unpackaged run); null where it can. */
  unavailableReason: string | null;
  /** Whether the OS will start the app at login (the user may have changed it in the OS). */
  isEnabled(): Promise<boolean>;
  set(settings: StartupSettings): Promise<void>;
}

interface StoredChoice {
  openAsHidden: boolean;
  noticeDismissed: boolean;
}

const DEFAULT_CHOICE: StoredChoice = { openAsHidden: true, noticeDismissed: false };

function readChoice(path: string): StoredChoice | null {
  if (!existsSync(path)) return null;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoredChoice>;
    return { openAsHidden: raw.openAsHidden !== false, noticeDismissed: raw.noticeDismissed === true };
  } catch {
    return { ...DEFAULT_CHOICE, noticeDismissed: true };
  }
}

export function createStartupService(deps: { port: LoginItemPort; dataDir: string }) {
  const path = join(deps.dataDir, 'startup.json');
  const { port } = deps;
  const stored = readChoice(path);
  const firstRun = stored === null;
  let choice: StoredChoice = stored ?? { ...DEFAULT_CHOICE, noticeDismissed: port.unavailableReason !== null };
  // Written whole or not at all: a torn file would read as "notice dismissed" (see readChoice).
  const save = () => writePrivateTextSync(path, JSON.stringify(choice));

  const state = async (): Promise<StartupState> => ({
    available: port.unavailableReason === null,
    reason: port.unavailableReason,
    openAtLogin: port.unavailableReason === null ? await port.isEnabled() : false,
    openAsHidden: choice.openAsHidden,
    showFirstRunNotice: !choice.noticeDismissed,
  });

  return {
    /** On the first run only: turn start at login on (hidden) where the build can. */
    async applyFirstRunDefault(): Promise<void> {
      if (!firstRun) return;
      save();
      if (port.unavailableReason === null) await port.set({ openAtLogin: true, openAsHidden: true });
    },
    state,
    async save(settings: StartupSettings): Promise<StartupState> {
      if (port.unavailableReason !== null) throw new Error(port.unavailableReason);
      await port.set(settings);
      choice = { ...choice, openAsHidden: settings.openAsHidden };
      save();
      return state();
    },
    async dismissNotice(): Promise<StartupState> {
      choice = { ...choice, noticeDismissed: true };
      save();
      return state();
    },
    /** Whether this launch should keep the window hidden: started by a login item that asked to be. */
    launchedHidden(argv: readonly string[], openedAtLoginByOs = false): boolean {
      return argv.includes(HIDDEN_ARG) || (openedAtLoginByOs && choice.openAsHidden);
    },
  };
}

