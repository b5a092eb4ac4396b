import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash64 } from '../../../shared/csv/hash';
import { utf8Bytes } from '../../../shared/utf8';

/** FNV-1a 64 as the definition states it, on BigInt: what import keys were hashed with before. */
function hashByDefinition(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of utf8Bytes(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

describe('hash64', () => {
  it('is FNV-1a 64: it matches the published test vectors', () => {
    expect(hash64('')).toBe('cbf29ce484222325');
    expect(hash64('a')).toBe('af63dc4c8601ec8c');
    expect(hash64('foobar')).toBe('85944171f73967e8');
  });
  it('gives the keys the definition gives, for any text (so rows imported before keep their keys)', () => {
    expect(hash64('2024-03-04\u001fAcme, Inc.\u001f€ 120\u001e0')).toBe(hashByDefinition('2024-03-04\u001fAcme, Inc.\u001f€ 120\u001e0'));
    // Lone halves of a surrogate pair are hashed as U+FFFD, as TextEncoder writes them.
    expect(hash64('a\ud800b')).toBe(hash64('a\ufffdb'));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })), (text) => {
        expect(hash64(text)).toBe(hashByDefinition(text));
      }),
      { numRuns: 500 },
    );
  });

  it('gives 200,000 different rows 200,000 different keys', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200_000; i++) keys.add(hash64(`Dana\u001fProject ${i % 50}\u001fRow ${i}\u001e0`));
    expect(keys.size).toBe(200_000);
  });
});
