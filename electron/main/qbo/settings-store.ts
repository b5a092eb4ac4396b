// The QuickBooks settings that are not secret (environment, custom bases, client id, relay page,
// loopback port), kept as JSON in the data folder. The client secret lives in the SecretStore.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { QboEnvironment } from '../../../shared/ipc/domains/qbo';
import { defaultSettings, type QboSettings } from './config';

export const CLIENT_SECRET_KEY = 'qbo.clientSecret';

/**
 * The client secret as kept in the SecretStore, with the OAuth token endpoint it was entered for:
 * it is only ever sent there, so a sign-in server typed in later never receives it.
 */
export interface BoundSecret {
  secret: string;
  /** null: saved before secrets were bound, or while Settings named no server (used nowhere until entered again). */
  tokenEndpoint: string | null;
}

/** Reads the stored form; a bare string (kept before secrets were bound) is bound to `legacyEndpoint`. */
export function readBoundSecret(text: string | null, legacyEndpoint: string | null): BoundSecret | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<BoundSecret>;
    if (typeof parsed.secret === 'string') return { secret: parsed.secret, tokenEndpoint: typeof parsed.tokenEndpoint === 'string' ? parsed.tokenEndpoint : null };
  } catch {
    /* a bare secret */
  }
  return { secret: text, tokenEndpoint: legacyEndpoint };
}

export function settingsFile(dataDir: string): string {
  return join(dataDir, 'qbo-settings.json');
}

export async function loadSettings(file: string, defaults: QboSettings = defaultSettings): Promise<QboSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...defaults };
    throw error;
  }
  const raw = JSON.parse(text) as Record<string, unknown>;
  const env = QboEnvironment.safeParse(raw['environment']);
  const text_ = (k: string) => (typeof raw[k] === 'string' && raw[k] ? (raw[k] as string) : undefined);
  return {
    environment: env.success ? env.data : defaults.environment,
    customApiBase: text_('customApiBase'),
    customOAuthBase: text_('customOAuthBase'),
    clientId: text_('clientId'),
    relayUrl: text_('relayUrl'),
    loopbackPort: typeof raw['loopbackPort'] === 'number' ? raw['loopbackPort'] : undefined,
  };
}

export async function saveSettings(file: string, settings: QboSettings): Promise<void> {
  await writePrivateJson(file, settings);
}

/**
 * JSON written to a temporary file (0600, in a 0700 folder) and renamed over `file`, so a crash
 * leaves the old content or the new one. The QuickBooks settings and the company list use it.
 */
export async function writePrivateJson(file: string, value: unknown): Promise<void> {
  await writePrivateText(file, JSON.stringify(value, null, 2));
}

/** Text written next to the file, then renamed over it (a crash leaves the old or the new), readable by this user only. */
export async function writePrivateText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
}

/** writePrivateText for the small settings files written where the caller cannot wait (capture, start at login, update channel). */
export function writePrivateTextSync(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}
