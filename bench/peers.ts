// The routing benchmark's servers: Signpost over example.test with policy sets, PowerDNS serving
// the LUA variant of the zone (bind backend) and gdnsd serving the DYNA variant. Each is
// configured under its own directory in the output directory and started through launch()
// from servers.ts (pinned, logged, ready when it answers).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPolicySets } from './routing-data.ts';
import { launch, type Launch } from './servers.ts';

/** Signpost (DNS role, one process) over the plain zone plus the policy sets; extraArgs go to `signpost start`. */
export function signpostRouting(dir: string, repo: string, zoneFile: string, port: number, cpus: string | null, extraArgs: string[]): Launch {
  const name = 'signpost (--workers 0)';
  return {
    name, port,
    start: async () => {
      const data = join(dir, `signpost-routing-${port}`);
      rmSync(data, { recursive: true, force: true });
      mkdirSync(data, { recursive: true });
      const bin = join(repo, 'bin', 'signpost');
      execFileSync(bin, ['zone', 'import', 'example.test', zoneFile, '--data-dir', data, '--keep-apex-records'], { cwd: repo, stdio: 'inherit' });
      await addPolicySets(data);
      return await launch(name, port, [bin, 'start', '--roles', 'dns', '--dns-listen', `127.0.0.1:${port}`,
        '--http-listen', `127.0.0.1:${port + 100}`, '--data-dir', data, '--workers', '0', '--log-level', 'warn', ...extraArgs],
      cpus, join(dir, `signpost-routing-${port}.log`), { cwd: repo, readyLine: 'signpost ready' });
    },
  };
}

/**
 * PowerDNS with the bind backend over the LUA variant (its ifportup checks must probe this port:
 * make-zone.py --lua-check-port). lua: 'yes' runs each LUA record in a fresh Lua state per
 * query; 'shared' keeps one state per thread (PowerDNS 4.7's enable-lua-records=shared).
 */
export function pdns(dir: string, luaZoneFile: string, port: number, cpus: string | null, lua: 'yes' | 'shared'): Launch {
  const name = `powerdns LUA (${lua})`;
  return {
    name, port,
    start: async () => {
      const d = join(dir, `pdns-${port}`);
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d, { recursive: true });
      execFileSync('cp', [luaZoneFile, join(d, 'example.test.zone')]);
      writeFileSync(join(d, 'named.conf'), `zone "example.test" { type master; file "${d}/example.test.zone"; };\n`);
      writeFileSync(join(d, 'pdns.conf'), [
        `local-address=127.0.0.1:${port}`, 'launch=bind', `bind-config=${d}/named.conf`, `socket-dir=${d}`,
        `enable-lua-records=${lua}`, 'receiver-threads=1', 'distributor-threads=1', 'daemon=no', 'guardian=no',
        'disable-syslog=yes', 'loglevel=4', 'webserver=no', 'api=no', 'primary=no', 'secondary=no',
        // Default caches: static answers come from the packet cache, LUA answers are marked variable and never cached.
        '',
      ].join('\n'));
      return await launch(name, port, ['pdns_server', `--config-dir=${d}`], cpus, join(dir, `pdns-${port}.log`),
        { probe: 'h00001.example.test A' });
    },
  };
}

/** gdnsd over the DYNA variant: weighted!wlb (100:50) and multifo!hc with tcp_connect checks on its own port. */
export function gdnsd(dir: string, dynaZoneFile: string, port: number, cpus: string | null): Launch {
  const name = 'gdnsd DYNA';
  return {
    name, port,
    start: async () => {
      const d = join(dir, `gdnsd-${port}`);
      rmSync(d, { recursive: true, force: true });
      mkdirSync(join(d, 'zones'), { recursive: true });
      execFileSync('cp', [dynaZoneFile, join(d, 'zones', 'example.test')]);
      writeFileSync(join(d, 'config'), `options => {
  listen => [ 127.0.0.1:${port} ]
  udp_threads => 1
  tcp_threads => 1
  run_dir => ${d}/run
  state_dir => ${d}/state
}
service_types => {
  # Quick verdicts (defaults need 20 failures) so the check before timing sees 127.0.0.2 down.
  hc => { plugin => tcp_connect, port => ${port}, interval => 2, timeout => 1, up_thresh => 2, ok_thresh => 2, down_thresh => 2 }
}
plugins => {
  weighted => {
    wlb => { w1 => [ 192.0.2.1, 100 ], w2 => [ 192.0.2.2, 50 ] }
  }
  multifo => {
    hc => { service_types => hc, lb01 => 127.0.0.1, lb02 => 127.0.0.2 }
  }
}
`);
      return await launch(name, port, ['gdnsd', '-c', d, 'start'], cpus, join(dir, `gdnsd-${port}.log`),
        { probe: 'h00001.example.test A' });
    },
  };
}
