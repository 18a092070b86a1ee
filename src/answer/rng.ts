/**
 * Random numbers for routing policies: Math.random by default, or a seeded generator
 * (mulberry32) so that weighted and multivalue draws are reproducible in test pipelines (--seed).
 */

/** Returns a generator of numbers in [0, 1) from a 32-bit seed. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
