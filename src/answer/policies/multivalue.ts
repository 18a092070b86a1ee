/**
 * Multivalue answer routing (route53.md 5): up to 8 healthy members, a random 8 when there are
 * more; when none is healthy, up to 8 of all. Chosen indexes go to `out`, in random order.
 */
import type { Member } from '../../zone/policy-group.ts';

/** Most members one multivalue answer carries. */
export const MULTIVALUE_MAX = 8;

/** Writes the chosen member indexes to `out` (room for every member); returns how many. */
export function selectMultivalue(members: Member[], healthy: Uint8Array, rng: () => number, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < members.length; i++) if (healthy[i] !== 0) out[n++] = i;
  if (n === 0) for (let i = 0; i < members.length; i++) out[n++] = i;
  // A partial Fisher-Yates shuffle: the first min(n, 8) places get a uniform random sample.
  const take = n < MULTIVALUE_MAX ? n : MULTIVALUE_MAX;
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return take;
}
