// Routing benchmark driver (see README.md, "Routing policies"): Signpost answering static,
// weighted, failover, geolocation (ECS) and latency (ECS) names, beside PowerDNS LUA records and
// gdnsd DYNA resources doing the weighted and failover jobs. Server on core 0, dnsperf on core 1,
// rounds interleaved, medians. Run through bench/routing.sh.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dnsperf, type PerfResult } from './measure.ts';
import { gdnsd, pdns, signpostRouting } from './peers.ts';
import { checkWorkload } from './routing-check.ts';
import { writeWorkloads, type Workload } from './routing-data.ts';
import { geoFixtureMmdb } from '../src/geo/index.ts';
import type { Launch, Server } from './servers.ts';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(BENCH, '..');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    workloads: { type: 'string' },
    out: { type: 'string', default: join(BENCH, 'out') },
    'base-port': { type: 'string', default: '5321' },
    'signpost-arg': { type: 'string', multiple: true, default: [] },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const out = resolve(values.out);
const base = Number(values['base-port']);
const SERVER_CPU = '0';
const CLIENT_CPU = '1';

mkdirSync(out, { recursive: true });
execFileSync('python3', [join(BENCH, 'make-zone.py'), '--out', out, '--lua-check-port', String(base + 1)], { stdio: 'inherit' });
const zones = join(out, 'zones');
const all = writeWorkloads(out);
const workloads = values.workloads ? all.filter((w) => values.workloads!.split(',').some((x) => w.name.startsWith(x))) : all;

// The two PowerDNS servers probe their own ports with ifportup: each gets a zone written for its port.
execFileSync('cp', [join(zones, 'example.test.lua.zone'), join(out, `lua-${base + 1}.zone`)]);
execFileSync('python3', [join(BENCH, 'make-zone.py'), '--out', join(out, 'lua2'), '--lua-check-port', String(base + 2), '--queries', '1'], { stdio: 'ignore' });
// The geo module's fixture database: the ECS subnet (198.51.100.0/24) is in US-VA. Another
// --geoip-db among the --signpost-arg values replaces it (the check then says what it answered).
const fixture = join(out, 'geo-fixture.mmdb');
writeFileSync(fixture, geoFixtureMmdb());
const signpostArgs = values['signpost-arg'].includes('--geoip-db') ? values['signpost-arg'] : ['--geoip-db', fixture, ...values['signpost-arg']];
const launches: Launch[] = [
  signpostRouting(out, REPO, join(zones, 'example.test.zone'), base, SERVER_CPU, signpostArgs),
  pdns(out, join(out, `lua-${base + 1}.zone`), base + 1, SERVER_CPU, 'yes'),
  pdns(out, join(out, 'lua2', 'zones', 'example.test.lua.zone'), base + 2, SERVER_CPU, 'shared'),
  gdnsd(out, join(zones, 'example.test.gdnsd-dyna.zone'), base + 3, SERVER_CPU),
];
const selected = values.only ? launches.filter((l) => l.name.includes(values.only ?? '')) : launches;

const servers: Server[] = [];
const stopAll = async (): Promise<void> => { for (const s of servers.splice(0)) await s.stop(); };
process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
process.on('SIGTERM', () => { void stopAll().then(() => process.exit(143)); });

const runsOn = (s: Server, w: Workload): boolean => !w.signpostOnly || s.name.startsWith('signpost');
const FAILED: PerfResult = { qps: NaN, sent: NaN, completed: NaN, lost: NaN, cpu: NaN, seconds: NaN };

async function perf(s: Server, w: Workload, secs: number): Promise<PerfResult> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await dnsperf(s.port, s.pid, w.file, secs, CLIENT_CPU, w.dnsperfArgs);
    } catch (err) {
      console.log(`dnsperf against ${s.name} (${w.name}) failed (attempt ${attempt}): ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return FAILED;
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const pct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : 'n/a');
const spread = (xs: number[]): string => {
  const s = xs.filter(Number.isFinite);
  return s.length > 1 ? `${fmt(Math.min(...s))}-${fmt(Math.max(...s))}` : '';
};

try {
  for (const l of selected) {
    process.stdout.write(`starting ${l.name} on 127.0.0.1:${l.port} (taskset -c ${SERVER_CPU}) ... `);
    servers.push(await l.start());
    console.log('ok');
  }
  const wrong = new Set<string>();
  for (const s of servers) {
    for (const w of workloads.filter((x) => runsOn(s, x))) {
      const c = await checkWorkload(s.port, w);
      if (c.wrong) { wrong.add(`${s.name}/${w.name}`); console.log(`WARNING: ${s.name} ${w.name}: ${c.wrong}`); }
      else console.log(`answers checked: ${s.name} ${w.name}: ${c.seen}`);
    }
  }
  const pairs = workloads.flatMap((w) => servers.filter((s) => runsOn(s, w)).map((s) => ({ s, w, key: `${s.name}/${w.name}` })));
  console.log(`warming up (2 s each), then ${rounds} interleaved rounds of ${seconds} s over ${pairs.length} server/workload pairs; dnsperf on core ${CLIENT_CPU}`);
  for (const p of pairs) await perf(p.s, p.w, 2);
  const results = new Map<string, PerfResult[]>(pairs.map((p) => [p.key, []]));
  for (let r = 1; r <= rounds; r++) {
    for (const p of pairs) {
      const res = await perf(p.s, p.w, seconds);
      results.get(p.key)!.push(res);
      console.log(`round ${r} ${p.key.padEnd(44)} ${fmt(res.qps).padStart(8)} qps  cpu ${pct(res.cpu).padStart(6)}  per core ${fmt(res.qps / res.cpu).padStart(8)}  lost ${res.lost}`);
    }
  }
  const rows = pairs.map((p) => {
    const rs = results.get(p.key)!;
    const perCore = rs.map((x) => x.qps / x.cpu);
    return { ...p, qps: median(rs.map((x) => x.qps)), cpu: median(rs.map((x) => x.cpu)), perCore: median(perCore), range: spread(perCore), lost: median(rs.map((x) => x.lost)) };
  });
  // The machine drifts between rounds: a workload's share of its server's static rate is also
  // taken round by round (the two runs were at most a few minutes apart) and its median shown.
  const staticRuns = (s: Server): PerfResult[] => results.get(`${s.name}/static`) ?? [];
  const roundShare = (r: (typeof rows)[number]): number => median(results.get(r.key)!.map((x, k) => {
    const st = staticRuns(r.s)[k];
    return st ? (x.qps / x.cpu) / (st.qps / st.cpu) : NaN;
  }));
  const staticOf = (s: Server): number => rows.find((r) => r.s === s && r.w.name === 'static')?.perCore ?? NaN;
  const lines = [
    `One core (server on core 0, dnsperf on core 1): median of ${rounds} interleaved ${seconds}-second runs, ${new Date().toISOString()}`,
    '',
    '| workload | server | qps (median) | server CPU | queries per core-second (range) | lost | % of own static per core: medians / per round |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.w.name} | ${r.s.name}${wrong.has(r.key) ? ' (WRONG ANSWERS)' : ''} | ${fmt(r.qps)} | ${pct(r.cpu)} | ${fmt(r.perCore)} (${r.range}) | ${fmt(r.lost)} | ${r.w.name === 'static' ? '' : `${pct(r.perCore / staticOf(r.s))} / ${pct(roundShare(r))}`} |`),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const file = join(out, 'results-routing.md');
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(file.replace(/\.md$/, '.json'), JSON.stringify(Object.fromEntries(results), null, 2));
  console.log(`written to ${file}`);
} finally {
  await stopAll();
}
