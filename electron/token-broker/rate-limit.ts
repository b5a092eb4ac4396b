// Requests a minute per client address, counted in fixed one-minute windows on an injected clock.
// A connect is one token request and an hour of work one refresh, so the default (60) only stops
// someone hammering the broker, which would otherwise spend the publisher's standing with Intuit.

const WINDOW_MS = 60_000;

/** Answers whether `address` may make another request now; a limit of 0 allows everything. */
export function rateLimiter(perMinute: number, now: () => number): (address: string) => boolean {
  let windowStart = now();
  const counts = new Map<string, number>();
  return (address) => {
    if (perMinute === 0) return true;
    if (now() - windowStart >= WINDOW_MS) {
      windowStart = now();
      counts.clear();
    }
    const count = (counts.get(address) ?? 0) + 1;
    counts.set(address, count);
    return count <= perMinute;
  };
}
