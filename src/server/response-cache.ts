/**
 * Pre-encoded responses for one compiled zone, so a repeated question costs a map lookup and a
 * copy. Responses live back to back in one growing byte arena; a map per qtype holds, for each
 * qname key, a small integer that packs the response's arena offset and length. That keeps a
 * lookup to three memory touches (map slot, key, bytes), which is what a random name costs.
 *
 * The cache belongs to one ZoneIndex and dies with it, so it never serves stale data.
 */
import type { LowerName } from '../dns/index.ts';

/** Longest response kept (bytes); longer ones are encoded each time. */
export const MAX_CACHED_RESPONSE = 1023;
/** Arena size limit: offsets are stored in units of 8 bytes in 20 bits. */
const MAX_ARENA = 8 * 1024 * 1024;

export type ResponseCache = {
  byType: Map<number, Map<LowerName, number>>;
  arena: Uint8Array;
  used: number;
};

/** Returns an empty cache. */
export function createResponseCache(): ResponseCache {
  return { byType: new Map(), arena: new Uint8Array(64 * 1024), used: 0 };
}

/** Returns the packed slot (offset / 8 * 1024 + length) of a cached response, or -1. */
export function findResponse(cache: ResponseCache, qtype: number, key: LowerName): number {
  const names = cache.byType.get(qtype);
  if (names === undefined) return -1;
  const slot = names.get(key);
  return slot === undefined ? -1 : slot;
}

/** Byte offset of a packed slot. */
export function slotOffset(slot: number): number {
  return (slot >>> 10) << 3;
}

/** Length of a packed slot. */
export function slotLength(slot: number): number {
  return slot & 1023;
}

/** Stores a response; returns false when it is too long or the arena is full. */
export function storeResponse(cache: ResponseCache, qtype: number, key: LowerName, bytes: Uint8Array, length: number): boolean {
  if (length > MAX_CACHED_RESPONSE) return false;
  const offset = (cache.used + 7) & ~7;
  if (offset + length > MAX_ARENA) return false;
  if (offset + length > cache.arena.length) {
    const bigger = new Uint8Array(Math.min(MAX_ARENA, Math.max(cache.arena.length * 2, offset + length)));
    bigger.set(cache.arena.subarray(0, cache.used));
    cache.arena = bigger;
  }
  cache.arena.set(bytes.subarray(0, length), offset);
  cache.used = offset + length;
  let names = cache.byType.get(qtype);
  if (!names) cache.byType.set(qtype, (names = new Map()));
  names.set(key, ((offset >>> 3) << 10) | length);
  return true;
}
