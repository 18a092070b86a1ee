/**
 * The latency model: how many milliseconds a client is from an AWS Region. By default it is
 * estimated from the great-circle distance d (km) between the client and the region's city:
 *
 *   latencyMs = 5 + 0.015 * d
 *
 * i.e. a round trip at 200 km/ms (light in fibre) over a path 1.5 times the great circle, plus
 * 5 ms at the ends (New York - London, 5,570 km: 88 ms). A client without coordinates is placed at
 * its country's continent's centroid; a client with neither is equally far from every region
 * (UNKNOWN_LATENCY_MS), so the caller's own tie-break decides. A loaded table (latency-table.ts)
 * overrides the estimate wherever it has a row for the client and region. An unknown region is
 * infinitely far.
 */
import { CONTINENTS } from './catalogue.ts';
import { greatCircleKm } from './distance.ts';
import { inNetwork, type LatencyTable } from './latency-table.ts';
import { hasCoordinates, type ClientPlace } from './place.ts';
import { REGIONS } from './regions.ts';

/** The estimate's constants: fixed ms, and ms per km of great-circle distance. */
export const BASE_MS = 5;
export const MS_PER_KM = 0.015;
/** The latency of every region for a client whose location is unknown. */
export const UNKNOWN_LATENCY_MS = 1000;

/** Rough centroids of the continents (degrees), for clients known only by country or continent. */
export const CONTINENT_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  AF: [2, 17], AN: [-80, 0], AS: [34, 100], EU: [50, 15], NA: [40, -100], OC: [-25, 135], SA: [-15, -60],
});

/** The latency model the latency policy reads. */
export type LatencyModel = {
  /** Returns the latency in ms from the client to `region`; `family`/`address` let table rows for networks apply. */
  latencyMs(place: ClientPlace | undefined, region: string, family?: 4 | 6, address?: Uint8Array): number;
  /** Returns `regions` ordered from lowest to highest latency (ties keep their order). */
  rank(place: ClientPlace | undefined, regions: readonly string[], family?: 4 | 6, address?: Uint8Array): string[];
  /** Rows of the loaded table (0: estimate only). */
  readonly tableRows: number;
};

/** Returns the model: the estimate, overridden by `table` where it has rows. */
export function createLatencyModel(table?: LatencyTable): LatencyModel {
  const estimate = (place: ClientPlace | undefined, region: string): number => {
    const r = REGIONS[region];
    if (r === undefined) return Infinity;
    let lat: number;
    let lon: number;
    if (place !== undefined && hasCoordinates(place)) {
      lat = place.latitude;
      lon = place.longitude;
    } else {
      const c = place && CONTINENTS[place.continent] !== undefined ? CONTINENT_CENTROIDS[place.continent] : undefined;
      if (c === undefined) return UNKNOWN_LATENCY_MS;
      [lat, lon] = c;
    }
    return BASE_MS + MS_PER_KM * greatCircleKm(lat, lon, r.latitude, r.longitude);
  };

  const measured = (place: ClientPlace | undefined, region: string, family?: 4 | 6, address?: Uint8Array): number | undefined => {
    if (!table || table.rows === 0) return undefined;
    if (family !== undefined && address !== undefined) {
      for (const row of table.networks) if (row.region === region && inNetwork(row, family, address)) return row.ms;
    }
    const p = table.places;
    if (place) {
      if (place.subdivision) {
        const v = p.get(`country:${place.country}-${place.subdivision} ${region}`);
        if (v !== undefined) return v;
      }
      if (place.country) {
        const v = p.get(`country:${place.country} ${region}`);
        if (v !== undefined) return v;
      }
      if (place.continent) {
        const v = p.get(`continent:${place.continent} ${region}`);
        if (v !== undefined) return v;
      }
    }
    return p.get(`* ${region}`);
  };

  const latencyMs: LatencyModel['latencyMs'] = (place, region, family, address) =>
    REGIONS[region] === undefined ? Infinity : measured(place, region, family, address) ?? estimate(place, region);

  return {
    latencyMs,
    rank(place, regions, family, address) {
      const scored = regions.map((region, i) => ({ region, i, ms: latencyMs(place, region, family, address) }));
      scored.sort((a, b) => a.ms - b.ms || a.i - b.i);
      return scored.map((s) => s.region);
    },
    tableRows: table?.rows ?? 0,
  };
}
