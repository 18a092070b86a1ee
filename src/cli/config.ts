/**
 * Settings for `signpost start`, from (lowest to highest precedence) built-in defaults, a JSON
 * config file, SIGNPOST_* environment variables and command-line flags. Bad settings stop startup
 * with a message naming the setting and where it came from.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseListenAddress, type ListenAddress } from '../server/listen-address.ts';

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
};

/** The settings as strings, before validation; every source fills some of these. */
export type RawConfig = Partial<{
  roles: string; dnsListen: string[]; httpListen: string; dataDir: string; logLevel: string; workers: string; demo: boolean;
}>;

export const DEFAULTS = {
  roles: 'api,dns,health',
  dnsListen: ['127.0.0.1:5300', '[::1]:5300'],
  httpListen: '127.0.0.1:9053',
  dataDir: './data',
  logLevel: 'info',
  workers: String(Math.min(availableParallelism(), 4)),
} as const;

/** Thrown for any bad setting; the CLI prints the message and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
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
      default: throw new ConfigError(`config file ${file}: unknown setting "${k}"`);
    }
  }
  return out;
}

/** Reads SIGNPOST_* variables (SIGNPOST_DNS_LISTEN takes a comma-separated list). */
export function readEnv(env: NodeJS.ProcessEnv): RawConfig {
  const out: RawConfig = {};
  if (env.SIGNPOST_ROLES) out.roles = env.SIGNPOST_ROLES;
  if (env.SIGNPOST_DNS_LISTEN) out.dnsListen = env.SIGNPOST_DNS_LISTEN.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.SIGNPOST_HTTP_LISTEN) out.httpListen = env.SIGNPOST_HTTP_LISTEN;
  if (env.SIGNPOST_DATA_DIR) out.dataDir = env.SIGNPOST_DATA_DIR;
  if (env.SIGNPOST_LOG_LEVEL) out.logLevel = env.SIGNPOST_LOG_LEVEL;
  if (env.SIGNPOST_WORKERS) out.workers = env.SIGNPOST_WORKERS;
  return out;
}

/** Merges sources (later wins) and validates. */
export function resolveConfig(...sources: RawConfig[]): Config {
  const raw: RawConfig = { ...DEFAULTS, dnsListen: [...DEFAULTS.dnsListen] };
  for (const s of sources) for (const [k, v] of Object.entries(s)) if (v !== undefined) (raw as Record<string, unknown>)[k] = v;
  const roles = raw.roles!.split(',').map((r) => r.trim()).filter(Boolean);
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new ConfigError(`unknown role "${r}" (roles are ${ROLES.join(', ')})`);
  if (roles.length === 0) throw new ConfigError('no roles given');
  const parse = (text: string, what: string) => {
    try {
      return parseListenAddress(text);
    } catch (err) {
      throw new ConfigError(`${what}: ${(err as Error).message}`);
    }
  };
  const workers = Number(raw.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new ConfigError(`workers must be an integer from 0 to 64, not "${raw.workers}"`);
  if (!(LOG_LEVELS as readonly string[]).includes(raw.logLevel!)) throw new ConfigError(`log level must be one of ${LOG_LEVELS.join(', ')}`);
  const dnsListen = raw.dnsListen!.map((a) => parse(a, 'dns-listen'));
  if (dnsListen.length === 0) throw new ConfigError('dns-listen: at least one address is needed');
  if (workers > 0 && dnsListen.some((a) => a.port === 0)) throw new ConfigError('dns-listen: port 0 needs --workers 0 (each worker would get another port)');
  return {
    roles: roles as Role[],
    dnsListen,
    httpListen: parse(raw.httpListen!, 'http-listen'),
    dataDir: raw.dataDir!,
    logLevel: raw.logLevel as Config['logLevel'],
    workers,
    demo: raw.demo ?? false,
  };
}
