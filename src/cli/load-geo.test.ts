import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { geoFixtureMmdb, parseAddress, writeMmdb, type GeoDb } from '../geo/index.ts';
import { ConfigError } from './config.ts';
import { loadGeo, loadGeoAsync, openGeoDb } from './load-geo.ts';

const dir = mkdtempSync(join(tmpdir(), 'signpost-geo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
};
const locate = (db: GeoDb, text: string) => {
  const a = new Uint8Array(16);
  return db.locate(parseAddress(text, a) as 4 | 6, a);
};

describe('the shipped default database (DB-IP lite)', () => {
  it('opens both files and locates well-known networks', () => {
    const db = openGeoDb([]);
    expect(db.databases.map((d) => d.ipVersion)).toEqual([4, 6]);
    // Loose on purpose: the vendor's data moves; these networks have long stayed in their countries.
    expect(locate(db, '8.8.8.8')).toMatchObject({ continent: 'NA', country: 'US' });
    expect(locate(db, '193.0.6.139')).toMatchObject({ continent: 'EU', country: 'NL' }); // RIPE NCC
    expect(locate(db, '200.160.2.3')).toMatchObject({ continent: 'SA', country: 'BR' }); // NIC.br
    expect(locate(db, '2001:67c:2e8::1')).toMatchObject({ continent: 'EU', country: 'NL' }); // RIPE NCC
    expect(locate(db, '2001:200::1')).toMatchObject({ continent: 'AS', country: 'JP' }); // WIDE
    expect(locate(db, '23.21.0.1')?.subdivision).toMatch(/^[A-Z]{2}$/); // a US state code from a name
    expect(Number.isFinite(locate(db, '8.8.8.8')?.latitude)).toBe(true);
  });
});

describe('loadGeo', () => {
  it('reads the files the configuration names', () => {
    const table = file('latency.csv', 'client,region,ms\ncountry:DE,us-east-1,42\n');
    const { db, latency } = loadGeo({ geoipDb: [file('fixture.mmdb', geoFixtureMmdb())], latencyTable: table });
    const place = locate(db, '203.0.113.1');
    expect(place).toMatchObject({ country: 'DE' });
    expect(latency.latencyMs(place, 'us-east-1')).toBe(42);
    expect(latency.tableRows).toBe(1);
  });

  it('stops with a message naming a bad file', () => {
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    const notes = file('notes.mmdb', 'not a database');
    expect(bad(() => openGeoDb([notes]))).toMatch(new RegExp(`^geoip-db: ${notes}: not a MaxMind DB file`));
    expect(bad(() => openGeoDb([join(dir, 'missing.mmdb')]))).toBe(`geoip-db: cannot read ${join(dir, 'missing.mmdb')} (ENOENT)`);
    const v4 = file('v4.mmdb', writeMmdb([{ network: '192.0.2.0/24', data: { country_code: 'FR' } }], { ipVersion: 4 }));
    const table = file('bad.csv', '# ok\ncountry:FR,eu-west-3,10\ncountry:FR,eu-west-9,10\n');
    expect(bad(() => loadGeo({ geoipDb: [v4], latencyTable: table }))).toBe(`latency-table: ${table}:3: unknown region "eu-west-9"`);
  });
});

describe('loadGeoAsync (signpost start --dev, after its ready line)', () => {
  it('reads the same files as loadGeo, and fails with the same messages', async () => {
    const table = file('latency-async.csv', 'client,region,ms\ncountry:DE,us-east-1,42\n');
    const { db, latency } = await loadGeoAsync({ geoipDb: [file('fixture-async.mmdb', geoFixtureMmdb())], latencyTable: table });
    expect(latency.latencyMs(locate(db, '203.0.113.1'), 'us-east-1')).toBe(42);
    const missing = join(dir, 'missing.mmdb');
    await expect(loadGeoAsync({ geoipDb: [missing], latencyTable: '' })).rejects.toThrow(new ConfigError(`geoip-db: cannot read ${missing} (ENOENT)`));
    const bad = file('bad-async.csv', 'country:FR,eu-west-9,10\n');
    await expect(loadGeoAsync({ geoipDb: [file('v4-async.mmdb', geoFixtureMmdb())], latencyTable: bad })).rejects.toThrow(`latency-table: ${bad}:1: unknown region "eu-west-9"`);
  });
});
