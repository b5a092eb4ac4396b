// Secrets for the browser harness and tests, where there is no OS keychain: AES-256-GCM with a
// random key kept in a 0600 file beside the data. It protects against a copied secrets file or a
// backup, not against someone who can read the whole data folder; describe() says so in Settings.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../ports';
import { cipherFileStore } from './cipher-file';

const KEY_BYTES = 32;
const IV_BYTES = 12;

async function loadOrCreateKey(dir: string): Promise<Buffer> {
  const file = join(dir, 'secrets.key');
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // 'wx' fails if the file exists, so two processes starting together cannot overwrite each other's key.
    const key = randomBytes(KEY_BYTES);
    await writeFile(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyFileError(error);
  }
  const key = await readFile(file).catch((error: unknown) => Promise.reject(keyFileError(error)));
  if (key.length !== KEY_BYTES) throw new Error(`The key file of the secrets file in the data folder is damaged (expected ${KEY_BYTES} bytes).`);
  return key;
}

/** Node's file errors carry the absolute path in their message; the user is told which file in words. */
function keyFileError(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new Error(
    `Track Nexus could not read or create the key file of the secrets file in the data folder (${code}). Check that the data folder belongs to you and the disk is not full, then try again.`,
    { cause: error },
  );
}

export function fileSecretStore(dir: string): SecretStore {
  let key: Promise<Buffer> | null = null;
  const getKey = () => (key ??= loadOrCreateKey(dir).catch((error: unknown) => {
    key = null;
    throw error;
  }));
  return cipherFileStore(
    join(dir, 'secrets.json'),
    {
      async encrypt(name, plaintext) {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', await getKey(), iv);
        // The entry's name is authenticated too, so a ciphertext moved to another name fails to open.
        cipher.setAAD(Buffer.from(name, 'utf8'));
        const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
        return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
      },
      async decrypt(name, stored) {
        const [version, iv, tag, data] = stored.split('.');
        if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown format');
        const decipher = createDecipheriv('aes-256-gcm', await getKey(), Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(name, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      },
    },
    'Encrypted with a key file on this computer (browser harness)',
  );
}
