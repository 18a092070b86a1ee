/**
 * Great-circle distances and Route 53's geoproximity bias (route53.md 5): positive bias grows a
 * resource's area, biased = distance * (1 - bias/100); negative bias shrinks it,
 * biased = distance / (1 + bias/100).
 */

/** Mean Earth radius, km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** A point in degrees. */
export type LatLon = { readonly latitude: number; readonly longitude: number };

/** Returns the great-circle distance in km between two points (haversine; NaN when a coordinate is NaN). */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const h = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Returns the biased distance in km from `place` to `target` with Route 53's rule for `bias` (-99..99). */
export function biasedDistance(place: LatLon, target: LatLon, bias: number): number {
  const d = greatCircleKm(place.latitude, place.longitude, target.latitude, target.longitude);
  return bias >= 0 ? d * (1 - bias / 100) : d / (1 + bias / 100);
}
