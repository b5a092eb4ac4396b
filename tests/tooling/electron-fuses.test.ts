// The packaged app's Electron fuses, read from electron-builder.yml without the Electron binary and
// checked against the schema electron-builder validates its configuration with (app-builder-lib's
// scheme.json), so a misspelt fuse or option fails here instead of being refused at packaging time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const yml = readFileSync('electron-builder.yml', 'utf8');
const scheme = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { additionalProperties: boolean; properties: Record<string, { type?: string }> } };
};

/** The top-level keys of the YAML file (lines that start with a name and a colon). */
const topLevelKeys = () => [...yml.matchAll(/^([A-Za-z][\w-]*):/gm)].map((m) => m[1]!);

/** The `electronFuses:` block as an object: its indented `name: value` lines, comments left out. */
function fuses(): Record<string, boolean | string> {
  const lines = yml.split(/\r?\n/);
  const start = lines.indexOf('electronFuses:');
  if (start === -1) return {};
  const block: Record<string, boolean | string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/.test(line) && line.trim() !== '') break;
    const m = /^\s+(\w+):\s*(\S+)\s*(#.*)?$/.exec(line);
    if (m) block[m[1]!] = m[2] === 'true' ? true : m[2] === 'false' ? false : m[2]!;
  }
  return block;
}

describe('electron-builder.yml', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and turns on cookie encryption, asar integrity and asar-only loading', () => {
    expect(fuses()).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('uses only options and fuses electron-builder knows, each of the type it takes', () => {
    expect(topLevelKeys().filter((key) => !(key in scheme.properties))).toEqual([]);
    const known = scheme.definitions.FuseOptionsV1;
    expect(known.additionalProperties).toBe(false);
    for (const [name, value] of Object.entries(fuses())) {
      expect(known.properties[name], `fuse ${name}`).toBeDefined();
      expect(typeof value, `fuse ${name}`).toBe(known.properties[name]!.type);
    }
  });
});
