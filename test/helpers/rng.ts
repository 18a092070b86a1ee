/** A seeded random source for tests (mulberry32): the very generator `--seed` gives the routing policies. */
export { seededRng } from '../../src/answer/rng.ts';
