/**
 * Failover routing (route53.md 5): the PRIMARY while it is healthy, else a healthy SECONDARY;
 * when both are unhealthy, the PRIMARY (rule 4). A group with one side answers with it.
 */
import type { Member } from '../../zone/policy-group.ts';

/** Returns the index of the chosen member (-1 for an empty group). */
export function selectFailover(members: Member[], healthy: Uint8Array): number {
  let primary = -1;
  let secondary = -1;
  for (let i = 0; i < members.length; i++) {
    if (members[i]!.routing.failover === 'PRIMARY') primary = i;
    else secondary = i;
  }
  if (primary >= 0 && healthy[primary] !== 0) return primary;
  if (secondary >= 0 && healthy[secondary] !== 0) return secondary;
  return primary >= 0 ? primary : secondary;
}
