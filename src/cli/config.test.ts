import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULTS, flagSource, readConfigFile, readEnv, resolveConfig, type RawConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'signpost-config-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** Writes `text` to a new file and returns its path. */
function file(text: string): string {
  const f = join(dir, `c${++n}.json`);
  writeFileSync(f, text);
  return f;
}

/** Returns the ConfigError message `fn` throws (fails when it throws nothing or something else). */
function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('with no sources gives the defaults', () => {
    expect(resolveConfig()).toMatchObject({
      roles: ['api', 'dns', 'health'],
      dnsListen: [{ host: '127.0.0.1', port: 5300, family: 4 }, { host: '::1', port: 5300, family: 6 }],
      httpListen: { host: '127.0.0.1', port: 9053, family: 4 },
      dataDir: './data',
      logLevel: 'info',
      workers: Math.min(availableParallelism(), 4),
      demo: false,
    });
    expect(DEFAULTS.workers).toBe(String(Math.min(availableParallelism(), 4)));
  });

  it('later sources win key by key; undefined values do not override', () => {
    const file: RawConfig = { roles: 'dns', dnsListen: ['127.0.0.2:0'], dataDir: '/from/file', logLevel: 'warn', workers: '0' };
    const env: RawConfig = { dnsListen: ['127.0.0.3:0'], dataDir: '/from/env' };
    // An undefined value (a flag not given) must not hide a lower source's value.
    const flags = { dnsListen: ['127.0.0.4:0'], logLevel: undefined, demo: true } as unknown as RawConfig;
    const c = resolveConfig(file, env, flags);
    expect(c.dnsListen).toEqual([{ host: '127.0.0.4', port: 0, family: 4 }]);
    expect(c.dataDir).toBe('/from/env');
    expect(c.logLevel).toBe('warn');
    expect(c.roles).toEqual(['dns']);
    expect(c.workers).toBe(0);
    expect(c.demo).toBe(true);
    expect(resolveConfig(file, env).dnsListen[0]!.host).toBe('127.0.0.3');
    expect(resolveConfig(file).dnsListen[0]!.host).toBe('127.0.0.2');
  });

  it('trims roles and accepts any subset; IPv6 listen addresses', () => {
    const c = resolveConfig({ roles: ' dns , api ', dnsListen: ['[2001:db8::1]:53', '0.0.0.0:53'], httpListen: '[::]:9053', workers: '64' });
    expect(c.roles).toEqual(['dns', 'api']);
    expect(c.dnsListen).toEqual([{ host: '2001:db8::1', port: 53, family: 6 }, { host: '0.0.0.0', port: 53, family: 4 }]);
    expect(c.httpListen).toEqual({ host: '::', port: 9053, family: 6 });
    expect(c.workers).toBe(64);
  });

  /** Each bad setting and the message that must name it. */
  const bad: { name: string; raw: RawConfig; message: string }[] = [
    { name: 'unknown role', raw: { roles: 'api,web' }, message: 'unknown role "web" (roles are api, dns, health)' },
    { name: 'no roles', raw: { roles: ' , ' }, message: 'no roles given' },
    { name: 'dns-listen not HOST:PORT', raw: { dnsListen: ['127.0.0.1'] }, message: 'dns-listen: listen address "127.0.0.1" is not HOST:PORT or [IPV6]:PORT' },
    { name: 'dns-listen host name', raw: { dnsListen: ['localhost:53'] }, message: 'dns-listen: listen address "localhost:53": "localhost" is not an IP address' },
    { name: 'dns-listen port out of range', raw: { dnsListen: ['127.0.0.1:65536'] }, message: 'dns-listen: listen address "127.0.0.1:65536": port out of range' },
    { name: 'dns-listen IPv6 without brackets', raw: { dnsListen: ['::1:53'] }, message: 'dns-listen: listen address "::1:53" is not HOST:PORT or [IPV6]:PORT' },
    { name: 'dns-listen empty list', raw: { dnsListen: [] }, message: 'dns-listen: at least one address is needed' },
    { name: 'dns-listen port 0 with workers', raw: { dnsListen: ['127.0.0.1:0'], workers: '2' }, message: 'dns-listen: port 0 needs --workers 0 (each worker would get another port)' },
    { name: 'http-listen', raw: { httpListen: 'x' }, message: 'http-listen: listen address "x" is not HOST:PORT or [IPV6]:PORT' },
    { name: 'workers negative', raw: { workers: '-1' }, message: 'workers must be an integer from 0 to 64, not "-1"' },
    { name: 'workers too many', raw: { workers: '65' }, message: 'workers must be an integer from 0 to 64, not "65"' },
    { name: 'workers fraction', raw: { workers: '1.5' }, message: 'workers must be an integer from 0 to 64, not "1.5"' },
    { name: 'workers not a number', raw: { workers: 'four' }, message: 'workers must be an integer from 0 to 64, not "four"' },
    { name: 'log level', raw: { logLevel: 'loud' }, message: 'log level must be one of fatal, error, warn, info, debug, trace, silent' },
    { name: 'upstream without a port', raw: { upstream: '192.0.2.53' }, message: 'upstream: address "192.0.2.53" is not HOST:PORT or [IPV6]:PORT' },
    { name: 'upstream host name', raw: { upstream: 'resolver.example.net:53' }, message: 'upstream: address "resolver.example.net:53": "resolver.example.net" is not an IP address' },
    { name: 'upstream port out of range', raw: { upstream: '192.0.2.53:65536' }, message: 'upstream: address "192.0.2.53:65536": port out of range' },
    { name: 'upstream port 0', raw: { upstream: '192.0.2.53:0' }, message: 'upstream: address "192.0.2.53:0": port 0 is not a resolver\'s port' },
    { name: 'upstream wildcard', raw: { upstream: '[::]:53' }, message: 'upstream: address "[::]:53": :: is a wildcard, not a resolver\'s address' },
    { name: 'upstream empty', raw: { upstream: '' }, message: 'upstream: address "" is not HOST:PORT or [IPV6]:PORT' },
  ];
  it.each(bad)('refuses a bad setting: $name', ({ raw, message }) => {
    expect(configError(() => resolveConfig(raw))).toBe(message);
  });

  // Bug: Number('') is 0, so an empty --workers value (`--workers ""`, or "workers": "" in a
  // config file) is taken as 0 instead of being refused like any other non-integer.
  it('an empty workers value is refused, not read as 0', () => {
    expect(configError(() => resolveConfig({ workers: '' }))).toBe('workers must be an integer from 0 to 64, not ""');
  });

  // Bug: config.ts promises "a message naming the setting and where it came from", but
  // resolveConfig merges the sources first, so no message says which source (flag, SIGNPOST_*
  // variable or config file) held the bad value.
  it('a bad value from the environment is reported with its variable name', () => {
    expect(configError(() => resolveConfig({}, readEnv({ SIGNPOST_WORKERS: 'many' })))).toContain('SIGNPOST_WORKERS');
  });
});

