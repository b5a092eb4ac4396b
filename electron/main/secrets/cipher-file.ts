// One JSON file of ciphertexts, shared by the two SecretStore implementations: they differ only
// in how a value is encrypted (a key file, or the OS keychain through Electron's safeStorage).
// Writes are serialised per file and land atomically (temp file + rename), so concurrent `set`s
// never lose each other's values and a crash mid-write never leaves a half-written file.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../ports';

export interface Cipher {
  /** Returns a string safe to store in JSON. `name` is bound into the ciphertext where the cipher can. */
  encrypt(name: string, plaintext: string): Promise<string> | string;
  decrypt(name: string, stored: string): Promise<string> | string;
}

interface SecretFile {
  version: 1;
  entries: Record<string, string>;
}

// One queue per file path, so two stores opened on the same folder still take turns.
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return next;
}

class SecretFileError extends Error {
  override readonly name = 'SecretFileError';
}

// Messages reach the renderer and logs: they name "the secrets file in the data folder", never its
// absolute path (which shows the user's name and folder layout). Node's own file errors carry the
// path in their message, so only their code is kept.
const THE_FILE = 'the secrets file in the data folder';

function fileError(action: 'read' | 'write', error: unknown): SecretFileError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new SecretFileError(
    `Track Nexus could not ${action} ${THE_FILE} (${code}). Check that the data folder belongs to you and the disk is not full, then try again.`,
    { cause: error },
  );
}

async function load(file: string): Promise<SecretFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
    throw fileError('read', error);
  }
  try {
    const parsed = JSON.parse(text) as Partial<SecretFile>;
    if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('unexpected shape');
    for (const value of Object.values(parsed.entries)) if (typeof value !== 'string') throw new Error('unexpected entry');
    return parsed as SecretFile;
  } catch (error) {
    throw new SecretFileError(
      `The secrets file in the data folder is damaged (${(error as Error).message}); it was not changed. Move it aside and reconnect QuickBooks.`,
      { cause: error },
    );
  }
}

async function save(file: string, data: SecretFile): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(temp, JSON.stringify(data), { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw fileError('write', error);
  }
}

export function cipherFileStore(file: string, cipher: Cipher, description: string): SecretStore {
  return {
    get: (key) =>
      serialised(file, async () => {
        const stored = (await load(file)).entries[key];
        if (stored === undefined) return null;
        try {
          return await cipher.decrypt(key, stored);
        } catch (error) {
          throw new SecretFileError(
            `The secret "${key}" in ${THE_FILE} could not be decrypted: it was altered or its key changed. Reconnect QuickBooks to store it again.`,
            { cause: error },
          );
        }
      }),
    set: (key, value) =>
      serialised(file, async () => {
        const data = await load(file);
        data.entries[key] = await cipher.encrypt(key, value);
        await save(file, data);
      }),
    delete: (key) =>
      serialised(file, async () => {
        const data = await load(file);
        if (!(key in data.entries)) return;
        delete data.entries[key];
        await save(file, data);
      }),
    describe: () => description,
  };
}
