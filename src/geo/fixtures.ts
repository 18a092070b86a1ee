/**
 * A small geolocation database for tests across modules (DNS tests with `+subnet=`), built with
 * the test-support writer so that no test depends on a vendor's data. Documentation ranges only
 * (RFC 5737, RFC 3849), in both record layouts:
 *
 * | network          | layout      | place                          |
 * |------------------|-------------|--------------------------------|
 * | 198.51.100.0/24  | MaxMind     | NA / US / VA, Ashburn          |
 * | 192.0.2.0/24     | ip-location | NA / US / CA, San Francisco    |
 * | 203.0.113.0/24   | ip-location | EU / DE, Frankfurt             |
 * | 2001:db8:1::/48  | MaxMind     | AS / JP, Tokyo                 |
 * | 2001:db8:2::/48  | ip-location | SA / BR, Sao Paulo             |
 */
import { writeMmdb, type MmdbEntry } from './mmdb-writer.ts';

/** The fixture's networks and records. */
export const GEO_FIXTURE_ENTRIES: readonly MmdbEntry[] = Object.freeze([
  { network: '198.51.100.0/24', data: { continent: { code: 'NA' }, country: { iso_code: 'US' }, subdivisions: [{ iso_code: 'VA' }], location: { latitude: 39.04, longitude: -77.49 } } },
  { network: '192.0.2.0/24', data: { country_code: 'US', state1: 'California', state2: '', city: 'San Francisco', latitude: 37.77, longitude: -122.42 } },
  { network: '203.0.113.0/24', data: { country_code: 'DE', state1: 'Hesse', city: 'Frankfurt am Main', latitude: 50.11, longitude: 8.68 } },
  { network: '2001:db8:1::/48', data: { continent: { code: 'AS' }, country: { iso_code: 'JP' }, location: { latitude: 35.68, longitude: 139.69 } } },
  { network: '2001:db8:2::/48', data: { country_code: 'BR', state1: 'Sao Paulo', latitude: -23.55, longitude: -46.63 } },
]);

/** Returns the fixture as .mmdb bytes (one IPv6 database that also answers IPv4). */
export function geoFixtureMmdb(): Uint8Array {
  return writeMmdb([...GEO_FIXTURE_ENTRIES]);
}
