/**
 * What the routing stage knows about one query: the client (its address, from the EDNS Client
 * Subnet option or the packet's source), the services it may consult (geolocation, latency,
 * external alias addresses: all in-memory snapshots), the health snapshot and the rng. One
 * context object is reused for every query a responder answers; resetContext() prepares it.
 */
import type { HealthSnapshot } from './health.ts';
import type { Trace } from './trace.ts';

/** Where a client is, as a geolocation database places it (codes are '' when unknown). */
export type Place = {
  continent: string;
  country: string;
  subdivision: string;
  latitude: number;
  longitude: number;
  /** Length of the database network that answered (the ECS scope of a geo decision). */
  prefixLength: number;
};

/** The in-memory services policies read; each may be absent (then the policy falls back). */
export type Services = {
  locate?: (family: 4 | 6, address: Uint8Array) => Place | undefined;
  /** Latency in ms from the client (its place, or its address for measured network rows) to an AWS Region. */
  latencyMs?: (place: Place | undefined, region: string, family: 0 | 4 | 6, address: Uint8Array) => number;
  regionAt?: (region: string) => { latitude: number; longitude: number } | undefined;
  /** Last good addresses of an external alias target (undefined: none known yet). */
  external?: (name: string, qtype: number) => { rdatas: readonly Uint8Array[]; ttl: number } | undefined;
};

export type Context = {
  services: Services;
  health: HealthSnapshot;
  /** Returns a number in [0, 1). */
  rng: () => number;
  /** 0 when the client's address is unknown. */
  family: 0 | 4 | 6;
  /** 16 bytes; the first 4 for IPv4. Bits past `sourcePrefix` are zero. */
  address: Uint8Array;
  sourcePrefix: number;
  /** True when the address came from an EDNS Client Subnet option. */
  fromEcs: boolean;
  /** The client's place, once located (undefined: not looked up yet or unknown; see `located`). */
  place: Place | undefined;
  located: boolean;
  /** What the choices were: a number naming them (answers with equal signatures are equal), or -1 when the answer must not be reused. */
  signature: number;
  /** ECS scope prefix length the decisions used (RFC 7871 7.2.1); 0 when none depended on the client. */
  scope: number;
  /** Explanations, only when asked for (explain, TestDNSAnswer); never on the query path. */
  trace: Trace[] | undefined;
};

/** Returns a fresh context (one per responder). */
export function createContext(services: Services, rng: () => number): Context {
  return {
    services, health: new Map(), rng, family: 0, address: new Uint8Array(16), sourcePrefix: 0, fromEcs: false,
    place: undefined, located: false, signature: 0, scope: 0, trace: undefined,
  };
}

/** Prepares `c` for a query from `family`/`address` (copied, masked to `prefix`). */
export function resetContext(c: Context, health: HealthSnapshot, family: 0 | 4 | 6, address: Uint8Array | undefined, prefix: number, fromEcs: boolean): void {
  c.health = health;
  c.family = family;
  c.fromEcs = fromEcs;
  c.sourcePrefix = prefix;
  c.place = undefined;
  c.located = false;
  c.signature = 0;
  c.scope = 0;
  const a = c.address;
  const n = family === 4 ? 4 : 16;
  for (let i = 0; i < 16; i++) {
    let b = address !== undefined && i < n && i < address.length ? address[i]! : 0;
    const bitsLeft = prefix - i * 8;
    if (bitsLeft <= 0) b = 0;
    else if (bitsLeft < 8) b &= (0xff << (8 - bitsLeft)) & 0xff;
    a[i] = b;
  }
}

/** Returns the client's place (looked up once per query; the lookup itself is cached per prefix). */
export function placeOf(c: Context): Place | undefined {
  if (!c.located) {
    c.located = true;
    c.place = c.family !== 0 && c.services.locate ? c.services.locate(c.family, c.address) : undefined;
  }
  return c.place;
}

/** Notes that the answer depends on where the client is, to `length` bits. */
export function useScope(c: Context, length: number): void {
  if (length > c.scope) c.scope = length;
}

/** Adds a choice (0 <= choice < radix) to the answer's signature; gives up past 2^36. */
export function addChoice(c: Context, choice: number, radix: number): void {
  if (c.signature < 0) return;
  const next = c.signature * radix + choice;
  c.signature = next < 2 ** 36 ? next : -1;
}
