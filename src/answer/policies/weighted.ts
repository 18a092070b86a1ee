/**
 * Weighted routing (route53.md 5): one member, with probability weight / sum of weights among the
 * healthy members with a non-zero weight; when none, the healthy zero-weight members with equal
 * chances; when no member is healthy, all take part again (rule 4). All weights 0: equal chances.
 */
import type { Member } from '../../zone/policy-group.ts';

function weightOf(m: Member): number {
  return m.routing.weight ?? 0;
}

/** Draws one member among those `take` admits: by weight when any has one, else uniformly. */
function draw(members: Member[], healthy: Uint8Array, onlyHealthy: boolean, rng: () => number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < members.length; i++) {
    if (onlyHealthy && healthy[i] === 0) continue;
    sum += weightOf(members[i]!);
    count++;
  }
  if (count === 0) return -1;
  if (sum > 0) {
    let r = rng() * sum;
    for (let i = 0; i < members.length; i++) {
      if (onlyHealthy && healthy[i] === 0) continue;
      const w = weightOf(members[i]!);
      if (w === 0) continue;
      if (r < w) return i;
      r -= w;
    }
    // Rounding can leave r just past the last weight: the last non-zero member.
    for (let i = members.length - 1; i >= 0; i--) if ((!onlyHealthy || healthy[i] !== 0) && weightOf(members[i]!) > 0) return i;
  }
  let k = Math.floor(rng() * count);
  for (let i = 0; i < members.length; i++) {
    if (onlyHealthy && healthy[i] === 0) continue;
    if (k-- === 0) return i;
  }
  return -1;
}

/** Returns the index of the chosen member (-1 for an empty group). */
export function selectWeighted(members: Member[], healthy: Uint8Array, rng: () => number): number {
  const chosen = draw(members, healthy, true, rng);
  return chosen >= 0 ? chosen : draw(members, healthy, false, rng);
}
