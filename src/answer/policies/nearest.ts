/**
 * Latency and geoproximity routing (route53.md 5): the member with the smallest cost for the
 * client, among the healthy ones; when none is healthy, among all. Latency's cost is the latency
 * from the client to the member's Region; geoproximity's is the biased great-circle distance to
 * the member's location (positive bias: distance x (1 - bias/100); negative: distance / (1 + bias/100)).
 */
import type { Member } from '../../zone/policy-group.ts';
import type { Place } from '../context.ts';

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Route 53's bias rule applied to a distance. */
export function biased(distance: number, bias: number): number {
  return bias >= 0 ? distance * (1 - bias / 100) : distance / (1 + bias / 100);
}

/** Returns the index with the smallest cost (ties: the first), healthy ones first; -1 for none. */
export function selectNearest(members: Member[], healthy: Uint8Array, cost: (m: Member) => number): number {
  for (let pass = 0; pass < 2; pass++) {
    const onlyHealthy = pass === 0;
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < members.length; i++) {
      if (onlyHealthy && healthy[i] === 0) continue;
      const c = cost(members[i]!);
      if (best < 0 || c < bestCost) {
        best = i;
        bestCost = c;
      }
    }
    if (best >= 0) return best;
  }
  return -1;
}

/** Geoproximity cost of a member for a client at `place` (NaN-free: unknown places cost 0). */
export function proximityCost(m: Member, place: Place | undefined, regionAt: ((r: string) => { latitude: number; longitude: number } | undefined) | undefined): number {
  if (place === undefined || Number.isNaN(place.latitude)) return 0;
  const at = m.coordinates ?? (m.routing.geoProximity?.awsRegion !== undefined ? regionAt?.(m.routing.geoProximity.awsRegion) : undefined);
  if (at === undefined) return Infinity;
  return biased(distanceKm(place.latitude, place.longitude, at.latitude, at.longitude), m.bias);
}
