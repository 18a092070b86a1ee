import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { geoFixtureMmdb } from './fixtures.ts';
import { createGeoDb, GeoDbError } from './geo-db.ts';
import { writeMmdb } from './mmdb-writer.ts';
import { parseAddress } from './parse-address.ts';

const scratch = new Uint8Array(16);
const at = (db: ReturnType<typeof createGeoDb>, text: string) => {
  const family = parseAddress(text, scratch);
  if (family === 0) throw new Error(`bad address ${text}`);
  return db.locate(family, scratch);
};
const fixture = () => createGeoDb([{ name: 'fixture.mmdb', data: geoFixtureMmdb() }]);

describe('createGeoDb', () => {
  it('locates clients in both record layouts, with Route 53 codes', () => {
    const db = fixture();
    expect(at(db, '198.51.100.7')).toEqual({ continent: 'NA', country: 'US', subdivision: 'VA', latitude: 39.04, longitude: -77.49, prefixLength: 24 });
    expect(at(db, '192.0.2.200')).toEqual({ continent: 'NA', country: 'US', subdivision: 'CA', latitude: 37.77, longitude: -122.42, prefixLength: 24 });
    expect(at(db, '203.0.113.9')).toEqual({ continent: 'EU', country: 'DE', subdivision: '', latitude: 50.11, longitude: 8.68, prefixLength: 24 });
    expect(at(db, '2001:db8:1:2::3')).toEqual({ continent: 'AS', country: 'JP', subdivision: '', latitude: 35.68, longitude: 139.69, prefixLength: 48 });
    expect(at(db, '2001:db8:2::1')).toMatchObject({ continent: 'SA', country: 'BR', subdivision: '' });
    expect(at(db, '::ffff:203.0.113.9')).toMatchObject({ country: 'DE' });
    expect(at(db, '198.51.101.1')).toBeUndefined();
    expect(at(db, '2001:db8:3::1')).toBeUndefined();
    expect(db.databases).toEqual([{ name: 'fixture.mmdb', ipVersion: 6, databaseType: 'Signpost-Test', buildEpoch: new Date(1767225600_000) }]);
  });

  it('reads a mapped IPv4 address given as 16 bytes as IPv4', () => {
    const a = new Uint8Array(16);
    a.set([0xff, 0xff, 198, 51, 100, 1], 10);
    expect(fixture().locate(6, a)).toMatchObject({ country: 'US', subdivision: 'VA' });
  });

  it('answers a cache hit with the same frozen object, and counts hits and misses', () => {
    const db = fixture();
    const first = at(db, '198.51.100.1');
    expect(Object.isFrozen(first)).toBe(true);
    expect(at(db, '198.51.100.254')).toBe(first);
    expect(at(db, '198.51.101.1')).toBeUndefined();
    expect(at(db, '198.51.101.2')).toBeUndefined();
    expect(at(db, '2001:db8:1::1')).toBe(at(db, '2001:db8:1:ff::1'));
    expect(db.stats()).toEqual({ hits: 3, misses: 3, errors: 0 });
  });

  it('locates a prefix by its first address, so the answer does not depend on who asked first', () => {
    const entries = [
      { network: '192.0.2.0/25', data: { country_code: 'FR', latitude: 48.86, longitude: 2.35 } },
      { network: '192.0.2.128/25', data: { country_code: 'ES', latitude: 40.42, longitude: -3.7 } },
      { network: '10.0.0.0/8', data: { country_code: 'GB', latitude: 51.5, longitude: -0.1 } },
    ];
    const a = createGeoDb([{ name: 'a', data: writeMmdb(entries, { ipVersion: 4 }) }]);
    const b = createGeoDb([{ name: 'b', data: writeMmdb(entries, { ipVersion: 4 }) }]);
    expect(at(a, '192.0.2.200')).toMatchObject({ country: 'FR', prefixLength: 24 });
    expect(at(b, '192.0.2.1')).toMatchObject({ country: 'FR', prefixLength: 24 });
    expect(at(a, '10.1.2.3')).toMatchObject({ country: 'GB', prefixLength: 8 });
  });

  it('keeps two prefixes of one slot pair, and evicts the older for a third', () => {
    const db = createGeoDb([{ name: 'fixture', data: geoFixtureMmdb() }], { cacheBits: 1 }); // one pair of slots
    for (let i = 0; i < 5; i++) {
      at(db, '198.51.100.1');
      at(db, '203.0.113.1');
    }
    expect(db.stats()).toMatchObject({ hits: 8, misses: 2 });
    at(db, '192.0.2.1'); // evicts 198.51.100.0/24, the older
    at(db, '203.0.113.1');
    at(db, '198.51.100.1');
    expect(db.stats()).toMatchObject({ hits: 9, misses: 4 });
  });

  it('does not allocate on cache hits (no garbage collection during a million of them)', async () => {
    const db = fixture();
    const hot = ['198.51.100.1', '192.0.2.1', '203.0.113.1', '198.51.101.1', '2001:db8:1::1', '2001:db8:2::1', '::ffff:203.0.113.5'].map((t) => {
      const a = new Uint8Array(16);
      return { family: parseAddress(t, a) as 4 | 6, a };
    });
    for (const h of hot) db.locate(h.family, h.a);
    const gcs: string[] = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcs.push(e.name); });
    observer.observe({ entryTypes: ['gc'] });
    await new Promise((r) => setTimeout(r, 50));
    gcs.length = 0;
    const heap = process.memoryUsage().heapUsed;
    let found = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const h = hot[i % hot.length]!;
      if (db.locate(h.family, h.a) !== undefined) found++;
    }
    const grown = process.memoryUsage().heapUsed - heap;
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    expect(found).toBeGreaterThan(800_000);
    expect(gcs).toEqual([]);
    expect(grown).toBeLessThan(1 << 20);
  });

  it('evicts within a bounded table and still answers right', () => {
    const db = createGeoDb([{ name: 'fixture', data: geoFixtureMmdb() }], { cacheBits: 2 });
    for (let i = 0; i < 3; i++) {
      for (let c = 0; c < 64; c++) expect(at(db, `198.51.${c}.1`)).toBe(undefined);
      expect(at(db, '198.51.100.9')).toMatchObject({ subdivision: 'VA' });
      expect(at(db, '203.0.113.9')).toMatchObject({ country: 'DE' });
    }
    expect(db.stats().misses).toBeGreaterThan(190);
  });

  it('searches several databases in order: IPv4 file, then IPv6 file', () => {
    const v4 = writeMmdb([{ network: '198.51.100.0/24', data: { country_code: 'CA', latitude: 45.5, longitude: -73.57 } }], { ipVersion: 4 });
    const v6 = writeMmdb([
      { network: '198.51.100.0/24', data: { country_code: 'MX' } },
      { network: '203.0.113.0/24', data: { country_code: 'AU' } },
      { network: '2001:db8::/32', data: { country_code: 'NZ' } },
    ]);
    const db = createGeoDb([{ name: 'v4', data: v4 }, { name: 'v6', data: v6 }]);
    expect(at(db, '198.51.100.1')).toMatchObject({ continent: 'NA', country: 'CA' });
    expect(at(db, '203.0.113.1')).toMatchObject({ continent: 'OC', country: 'AU', latitude: NaN, longitude: NaN });
    expect(at(db, '2001:db8::1')).toMatchObject({ continent: 'OC', country: 'NZ' });
  });

  it("files countries under Route 53's continents, and keeps only subdivisions Route 53 knows", () => {
    const db = createGeoDb([{ name: 'x', data: writeMmdb([
      { network: '192.0.2.0/24', data: { continent: { code: 'AS' }, country: { iso_code: 'TR' }, subdivisions: [{ iso_code: '34' }] } },
      { network: '198.51.100.0/24', data: { continent: { code: 'EU' }, registered_country: { iso_code: 'AE' } } },
      { network: '203.0.113.0/24', data: { continent: { code: 'AN' } } },
      { network: '2001:db8::/32', data: { country_code: 'us', state1: 'district of columbia' } },
      { network: '2001:db8:1::/48', data: { country_code: 'US', state1: 'Atlantis' } },
    ]) }]);
    expect(at(db, '192.0.2.1')).toMatchObject({ continent: 'EU', country: 'TR', subdivision: '' });
    expect(at(db, '198.51.100.1')).toMatchObject({ continent: 'AS', country: 'AE' });
    expect(at(db, '203.0.113.1')).toMatchObject({ continent: 'AN', country: '' });
    expect(at(db, '2001:db8::1')).toMatchObject({ continent: 'NA', country: 'US', subdivision: 'DC' });
    expect(at(db, '2001:db8:1::1')).toMatchObject({ country: 'US', subdivision: '' });
  });

  it('with no database locates nothing', () => {
    const db = createGeoDb([]);
    expect(at(db, '198.51.100.1')).toBeUndefined();
    expect(db.databases).toEqual([]);
  });

  it('refuses a file that is not a MaxMind database, naming it', () => {
    expect(() => createGeoDb([{ name: 'notes.txt', data: new TextEncoder().encode('hello') }])).toThrow(GeoDbError);
    expect(() => createGeoDb([{ name: 'notes.txt', data: new TextEncoder().encode('hello') }])).toThrow(/^notes\.txt: not a MaxMind DB file/);
    const good = geoFixtureMmdb();
    const cut = good.slice(good.length - 300); // the metadata survives, the tree does not
    expect(() => createGeoDb([{ name: 'cut.mmdb', data: cut }])).toThrow(/^cut\.mmdb: /);
  });
});
