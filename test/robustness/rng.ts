/** A seeded random source for the robustness corpus (mulberry32): same seed, same packets. */
export type Rng = { next(): number; int(n: number): number; bytes(n: number): Buffer };

/** Returns a generator whose numbers depend only on `seed`. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(256))) };
}
