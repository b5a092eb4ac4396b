// Makes every platform's app icon from resources/icon.png, in pure Node (zlib only): PNGs for Linux
// in resources/icons/NxN.png, resources/icon.ico for Windows and resources/icon.icns for macOS.
// Run by hand after changing icon.png (`npx tsx scripts/make-icons.ts`); the results are committed
// because packaging reads them and tests/packaging/icons.test.ts checks each is what it claims.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';

/** 8-bit RGBA, row after row. */
interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** Apple's PNG-holding icon types and their pixel sizes (ic11–ic14 are the @2x ones). */
const ICNS_TYPES: ReadonlyArray<[string, number]> = [
  ['icp4', 16], ['icp5', 32], ['ic11', 32], ['ic12', 64], ['ic07', 128],
  ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512],
];

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Long because it is one PNG decoder: chunks, the five row filters, and 8/16-bit RGB(A) samples. */
function decodePng(file: Buffer): Rgba {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let width = 0, height = 0, depth = 0, colour = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4); depth = body[8]!; colour = body[9]!;
      if (body[12] !== 0) throw new Error('interlaced PNGs are not supported');
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
  if (!channels || (depth !== 8 && depth !== 16)) throw new Error('only 8- or 16-bit RGB(A) PNGs are supported');
  const bpp = (channels * depth) / 8;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = rows.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0, b = up[i]!, c = i >= bpp ? up[i - bpp]! : 0;
      row[i] = (src[i]! + [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  const step = depth / 8;
  for (let p = 0; p < width * height; p++) {
    for (let ch = 0; ch < 4; ch++) {
      data[p * 4 + ch] = ch < channels ? rows[(p * channels + ch) * step]! : 255;
    }
  }
  return { width, height, data };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 8 + body.length);
  return out;
}

function encodePng({ width, height, data }: Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6; // 8-bit RGBA, deflate, no filter method quirks, not interlaced
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(data.buffer, data.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Each output pixel is the area-weighted average of the source pixels it covers (alpha-weighted). */
function resize(src: Rgba, size: number): Rgba {
  const weights = (from: number) => Array.from({ length: size }, (_, o) => {
    const start = (o * from) / size, end = ((o + 1) * from) / size;
    const taps: Array<[number, number]> = [];
    for (let i = Math.floor(start); i < Math.ceil(end); i++) taps.push([i, Math.min(end, i + 1) - Math.max(start, i)]);
    return taps;
  });
  const wx = weights(src.width), wy = weights(src.height);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const sum = [0, 0, 0, 0];
    let area = 0;
    for (const [sy, fy] of wy[y]!) for (const [sx, fx] of wx[x]!) {
      const at = (sy * src.width + sx) * 4, w = fx * fy, alpha = src.data[at + 3]! * w;
      for (let ch = 0; ch < 3; ch++) sum[ch]! += src.data[at + ch]! * alpha;
      sum[3]! += alpha;
      area += w;
    }
    const out = (y * size + x) * 4;
    for (let ch = 0; ch < 3; ch++) data[out + ch] = sum[3]! ? Math.round(sum[ch]! / sum[3]!) : 0;
    data[out + 3] = Math.round(sum[3]! / area);
  }
  return { width: size, height: size, data };
}

/** A 32-bit BGRA bitmap entry (what every Windows version reads) with its all-opaque AND mask. */
function icoBitmap({ width, height, data }: Rgba): Buffer {
  const maskStride = Math.ceil(width / 32) * 4;
  const out = Buffer.alloc(40 + width * height * 4 + maskStride * height);
  out.writeUInt32LE(40, 0); out.writeInt32LE(width, 4); out.writeInt32LE(height * 2, 8);
  out.writeUInt16LE(1, 12); out.writeUInt16LE(32, 14);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const from = (y * width + x) * 4, to = 40 + ((height - 1 - y) * width + x) * 4;
    out[to] = data[from + 2]!; out[to + 1] = data[from + 1]!; out[to + 2] = data[from]!; out[to + 3] = data[from + 3]!;
  }
  return out;
}

/** ICO: bitmaps below 256 px, a PNG at 256 (Windows Vista and later read PNG entries). */
function ico(images: Rgba[]): Buffer {
  const bodies = images.map((img) => (img.width >= 256 ? encodePng(img) : icoBitmap(img)));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2); header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((img, i) => {
    const at = 6 + 16 * i;
    header[at] = img.width % 256; header[at + 1] = img.height % 256; // 0 means 256
    header.writeUInt16LE(1, at + 4); header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(bodies[i]!.length, at + 8); header.writeUInt32LE(offset, at + 12);
    offset += bodies[i]!.length;
  });
  return Buffer.concat([header, ...bodies]);
}

function icns(entries: Array<[string, Buffer]>): Buffer {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function main(): void {
  const dir = resolve(import.meta.dirname, '..', 'resources');
  const source = decodePng(readFileSync(resolve(dir, 'icon.png')));
  if (source.width !== source.height || source.width < 512) throw new Error('resources/icon.png must be square and at least 512×512');
  const sized = new Map<number, Rgba>();
  const at = (n: number) => sized.get(n) ?? sized.set(n, resize(source, n)).get(n)!;
  mkdirSync(resolve(dir, 'icons'), { recursive: true });
  for (const n of LINUX_SIZES) writeFileSync(resolve(dir, 'icons', `${n}x${n}.png`), encodePng(at(n)));
  writeFileSync(resolve(dir, 'icon.ico'), ico(ICO_SIZES.map(at)));
  writeFileSync(resolve(dir, 'icon.icns'), icns(ICNS_TYPES.map(([type, n]) => [type, encodePng(at(n))])));
  console.log(`Wrote resources/icons/{${LINUX_SIZES.join(',')}}, icon.ico (${ICO_SIZES.join(', ')}) and icon.icns (${ICNS_TYPES.map(([t]) => t).join(', ')}).`);
}

main();