describe('upstream', () => {
  it('has none by default; takes ADDR:PORT or [IPV6]:PORT from flags, SIGNPOST_UPSTREAM or the config file', () => {
    expect(resolveConfig().upstream).toBeUndefined();
    expect(resolveConfig({ upstream: '127.0.0.1:5353' }).upstream).toEqual({ host: '127.0.0.1', port: 5353, family: 4 });
    expect(resolveConfig(readEnv({ SIGNPOST_UPSTREAM: '[::1]:53' })).upstream).toEqual({ host: '::1', port: 53, family: 6 });
    expect(readEnv({ SIGNPOST_UPSTREAM: '' })).toEqual({});
    const f = file('{"upstream": "192.0.2.53:53"}');
    expect(resolveConfig(readConfigFile(f)).upstream).toEqual({ host: '192.0.2.53', port: 53, family: 4 });
    expect(resolveConfig(readConfigFile(f), readEnv({ SIGNPOST_UPSTREAM: '192.0.2.54:53' })).upstream!.host).toBe('192.0.2.54');
  });

  it('a bad value names its source', () => {
    expect(configError(() => resolveConfig(readEnv({ SIGNPOST_UPSTREAM: 'dns.example.net:53' }))))
      .toBe('upstream: address "dns.example.net:53": "dns.example.net" is not an IP address (from SIGNPOST_UPSTREAM)');
    const f = file('{"upstream": "192.0.2.53"}');
    expect(configError(() => resolveConfig(readConfigFile(f)))).toBe(`upstream: address "192.0.2.53" is not HOST:PORT or [IPV6]:PORT (from config file ${f})`);
  });
});

