/**
 * The `signpost` command (bin/signpost runs it through entry.ts, which turns on the compile cache
 * first). One top-level catch: expected errors (UsageError, ConfigError, MasterFileError) print
 * their message and exit non-zero; anything else is reported as a bug. Each command loads its
 * own modules with import() when it runs, so that one command does not load the others' (`start`
 * alone loads the servers, `zone` the zone-file code, `explain` the geolocation data).
 */
import { flushCompileCache } from 'node:module';
import { Command, Option } from 'commander';
import { readConfigFile, readEnv, resolveConfig, flagSource, ConfigError, DEFAULTS, type RawConfig } from './config.ts';
import { ADMIN_ACCOUNT_ID } from '../api/context.ts';
import { registerKeysCommands } from './keys.ts';
import { registerVpcCommands } from './vpc-commands.ts';
import { UsageError } from './errors.ts';
import { MasterFileError } from '../zone/master-file.ts';
import { StoreOpenError } from '../store/index.ts';
import { withStore } from './data-dir.ts';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const program = new Command('signpost')
  .description('Self-hosted DNS traffic service that speaks the Amazon Route 53 API')
  .showHelpAfterError();

program.command('start')
  .description('start the roles (api, dns, health) on the embedded SQLite store')
  .option('--config <file>', 'JSON config file (env SIGNPOST_CONFIG)')
  .option('--roles <list>', `comma-separated roles (default ${DEFAULTS.roles}; env SIGNPOST_ROLES)`)
  .option('--dns-listen <addr>', `DNS address HOST:PORT or [IPV6]:PORT, UDP and TCP, optionally @vpc-ID (queries on it come from that VPC) and =NS,NS (the name servers it answers as); repeatable (default ${DEFAULTS.dnsListen.join(' ')}; env SIGNPOST_DNS_LISTEN, comma-separated)`, collect)
  .option('--http-listen <addr>', `HTTP API address (default ${DEFAULTS.httpListen}; env SIGNPOST_HTTP_LISTEN)`)
  .option('--data-dir <dir>', `data directory (default ${DEFAULTS.dataDir}; env SIGNPOST_DATA_DIR)`)
  .option('--log-level <level>', `fatal|error|warn|info|debug|trace|silent (default ${DEFAULTS.logLevel}; env SIGNPOST_LOG_LEVEL)`)
  .option('--workers <n>', 'DNS worker processes; 0 answers in the main process (default: cores, at most 4; env SIGNPOST_WORKERS)')
  .option('--name-servers <list>', 'comma-separated name-server host names hosted zones get, in sets of 4 (default ns-1..64.signpost.test; env SIGNPOST_NAME_SERVERS)')
  .option('--api-rate-limit <n>', 'Route 53 API requests per second per account, 0 = off (default 0; env SIGNPOST_API_RATE_LIMIT)')
  .option('--seed <n>', 'seed for weighted and multivalue draws, for reproducible answers in tests (default: unseeded; env SIGNPOST_SEED)')
  .option('--geoip-db <file>', 'MaxMind-format .mmdb geolocation database; repeatable, e.g. IPv4 and IPv6 files (default: the shipped DB-IP lite files; env SIGNPOST_GEOIP_DB, comma-separated)', collect)
  .option('--latency-table <file>', 'measured latencies, CSV client,region,ms (default: estimated from distance; env SIGNPOST_LATENCY_TABLE)')
  .option('--upstream <addr>', 'resolver for alias targets outside the hosted zones, ADDR:PORT or [IPV6]:PORT (default none; env SIGNPOST_UPSTREAM)')
  .option('--region <region>', 'region of the health checker this process runs (default us-east-1; env SIGNPOST_REGION)')
  .option('--health-source-address <ip>', 'source address of health probes (default: the kernel picks; env SIGNPOST_HEALTH_SOURCE_ADDRESS)')
  .option('--health-interval-scale <x>', 'multiply health check intervals by x, 0.01-1, for tests and demos (default 1; env SIGNPOST_HEALTH_INTERVAL_SCALE)')
  .option('--reserved-zone-names <list>', 'comma-separated zone names no account may create (default none; env SIGNPOST_RESERVED_ZONE_NAMES)')
  .addOption(new Option('--demo', 'create the example.com. demo zone when the store has no zones'))
  .addOption(new Option('--dev', 'a local Route 53 for tests: throwaway store, any credentials, POST /moto-api/reset'))
  .option('--dev-account <id>', 'with --dev, the account of access keys that are not 12 digits (default 123456789012; env SIGNPOST_DEV_ACCOUNT)')
  .action(async (opts: Record<string, unknown>) => {
    const configFile = (opts.config as string | undefined) ?? process.env.SIGNPOST_CONFIG;
    const flags: RawConfig = {};
    if (opts.roles) flags.roles = String(opts.roles);
    if (opts.dnsListen) flags.dnsListen = opts.dnsListen as string[];
    if (opts.httpListen) flags.httpListen = String(opts.httpListen);
    if (opts.dataDir) flags.dataDir = String(opts.dataDir);
    if (opts.logLevel) flags.logLevel = String(opts.logLevel);
    if (opts.workers !== undefined) flags.workers = String(opts.workers);
    if (opts.nameServers) flags.nameServers = String(opts.nameServers).split(',').map((n) => n.trim()).filter(Boolean);
    if (opts.apiRateLimit !== undefined) flags.apiRateLimit = String(opts.apiRateLimit);
    if (opts.seed !== undefined) flags.seed = String(opts.seed);
    if (opts.geoipDb) flags.geoipDb = opts.geoipDb as string[];
    if (opts.latencyTable) flags.latencyTable = String(opts.latencyTable);
    if (opts.upstream !== undefined) flags.upstream = String(opts.upstream);
    if (opts.region) flags.region = String(opts.region);
    if (opts.healthSourceAddress) flags.healthSourceAddress = String(opts.healthSourceAddress);
    if (opts.healthIntervalScale !== undefined) flags.healthIntervalScale = String(opts.healthIntervalScale);
    if (opts.demo) flags.demo = true;
    if (opts.reservedZoneNames !== undefined) flags.reservedZoneNames = String(opts.reservedZoneNames).split(',').map((n) => n.trim()).filter(Boolean);
    if (opts.dev) flags.dev = true;
    if (opts.devAccount !== undefined) flags.devAccount = String(opts.devAccount);
    const config = resolveConfig(configFile ? readConfigFile(configFile) : {}, readEnv(process.env), flagSource(flags));
    const { start } = await import('./start.ts');
    // `ps` and `pgrep signpost` find the server by this name (its argv is node and entry.ts).
    process.title = ['signpost', ...process.argv.slice(2)].join(' ');
    // Signals are caught before anything listens, so a stop during start-up is still clean.
    let running: Awaited<ReturnType<typeof start>> | undefined;
    let stopRequested: string | undefined;
    const stop = (signal: string) => {
      if (stopRequested) return;
      stopRequested = signal;
      if (!running) return; // start() finishes first, then stops
      console.log(`${signal}: stopping`);
      void running.stop().then(() => process.exit(0));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    try {
      running = await start(config);
      // Writes the compile cache (entry.ts) now rather than at exit, so that a server that is
      // killed (CI jobs often leave it to die with the job) still makes the next start faster.
      flushCompileCache();
    } catch (err) {
      // A stop signal to the whole process group during start-up ends the workers first; that
      // is a stop, not a failure. Node may tell of a worker's death before it runs this
      // process's own handler for the same signal, so give that handler a moment.
      if (!stopRequested && (err as { signal?: unknown }).signal) await new Promise((r) => setTimeout(r, 1000));
      if (stopRequested) {
        console.log(`${stopRequested}: stopped during start-up`);
        process.exit(0);
      }
      throw err;
    }
    if (stopRequested) {
      console.log(`${stopRequested}: stopping`);
      await running.stop();
      process.exit(0);
    }
  });

const zone = program.command('zone').description('import and export zones as RFC 1035 master files');
zone.command('import')
  .description('import FILE (master file or ListResourceRecordSets JSON) into zone NAME, creating the zone when missing')
  .argument('<name>', 'zone name, e.g. example.com.')
  .argument('<file>', 'master file, or the JSON aws route53 list-resource-record-sets prints')
  .option('--data-dir <dir>', 'data directory (env SIGNPOST_DATA_DIR)')
  .option('--account <id>', `the account that owns the zone (default ${ADMIN_ACCOUNT_ID}, the admin account)`)
  .option('--format <format>', 'master or json (default: json when the file starts with { or [)')
  .option('--replace', 'delete the record sets of the zone that the file does not mention')
  .option('--dry-run', 'only print the difference with the zone as it is')
  .option('--keep-apex-records', "use the file's apex SOA and NS instead of Route 53's")
  .option('--delegation-set-id <id>', 'a new zone takes the name servers of this reusable delegation set')
  .option('--name-servers <list>', 'the pool a new zone takes name servers from (default as for start; env SIGNPOST_NAME_SERVERS)')
  .action(async (name: string, file: string, opts: { dataDir?: string; account?: string; format?: string; replace?: boolean; dryRun?: boolean;
    keepApexRecords?: boolean; delegationSetId?: string; nameServers?: string }) => {
    if (opts.account !== undefined && !/^\d{12}$/.test(opts.account)) throw new UsageError(`bad account id "${opts.account}": 12 digits`);
    if (opts.format !== undefined && opts.format !== 'master' && opts.format !== 'json') throw new UsageError(`bad --format "${opts.format}": master or json`);
    const { importZone } = await import('./zone-commands.ts');
    const pool = resolveConfig(readEnv(process.env), flagSource(opts.nameServers ? { nameServers: opts.nameServers.split(',').map((n) => n.trim()).filter(Boolean) } : {})).nameServers;
    const r = await withStore(opts, { create: true }, (store) => importZone(store, name, file, {
      accountId: opts.account ?? ADMIN_ACCOUNT_ID, replace: opts.replace ?? false, dryRun: opts.dryRun ?? false, keepApexRecords: opts.keepApexRecords ?? false,
      nameServers: pool, ...(opts.format ? { format: opts.format as 'master' | 'json' } : {}), ...(opts.delegationSetId ? { delegationSetId: opts.delegationSetId } : {}),
    }));
    if (r.aliasesPointed > 0) console.error(`${r.aliasesPointed} alias target(s) named a hosted zone id this store does not have, for names in ${r.zone.name}: pointed at this zone`);
    if (r.dryRun) {
      console.log(`dry run: ${r.created ? 'would create' : 'would change'} zone ${r.zone.name}${r.created ? '' : ` (id ${r.zone.id})`}: ${r.diff.length === 0 ? 'no differences' : `${r.diff.length} record set(s) differ`}`);
      for (const line of r.diff) console.log(`  ${line}`);
    } else {
      const what = r.created ? 'created' : r.diff.length === 0 ? 'nothing to change in' : 'replaced';
      console.log(`${what} zone ${r.zone.name} (id ${r.zone.id}): ${r.records} records, version ${r.zone.version}`);
    }
  });
zone.command('export')
  .description('print zone NAME as a master file (every record set, with the signpost extension) or as JSON')
  .argument('<name>', 'zone name')
  .option('--data-dir <dir>', 'data directory (env SIGNPOST_DATA_DIR)')
  .option('--format <format>', 'master (default) or json (what aws route53 list-resource-record-sets prints)')
  .action(async (name: string, opts: { dataDir?: string; format?: string }) => {
    if (opts.format !== undefined && opts.format !== 'master' && opts.format !== 'json') throw new UsageError(`bad --format "${opts.format}": master or json`);
    const { exportZone } = await import('./zone-commands.ts');
    process.stdout.write(await withStore(opts, { create: false }, (store) => exportZone(store, name, (opts.format ?? 'master') as 'master' | 'json')));
  });

program.command('status')
  .description('zones, record counts, versions and the DNS nodes serving them')
  .option('--data-dir <dir>', 'data directory (env SIGNPOST_DATA_DIR)')
  .action(async (opts: { dataDir?: string }) => {
    const { statusReport } = await import('./status.ts');
    console.log(await withStore(opts, { create: false }, statusReport));
  });

program.command('explain')
  .description('what the DNS server answers for NAME and TYPE, and why (zone, client, routing choices)')
  .argument('<name>', 'the question\'s name, e.g. www.example.com')
  .argument('<type>', 'the question\'s type, e.g. A')
  .option('--client <ip>', 'the address the query comes from (a resolver)')
  .option('--subnet <cidr>', 'an EDNS Client Subnet, e.g. 198.51.100.0/24')
  .option('--data-dir <dir>', 'data directory (env SIGNPOST_DATA_DIR)')
  .option('--geoip-db <file>', 'geolocation database, as for start (default: the shipped DB-IP lite files)', collect)
  .option('--latency-table <file>', 'measured latency table, as for start')
  .action(async (name: string, type: string, opts: { dataDir?: string; client?: string; subnet?: string; geoipDb?: string[]; latencyTable?: string }) => {
    const [{ explain }, { loadRoutingServices }] = await Promise.all([import('./explain.ts'), import('./routing-services.ts')]);
    const services = loadRoutingServices({ geoipDb: opts.geoipDb ?? [], latencyTable: opts.latencyTable ?? '' });
    console.log(await withStore(opts, { create: false }, async (store) => explain(store, name, type, {
      ...(opts.client !== undefined ? { client: opts.client } : {}), ...(opts.subnet !== undefined ? { subnet: opts.subnet } : {}),
      services, health: await store.healthStates(),
    })));
  });

registerKeysCommands(program);
registerVpcCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof UsageError || err instanceof MasterFileError) {
    console.error(`signpost: ${err.message}`);
    process.exit(err instanceof UsageError ? err.exitCode : 1);
  }
  if (err instanceof StoreOpenError) {
    console.error(`signpost: ${err.message}`);
    process.exit(1);
  }
  const code = (err as NodeJS.ErrnoException).code;
  const syscall = (err as NodeJS.ErrnoException).syscall;
  if ((syscall === 'listen' || syscall === 'bind') && (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')) {
    const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
    const where = e.address !== undefined ? ` ${e.address}:${e.port}` : '';
    const why = code === 'EADDRINUSE' ? 'the address is already in use' : code === 'EACCES' ? 'permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)' : 'the address is not available on this host';
    console.error(`signpost: cannot listen on${where}: ${why}`);
    process.exit(1);
  }
  if (err instanceof ConfigError) {
    console.error(`signpost: bad configuration: ${err.message}`);
    process.exit(2);
  }
  console.error('signpost: internal error (this is a bug; please report it with the details below)');
  console.error(err);
  process.exit(70);
}
