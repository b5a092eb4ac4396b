// FNV-1a, 64-bit, over UTF-8. Not cryptographic: it only has to give the same key for the same
// source row on every machine, and 64 bits keep accidental collisions negligible for a time log.
// Pure TypeScript because shared/ runs in the renderer too (no Node crypto).

import { utf8Bytes } from '../utf8';

const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fnv1a64(text: string): string {
  let hash = OFFSET_BASIS;
  for (const byte of utf8Bytes(text)) {
    hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
export const hash64 = fnv1a64; // TEMP
