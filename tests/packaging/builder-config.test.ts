// electron-builder.yml, read and validated by electron-builder's own code (its config loader and
// the JSON schema it checks configurations against, app-builder-lib's scheme.json), since packaging
// cannot run on the build machines; and the promises the installers make to people.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BACKUP_EXTENSION, BACKUP_MIME_TYPE } from '../../shared/ipc/contract';

// The exact app-builder-lib electron-builder runs with, reached through electron-builder itself.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const builderLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const { getConfig } = builderLib('./out/util/config/load.js') as {
  getConfig: (request: { packageKey: string; configFilename: string; projectDir: string; packageMetadata: null }) => Promise<{ result: Config } | null>;
};
const { validateConfiguration } = builderLib('./out/util/config/config.js') as {
  validateConfiguration: (config: unknown, debugLogger: { isEnabled: boolean }) => Promise<void>;
};

type Config = Record<string, Record<string, unknown> | unknown>;

async function load(): Promise<Config> {
  const read = await getConfig({ packageKey: 'build', configFilename: 'electron-builder', projectDir: process.cwd(), packageMetadata: null });
  if (!read) throw new Error('electron-builder.yml not found');
  return read.result;
}

const noDebug = { isEnabled: false };

describe('electron-builder configuration', () => {
  it('is valid against electron-builder’s schema', async () => {
    await expect(validateConfiguration(await load(), noDebug)).resolves.toBeUndefined();
  });

  it('the same check refuses a misspelt option, so a passing run means something', async () => {
    const config = await load();
    await expect(validateConfiguration({ ...config, nsis: { ...(config['nsis'] as object), perMachin: false } }, noDebug)).rejects.toThrow(/nsis/);
  });

  it('builds a per-user Windows installer, a dmg and an update zip for macOS, and an AppImage and deb for Linux', async () => {
    const config = await load();
    expect(config['win']).toMatchObject({ target: ['nsis'], icon: 'resources/icon.ico' });
    expect(config['nsis']).toMatchObject({ oneClick: true, perMachine: false });
    expect(config['mac']).toMatchObject({ target: ['dmg', 'zip'], icon: 'resources/icon.icns', hardenedRuntime: true, notarize: true });
    expect(config['linux']).toMatchObject({ target: ['AppImage', 'deb'], icon: 'resources/icons' });
    const mac = config['mac'] as { entitlements: string; entitlementsInherit: string };
    for (const file of ['resources/icon.ico', 'resources/icon.icns', 'resources/icons/512x512.png', mac.entitlements, mac.entitlementsInherit]) {
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('associates the exported workspace backup with the app, as the extension and MIME type the app writes and opens', async () => {
    const config = await load();
    expect(config['fileAssociations']).toEqual([
      expect.objectContaining({ ext: BACKUP_EXTENSION, name: 'Track Nexus backup', role: 'Editor', mimeType: BACKUP_MIME_TYPE }),
    ]);
  });

  it('the schema check refuses an association without its extension', async () => {
    const config = await load();
    await expect(validateConfiguration({ ...config, fileAssociations: [{ name: 'Track Nexus backup' }] }, noDebug)).rejects.toThrow(/fileAssociations/);
  });

  it('keeps signing identities and passwords out of the repository (they come from the environment)', async () => {
    const text = JSON.stringify(await load());
    for (const key of ['cscLink', 'cscKeyPassword', 'appleId', 'appleIdPassword', 'teamId', 'certificatePassword', 'token']) {
      expect(text, key).not.toContain(`"${key}"`);
    }
  });
});
