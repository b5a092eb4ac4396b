// The secret stores keep QuickBooks tokens unreadable on disk, fail loudly when the file was
// tampered with, and never lose a write when several land at once.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import { safeStorageSecretStore, type SafeStorageLike } from '../../../electron/main/secrets/safe-storage-secret-store';

const SECRET = 'AB11-refresh-token-that-must-never-be-readable-on-disk';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function allFilesText(): Promise<string> {
  const names = await readdir(dir);
  const parts = await Promise.all(names.map((n) => readFile(join(dir, n))));
  return parts.map((b) => b.toString('latin1')).join('\n');
}

/** Stands in for Electron's safeStorage: real encryption with a key the "OS" holds. */
function fakeSafeStorage(available = true): SafeStorageLike & { available: boolean } {
  const key = randomBytes(32);
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(text) {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([iv, c.update(text, 'utf8'), c.final()]);
    },
    decryptString(buf) {
      const d = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
      return Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8');
    },
  };
}

describe('fileSecretStore', () => {
  it('round-trips a secret without its plaintext appearing in any file', async () => {
    const store = fileSecretStore(dir);
    await store.set('qbo.tokens', SECRET);
    expect(await store.get('qbo.tokens')).toBe(SECRET);
    // A second instance (the app restarted) reads it back with the key file.
    expect(await fileSecretStore(dir).get('qbo.tokens')).toBe(SECRET);
    const text = await allFilesText();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(store.describe()).toMatch(/key file/);
  });

  it('keeps the key file readable by the owner only', async () => {
    await fileSecretStore(dir).set('a', 'b');
    const mode = (await stat(join(dir, 'secrets.key'))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('answers null for a missing secret and forgets deleted ones', async () => {
    const store = fileSecretStore(dir);
    expect(await store.get('nope')).toBeNull();
    await store.set('x', '1');
    await store.delete('x');
    expect(await store.get('x')).toBeNull();
  });

  it('reports a tampered ciphertext clearly instead of returning garbage', async () => {
    const store = fileSecretStore(dir);
    await store.set('qbo.tokens', SECRET);
    const file = join(dir, 'secrets.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, string> };
    const parts = data.entries['qbo.tokens']!.split('.');
    const bytes = Buffer.from(parts[3]!, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    parts[3] = bytes.toString('base64');
    data.entries['qbo.tokens'] = parts.join('.');
    await writeFile(file, JSON.stringify(data));
    await expect(fileSecretStore(dir).get('qbo.tokens')).rejects.toThrow(/could not be decrypted: it was altered/);
  });

  it('refuses a ciphertext copied under another name', async () => {
    const store = fileSecretStore(dir);
    await store.set('a', SECRET);
    const file = join(dir, 'secrets.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, string> };
    data.entries['b'] = data.entries['a']!;
    await writeFile(file, JSON.stringify(data));
    await expect(store.get('b')).rejects.toThrow(/could not be decrypted/);
  });

  it('reports a damaged file and does not overwrite it', async () => {
    const file = join(dir, 'secrets.json');
    await writeFile(file, '{"version":1,"entries":');
    const store = fileSecretStore(dir);
    await expect(store.get('x')).rejects.toThrow(/is damaged/);
    await expect(store.set('x', 'y')).rejects.toThrow(/is damaged/);
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"entries":');
  });

  it('loses no write when many sets race, even from two store instances', async () => {
    const a = fileSecretStore(dir);
    const b = fileSecretStore(dir);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).set(`k${i}`, `v${i}`)));
    const fresh = fileSecretStore(dir);
    for (let i = 0; i < 40; i++) expect(await fresh.get(`k${i}`)).toBe(`v${i}`);
    // No temp files left behind by the atomic writes.
    expect((await readdir(dir)).sort()).toEqual(['secrets.json', 'secrets.key']);
  });
});

describe('secret store messages', () => {
  it('name the secrets file in words, never its absolute path', async () => {
    // A data folder that cannot hold the files: a plain file stands where the folder should be.
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'not a folder');
    const messages: string[] = [];
    for (const store of [fileSecretStore(blocked), safeStorageSecretStore(blocked, fakeSafeStorage())]) {
      await store.get('x').catch((error: Error) => messages.push(error.message));
      await store.set('x', 'y').catch((error: Error) => messages.push(error.message));
    }
    await writeFile(join(dir, 'secrets.json'), '{"version":1,"entries":');
    await fileSecretStore(dir).get('x').catch((error: Error) => messages.push(error.message));
    await writeFile(join(dir, 'secrets.key'), 'short');
    await writeFile(join(dir, 'secrets.json'), '{"version":1,"entries":{"x":"v1.a.b.c"}}');
    await fileSecretStore(dir).get('x').catch((error: Error) => messages.push(error.message));
    expect(messages).toHaveLength(6);
    for (const message of messages) {
      expect(message).toMatch(/(secrets file|key file of the secrets file) in the data folder/);
      expect(message).not.toContain(dir);
    }
  });
});

describe('safeStorageSecretStore', () => {
  it('stores through safeStorage and never writes the plaintext', async () => {
    const safe = fakeSafeStorage();
    const store = safeStorageSecretStore(dir, safe);
    await store.set('qbo.tokens', SECRET);
    expect(await store.get('qbo.tokens')).toBe(SECRET);
    expect(await allFilesText()).not.toContain(SECRET);
    expect(store.describe()).toMatch(/keychain/);
  });

  it('refuses to store when encryption is unavailable rather than writing plaintext', async () => {
    const store = safeStorageSecretStore(dir, fakeSafeStorage(false));
    await expect(store.set('qbo.tokens', SECRET)).rejects.toThrow(/no secure storage/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a tampered value clearly', async () => {
    const safe = fakeSafeStorage();
    await safeStorageSecretStore(dir, safe).set('t', SECRET);
    const file = join(dir, 'secrets.safe-storage.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, string> };
    data.entries['t'] = Buffer.from('garbage-garbage-garbage-garbage!').toString('base64');
    await writeFile(file, JSON.stringify(data));
    await expect(safeStorageSecretStore(dir, safe).get('t')).rejects.toThrow(/could not be decrypted/);
  });
});
