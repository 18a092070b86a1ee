/**
 * The in-memory data the routing policies read, built once per process from the configuration:
 * the geolocation database and latency model (load-geo.ts) and the AWS Region coordinates.
 * DNS nodes, TestDNSAnswer and `signpost explain` all answer with it.
 */
import { REGIONS, type GeoDb, type LatencyModel } from '../geo/index.ts';
import type { Services } from '../answer/context.ts';
import { loadGeo } from './load-geo.ts';
import type { Config } from './config.ts';

/** Returns the routing services over a loaded database and latency model. */
export function servicesOf(db: GeoDb, latency: LatencyModel): Services {
  return {
    locate: (family, address) => db.locate(family, address),
    latencyMs: (place, region, family, address) => latency.latencyMs(place, region, family === 0 ? undefined : family, address),
    regionAt: (region) => REGIONS[region],
  };
}

/** Loads the configured geolocation data (a bad file throws a ConfigError naming it). */
export function loadRoutingServices(config: Pick<Config, 'geoipDb' | 'latencyTable'>): Services {
  const { db, latency } = loadGeo(config);
  return servicesOf(db, latency);
}
