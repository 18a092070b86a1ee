/**
 * Micro-benchmark of client geolocation (src/geo): locate() on cache hits and on misses, and the
 * maxmind reader alone, over the shipped DB-IP lite database (or the --geoip-db files given).
 * Also counts garbage collections during the hit loop: none means a hit allocated nothing.
 * Usage: node bench/geo-locate.ts [seconds per case] [--geoip-db FILE ...]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { openGeoDb } from '../src/cli/load-geo.ts';
import { formatAddress, parseAddress } from '../src/geo/index.ts';
import { Reader } from 'maxmind';
import { readFileSync } from 'node:fs';
import { seededRng } from '../test/helpers/rng.ts';

const args = process.argv.slice(2);
const secs = Number(args[0] && !args[0].startsWith('--') ? args[0] : 2);
const files = args.flatMap((a, i) => (args[i - 1] === '--geoip-db' ? [a] : []));

const random = seededRng(12345);
const rnd = () => Math.floor(random() * 2 ** 32);
/** Random public-looking IPv4 addresses (first octet 1-223), each in its own /24 unless repeated. */
const v4 = (n: number) => Array.from({ length: n }, () => {
  const a = new Uint8Array(16);
  a.set([1 + (rnd() % 223), rnd() & 255, rnd() & 255, rnd() & 255]);
  return a;
});
const v6 = (n: number) => Array.from({ length: n }, () => {
  const a = new Uint8Array(16);
  for (let i = 0; i < 16; i++) a[i] = rnd() & 255;
  a[0] = 0x20 | (a[0]! & 0x0f); // 2000::/4, where the allocations are
  return a;
});

let t = Date.now();
const db = openGeoDb(files);
console.log(`opened ${db.databases.map((d) => d.name.split('/').pop()).join(', ')} in ${Date.now() - t} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);

let gcs = 0;
new PerformanceObserver((list) => { gcs += list.getEntries().length; }).observe({ entryTypes: ['gc'] });
const tick = () => new Promise((r) => setTimeout(r, 100)); // lets the GC entries of the loop arrive

/** Runs `fn` over `inputs` in rounds for `secs` seconds; returns ns per call and GCs seen. */
async function time(name: string, inputs: unknown[], fn: (x: never) => unknown, warm = false): Promise<void> {
  if (warm) for (const x of inputs) fn(x as never); // fills the cache, so the timed loop only hits
  await tick();
  const before = gcs;
  const stats = db.stats();
  let n = 0;
    const end = Date.now() + secs * 1000;
  const t0 = process.hrtime.bigint();
  while (Date.now() < end) {
    for (let i = 0; i < inputs.length; i++) fn(inputs[i] as never);
    n += inputs.length;
  }
  const ns = Number(process.hrtime.bigint() - t0) / n;
  await tick();
  console.log(`${name.padEnd(44)} ${ns.toFixed(0).padStart(6)} ns/op  ${(1e9 / ns / 1e6).toFixed(2).padStart(6)} M/s  GCs ${gcs - before}  misses ${(((db.stats().misses - stats.misses) / n) * 100).toFixed(1)} %`);
}

const hot4 = v4(1000);
const hot6 = v6(1000);
const cold4 = v4(400_000);
const cold6 = v6(400_000);
const text4 = hot4.map((a) => formatAddress(4, a));
const scratch = new Uint8Array(16);

await time('locate IPv4, cached (1,000 /24s)', hot4, (a: Uint8Array) => db.locate(4, a), true);
await time('locate IPv6, cached (1,000 /56s)', hot6, (a: Uint8Array) => db.locate(6, a), true);
await time('parseAddress + locate IPv4 text, cached', text4, (s: string) => db.locate(parseAddress(s, scratch) as 4, scratch), true);
await time('locate IPv4, uncached (400,000 /24s)', cold4, (a: Uint8Array) => db.locate(4, a));
await time('locate IPv6, uncached (400,000 /56s)', cold6, (a: Uint8Array) => db.locate(6, a));

const path = db.databases[0]!.name;
const raw = new Reader(readFileSync(path));
const coldText = cold4.slice(0, 100_000).map((a) => formatAddress(4, a));
await time(`maxmind Reader.get alone (${path.split('/').pop()})`, coldText, (s: string) => raw.get(s) ?? undefined);
process.exit(0);
