// Failures injected on purpose, for testing a client's resilience: latency, a rate of 503
// answers, and a rate of connections dropped after a write has committed (only a client
// that retries with the same requestid avoids a duplicate). Seeded, so runs repeat.

import { seededRandom } from '../../shared/random';

export interface FaultSettings {
  latencyMs: number;
  errorRate: number;
  dropAfterCommitRate: number;
  seed: number;
}

const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, dropAfterCommitRate: 0, seed: 1 };

export class FaultInjector {
  private random = seededRandom(NO_FAULTS.seed);
  settings: FaultSettings = { ...NO_FAULTS };

  /** Applies a partial update; returns an error message for an invalid one. */
  set(update: Record<string, unknown>): string | undefined {
    const next = { ...this.settings };
    for (const key of ['latencyMs', 'errorRate', 'dropAfterCommitRate', 'seed'] as const) {
      const v = update[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${key} must be a non-negative number`;
      if (key.endsWith('Rate') && v > 1) return `${key} must be between 0 and 1`;
      next[key] = v;
    }
    this.settings = next;
    if (update.seed !== undefined) this.random = seededRandom(next.seed);
    return undefined;
  }

  reset(): void {
    this.settings = { ...NO_FAULTS };
    this.random = seededRandom(NO_FAULTS.seed);
  }

  shouldFail(): boolean {
    return this.settings.errorRate > 0 && this.random() < this.settings.errorRate;
  }

  shouldDropAfterCommit(): boolean {
    return this.settings.dropAfterCommitRate > 0 && this.random() < this.settings.dropAfterCommitRate;
  }
}