describe('readEnv', () => {
  it('reads every SIGNPOST_* setting and nothing else', () => {
    expect(readEnv({
      SIGNPOST_ROLES: 'dns', SIGNPOST_DNS_LISTEN: ' 127.0.0.1:53 ,, [::1]:53 ', SIGNPOST_HTTP_LISTEN: '127.0.0.1:80',
      SIGNPOST_DATA_DIR: '/var/lib/signpost', SIGNPOST_LOG_LEVEL: 'debug', SIGNPOST_WORKERS: '2', PATH: '/bin', SIGNPOST_OTHER: 'x',
    })).toEqual({
      roles: 'dns', dnsListen: ['127.0.0.1:53', '[::1]:53'], httpListen: '127.0.0.1:80', dataDir: '/var/lib/signpost', logLevel: 'debug', workers: '2',
    });
  });

  it('ignores empty variables', () => {
    expect(readEnv({ SIGNPOST_ROLES: '', SIGNPOST_DNS_LISTEN: '', SIGNPOST_WORKERS: '' })).toEqual({});
  });

  it('a list of only commas gives no addresses, which resolveConfig refuses', () => {
    expect(readEnv({ SIGNPOST_DNS_LISTEN: ' , ' })).toEqual({ dnsListen: [] });
    expect(configError(() => resolveConfig(readEnv({ SIGNPOST_DNS_LISTEN: ' , ' })))).toBe('dns-listen: at least one address is needed (from SIGNPOST_DNS_LISTEN)');
  });
});

describe('readConfigFile', () => {
  it('reads every key; roles and dnsListen as lists or strings', () => {
    const f = file(JSON.stringify({ roles: ['api', 'dns'], dnsListen: ['127.0.0.1:53', '[::1]:53'], httpListen: '127.0.0.1:80', dataDir: '/srv/signpost', logLevel: 'error', workers: 3 }));
    expect(readConfigFile(f)).toEqual({ roles: 'api,dns', dnsListen: ['127.0.0.1:53', '[::1]:53'], httpListen: '127.0.0.1:80', dataDir: '/srv/signpost', logLevel: 'error', workers: '3' });
    expect(readConfigFile(file('{"roles": "dns", "dnsListen": "127.0.0.1:53"}'))).toEqual({ roles: 'dns', dnsListen: ['127.0.0.1:53'] });
    expect(readConfigFile(file('{}'))).toEqual({});
  });

  it('refuses an unknown key, naming the file and the key', () => {
    const f = file('{"dnsListen": "127.0.0.1:53", "colour": "red"}');
    expect(configError(() => readConfigFile(f))).toBe(`config file ${f}: unknown setting "colour"`);
  });

  it('refuses a file that is not a JSON object', () => {
    for (const text of ['[]', 'null', '42', '"dns"']) {
      const f = file(text);
      expect(configError(() => readConfigFile(f))).toBe(`config file ${f}: expected a JSON object`);
    }
  });

  it('refuses bad JSON and a missing file, naming the file', () => {
    const f = file('{"roles": ');
    expect(configError(() => readConfigFile(f))).toMatch(new RegExp(`^config file ${f}: .*JSON`));
    const missing = join(dir, 'missing.json');
    expect(configError(() => readConfigFile(missing))).toMatch(new RegExp(`^config file ${missing}: ENOENT`));
  });

  it('values from the file are checked like any other', () => {
    const f = file('{"workers": -2}');
    expect(configError(() => resolveConfig(readConfigFile(f)))).toBe(`workers must be an integer from 0 to 64, not "-2" (from config file ${f})`);
  });
});

describe('geolocation settings (--geoip-db, --latency-table)', () => {
  it('default to the shipped database and the distance estimate', () => {
    expect(resolveConfig()).toMatchObject({ geoipDb: [], latencyTable: '' });
  });

  it('come from a config file, the environment and flags', () => {
    const a = file('{}');
    const b = file('{}');
    expect(resolveConfig(readConfigFile(file(JSON.stringify({ geoipDb: [a, b], latencyTable: a })))))
      .toMatchObject({ geoipDb: [a, b], latencyTable: a });
    expect(resolveConfig(readEnv({ SIGNPOST_GEOIP_DB: `${a}, ${b}`, SIGNPOST_LATENCY_TABLE: b }))).toMatchObject({ geoipDb: [a, b], latencyTable: b });
    expect(resolveConfig(readEnv({ SIGNPOST_GEOIP_DB: a }), flagSource({ geoipDb: [b] }))).toMatchObject({ geoipDb: [b] });
  });

  it('refuse a file that cannot be read, naming where it came from', () => {
    const missing = join(dir, 'nope.mmdb');
    expect(configError(() => resolveConfig(flagSource({ geoipDb: [missing] })))).toBe(`geoip-db: cannot read ${missing} (ENOENT) (from --geoip-db)`);
    expect(configError(() => resolveConfig(readEnv({ SIGNPOST_LATENCY_TABLE: dir })))).toBe(`latency-table: ${dir} is not a file (from SIGNPOST_LATENCY_TABLE)`);
  });
});
