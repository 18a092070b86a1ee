/**
 * Database records to places. Two layouts are understood:
 * - MaxMind GeoIP2/GeoLite2 City and Country: `continent.code`, `country.iso_code` (else
 *   `registered_country.iso_code`), `subdivisions[0].iso_code` ("VA" for Virginia),
 *   `location.latitude` / `location.longitude`;
 * - ip-location-db (DB-IP lite and the repackaged GeoLite2): `country_code`, `state1` as an English
 *   name ("Virginia"), `latitude`, `longitude`.
 * The continent comes from Route 53's own table of countries (TR is Europe there, whatever the
 * database says), and from the record only when the country is unknown. A subdivision is kept only
 * when Route 53 knows it (see catalogue.ts), since no record set can name another.
 */
import { CONTINENTS, continentOf, geoLocationExists } from './catalogue.ts';
import { makePlace, type ClientPlace } from './place.ts';
import { subdivisionCodeByName } from './subdivisions.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/** Returns the place a database record describes, holding over `prefixLength` bits. */
export function placeFromRecord(record: unknown, prefixLength: number): ClientPlace {
  const rec = obj(record) ?? {};
  let country: string;
  let subdivision = '';
  let latitude: number;
  let longitude: number;
  let continent = '';
  if (typeof rec.country_code === 'string') {
    country = rec.country_code.toUpperCase();
    const state = str(rec.state1);
    if (state) subdivision = subdivisionCodeByName(country, state);
    latitude = num(rec.latitude);
    longitude = num(rec.longitude);
  } else {
    country = str(obj(rec.country)?.iso_code || obj(rec.registered_country)?.iso_code).toUpperCase();
    const sub = obj(Array.isArray(rec.subdivisions) ? rec.subdivisions[0] : undefined);
    subdivision = str(sub?.iso_code).toUpperCase();
    const loc = obj(rec.location);
    latitude = num(loc?.latitude);
    longitude = num(loc?.longitude);
    continent = str(obj(rec.continent)?.code).toUpperCase();
  }
  if (subdivision && !geoLocationExists({ countryCode: country, subdivisionCode: subdivision })) subdivision = '';
  continent = continentOf(country) || (CONTINENTS[continent] !== undefined ? continent : '');
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) latitude = longitude = NaN;
  return makePlace(continent, country, subdivision, latitude, longitude, prefixLength);
}
