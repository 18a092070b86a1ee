/**
 * Settings for `signpost start`, from (lowest to highest precedence) built-in defaults, a JSON
 * config file, SIGNPOST_* environment variables and command-line flags. Bad settings stop startup
 * with a message naming the setting and where it came from.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import { CHECKER_REGIONS } from '../health/settings.ts';
import { parseDnsListenAddress, parseListenAddress, splitDnsListenList, type ListenAddress } from '../server/listen-address.ts';

export const ROLES = ['api', 'dns', 'health'] as const;
export type Role = (typeof ROLES)[number];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The resolved settings. */
export type Config = {
  roles: Role[];
  dnsListen: ListenAddress[];
  httpListen: ListenAddress;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** 0 = answer DNS in the main process; N = N worker processes with SO_REUSEPORT sockets. */
  workers: number;
  demo: boolean;
  /** Name-server host names hosted zones get, in sets of four (no trailing dot). */
  nameServers: string[];
  /** API requests per second per account; 0 = unlimited. */
  apiRateLimit: number;
  /** Seed of the routing policies' random draws (weighted, multivalue); undefined = unseeded. */
  seed: number | undefined;
  /** MaxMind-format geolocation databases, searched in order; [] = the shipped DB-IP lite files. */
  geoipDb: string[];
  /** A measured latency table (CSV, see src/geo/latency-table.ts); '' = estimate from distance. */
  latencyTable: string;
  /** The resolver that alias targets outside the hosted zones are resolved through; none by default. */
  upstream: ListenAddress | undefined;
  /** The health checker's region (one of Route 53's checker regions). */
  region: string;
  /** Source address of health probes; undefined = the kernel's choice. */
  healthSourceAddress: string | undefined;
  /** Multiplies every RequestInterval (1 = Route 53's timing). */
  healthIntervalScale: number;
  /** Zone names (lower case, trailing dot) no account may create. */
  reservedZoneNames: string[];
  /** `--dev`: throwaway store, any credentials, reset endpoints (see cli/dev-mode.ts). */
  dev: boolean;
  /** In --dev, the account of access keys that are not 12 digits. */
  devAccount: string;
};

/** The settings as strings, before validation; every source fills some of these. */
export type RawConfig = Partial<{
  roles: string; dnsListen: string[]; httpListen: string; dataDir: string; logLevel: string; workers: string; demo: boolean;
  nameServers: string[]; apiRateLimit: string;
  seed: string;
  geoipDb: string[]; latencyTable: string;
  upstream: string;
  region: string; healthSourceAddress: string; healthIntervalScale: string;
  reservedZoneNames: string[]; dev: boolean; devAccount: string;
}>;

export const DEFAULTS = {
  roles: 'api,dns,health',
  dnsListen: ['127.0.0.1:5300', '[::1]:5300'],
  httpListen: '127.0.0.1:9053',
  dataDir: './data',
  logLevel: 'info',
  workers: String(Math.min(availableParallelism(), 4)),
  // 16 sets of 4: zones of one name, and nested zones, each need a set of their own.
  nameServers: Array.from({ length: 64 }, (_, i) => `ns-${i + 1}.signpost.test`),
  apiRateLimit: '0',
  geoipDb: [],
  latencyTable: '',
  region: 'us-east-1',
  healthIntervalScale: '1',
  reservedZoneNames: [] as string[],
  devAccount: '123456789012',
} as const;

/** Thrown for any bad setting; the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where each source's values came from, for messages: key -> "SIGNPOST_WORKERS", "--workers", … */
const origins = new WeakMap<RawConfig, (key: string) => string>();

/** Marks a source so that errors about its values name their origin. */
export function labelSource(source: RawConfig, origin: (key: string) => string): RawConfig {
  origins.set(source, origin);
  return source;
}

