/**
 * Geolocation routing (route53.md 5): the most specific member for the client's place:
 * subdivision, then country, then continent, then the default (`*`). An unhealthy member gives
 * way to the next less specific match; when every match is unhealthy the most specific is used
 * (Route 53 answers as if all were healthy). No match and no default: -1 (NOERROR, no records).
 */
import type { GeoIndex } from '../../zone/policy-group.ts';
import type { Place } from '../context.ts';

/** The matching members, most specific first, written to `out`; returns how many. */
export function geoMatches(geo: GeoIndex, place: Place | undefined, out: Int32Array): number {
  let n = 0;
  if (place !== undefined) {
    if (place.subdivision !== '') {
      const s = geo.bySubdivision.get(place.country)?.get(place.subdivision);
      if (s !== undefined) out[n++] = s;
    }
    const c = place.country !== '' ? geo.byCountry.get(place.country) : undefined;
    if (c !== undefined) out[n++] = c;
    const k = place.continent !== '' ? geo.byContinent.get(place.continent) : undefined;
    if (k !== undefined) out[n++] = k;
  }
  if (geo.fallback >= 0) out[n++] = geo.fallback;
  return n;
}

/** Returns the chosen member's index, or -1 when nothing matches. */
export function selectGeolocation(geo: GeoIndex, place: Place | undefined, healthy: Uint8Array, scratch: Int32Array): number {
  const n = geoMatches(geo, place, scratch);
  for (let i = 0; i < n; i++) if (healthy[scratch[i]!] !== 0) return scratch[i]!;
  return n > 0 ? scratch[0]! : -1;
}
