/**
 * Client addresses to places, over MaxMind-format databases already read into memory (the
 * `maxmind` package's reader; the files are read at start-up by the edge that loads them). Several
 * databases are searched in order and the first that holds the address answers: IPv4 and IPv6
 * files are separate in ip-location-db, and an IPv6 database also answers IPv4 addresses.
 *
 * A client is located by its cache prefix (IPv4 /24, IPv6 /56, see place-cache.ts): the place of
 * the prefix's first address stands for the whole prefix, so the answer for a prefix does not
 * depend on which client asked first, and prefixLength is min(database network, cache prefix).
 */
import { Reader } from 'maxmind';
import { formatAddress, isMappedIPv4 } from './parse-address.ts';
import { KEY_BITS, NOWHERE, createPlaceCache } from './place-cache.ts';
import type { ClientPlace } from './place.ts';
import { placeFromRecord } from './record-layout.ts';

/** A database to read: a name for messages (the file) and its bytes. */
export type GeoDbSource = { name: string; data: Uint8Array };

/** What a database says about itself (from its metadata). */
export type GeoDbInfo = { name: string; ipVersion: 4 | 6; databaseType: string; buildEpoch: Date };

/** The geolocation database. */
export type GeoDb = {
  /** Returns the place of `address` (4 or 16 bytes of `family`), or undefined when no database holds it. Never allocates on a cache hit. */
  locate(family: 4 | 6, address: Uint8Array): ClientPlace | undefined;
  /** The databases, in search order. */
  readonly databases: readonly GeoDbInfo[];
  /** Cache hits, misses, and lookups a corrupt database could not answer, since creation. */
  stats(): { hits: number; misses: number; errors: number };
};

/** Thrown for a database that cannot be read; the message names it. */
export class GeoDbError extends Error {
  override name = 'GeoDbError';
}

type Db = { info: GeoDbInfo; reader: Reader<Record<string, unknown>> };

/** Returns a GeoDb over `sources` (none: it locates nothing); `cacheBits` sizes the cache (2^bits prefixes per family). */
export function createGeoDb(sources: readonly GeoDbSource[], options: { cacheBits?: number } = {}): GeoDb {
  const dbs = sources.map(openOne);
  const v4 = dbs; // IPv4 databases, and IPv6 ones (they file IPv4 under ::/96)
  const v6 = dbs.filter((d) => d.info.ipVersion === 6);
  const cache = createPlaceCache(options.cacheBits);
  const masked = new Uint8Array(16);
  const mapped = new Uint8Array(4);
  let errors = 0;
  let hits = 0;
  let misses = 0;

  const lookup = (family: 4 | 6, a: Uint8Array): ClientPlace | null => {
    const bits = KEY_BITS[family];
    const bytes = bits >> 3;
    for (let i = 0; i < 16; i++) masked[i] = i < bytes ? a[i]! : 0;
    const text = formatAddress(family, masked);
    for (const db of family === 4 ? v4 : v6) {
      try {
        const [record, prefix] = db.reader.getWithPrefixLength(text);
        if (record) return placeFromRecord(record, Math.min(prefix, bits));
      } catch {
        errors++; // a corrupt data section: this database does not know the address
      }
    }
    return NOWHERE;
  };

  const locate = (family: 4 | 6, address: Uint8Array): ClientPlace | undefined => {
    let f = family;
    let a = address;
    if (f === 6 && isMappedIPv4(a)) {
      f = 4;
      for (let i = 0; i < 4; i++) mapped[i] = address[12 + i]!;
      a = mapped;
    }
    const cached = cache.get(f, a);
    if (cached !== undefined) {
      hits++;
      return cached ?? undefined;
    }
    misses++;
    const place = lookup(f, a);
    cache.set(f, a, place);
    return place ?? undefined;
  };

  return {
    locate,
    databases: Object.freeze(dbs.map((d) => d.info)),
    stats: () => ({ hits, misses, errors }),
  };
}

function openOne(source: GeoDbSource): Db {
  let reader: Reader<Record<string, unknown>>;
  try {
    const buf = Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength);
    reader = new Reader<Record<string, unknown>>(buf);
  } catch (err) {
    throw new GeoDbError(`${source.name}: not a MaxMind DB file (${(err as Error).message})`);
  }
  const m = reader.metadata;
  if (m.ipVersion !== 4 && m.ipVersion !== 6) throw new GeoDbError(`${source.name}: unsupported ip_version ${String(m.ipVersion)}`);
  if (!Number.isInteger(m.nodeCount) || m.searchTreeSize + 16 > source.data.byteLength) {
    throw new GeoDbError(`${source.name}: the search tree is larger than the file (truncated?)`);
  }
  return { info: { name: source.name, ipVersion: m.ipVersion, databaseType: String(m.databaseType ?? ''), buildEpoch: m.buildEpoch }, reader };
}