const ENV_NAMES: Record<string, string> = {
  roles: 'SIGNPOST_ROLES', dnsListen: 'SIGNPOST_DNS_LISTEN', httpListen: 'SIGNPOST_HTTP_LISTEN', dataDir: 'SIGNPOST_DATA_DIR',
  logLevel: 'SIGNPOST_LOG_LEVEL', workers: 'SIGNPOST_WORKERS', nameServers: 'SIGNPOST_NAME_SERVERS', apiRateLimit: 'SIGNPOST_API_RATE_LIMIT',
  seed: 'SIGNPOST_SEED',
  geoipDb: 'SIGNPOST_GEOIP_DB', latencyTable: 'SIGNPOST_LATENCY_TABLE',
  upstream: 'SIGNPOST_UPSTREAM',
  region: 'SIGNPOST_REGION', healthSourceAddress: 'SIGNPOST_HEALTH_SOURCE_ADDRESS', healthIntervalScale: 'SIGNPOST_HEALTH_INTERVAL_SCALE',
  reservedZoneNames: 'SIGNPOST_RESERVED_ZONE_NAMES', devAccount: 'SIGNPOST_DEV_ACCOUNT',
};
const FLAG_NAMES: Record<string, string> = {
  roles: '--roles', dnsListen: '--dns-listen', httpListen: '--http-listen', dataDir: '--data-dir', logLevel: '--log-level',
  workers: '--workers', nameServers: '--name-servers', apiRateLimit: '--api-rate-limit', demo: '--demo',
  seed: '--seed',
  geoipDb: '--geoip-db', latencyTable: '--latency-table',
  upstream: '--upstream',
  region: '--region', healthSourceAddress: '--health-source-address', healthIntervalScale: '--health-interval-scale',
  reservedZoneNames: '--reserved-zone-names', dev: '--dev', devAccount: '--dev-account',
};

/** Labels command-line flags as a source. */
export function flagSource(flags: RawConfig): RawConfig {
  return labelSource(flags, (k) => FLAG_NAMES[k] ?? k);
}

/** Reads a JSON config file with keys roles, dnsListen, httpListen, dataDir, logLevel, workers. */
export function readConfigFile(file: string): RawConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${file}: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`config file ${file}: expected a JSON object`);
  const out: RawConfig = {};
  for (const [k, v] of Object.entries(data)) {
    switch (k) {
      case 'roles': out.roles = Array.isArray(v) ? v.join(',') : String(v); break;
      case 'dnsListen': out.dnsListen = Array.isArray(v) ? v.map(String) : [String(v)]; break;
      case 'httpListen': out.httpListen = String(v); break;
      case 'dataDir': out.dataDir = String(v); break;
      case 'logLevel': out.logLevel = String(v); break;
      case 'workers': out.workers = String(v); break;
      case 'nameServers': out.nameServers = Array.isArray(v) ? v.map(String) : String(v).split(','); break;
      case 'apiRateLimit': out.apiRateLimit = String(v); break;
      case 'seed': out.seed = String(v); break;
      case 'geoipDb': out.geoipDb = Array.isArray(v) ? v.map(String) : [String(v)]; break;
      case 'latencyTable': out.latencyTable = String(v); break;
      case 'upstream': out.upstream = String(v); break;
      case 'region': out.region = String(v); break;
      case 'healthSourceAddress': out.healthSourceAddress = String(v); break;
      case 'healthIntervalScale': out.healthIntervalScale = String(v); break;
      case 'reservedZoneNames': out.reservedZoneNames = Array.isArray(v) ? v.map(String) : String(v).split(','); break;
      case 'devAccount': out.devAccount = String(v); break;
      default: throw new ConfigError(`config file ${file}: unknown setting "${k}"`);
    }
  }
  return labelSource(out, () => `config file ${file}`);
}

