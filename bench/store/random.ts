// A small seeded PRNG (mulberry32) so every run generates the same year and picks the same days.
import { seededRandom, type Random } from '../../shared/random';

export { seededRandom, type Random };

export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const between = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
