/** A seeded random source for the robustness corpus (mulberry32): same seed, same packets. */
import { seededRng } from '../helpers/rng.ts';

export type Rng = { next(): number; int(n: number): number; bytes(n: number): Buffer };

/** Returns a generator whose numbers depend only on `seed`. */
export function createRng(seed: number): Rng {
  const next = seededRng(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(256))) };
}
