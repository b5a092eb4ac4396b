// hash64: FNV-1a, 64-bit, over UTF-8, as 16 hex digits. Not cryptographic: it only has to give
// the same key for the same source row on every machine, and 64 bits keep accidental collisions
// negligible for a time log.
// Pure TypeScript because shared/ runs in the renderer too (no Node crypto).
//
// A preview hashes every row of the file, so this avoids BigInt (a second per 100,000 rows): the
// 64-bit state is four 16-bit limbs, and the prime 2^40 + 0x1b3 is a multiply by 0x1b3 plus the
// low limbs shifted up by 40 bits, with carries between limbs. Same values as the definition.

let buffer = new Uint8Array(1024);

export function hash64(text: string): string {
  const length = encodeUtf8(text);
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (let i = 0; i < length; i++) {
    v0 ^= buffer[i]!;
    const t0 = v0 * 0x1b3;
    const t1 = v1 * 0x1b3 + (t0 >>> 16);
    const t2 = v2 * 0x1b3 + (v0 << 8) + (t1 >>> 16);
    v3 = (v3 * 0x1b3 + (v1 << 8) + (t2 >>> 16)) & 0xffff;
    v0 = t0 & 0xffff;
    v1 = t1 & 0xffff;
    v2 = t2 & 0xffff;
  }
  return [v3, v2, v1, v0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/** Writes the text's UTF-8 bytes to `buffer` and returns their count. Lone surrogates become U+FFFD, as TextEncoder does. */
function encodeUtf8(text: string): number {
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      buffer[n++] = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (cp <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else cp = 0xfffd;
    }
    if (cp < 0x800) {
      buffer[n++] = 0xc0 | (cp >> 6);
    } else if (cp < 0x10000) {
      buffer[n++] = 0xe0 | (cp >> 12);
      buffer[n++] = 0x80 | ((cp >> 6) & 63);
    } else {
      buffer[n++] = 0xf0 | (cp >> 18);
      buffer[n++] = 0x80 | ((cp >> 12) & 63);
      buffer[n++] = 0x80 | ((cp >> 6) & 63);
    }
    buffer[n++] = 0x80 | (cp & 63);
  }
  return n;
}
