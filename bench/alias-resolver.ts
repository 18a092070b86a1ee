/**
 * The external alias resolver: how fast N targets are first resolved through a local upstream
 * (test/helpers/upstream.ts on 127.0.0.1), and what `get` costs on the query path: ns per call
 * and the garbage collections during the loop (a get that allocated would cause many).
 * Usage: node bench/alias-resolver.ts [targets=10000] [gets=20000000]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import pino from 'pino';
import { RRType } from '../src/dns/index.ts';
import { createAliasResolver } from '../src/server/alias-resolver.ts';
import { startTestUpstream } from '../test/helpers/upstream.ts';

const [targets = 10_000, gets = 20_000_000] = process.argv.slice(2).map(Number);
const upstream = await startTestUpstream();
const names = Array.from({ length: targets }, (_, i) => `lb-${i}.example.net.`);
for (const [i, n] of names.entries()) upstream.names.set(n, { records: [`${n} 60 A 192.0.${(i >> 8) & 255}.${i & 255}`] });
const r = createAliasResolver({ upstream: { host: upstream.host, port: upstream.port }, log: pino({ level: 'warn' }) });
let t = performance.now();
r.track(names.map((name) => ({ name, qtype: RRType.A })));
await r.settled();
const ms = performance.now() - t;
console.log(`${targets} targets resolved in ${ms.toFixed(0)} ms (${(targets / ms * 1000).toFixed(0)} per second, concurrency 8)`);
if (names.some((n) => r.get(n, RRType.A)?.rdatas.length !== 1)) throw new Error('a target was not resolved');

let gcs = 0;
const obs = new PerformanceObserver((list) => { gcs += list.getEntries().length; });
obs.observe({ entryTypes: ['gc'] });
let hits = 0;
t = performance.now();
for (let i = 0; i < gets; i++) if (r.get(names[i % targets]!, RRType.A) !== undefined) hits++;
const ns = (performance.now() - t) * 1e6 / gets;
await new Promise((res) => setTimeout(res, 50)); // let the observer report
console.log(`${gets} gets (${hits} hits): ${ns.toFixed(1)} ns per get, ${gcs} garbage collections during the loop`);
// The floor: the same loop over a plain Map of the same names.
const plain = new Map(names.map((n) => [n, { n }]));
t = performance.now();
for (let i = 0; i < gets; i++) if (plain.get(names[i % targets]!) !== undefined) hits++;
console.log(`baseline, a plain Map.get over the same names: ${((performance.now() - t) * 1e6 / gets).toFixed(1)} ns`);
obs.disconnect();
r.stop();
await upstream.stop();
