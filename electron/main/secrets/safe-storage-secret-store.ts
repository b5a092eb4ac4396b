// Secrets in the desktop app: each value encrypted by Electron's safeStorage (Keychain on macOS,
// DPAPI on Windows, libsecret/kwallet on Linux). safeStorage is passed in as a small interface so
// this file never imports electron and runs in plain Node under test.
import { join } from 'node:path';
import type { SecretStore } from '../ports';
import { cipherFileStore } from './cipher-file';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageSecretStore(dir: string, safeStorage: SafeStorageLike): SecretStore {
  return cipherFileStore(
    join(dir, 'secrets.safe-storage.json'),
    {
      encrypt(_name, plaintext) {
        // Writing tokens in plaintext would be worse than not connecting: refuse, and say why.
        if (!safeStorage.isEncryptionAvailable()) {
          throw new Error(
            'This computer offers no secure storage for the QuickBooks connection (no OS keychain is available), so it was not saved. Unlock or install a keyring and try again.',
          );
        }
        return safeStorage.encryptString(plaintext).toString('base64');
      },
      decrypt(_name, stored) {
        if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available');
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      },
    },
    "Encrypted with this computer's keychain (Electron safeStorage)",
  );
}
