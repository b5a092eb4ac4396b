// `npm run deps:check`'s comparison, without the network: which release a package is behind on its
// own major.minor line, and which packages of the lockfile ship to production.
import { describe, expect, it } from 'vitest';
import { latestPatch, parseVersion, productionPackages } from '../../scripts/deps-check';

describe('latestPatch', () => {
  it('names the newest patch of the installed major.minor line, newest by number not by text', () => {
    expect(latestPatch('1.7.2', ['1.7.0', '1.7.2', '1.7.9', '1.7.10', '1.8.0', '2.0.0'])).toBe('1.7.10');
  });

  it('says nothing when the installed version is its line’s newest, whatever newer minors or majors exist', () => {
    expect(latestPatch('9.0.3', ['9.0.0', '9.0.3', '9.1.0', '10.0.0'])).toBeNull();
  });

  it('never counts a prerelease, and skips what is not a version', () => {
    expect(latestPatch('5.1.0', ['5.1.1-beta.1', '5.1.0', 'latest', 'git+https://x'])).toBeNull();
    expect(latestPatch('5.1.0', ['5.1.1-rc.2', '5.1.1'])).toBe('5.1.1');
    expect(latestPatch('not-a-version', ['1.0.0'])).toBeNull();
  });

  it('reads versions with a leading v or build metadata', () => {
    expect(parseVersion('v1.2.3+build.7')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: false });
    expect(parseVersion('1.2')).toBeNull();
  });
});

describe('productionPackages', () => {
  const lock = {
    packages: {
      '': { version: '0.1.0' },
      'node_modules/intuit-oauth': { version: '4.2.5' },
      'node_modules/axios': { version: '1.21.1' },
      'node_modules/get-windows/node_modules/tar': { version: '6.2.1' },
      'node_modules/tar': { version: '7.4.0' },
      'node_modules/vitest': { version: '4.1.12', dev: true },
      'node_modules/fsevents': { version: '2.3.3', devOptional: true },
      'node_modules/linked': { link: true },
    },
  };

  it('takes the direct dependencies at the top of node_modules', () => {
    expect(productionPackages(lock, ['intuit-oauth'], false)).toEqual([{ name: 'intuit-oauth', version: '4.2.5' }]);
  });

  it('with all, every package that ships, each version a nested copy brings, and no dev-only package', () => {
    expect(productionPackages(lock, ['intuit-oauth'], true)).toEqual([
      { name: 'axios', version: '1.21.1' },
      { name: 'intuit-oauth', version: '4.2.5' },
      { name: 'tar', version: '6.2.1' },
      { name: 'tar', version: '7.4.0' },
    ]);
  });
});
