/**
 * The per-prefix cache of client places: one table per family, keyed by the client's IPv4 /24 or
 * IPv6 /56 (RFC 7871 11.1's recommended ECS source prefixes, so that a resolver following the RFC
 * costs one entry per subnet it reports). The tables are 2-way set associative: a key hashes to a
 * pair of slots (s, s+1); a new key goes into s and the key it displaces moves to s+1, evicting
 * the pair's older key. So two busy prefixes that hash alike do not evict each other, the size is
 * fixed, and a lookup never allocates: keys live in typed arrays and a hit returns the very
 * object stored.
 */
import type { ClientPlace } from './place.ts';

/** Prefix lengths of the cache keys. */
export const KEY_BITS = { 4: 24, 6: 56 } as const;

/** A stored miss: the address is in no database. */
export const NOWHERE = null;

/** The cache; `get` returns the stored place, NOWHERE, or undefined when the prefix is not cached. */
export type PlaceCache = {
  get(family: 4 | 6, a: Uint8Array): ClientPlace | typeof NOWHERE | undefined;
  set(family: 4 | 6, a: Uint8Array, place: ClientPlace | typeof NOWHERE): void;
  readonly size: number;
};

/** Returns an empty cache of 2^bits slots per family (bits >= 1). */
export function createPlaceCache(bits = 16): PlaceCache {
  const size = 1 << bits;
  const shift = 32 - bits;
  const v4Keys = new Int32Array(size).fill(-1); // the 24-bit key; -1 = empty
  const v4Places: (ClientPlace | null)[] = new Array<ClientPlace | null>(size).fill(null);
  const v6Hi = new Int32Array(size); // bytes 0-3
  const v6Lo = new Int32Array(size).fill(-1); // bytes 4-6; -1 = empty
  const v6Places: (ClientPlace | null)[] = new Array<ClientPlace | null>(size).fill(null);
  const key4 = (a: Uint8Array) => (a[0]! << 16) | (a[1]! << 8) | a[2]!;
  const hi6 = (a: Uint8Array) => (a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!;
  const lo6 = (a: Uint8Array) => (a[4]! << 16) | (a[5]! << 8) | a[6]!;
  // The even slot of the key's pair; the pair is (s, s ^ 1).
  const slot4 = (k: number) => (Math.imul(k, 0x9e3779b1) >>> shift) & ~1;
  const slot6 = (hi: number, lo: number) => (Math.imul(hi ^ Math.imul(lo, 0x85ebca6b), 0x9e3779b1) >>> shift) & ~1;
  return {
    size,
    get(family, a) {
      if (family === 4) {
        const k = key4(a);
        const s = slot4(k);
        if (v4Keys[s] === k) return v4Places[s] as ClientPlace | null;
        return v4Keys[s ^ 1] === k ? v4Places[s ^ 1] as ClientPlace | null : undefined;
      }
      const hi = hi6(a);
      const lo = lo6(a);
      const s = slot6(hi, lo);
      if (v6Lo[s] === lo && v6Hi[s] === hi) return v6Places[s] as ClientPlace | null;
      return v6Lo[s ^ 1] === lo && v6Hi[s ^ 1] === hi ? v6Places[s ^ 1] as ClientPlace | null : undefined;
    },
    set(family, a, place) {
      if (family === 4) {
        const k = key4(a);
        const s = slot4(k);
        v4Keys[s ^ 1] = v4Keys[s]!;
        v4Places[s ^ 1] = v4Places[s]!;
        v4Keys[s] = k;
        v4Places[s] = place;
        return;
      }
      const hi = hi6(a);
      const lo = lo6(a);
      const s = slot6(hi, lo);
      v6Hi[s ^ 1] = v6Hi[s]!;
      v6Lo[s ^ 1] = v6Lo[s]!;
      v6Places[s ^ 1] = v6Places[s]!;
      v6Hi[s] = hi;
      v6Lo[s] = lo;
      v6Places[s] = place;
    },
  };
}
