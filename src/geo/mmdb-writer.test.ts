import { Reader } from 'maxmind';
import { describe, expect, it } from 'vitest';
import { writeMmdb } from './mmdb-writer.ts';

const open = (bytes: Uint8Array) => new Reader<Record<string, unknown>>(Buffer.from(bytes));

describe('writeMmdb', () => {
  it('writes databases the maxmind reader reads, in both record layouts', () => {
    const maxmindCity = { continent: { code: 'NA' }, country: { iso_code: 'US' }, subdivisions: [{ iso_code: 'VA' }], location: { latitude: 38.5, longitude: -77.25 } };
    const ipLocationDb = { country_code: 'DE', state1: 'Bavaria', latitude: 48.1, longitude: 11.5 };
    const r = open(writeMmdb([
      { network: '198.51.100.0/24', data: maxmindCity },
      { network: '203.0.113.0/24', data: ipLocationDb },
      { network: '2001:db8:1::/48', data: { country_code: 'JP' } },
    ]));
    expect(r.metadata).toMatchObject({ ipVersion: 6, recordSize: 32, binaryFormatMajorVersion: 2, databaseType: 'Signpost-Test' });
    expect(r.getWithPrefixLength('198.51.100.200')).toEqual([maxmindCity, 24]);
    expect(r.getWithPrefixLength('203.0.113.1')).toEqual([ipLocationDb, 24]);
    expect(r.getWithPrefixLength('2001:db8:1:ffff::1')).toEqual([{ country_code: 'JP' }, 48]);
    expect(r.get('198.51.101.1')).toBeNull();
    expect(r.get('2001:db8:2::1')).toBeNull();
  });

  it('lets a longer network override a shorter one, whatever the order given', () => {
    const r = open(writeMmdb([
      { network: '10.1.2.0/24', data: 'inner' },
      { network: '10.0.0.0/8', data: 'outer' },
    ], { ipVersion: 4 }));
    expect(r.metadata.ipVersion).toBe(4);
    expect(r.get('10.1.2.3')).toBe('inner');
    expect(r.get('10.1.3.3')).toBe('outer');
    expect(r.get('10.255.0.1')).toBe('outer');
    expect(r.get('11.0.0.1')).toBeNull();
  });

  it('encodes every value kind, including long strings and large maps', () => {
    const data = {
      text: 'x'.repeat(70_000), mid: 'y'.repeat(300), short: 'z'.repeat(40), uint16: { uint: 443 }, uint32: { uint: 70_000 },
      uint64: { uint: 2 ** 40 }, zero: { uint: 0 }, double: -0.125, yes: true, no: false, list: [1.5, 'a', [true]],
      map: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i + 0.5])),
    };
    const got = open(writeMmdb([{ network: '192.0.2.0/24', data }])).get('192.0.2.1') as Record<string, unknown>;
    expect(got).toEqual({ ...data, uint16: 443, uint32: 70_000, uint64: 2n ** 40n, zero: 0 });
  });

  it('refuses an IPv6 network in an IPv4 database', () => {
    expect(() => writeMmdb([{ network: '2001:db8::/32', data: 'x' }], { ipVersion: 4 })).toThrow(/IPv6 network in an IPv4 database/);
  });
});
