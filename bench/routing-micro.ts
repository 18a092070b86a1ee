/**
 * Micro-benchmark of the dynamic query path without sockets: the routing benchmark's zone (the
 * plain benchmark zone, imported, plus the policy sets of routing-data.ts), compiled from the
 * store as a DNS node compiles it, and each workload's queries through respond(). Prints CPU ns
 * of JavaScript per query per workload. Profile with `node --cpu-prof bench/routing-micro.ts ...`.
 * Usage: node bench/routing-micro.ts [--out DIR] [--seconds S] [--rounds N] [--workloads a,b]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EdnsOption, emptyMessage, encodeMessage, nameFromText, rrTypeFromString } from '../src/dns/index.ts';
import { seededRng } from '../src/answer/rng.ts';
import { createResponder } from '../src/server/responder.ts';
import { loadZoneIndex } from '../src/store/load-zone-index.ts';
import { openStore } from '../src/store/index.ts';
import { createGeoDb, createLatencyModel, geoFixtureMmdb } from '../src/geo/index.ts';
import { servicesOf } from '../src/cli/routing-services.ts';
import { addPolicySets, ECS_OPTION, writeWorkloads } from './routing-data.ts';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(BENCH, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(BENCH, 'out') },
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    workloads: { type: 'string' },
  },
});
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
execFileSync('python3', [join(BENCH, 'make-zone.py'), '--out', out], { stdio: 'ignore' });
const workloads = writeWorkloads(out).filter((w) => !values.workloads || values.workloads.split(',').some((x) => w.name.startsWith(x)));

const data = join(out, 'routing-micro-data');
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true });
execFileSync(join(REPO, 'bin', 'signpost'), ['zone', 'import', 'example.test', join(out, 'zones', 'example.test.zone'), '--data-dir', data, '--keep-apex-records'], { cwd: REPO, stdio: 'ignore' });
await addPolicySets(data);
const store = openStore(data, { readOnly: true });
const zoneRow = (await store.findZonesByName('example.test.'))[0]!;
const zone = await loadZoneIndex(store, zoneRow);
await store.close();

// Routing services as a DNS node builds them, over the geo module's fixture database (the ECS
// subnet is in US-VA) and the estimated latency model.
const services = servicesOf(createGeoDb([{ name: 'fixture.mmdb', data: geoFixtureMmdb() }]), createLatencyModel());
const responder = createResponder({ rng: seededRng(1), services });
responder.setCatalog({ zones: new Map([[zone.apex, zone]]) });

/** The ECS option's data from dnsperf's -E value ("8:hex"). */
const ecsData = Uint8Array.from(Buffer.from(ECS_OPTION.split(':')[1]!, 'hex'));

function packets(file: string, ecs: boolean): Buffer[] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(0, 50_000).map((line, i) => {
    const [name, type] = line.split(' ');
    const m = emptyMessage(i & 0xffff);
    m.questions.push({ name: nameFromText(name!), type: rrTypeFromString(type!)!, class: 1 });
    m.edns = { udpSize: 1232, extRcode: 0, version: 0, dnssecOk: false, options: ecs ? [{ code: EdnsOption.CLIENT_SUBNET, data: ecsData }] : [] };
    return Buffer.from(encodeMessage(m));
  });
}

const reps = Number(values.rounds);
console.log(`${zone.dynamicCount} sets answered per query; ${reps} interleaved rounds of ${values.seconds} s of CPU per workload (after 1 s warm-up), peer 127.0.0.1; ns are CPU time, median (range)`);
const runs = workloads.map((w) => ({ w, ps: packets(w.file, w.dnsperfArgs.includes('-E')), ns: [] as number[], cached: 0 }));

/** Answers ps for secs of this process's CPU time (not wall time: the machine is shared); returns CPU ns per query. */
function run(ps: Buffer[], secs: number): number {
  let n = 0;
  const c0 = process.cpuUsage();
  let used = 0;
  while (used < secs * 1e6) {
    for (let i = 0; i < ps.length; i++) responder.respond(ps[i]!, false, '127.0.0.1', 0);
    n += ps.length;
    const c = process.cpuUsage(c0);
    used = c.user + c.system;
  }
  return (used * 1000) / n;
}

for (const r of runs) run(r.ps, 1);
for (let k = 0; k < reps; k++) {
  for (const r of runs) {
    const q0 = responder.stats.queries;
    const c0 = responder.stats.cached;
    r.ns.push(run(r.ps, Number(values.seconds)));
    r.cached = (responder.stats.cached - c0) / (responder.stats.queries - q0);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const staticNs = median(runs.find((r) => r.w.name === 'static')?.ns ?? [NaN]);
for (const r of runs) {
  const m = median(r.ns);
  const range = `${Math.min(...r.ns).toFixed(0)}-${Math.max(...r.ns).toFixed(0)}`;
  console.log(`${r.w.name.padEnd(16)} ${m.toFixed(0).padStart(5)} ns per query (${range})  static/this ${(staticNs / m * 100).toFixed(0).padStart(3)} %  from kept bytes ${(r.cached * 100).toFixed(1)} %`);
}
