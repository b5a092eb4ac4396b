// The OS-facing dependencies of main-process services, as small injected ports.
// Services never import `electron`: electron/main/index.ts composes them with Electron
// implementations (electron/main/electron-ports.ts) and the browser harness with Node ones
// (electron/harness/node-ports.ts), so every service runs in plain Node for tests.

/** Wall-clock time in UTC epoch milliseconds, plus the machine's IANA zone. */
export interface Clock {
  now(): number;
  timeZone(): string;
}

export type PowerEventKind = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

export interface PowerEvent {
  kind: PowerEventKind;
  /** UTC epoch ms at which the event was observed. */
  at: number;
}

/** Idle time and power events: Electron's powerMonitor in the app, xprintidle or a test double elsewhere. */
export interface IdleSource {
  /** Seconds since the last keyboard or mouse input. */
  idleSeconds(): Promise<number>;
  /** Subscribe to suspend/resume/lock/unlock; returns an unsubscribe function. */
  onPowerEvent(listener: (event: PowerEvent) => void): () => void;
  /**
   * Calls `onInput` once at the next keyboard or mouse input (or when it can no longer tell), so
   * the idle monitor can sleep while the user is away instead of reading idle time every few
   * seconds. Resolves with a function that stops watching, or null where input cannot be watched.
   */
  watchInput?(onInput: () => void): Promise<(() => void) | null>;
}

/** One observation of the foreground window, before any privacy rule is applied. */
export interface ActiveWindowSample {
  /** Application name as the OS reports it (e.g. "Google Chrome", "XTerm"). */
  app: string;
  title: string;
  /** Browser URL where the platform exposes it (macOS, Windows); null elsewhere. */
  url: string | null;
  /** Executable path when known; used for exclusion rules. */
  path?: string;
  pid?: number;
}

export type CaptureAvailability =
  | { available: true }
  | { available: false; reason: string; hint: string };

/** The active-window reader: get-windows in the app and harness, a scripted fake in unit tests. */
export interface WindowSource {
  activeWindow(): Promise<ActiveWindowSample | null>;
  /** Whether capture can work on this machine (x11-utils present, not Wayland, permissions). */
  availability(): Promise<CaptureAvailability>;
}

/** Encrypted storage for secrets (QuickBooks tokens). safeStorage in the app, a key file elsewhere. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Human-readable description of how secrets are protected, shown in Settings. */
  describe(): string;
}

/** Opens an already validated http(s) URL in the system browser. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Where the app may keep files of its own (journal, encrypted tokens, demo company). */
export interface AppPaths {
  dataDir: string;
  /**
   * Read-only files shipped with the app (the repository's resources/; under process.resourcesPath
   * when packaged), e.g. resources/qbd/QBWebConnectorSvc.wsdl. Unset in unit tests, where each
   * service falls back to the repository's copy.
   */
  resourcesDir?: string;
}
