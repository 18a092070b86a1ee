/**
 * The in-memory data the routing policies read, built once per process from the configuration:
 * the geolocation database and latency model (load-geo.ts) and the AWS Region coordinates.
 * DNS nodes, TestDNSAnswer and `signpost explain` all answer with it.
 */
import { REGIONS, type GeoDb, type LatencyModel } from '../geo/index.ts';
import type { Services } from '../answer/context.ts';
import { loadGeo, loadGeoAsync } from './load-geo.ts';
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

/**
 * Like loadRoutingServices, but the data is read just after start-up, without blocking the event
 * loop (for --dev, which must be ready in well under a second and answer at once): until then
 * clients are located nowhere (geolocation answers the default record). A bad file is logged,
 * and the default answers stay.
 */
export function loadRoutingServicesLater(config: Pick<Config, 'geoipDb' | 'latencyTable'>, onError: (err: unknown) => void): Services {
  let loaded: Services = {};
  setTimeout(() => {
    loadGeoAsync(config).then(({ db, latency }) => { loaded = servicesOf(db, latency); }, onError);
  }, 50).unref();
  return {
    locate: (family, address) => loaded.locate?.(family, address),
    latencyMs: (place, region, family, address) => loaded.latencyMs?.(place, region, family, address) ?? 0,
    regionAt: (region) => REGIONS[region],
  };
}
