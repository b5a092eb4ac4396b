// IdleSource for Linux outside Electron (the browser harness, the benchmark): `xprintidle` prints
// the X server's idle time in milliseconds. Power and lock events are not available this way, so
// the idle monitor's frozen-clock check is what notices a suspend here. When xprintidle is missing
// the source reports 0 (never idle) and says so in `limitations`, rather than failing capture.
import { execFile } from 'node:child_process';
import type { IdleSource } from '../ports';

export interface XprintidleSourceOptions {
  env?: NodeJS.ProcessEnv;
  binary?: string;
}

export interface XprintidleSource extends IdleSource {
  /** Human-readable reasons why idle detection is degraded (shown in Settings), empty when fine. */
  limitations(): string[];
}

export function createXprintidleSource(options: XprintidleSourceOptions = {}): XprintidleSource {
  const binary = options.binary ?? 'xprintidle';
  const problems = new Set<string>();
  return {
    idleSeconds() {
      return new Promise((resolve) => {
        execFile(binary, [], { env: options.env ?? process.env, timeout: 5_000 }, (error, stdout) => {
          const ms = Number.parseInt(String(stdout).trim(), 10);
          if (error || !Number.isFinite(ms)) {
            const code = (error as NodeJS.ErrnoException | null)?.code;
            problems.add(
              code === 'ENOENT'
                ? 'xprintidle is not installed (sudo apt install xprintidle), so idle time is not detected.'
                : `xprintidle failed (${error?.message ?? `unexpected output "${String(stdout).slice(0, 40)}"`}), so idle time is not detected.`,
            );
            resolve(0);
            return;
          }
          problems.clear();
          resolve(ms / 1000);
        });
      });
    },
    onPowerEvent() {
      return () => {};
    },
    limitations: () => [...problems],
  };
}
