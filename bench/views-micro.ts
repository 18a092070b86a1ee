/**
 * Micro-benchmark of view selection on the query path, without sockets: the same queries
 * through createResponder().respond() with no views (no private zone: today's path), and with
 * a private zone and a VPC (each query's source address looked up in the per-listener cache).
 * Rounds alternate so that machine load hits both alike. Prints ns per query.
 * Usage: node bench/views-micro.ts [seconds per round] [rounds]
 */
import { nameFromText, encodeMessage, emptyMessage, type LowerName } from '../src/dns/index.ts';
import { parseMasterFile } from '../src/zone/master-file.ts';
import { compileZone, type ZoneIndex } from '../src/zone/zone-index.ts';
import { createResponder, type Catalog } from '../src/server/responder.ts';
import type { CatalogZone } from '../src/server/views.ts';

const [secs = '1', rounds = '5'] = process.argv.slice(2);
function zone(apex: string, address: string): ZoneIndex {
  const lines = [`$TTL 300`, `@ SOA ns1 hostmaster 1 7200 900 1209600 60`, `@ NS ns1`];
  for (let i = 0; i < 1000; i++) lines.push(`h${i} A ${address}`);
  const origin = nameFromText(apex);
  return compileZone(origin, 1, parseMasterFile(lines.join('\n'), { origin }));
}
const pub = zone('example.com.', '192.0.2.1');
const priv = zone('example.com.', '10.0.0.1');
const other = zone('example.org.', '192.0.2.2');
const entry = (index: ZoneIndex, privateZone: boolean, at: number): CatalogZone =>
  ({ index, createdAt: new Date(at).toISOString(), privateZone, nameServers: [], vpcs: privateZone ? ['vpc-0a0000000000000a1'] : [] });
const zones = new Map<LowerName, ZoneIndex>([[pub.apex, pub], [other.apex, other]]);
const plain: Catalog = { zones, all: [entry(pub, false, 1), entry(other, false, 2)], vpcs: [] };
const withViews: Catalog = { zones, all: [...plain.all!, entry(priv, true, 3)], vpcs: [{ id: 'vpc-0a0000000000000a1', cidrs: ['10.1.0.0/16'] }] };

const packets = Array.from({ length: 20000 }, (_, i) => {
  const m = emptyMessage(i & 0xffff);
  m.questions.push({ name: nameFromText(`h${i % 1000}.${i % 2 ? 'example.com.' : 'example.org.'}`), type: 1, class: 1 });
  m.edns = { udpSize: 1232, extRcode: 0, version: 0, dnssecOk: false, options: [] };
  return Buffer.from(encodeMessage(m));
});
// 1,000 outside sources and 100 inside, as Node reports them.
const peers = Array.from({ length: 20000 }, (_, i) => (i % 11 === 0 ? `10.1.${i % 100}.7` : `192.0.2.${i % 250}`));

function run(catalog: Catalog): number {
  const r = createResponder();
  r.setCatalog(catalog);
  let n = 0;
  const end = Date.now() + Number(secs) * 1000;
  const t0 = process.hrtime.bigint();
  while (Date.now() < end) {
    for (let i = 0; i < packets.length; i++) r.respond(packets[i]!, false, peers[i], 0);
    n += packets.length;
  }
  return Number(process.hrtime.bigint() - t0) / n;
}

const results: Record<string, number[]> = { 'no views': [], 'views (private zone, VPC)': [] };
for (let i = 0; i < Number(rounds); i++) {
  results['no views']!.push(run(plain));
  results['views (private zone, VPC)']!.push(run(withViews));
}
for (const [name, ns] of Object.entries(results)) {
  const sorted = [...ns].sort((a, b) => a - b);
  console.log(`${name.padEnd(28)} median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ns/query  (rounds: ${ns.map((x) => x.toFixed(0)).join(' ')})`);
}
