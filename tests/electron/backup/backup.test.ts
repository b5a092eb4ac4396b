// Main's side of backups, through the real router: the daily backup keeps seven, today's replaces
// an earlier one of the same day, workspace files go out and back by an allow-list, and a secret in
// the SecretStore never reaches a backup's text.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import { createRepos } from '../../../renderer/src/db/repos';
import { openTestDb } from '../../renderer/db/helpers';
import { composeTestMain } from '../compose-test-main';

const DAY = 24 * 60 * 60 * 1000;
let closing: (() => Promise<void>) | null = null;
afterEach(async () => {
  await closing?.();
  closing = null;
});

function testMain(start = Date.UTC(2026, 0, 15, 14, 0)) {
  const clock = { now: start };
  const t = composeTestMain(() => clock.now);
  closing = t.close;
  const call = async (channel: string, payload?: unknown) => {
    const r = await t.main.router.dispatch(channel, payload);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Record<string, unknown>;
  };
  return { ...t, clock, call };
}

describe('daily backups', () => {
  it('backs up once a day and keeps the last seven, deleting older ones', async () => {
    const t = testMain();
    for (let day = 0; day < 10; day++) {
      expect((await t.call('backup:getStatus'))['due']).toBe(true);
      const status = await t.call('backup:saveToday', { text: `{"day":${day}}` });
      expect(status).toMatchObject({ due: false, lastBackupAt: t.clock.now, keep: 7 });
      t.clock.now += DAY;
    }
    const folder = join(t.dataDir, 'backups');
    expect(readdirSync(folder).sort()).toEqual(['18', '19', '20', '21', '22', '23', '24'].map((d) => `track-nexus-2026-01-${d}.json`));
    expect(readFileSync(join(folder, 'track-nexus-2026-01-24.json'), 'utf8')).toBe('{"day":9}');
  });

  it('a second backup the same day replaces the first', async () => {
    const t = testMain();
    await t.call('backup:saveToday', { text: '{"n":1}' });
    t.clock.now += 60_000;
    await t.call('backup:saveToday', { text: '{"n":2}' });
    expect(readdirSync(join(t.dataDir, 'backups'))).toEqual(['track-nexus-2026-01-15.json']);
    expect((await t.call('backup:getStatus'))['lastBackupAt']).toBe(t.clock.now);
  });
});

describe('workspace files', () => {
  it('never puts a QuickBooks token or the Web Connector password into a backup', async () => {
    const t = testMain();
    const secrets = fileSecretStore(t.dataDir);
    await secrets.set('qbo.connection.c1', 'TOKEN-aW5zZWNyZXQ');
    await secrets.set('qbd.password.d1', 'HASH-c2VjcmV0aGFzaA');
    writeFileSync(join(t.dataDir, 'qbo-companies.json'), '{"companies":[{"id":"c1","name":"Acme"}]}');
    mkdirSync(join(t.dataDir, 'qbd'));
    writeFileSync(join(t.dataDir, 'qbd', 'd1.json'), '{"journal":[]}');
    const { files, appVersion } = (await t.call('backup:readFiles')) as { files: Record<string, string>; appVersion: string };
    expect(Object.keys(files).sort()).toEqual(['qbd/d1.json', 'qbo-companies.json']);
    const { db } = await openTestDb({ name: 'secret-check' });
    const text = await createRepos(db).backup.exportText(files, appVersion);
    expect(text).toContain('Acme');
    // The app that made it is named, so an older app refusing it can say which version to get.
    expect(JSON.parse(text)).toMatchObject({ appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(text).not.toMatch(/TOKEN-aW5zZWNyZXQ|HASH-c2VjcmV0aGFzaA/);
  });

  it('restores allowed files and refuses a set holding any other file, writing none of it', async () => {
    const t = testMain();
    const refused = await t.main.router.dispatch('backup:restoreFiles', { files: { 'qbo-companies.json': '{}', 'secrets.json': '{}' } });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not restore \(secrets.json\). Nothing was written/) } });
    expect(existsSync(join(t.dataDir, 'qbo-companies.json'))).toBe(false);
    const sneaky = await t.main.router.dispatch('backup:restoreFiles', { files: { '../outside.json': '{}' } });
    expect(sneaky.ok).toBe(false);
    await t.call('backup:restoreFiles', { files: { 'qbo-companies.json': '{"companies":[]}', 'qbd/d1.json': '{"journal":[]}' } });
    expect(readFileSync(join(t.dataDir, 'qbd', 'd1.json'), 'utf8')).toBe('{"journal":[]}');
  });
});
