// Command-line options of the QuickBooks benchmarks (bench-sync.ts, bench-invoice.ts).

/** The value of --name or --name=value, if given. */
export function option(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
}

/** A positive number given as --name (whole when `whole`), or the fallback when it is not given. */
export function numberOption(name: string, fallback: number, opts: { whole?: boolean } = {}): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (opts.whole && (!Number.isInteger(n) || n <= 0)) throw new Error(`--${name} needs a positive whole number`);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}
