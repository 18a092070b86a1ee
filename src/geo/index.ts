/** The public surface of geo/: client places, the geolocation catalogue, regions, latency and geoproximity. */
export { type ClientPlace, makePlace, hasCoordinates } from './place.ts';
export { parseAddress, formatAddress, isMappedIPv4 } from './parse-address.ts';
export { createGeoDb, GeoDbError, type GeoDb, type GeoDbInfo, type GeoDbSource } from './geo-db.ts';
export { KEY_BITS } from './place-cache.ts';
export { placeFromRecord } from './record-layout.ts';
export {
  CONTINENTS, DEFAULT_COUNTRY, DEFAULT_COUNTRY_NAME, GEO_LOCATIONS, continentOf, findGeoLocation, geoLocationExists, geoLocationStart,
  type GeoLocationCodes, type GeoLocationDetails,
} from './catalogue.ts';
export { COUNTRIES, COUNTRY_BY_CODE, type Country } from './countries.ts';
export { SUBDIVISIONS, subdivisionCodeByName, type Subdivision } from './subdivisions.ts';
export { REGIONS, type Region } from './regions.ts';
export { EARTH_RADIUS_KM, biasedDistance, greatCircleKm, type LatLon } from './distance.ts';
export { BASE_MS, MS_PER_KM, UNKNOWN_LATENCY_MS, CONTINENT_CENTROIDS, createLatencyModel, type LatencyModel } from './latency.ts';
export { LatencyTableError, parseLatencyTable, type LatencyTable } from './latency-table.ts';
export { writeMmdb, type MmdbEntry, type MmdbOptions, type MmdbValue } from './mmdb-writer.ts';
export { GEO_FIXTURE_ENTRIES, geoFixtureMmdb } from './fixtures.ts';
