// The committed platform icons (made by scripts/make-icons.ts from resources/icon.png) are what
// their names claim, so a packaged app shows its icon in the taskbar, Dock and launcher.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../resources');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('platform icons', () => {
  it('Linux has a PNG of each size, named NxN.png and exactly that size', () => {
    const names = readdirSync(resolve(dir, 'icons')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual(['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png']);
    for (const name of names) {
      const n = parseInt(name);
      expect(pngSize(readFileSync(resolve(dir, 'icons', name))), name).toEqual({ width: n, height: n });
    }
  });

  it('Windows has an .ico holding 16 to 256 px images whose headers match their contents', () => {
    const ico = readFileSync(resolve(dir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const at = 6 + 16 * i;
      const size = ico[at] || 256;
      expect(ico[at + 1] || 256).toBe(size);
      const body = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      if (body.subarray(0, 8).equals(PNG)) expect(pngSize(body)).toEqual({ width: size, height: size });
      else expect([body.readUInt32LE(0), body.readInt32LE(4), body.readInt32LE(8), body.readUInt16LE(14)]).toEqual([40, size, size * 2, 32]);
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('macOS has an .icns whose entries are PNGs of the sizes their types stand for', () => {
    const icns = readFileSync(resolve(dir, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512 };
    const seen: string[] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.toString('latin1', at, at + 4), length = icns.readUInt32BE(at + 4);
      const n = expected[type];
      expect(n, `unexpected type ${type}`).toBeDefined();
      expect(pngSize(icns.subarray(at + 8, at + length)), type).toEqual({ width: n, height: n });
      seen.push(type);
      at += length;
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });
});
