// FNV-1a, 64-bit, over UTF-8. Not cryptographic: it only has to give the same key for the same
// source row on every machine, and 64 bits keep accidental collisions negligible for a time log.
// Pure TypeScript because shared/ runs in the renderer too (no Node crypto).
//
// A preview hashes every row of the file, so the 64-bit state is kept in two 32-bit halves and
// multiplied with integer maths (BigInt per byte took a second per 100,000 rows). The prime is
// 2^40 + 0x1b3: the low half times 0x1b3 is exact in a double (under 2^41), its carry and the
// low half shifted by 40 bits go into the high half. Same values as the textbook definition.

const PRIME_LOW = 0x1b3;
const TWO_32 = 0x1_0000_0000;

export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const mix = (byte: number) => {
    const x = (lo ^ byte) >>> 0;
    const low = x * PRIME_LOW;
    hi = (Math.imul(hi, PRIME_LOW) + Math.floor(low / TWO_32) + (x << 8)) >>> 0;
    lo = low >>> 0;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    // A lone surrogate is U+FFFD, as TextEncoder writes it.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) mix(cp);
    else if (cp < 0x800) {
      mix(0xc0 | (cp >> 6));
      mix(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      mix(0xe0 | (cp >> 12));
      mix(0x80 | ((cp >> 6) & 63));
      mix(0x80 | (cp & 63));
    } else {
      mix(0xf0 | (cp >> 18));
      mix(0x80 | ((cp >> 12) & 63));
      mix(0x80 | ((cp >> 6) & 63));
      mix(0x80 | (cp & 63));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