/** Reads SIGNPOST_* variables (SIGNPOST_DNS_LISTEN takes a comma-separated list). */
export function readEnv(env: NodeJS.ProcessEnv): RawConfig {
  const out: RawConfig = {};
  if (env.SIGNPOST_ROLES) out.roles = env.SIGNPOST_ROLES;
  if (env.SIGNPOST_DNS_LISTEN) out.dnsListen = splitDnsListenList(env.SIGNPOST_DNS_LISTEN);
  if (env.SIGNPOST_HTTP_LISTEN) out.httpListen = env.SIGNPOST_HTTP_LISTEN;
  if (env.SIGNPOST_DATA_DIR) out.dataDir = env.SIGNPOST_DATA_DIR;
  if (env.SIGNPOST_LOG_LEVEL) out.logLevel = env.SIGNPOST_LOG_LEVEL;
  if (env.SIGNPOST_WORKERS) out.workers = env.SIGNPOST_WORKERS;
  if (env.SIGNPOST_NAME_SERVERS) out.nameServers = env.SIGNPOST_NAME_SERVERS.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.SIGNPOST_API_RATE_LIMIT) out.apiRateLimit = env.SIGNPOST_API_RATE_LIMIT;
  if (env.SIGNPOST_SEED) out.seed = env.SIGNPOST_SEED;
  if (env.SIGNPOST_GEOIP_DB) out.geoipDb = env.SIGNPOST_GEOIP_DB.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.SIGNPOST_LATENCY_TABLE) out.latencyTable = env.SIGNPOST_LATENCY_TABLE;
  if (env.SIGNPOST_UPSTREAM) out.upstream = env.SIGNPOST_UPSTREAM;
  if (env.SIGNPOST_REGION) out.region = env.SIGNPOST_REGION;
  if (env.SIGNPOST_HEALTH_SOURCE_ADDRESS) out.healthSourceAddress = env.SIGNPOST_HEALTH_SOURCE_ADDRESS;
  if (env.SIGNPOST_HEALTH_INTERVAL_SCALE) out.healthIntervalScale = env.SIGNPOST_HEALTH_INTERVAL_SCALE;
  if (env.SIGNPOST_RESERVED_ZONE_NAMES) out.reservedZoneNames = env.SIGNPOST_RESERVED_ZONE_NAMES.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.SIGNPOST_DEV_ACCOUNT) out.devAccount = env.SIGNPOST_DEV_ACCOUNT;
  return labelSource(out, (k) => ENV_NAMES[k] ?? k);
}

/** Merges sources (later wins) and validates; a message names the source of a bad value. */
export function resolveConfig(...sources: RawConfig[]): Config {
  const raw: RawConfig = { ...DEFAULTS, dnsListen: [...DEFAULTS.dnsListen], nameServers: [...DEFAULTS.nameServers], geoipDb: [], reservedZoneNames: [] };
  const origin: Record<string, string> = {};
  for (const s of sources) {
    for (const [k, v] of Object.entries(s)) {
      if (v === undefined) continue;
      (raw as Record<string, unknown>)[k] = v;
      const label = origins.get(s)?.(k);
      if (label) origin[k] = label; else delete origin[k];
    }
  }
  try {
    return validate(raw, (key) => sources.some((s) => s[key] !== undefined));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const key = (err as ConfigError & { key?: string }).key;
    throw new ConfigError(key && origin[key] ? `${err.message} (from ${origin[key]})` : err.message);
  }
}

function fail(key: string, message: string): never {
  throw Object.assign(new ConfigError(message), { key });
}

/** Parses the upstream resolver's address: an IP literal and a port, `ADDR:PORT` or `[IPV6]:PORT`. */
function parseUpstream(text: string): ListenAddress {
  let a: ListenAddress;
  try {
    a = parseListenAddress(text);
  } catch (err) {
    return fail('upstream', `upstream: ${(err as Error).message.replace('listen address', 'address')}`);
  }
  if (a.port === 0) fail('upstream', `upstream: address "${text}": port 0 is not a resolver's port`);
  if (a.host === '0.0.0.0' || a.host === '::') fail('upstream', `upstream: address "${text}": ${a.host} is a wildcard, not a resolver's address`);
  return a;
}

