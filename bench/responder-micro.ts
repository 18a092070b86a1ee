/**
 * Micro-benchmark of the query path without sockets: the benchmark zone and query mix
 * (../shared/bench/make-zone.py) through createResponder().respond(). Prints ns per query.
 * Usage: node bench/responder-micro.ts ZONE_FILE QUERIES_FILE [seconds]
 */
import { readFileSync } from 'node:fs';
import { nameFromText, encodeMessage, emptyMessage, rrTypeFromString } from '../src/dns/index.ts';
import { parseMasterFile } from '../src/zone/master-file.ts';
import { compileZone } from '../src/zone/zone-index.ts';
import { createResponder } from '../src/server/responder.ts';

const [zoneFile, queryFile, secs = '3'] = process.argv.slice(2);
const origin = nameFromText('example.test.');
const zone = compileZone(origin, 1, parseMasterFile(readFileSync(zoneFile!, 'utf8'), { origin }));
const responder = createResponder();
responder.setCatalog({ zones: new Map([[zone.apex, zone]]) });
const packets = readFileSync(queryFile!, 'utf8').trim().split('\n').slice(0, 50000).map((line, i) => {
  const [name, type] = line.split(' ');
  const m = emptyMessage(i & 0xffff);
  m.rd = true;
  m.questions.push({ name: nameFromText(name!), type: rrTypeFromString(type!)!, class: 1 });
  m.edns = { udpSize: 1232, extRcode: 0, version: 0, dnssecOk: false, options: [] };
  return Buffer.from(encodeMessage(m));
});
let n = 0;
const end = Date.now() + Number(secs) * 1000;
const t0 = process.hrtime.bigint();
while (Date.now() < end) {
  for (let i = 0; i < packets.length; i++) responder.respond(packets[i]!, false);
  n += packets.length;
}
const ns = Number(process.hrtime.bigint() - t0) / n;
console.log(`${n} queries, ${ns.toFixed(0)} ns per query, cached ${(responder.stats.cached / responder.stats.queries * 100).toFixed(1)}%`);
