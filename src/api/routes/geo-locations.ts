/**
 * GetGeoLocation and ListGeoLocations: Route 53's catalogue of geolocation codes (src/geo/
 * catalogue.ts), in its order (the default "*", countries with their subdivisions, continents
 * last), paged by the start codes the previous page's Next* members give.
 */
import { GEO_LOCATIONS, findGeoLocation, geoLocationStart, type GeoLocationCodes, type GeoLocationDetails } from '../../geo/index.ts';
import { apiError } from '../errors.ts';
import { xmlDocument, type OutElement } from '../xml.ts';
import type { Handler } from '../context.ts';
import { pageSize } from './paging.ts';

/** ListGeoLocations' page size: default and most (route53.md 1.4). */
export const GEO_LOCATIONS_PAGE = 100;

/** The model's length limits of the codes (GeoLocationContinentCode, ...CountryCode, ...SubdivisionCode). */
const LIMITS = { continentCode: [2, 2], countryCode: [1, 2], subdivisionCode: [1, 3] } as const;

/** Returns the codes of a request, checked against the model's lengths and combinations. */
function codes(query: Record<string, string | undefined>, prefix: '' | 'start'): GeoLocationCodes {
  const out: GeoLocationCodes = {};
  for (const key of ['continentCode', 'countryCode', 'subdivisionCode'] as const) {
    const value = query[`${prefix}${key.toLowerCase()}`];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    const member = prefix ? `start${key[0]!.toUpperCase()}${key.slice(1)}` : key;
    if (value.length < min || value.length > max) {
      throw apiError('InvalidInput', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length ${value.length < min ? 'greater than or equal to' : 'less than or equal to'} ${value.length < min ? min : max}`);
    }
    out[key] = value;
  }
  const p = prefix ? 'Start' : '';
  if (out.continentCode !== undefined && (out.countryCode !== undefined || out.subdivisionCode !== undefined)) {
    throw apiError('InvalidInput', `Invalid request: ${p}ContinentCode cannot be given with ${p}CountryCode or ${p}SubdivisionCode`);
  }
  if (out.subdivisionCode !== undefined && out.countryCode === undefined) {
    throw apiError('InvalidInput', `Invalid request: ${p}SubdivisionCode needs ${p}CountryCode`);
  }
  return out;
}

function detailsXml(g: GeoLocationDetails): OutElement[] {
  return [
    ['ContinentCode', g.continentCode], ['ContinentName', g.continentName],
    ['CountryCode', g.countryCode], ['CountryName', g.countryName],
    ['SubdivisionCode', g.subdivisionCode], ['SubdivisionName', g.subdivisionName],
  ];
}

export const getGeoLocation: Handler = async (_ctx, req) => {
  const c = codes(req.query, '');
  if (c.continentCode === undefined && c.countryCode === undefined) {
    throw apiError('InvalidInput', 'Invalid request: give continentcode, or countrycode with an optional subdivisioncode');
  }
  const found = findGeoLocation(c);
  if (!found) {
    const what = c.continentCode !== undefined ? `continent code ${c.continentCode}`
      : `country code ${c.countryCode}${c.subdivisionCode !== undefined ? ` and subdivision code ${c.subdivisionCode}` : ''}`;
    throw apiError('NoSuchGeoLocation', `Amazon Route 53 doesn't support the specified geographic location: ${what}`);
  }
  return { status: 200, xml: xmlDocument('GetGeoLocationResponse', [['GeoLocationDetails', detailsXml(found)]]) };
};

export const listGeoLocations: Handler = async (_ctx, req) => {
  const max = pageSize(req.query.maxitems, GEO_LOCATIONS_PAGE);
  const start = geoLocationStart(codes(req.query, 'start'));
  const page = GEO_LOCATIONS.slice(start, start + max);
  const next = GEO_LOCATIONS[start + max];
  return { status: 200, xml: xmlDocument('ListGeoLocationsResponse', [
    ['GeoLocationDetailsList', page.map((g) => ['GeoLocationDetails', detailsXml(g)] as OutElement)],
    ['IsTruncated', next !== undefined],
    ['NextContinentCode', next?.continentCode],
    ['NextCountryCode', next?.countryCode],
    ['NextSubdivisionCode', next?.subdivisionCode],
    ['MaxItems', String(max)],
  ]) };
};