function validate(raw: RawConfig, explicit: (key: keyof RawConfig) => boolean): Config {
  const roles = raw.roles!.split(',').map((r) => r.trim()).filter(Boolean);
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) fail('roles', `unknown role "${r}" (roles are ${ROLES.join(', ')})`);
  if (roles.length === 0) fail('roles', 'no roles given');
  const parse = (text: string, what: string, key: string) => {
    try {
      return key === 'dnsListen' ? parseDnsListenAddress(text) : parseListenAddress(text);
    } catch (err) {
      return fail(key, `${what}: ${(err as Error).message}`);
    }
  };
  // --dev answers DNS in the main process unless told otherwise (ready fast, one process to stop).
  if (raw.dev && !explicit('workers')) raw.workers = '0';
  if (raw.dev && explicit('dataDir')) fail('dataDir', 'data-dir: --dev always uses a fresh temporary directory, removed when Signpost stops');
  if (raw.dev && raw.demo) fail('demo', 'demo: --dev starts empty (create zones through the API)');
  const workers = /^\d{1,2}$/.test(raw.workers ?? '') ? Number(raw.workers) : NaN;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) fail('workers', `workers must be an integer from 0 to 64, not "${raw.workers}"`);
  if (!(LOG_LEVELS as readonly string[]).includes(raw.logLevel!)) fail('logLevel', `log level must be one of ${LOG_LEVELS.join(', ')}`);
  const dnsListen = raw.dnsListen!.map((a) => parse(a, 'dns-listen', 'dnsListen'));
  if (dnsListen.length === 0) fail('dnsListen', 'dns-listen: at least one address is needed');
  if (workers > 0 && dnsListen.some((a) => a.port === 0)) fail('dnsListen', 'dns-listen: port 0 needs --workers 0 (each worker would get another port)');
  const nameServers = raw.nameServers!.map((n) => n.replace(/\.$/, '').toLowerCase());
  if (nameServers.length < 4 || nameServers.length % 4 !== 0) fail('nameServers', `name-servers: give a multiple of 4 host names (got ${nameServers.length})`);
  for (const n of nameServers) {
    if (!/^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{1,63}$/.test(n)) fail('nameServers', `name-servers: "${n}" is not a host name`);
  }
  if (new Set(nameServers).size !== nameServers.length) fail('nameServers', 'name-servers: a host name is listed twice');
  const apiRateLimit = Number(raw.apiRateLimit);
  if (!Number.isFinite(apiRateLimit) || apiRateLimit < 0) fail('apiRateLimit', `api-rate-limit must be a number of requests per second (0 = off), not "${raw.apiRateLimit}"`);
  const seed = raw.seed === undefined ? undefined : /^\d{1,10}$/.test(raw.seed) && Number(raw.seed) <= 0xffffffff ? Number(raw.seed) : NaN;
  if (seed !== undefined && Number.isNaN(seed)) fail('seed', `seed must be an integer from 0 to 4294967295, not "${raw.seed}"`);
  for (const f of raw.geoipDb ?? []) checkReadableFile(f, 'geoipDb', 'geoip-db');
  if (raw.latencyTable) checkReadableFile(raw.latencyTable, 'latencyTable', 'latency-table');
  const upstream = raw.upstream === undefined ? undefined : parseUpstream(raw.upstream);
  if (!(CHECKER_REGIONS as readonly string[]).includes(raw.region!)) fail('region', `region must be one of Route 53's checker regions (${CHECKER_REGIONS.join(', ')}), not "${raw.region}"`);
  if (raw.healthSourceAddress !== undefined && isIP(raw.healthSourceAddress) === 0) fail('healthSourceAddress', `health-source-address must be an IPv4 or IPv6 address, not "${raw.healthSourceAddress}"`);
  const healthIntervalScale = Number(raw.healthIntervalScale);
  if (!Number.isFinite(healthIntervalScale) || healthIntervalScale < 0.01 || healthIntervalScale > 1) {
    fail('healthIntervalScale', `health-interval-scale must be a number from 0.01 to 1 (1 = Route 53's 10 s and 30 s intervals), not "${raw.healthIntervalScale}"`);
  }
  const reservedZoneNames = raw.reservedZoneNames!.map((n) => {
    const name = n.trim().toLowerCase().replace(/\.?$/, '.');
    if (name !== '.' && !/^([a-z0-9_*]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+$/.test(name)) fail('reservedZoneNames', `reserved-zone-names: "${n}" is not a domain name`);
    return name;
  });
  if (!/^\d{12}$/.test(raw.devAccount ?? '')) fail('devAccount', `dev-account must be a 12-digit account id, not "${raw.devAccount}"`);
  if (raw.dev && workers > 0) fail('workers', 'workers: --dev answers DNS in the main process (its resets reload the zones before replying); use --workers 0');
  return {
    region: raw.region!,
    healthSourceAddress: raw.healthSourceAddress,
    healthIntervalScale,
    reservedZoneNames,
    dev: raw.dev ?? false,
    devAccount: raw.devAccount!,
    nameServers,
    apiRateLimit,
    seed,
    geoipDb: [...(raw.geoipDb ?? [])],
    latencyTable: raw.latencyTable ?? '',
    upstream,
    roles: roles as Role[],
    dnsListen,
    httpListen: parse(raw.httpListen!, 'http-listen', 'httpListen'),
    dataDir: raw.dataDir!,
    logLevel: raw.logLevel as Config['logLevel'],
    workers,
    demo: raw.demo ?? false,
  };
}

/** Fails unless `file` is a readable regular file (its contents are checked when loaded, at start-up). */
function checkReadableFile(file: string, key: string, what: string): void {
  try {
    if (!statSync(file).isFile()) fail(key, `${what}: ${file} is not a file`);
    accessSync(file, constants.R_OK);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    fail(key, `${what}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
