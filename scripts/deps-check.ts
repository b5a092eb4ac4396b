// npm run -s deps:check [-- --all]
// `npm audit` cannot reach its advisory service from our machines, so this at least says which
// production dependencies are behind their latest patch release (the release line that carries
// security fixes without breaking changes): what package-lock.json ships against what the npm
// registry has. Direct dependencies by default; --all checks the whole production tree (a few
// hundred registry requests). One line per package behind, then one JSON object. Not part of CI or
// `npm test`: a release published today must not fail a build. Exit code 1 when the registry could
// not answer for some package.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: boolean;
}

/** "1.2.3" or "1.2.3-beta.1"; null for anything else (a git URL, a tag). */
export function parseVersion(text: string): Version | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] !== undefined };
}

/**
 * The newest release on the installed version's major.minor line, when it is newer than the
 * installed one; null when the installed version is the line's latest. Prereleases never count.
 */
export function latestPatch(installed: string, published: readonly string[]): string | null {
  const have = parseVersion(installed);
  if (!have) return null;
  let best: { text: string; patch: number } | null = null;
  for (const text of published) {
    const v = parseVersion(text);
    if (!v || v.prerelease || v.major !== have.major || v.minor !== have.minor || v.patch <= have.patch) continue;
    if (!best || v.patch > best.patch) best = { text, patch: v.patch };
  }
  return best?.text ?? null;
}

interface Lock {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; link?: boolean }>;
}

/** What the lockfile ships to production: direct dependencies, or with `all` every non-dev package, by name and version. */
export function productionPackages(lock: Lock, direct: readonly string[], all: boolean): { name: string; version: string }[] {
  const found = new Map<string, Set<string>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional || entry.link || !entry.version) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!all && !(direct.includes(name) && path === `node_modules/${name}`)) continue;
    found.set(name, (found.get(name) ?? new Set()).add(entry.version));
  }
  return [...found].flatMap(([name, versions]) => [...versions].map((version) => ({ name, version }))).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every version the registry has published of `name` (the abbreviated metadata, without readmes). */
async function publishedVersions(name: string): Promise<{ versions: string[]; latest: string | null }> {
  const response = await fetch(`https://registry.npmjs.org/${name.replace('/', '%2F')}`, {
    headers: { accept: 'application/vnd.npm.install-v1+json' },
    signal: AbortSignal.timeout(20_000),
  });
  if (!response.ok) throw new Error(`the registry answered ${response.status}`);
  const body = (await response.json()) as { versions?: Record<string, unknown>; 'dist-tags'?: { latest?: string } };
  return { versions: Object.keys(body.versions ?? {}), latest: body['dist-tags']?.latest ?? null };
}

async function main(): Promise<void> {
  const all = process.argv.includes('--all');
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;
  const packages = productionPackages(lock, Object.keys(manifest.dependencies ?? {}), all);
  const behind: { name: string; installed: string; latestPatch: string; latest: string | null }[] = [];
  const failed: { name: string; error: string }[] = [];
  // Several at a time, not all at once: --all is a few hundred requests.
  for (let i = 0; i < packages.length; i += 8) {
    await Promise.all(
      packages.slice(i, i + 8).map(async ({ name, version }) => {
        try {
          const { versions, latest } = await publishedVersions(name);
          const patch = latestPatch(version, versions);
          if (patch === null) return;
          behind.push({ name, installed: version, latestPatch: patch, latest });
          process.stdout.write(`${name} ${version} → ${patch} (latest ${latest ?? 'unknown'})\n`);
        } catch (error) {
          failed.push({ name, error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
  behind.sort((a, b) => a.name.localeCompare(b.name));
  process.stdout.write(`${JSON.stringify({ checked: packages.length, scope: all ? 'production tree' : 'direct production dependencies', behind, failed })}\n`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
