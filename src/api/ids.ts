/** Route 53 resource ids as they appear on the wire: prefixed in bodies, bare or prefixed on input. */
import { apiError } from './errors.ts';

/** The longest id the model allows (ResourceId, max 32). */
const MAX_ID = 32;

/**
 * Strips `/hostedzone/`, `/change/` or `/delegationset/` (SDKs strip them, the CLI may not).
 * Any other spelling is looked up as it is, so an id that names nothing is NoSuch… as in Route
 * 53; only an id longer than the model allows is InvalidInput, with the validation wording of
 * AWS, naming the request `member` (`id`, `hostedZoneId`, `delegationSetId`, …).
 */
export function bareId(id: string, prefix: 'hostedzone' | 'change' | 'delegationset', member = 'id'): string {
  const p = `/${prefix}/`;
  const bare = id.startsWith(p) ? id.slice(p.length) : id;
  if (bare.length > MAX_ID) {
    throw apiError('InvalidInput', `1 validation error detected: Value '${id}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ID}`);
  }
  return bare;
}

export const zoneIdOut = (id: string) => `/hostedzone/${id}`;
export const changeIdOut = (id: string) => `/change/${id}`;
export const delegationSetIdOut = (id: string) => `/delegationset/${id}`;
