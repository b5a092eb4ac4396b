// The updater as a port: electron-updater's autoUpdater in the packaged app (electron-ports.ts),
// an "only in the desktop app" one in the browser harness and in development, a scripted fake in
// tests. The update service (update-service.ts) holds the state machine on top of it.

/** electron-updater's channel names: 'latest' is the stable channel. */
type UpdaterChannel = 'latest' | 'beta';

/**
 * What the updater reports. An error carries electron-updater's `code` where it has one, e.g.
 * 'ERR_UPDATER_INVALID_SIGNATURE' (a download not signed by the publisher) or
 * 'ERR_CHECKSUM_MISMATCH' (a damaged download).
 */
export type UpdaterEvent =
  | { kind: 'available'; version: string }
  | { kind: 'not-available' }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string; code?: string };

export interface UpdaterPort {
  /** Null where updates work; otherwise why not, in words, and nothing ever touches the network. */
  readonly unavailable: string | null;
  configure(options: { channel: UpdaterChannel; allowPrerelease: boolean }): void;
  /** Asks the update server; the answer arrives as an event. */
  check(): Promise<void>;
  /** Downloads and verifies the update on offer; progress, then downloaded or error, arrive as events. */
  download(): Promise<void>;
  /** Quits and installs the verified download. */
  quitAndInstall(): void;
  /** Subscribes to the updater's events; returns an unsubscribe function. */
  onEvent(listener: (event: UpdaterEvent) => void): () => void;
}

/** An updater that never updates: the browser harness and unpackaged development builds. */
export function unavailableUpdater(reason: string): UpdaterPort {
  return {
    unavailable: reason,
    configure: () => {},
    check: async () => {},
    download: async () => {},
    quitAndInstall: () => {},
    onEvent: () => () => {},
  };
}
