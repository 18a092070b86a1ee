/**
 * Route 53's geolocation catalogue: continents, countries and subdivisions with their names, in
 * ListGeoLocations order (route53.md 1.4: the default location "*" first, then countries by code
 * with each country's subdivisions right after it, continents last), and the checks the record-set
 * validation uses.
 */
import { COUNTRIES, COUNTRY_BY_CODE } from './countries.ts';
import { SUBDIVISIONS, SUBDIVISION_BY_KEY } from './subdivisions.ts';

/** Continent code -> name (GeoLocation.ContinentCode). */
export const CONTINENTS: Readonly<Record<string, string>> = Object.freeze({
  AF: 'Africa', AN: 'Antarctica', AS: 'Asia', EU: 'Europe', NA: 'North America', OC: 'Oceania', SA: 'South America',
});

/** The country code of Route 53's default location, and its name. */
export const DEFAULT_COUNTRY = '*';
export const DEFAULT_COUNTRY_NAME = 'Default';

/** A location as Route 53 names one (GeoLocationDetails); absent members are omitted. */
export type GeoLocationDetails = {
  continentCode?: string; continentName?: string;
  countryCode?: string; countryName?: string;
  subdivisionCode?: string; subdivisionName?: string;
};

/** A location as given in a record set or a request. */
export type GeoLocationCodes = { continentCode?: string | undefined; countryCode?: string | undefined; subdivisionCode?: string | undefined };

/** Returns the details of a location, or undefined when Route 53 does not know it (or the combination is not one). */
export function findGeoLocation(codes: GeoLocationCodes): GeoLocationDetails | undefined {
  const { continentCode, countryCode, subdivisionCode } = codes;
  if (continentCode !== undefined) {
    if (countryCode !== undefined || subdivisionCode !== undefined) return undefined;
    const name = CONTINENTS[continentCode];
    return name === undefined ? undefined : { continentCode, continentName: name };
  }
  if (countryCode === undefined) return undefined;
  if (countryCode === DEFAULT_COUNTRY) return subdivisionCode === undefined ? { countryCode, countryName: DEFAULT_COUNTRY_NAME } : undefined;
  const country = COUNTRY_BY_CODE.get(countryCode);
  if (!country) return undefined;
  if (subdivisionCode === undefined) return { countryCode, countryName: country.name };
  const sub = SUBDIVISION_BY_KEY.get(`${countryCode}/${subdivisionCode}`);
  return sub ? { countryCode, countryName: country.name, subdivisionCode, subdivisionName: sub.name } : undefined;
}

/** Returns whether Route 53 knows the location (a continent alone, or a country with an optional subdivision). */
export function geoLocationExists(codes: GeoLocationCodes): boolean {
  return findGeoLocation(codes) !== undefined;
}

/** Returns the continent Route 53 files country `code` under ('' when unknown). */
export function continentOf(countryCode: string): string {
  return COUNTRY_BY_CODE.get(countryCode)?.continent ?? '';
}

/** Every location in ListGeoLocations order. */
export const GEO_LOCATIONS: readonly GeoLocationDetails[] = Object.freeze([
  { countryCode: DEFAULT_COUNTRY, countryName: DEFAULT_COUNTRY_NAME },
  ...COUNTRIES.flatMap((c) => [
    { countryCode: c.code, countryName: c.name },
    ...SUBDIVISIONS.filter((s) => s.country === c.code)
      .map((s) => ({ countryCode: c.code, countryName: c.name, subdivisionCode: s.code, subdivisionName: s.name })),
  ]),
  ...Object.entries(CONTINENTS).sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, name]) => ({ continentCode: code, continentName: name })),
]);

/**
 * Returns the index in GEO_LOCATIONS of the first location at or after the start codes of a
 * ListGeoLocations request (a continent start skips every country; a country start begins at
 * that country, or at its subdivision `subdivisionCode`).
 */
export function geoLocationStart(codes: GeoLocationCodes): number {
  const { continentCode, countryCode, subdivisionCode } = codes;
  const at = continentCode !== undefined
    ? GEO_LOCATIONS.findIndex((g) => g.continentCode !== undefined && g.continentCode >= continentCode)
    : countryCode !== undefined
      ? GEO_LOCATIONS.findIndex((g) => g.countryCode !== undefined && compareCountry(g, countryCode, subdivisionCode) >= 0)
      : 0;
  return at < 0 ? (continentCode !== undefined ? GEO_LOCATIONS.length : GEO_LOCATIONS.findIndex((g) => g.continentCode !== undefined)) : at;
}

/** Orders a country entry against (country, subdivision): '*' first, then codes, a country before its subdivisions. */
function compareCountry(g: GeoLocationDetails, country: string, subdivision: string | undefined): number {
  const a = g.countryCode!;
  if (a !== country) return a === DEFAULT_COUNTRY ? -1 : country === DEFAULT_COUNTRY ? 1 : a < country ? -1 : 1;
  const s = g.subdivisionCode ?? '';
  const t = subdivision ?? '';
  return s === t ? 0 : s < t ? -1 : 1;
}
