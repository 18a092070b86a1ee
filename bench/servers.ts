// The benchmarked servers: how to configure, start and sanity-check each of Knot, NSD,
// node-ceiling and Signpost on a loopback port. Each start returns the PID whose process
// tree is measured. Ports come from run.ts (--base-port), fixed so a run can be replayed with dig.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Server = {
  name: string;
  port: number;
  pid: number;
  /** Stops the server and waits for it to exit. */
  stop: () => Promise<void>;
  /** True for node-ceiling, which answers every query with one fixed record. */
  fixedAnswer?: boolean;
};

export type Launch = { name: string; port: number; fixedAnswer?: boolean; start: () => Promise<Server> };

/** Returns argv prefixed with `taskset -c cpus` when cpus is set. */
function pinned(cpus: string | null, argv: string[]): [string, string[]] {
  return cpus === null ? [argv[0]!, argv.slice(1)] : ['taskset', ['-c', cpus, ...argv]];
}

/**
 * Spawns argv, logging to logFile, and resolves once the server is ready: its log shows
 * `readyLine` (when given) and the port answers `probe` (`null`: the ready line is enough).
 */
export async function launch(
  name: string, port: number, argv: string[], cpus: string | null, logFile: string,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; readyLine?: string; probe?: string | null } = {},
): Promise<Server> {
  if (!(await udpPortFree(port))) throw new Error(`127.0.0.1:${port} (UDP) is in use; pass --base-port`);
  const [cmd, args] = pinned(cpus, argv);
  const child: ChildProcess = spawn(cmd, args, {
    cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const onData = (d: Buffer): void => { log += d.toString(); };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  const exit = new Promise<void>((r) => child.on('exit', () => { exited = true; r(); }));
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(t);
    }
    writeFileSync(logFile, log);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    const lineOk = opts.readyLine === undefined || log.includes(opts.readyLine);
    if (lineOk && (opts.probe === null || answers(port, opts.probe ?? 'example.test SOA'))) return { name, port, pid: child.pid ?? -1, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`${name} did not start on 127.0.0.1:${port}; log in ${logFile}:\n${log.slice(-3000)}`);
}

/** True when port can be bound on 127.0.0.1 over UDP. */
function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', () => resolve(false));
    sock.bind(port, '127.0.0.1', () => sock.close(() => resolve(true)));
  });
}

/** True when something answers the probe ("name type") on the port. */
function answers(port: number, probe: string): boolean {
  try {
    const out = execFileSync('dig', ['@127.0.0.1', '-p', String(port), '+tries=1', '+time=1', '+short', ...probe.split(' ')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().length > 0;
  } catch {
    return false;
  }
}

/** Knot with its own config and storage under dir; udpWorkers UDP threads. */
export function knot(dir: string, zoneFile: string, port: number, cpus: string | null, udpWorkers: number): Launch {
  const name = udpWorkers === 1 ? 'knot' : `knot (${udpWorkers} udp workers)`;
  return {
    name, port,
    start: async () => {
      const d = join(dir, `knot-${port}`);
      rmSync(d, { recursive: true, force: true });
      for (const sub of ['run', 'db', 'zones']) mkdirSync(join(d, sub), { recursive: true });
      execFileSync('cp', [zoneFile, join(d, 'zones', 'example.test.zone')]);
      writeFileSync(join(d, 'knot.conf'), `server:
    rundir: "${d}/run"
    listen: 127.0.0.1@${port}
    udp-workers: ${udpWorkers}
    tcp-workers: 1
    background-workers: 1
log:
  - target: stderr
    any: warning
database:
    storage: "${d}/db"
template:
  - id: default
    storage: "${d}/zones"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: example.test
    file: example.test.zone
`);
      return await launch(name, port, ['knotd', '-c', join(d, 'knot.conf')], cpus, join(dir, `knot-${port}.log`));
    },
  };
}

/** NSD with response-rate limiting off (Debian's default limits 200 qps per /24) and minimal responses, as Knot. */
export function nsd(dir: string, zoneFile: string, port: number, cpus: string | null): Launch {
  return {
    name: 'nsd', port,
    start: async () => {
      const d = join(dir, `nsd-${port}`);
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d, { recursive: true });
      execFileSync('cp', [zoneFile, join(d, 'example.test.zone')]);
      writeFileSync(join(d, 'nsd.conf'), `server:
    ip-address: 127.0.0.1
    port: ${port}
    do-ip6: no
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "${d}"
    database: ""
    zonelistfile: "${d}/zone.list"
    xfrdfile: "${d}/xfrd.state"
    xfrdir: "${d}"
    pidfile: "${d}/nsd.pid"
    verbosity: 0
    hide-version: yes
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0
    minimal-responses: yes
remote-control:
    control-enable: no
zone:
    name: example.test
    zonefile: example.test.zone
`);
      return await launch('nsd', port, ['nsd', '-d', '-c', join(d, 'nsd.conf')], cpus, join(dir, `nsd-${port}.log`));
    },
  };
}

/** node-ceiling.cjs: the floor cost of Node's UDP path (one precomputed answer). */
export function ceiling(dir: string, node: string, script: string, port: number, cpus: string | null, workers: number): Launch {
  const name = workers === 0 ? 'node-ceiling' : `node-ceiling (${workers} workers)`;
  return {
    name, port, fixedAnswer: true,
    start: async () => ({
      ...await launch(name, port, [node, script], cpus, join(dir, `ceiling-${port}.log`),
        { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WORKERS: String(workers), QUIET: '1' },
          probe: 'h00001.example.test A' }),
      fixedAnswer: true,
    }),
  };
}

/** Signpost, DNS role only, over a data directory the zone was imported into. */
export function signpost(dir: string, repo: string, zoneFile: string, port: number, cpus: string | null, workers: number): Launch {
  return {
    name: `signpost (--workers ${workers})`, port,
    start: async () => {
      const data = join(dir, `signpost-data-${port}`);
      rmSync(data, { recursive: true, force: true });
      mkdirSync(data, { recursive: true });
      const bin = join(repo, 'bin', 'signpost');
      execFileSync(bin, ['zone', 'import', 'example.test', zoneFile, '--data-dir', data, '--keep-apex-records'], { cwd: repo, stdio: 'inherit' });
      return await launch(`signpost (--workers ${workers})`, port, [bin, 'start', '--roles', 'dns',
        '--dns-listen', `127.0.0.1:${port}`, '--http-listen', `127.0.0.1:${port + 100}`,
        '--data-dir', data, '--workers', String(workers)], cpus, join(dir, `signpost-${port}.log`),
      { cwd: repo, readyLine: 'signpost ready' });
    },
  };
}
