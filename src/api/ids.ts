/** Route 53 resource ids as they appear on the wire: prefixed in bodies, bare or prefixed on input. */
import { apiError } from './errors.ts';

/** Strips `/hostedzone/`, `/change/` or `/delegationset/` (SDKs strip them, the CLI may not). */
export function bareId(id: string, prefix: 'hostedzone' | 'change' | 'delegationset'): string {
  const p = `/${prefix}/`;
  const bare = id.startsWith(p) ? id.slice(p.length) : id;
  if (!/^[A-Z0-9]{1,32}$/.test(bare)) throw apiError('InvalidInput', `${prefix} id "${id}" is not valid`);
  return bare;
}

export const zoneIdOut = (id: string) => `/hostedzone/${id}`;
export const changeIdOut = (id: string) => `/change/${id}`;
export const delegationSetIdOut = (id: string) => `/delegationset/${id}`;
