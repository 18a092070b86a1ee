// The routing benchmark's data: the policy record sets Signpost's copy of example.test gets on
// top of the plain zone (bench/make-zone.py), and one dnsperf query file per workload. The
// load-balanced names of make-zone.py become the same jobs as in the PowerDNS LUA and gdnsd
// DYNA variants: lw* a weighted pair (100:50, as pickwrandom and gdnsd's weighted!wlb), lh* a
// failover pair (PRIMARY 127.0.0.1, SECONDARY 127.0.0.2, as ifportup and multifo!hc). Names
// only Signpost serves: g* (geolocation) and r* (latency). Deterministic, like make-zone.py.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameFromText } from '../src/dns/index.ts';
import { openStore } from '../src/store/index.ts';
import type { RecordSetKey, RecordSetRow } from '../src/store/types.ts';
import { parseMasterFile } from '../src/zone/master-file.ts';

const ORIGIN = 'example.test.';
/** Names per group kind (make-zone.py's NLW and NLH for lw and lh). */
export const GROUPS = 500;
const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const id = (i: number): string => String(i).padStart(5, '0');

/** The EDNS Client Subnet sent with geolocation and latency queries (RFC 5737 documentation net). */
export const ECS_SUBNET = '198.51.100.0/24';
/** dnsperf's -E value for ECS_SUBNET: option 8, family 1, source prefix 24, scope 0, 3 address bytes. */
export const ECS_OPTION = '8:00011800c63364';

/**
 * Geolocation members (setIdentifier, location, address). The ECS client is in US-VA in the geo
 * module's fixture database (src/geo/fixtures.ts, which routing.ts gives Signpost with
 * --geoip-db): the subdivision member answers.
 */
export const GEO = [
  ['default', { countryCode: '*' }, '192.0.2.10'],
  ['europe', { continentCode: 'EU' }, '192.0.2.11'],
  ['us', { countryCode: 'US' }, '192.0.2.12'],
  ['virginia', { countryCode: 'US', subdivisionCode: 'VA' }, '192.0.2.13'],
] as const;
/** The geolocation answer for the ECS client. */
export const GEO_EXPECTED = '192.0.2.13';

/** Latency members (region, address); the ECS client in Virginia is nearest us-east-1 (estimated latency). */
export const LATENCY = [
  ['us-east-1', '192.0.2.21'], ['us-west-1', '192.0.2.22'], ['eu-west-1', '192.0.2.23'], ['ap-southeast-1', '192.0.2.24'],
] as const;

function row(name: string, ip: string, setIdentifier: string, routing: object): RecordSetRow {
  const [r] = parseMasterFile(`${name} 300 IN A ${ip}`, { origin: nameFromText(ORIGIN) });
  return { name, type: r!.type, setIdentifier, ttl: 300, rdata: [hex(r!.rdata)], routing: JSON.stringify(routing) };
}

/** The policy sets, and the plain sets of the same names they replace. */
export function policySets(): { puts: RecordSetRow[]; deletes: RecordSetKey[] } {
  const puts: RecordSetRow[] = [];
  const deletes: RecordSetKey[] = [];
  for (let i = 0; i < GROUPS; i++) {
    const lw = `lw${id(i)}.${ORIGIN}`;
    const lh = `lh${id(i)}.${ORIGIN}`;
    const g = `g${id(i)}.${ORIGIN}`;
    const r = `r${id(i)}.${ORIGIN}`;
    deletes.push({ name: lw, type: 1, setIdentifier: '' }, { name: lh, type: 1, setIdentifier: '' });
    puts.push(row(lw, '192.0.2.1', 'heavy', { weight: 100 }), row(lw, '192.0.2.2', 'light', { weight: 50 }));
    // Health check ids make the engine consult the health snapshot, as a real failover pair does.
    puts.push(
      row(lh, '127.0.0.1', 'main', { failover: 'PRIMARY', healthCheckId: `0000000${i % 10}-0000-4000-8000-000000000001` }),
      row(lh, '127.0.0.2', 'spare', { failover: 'SECONDARY', healthCheckId: `0000000${i % 10}-0000-4000-8000-000000000002` }),
    );
    for (const [set, geoLocation, ip] of GEO) puts.push(row(g, ip, set, { geoLocation }));
    for (const [region, ip] of LATENCY) puts.push(row(r, ip, region, { region }));
  }
  return { puts, deletes };
}

/** The latency answer for the ECS client. */
export const LATENCY_EXPECTED = '192.0.2.21';

/** Replaces the plain lw and lh sets of example.test in a Signpost data directory with the policy sets. */
export async function addPolicySets(dataDir: string): Promise<void> {
  const store = openStore(dataDir);
  try {
    const zone = (await store.findZonesByName(ORIGIN))[0];
    if (!zone) throw new Error(`${ORIGIN} was not imported into ${dataDir}`);
    await store.applyChange(zone.id, { ...policySets(), comment: 'routing benchmark policy sets' });
  } finally {
    await store.close();
  }
}

export type Workload = {
  name: string;
  /** dnsperf input. */
  file: string;
  /** Extra dnsperf arguments (the ECS option). */
  dnsperfArgs: string[];
  /** Only Signpost serves these names. */
  signpostOnly: boolean;
  /** A name to check before timing, and the addresses a correct answer may hold. */
  check: { name: string; ecs: boolean; allowed: string[] };
};

/**
 * Writes one query file per workload into out (beside make-zone.py's queries.txt, which must
 * exist) and returns the workloads. `static` is make-zone.py's mix without its lw/lh lines;
 * `static+ECS` the same with the ECS option, the reference for the ECS workloads.
 */
export function writeWorkloads(out: string): Workload[] {
  const mix = readFileSync(join(out, 'queries.txt'), 'utf8').trim().split('\n');
  const write = (file: string, lines: string[]): string => {
    writeFileSync(join(out, file), `${lines.join('\n')}\n`);
    return join(out, file);
  };
  // 20,000 lines, every name of the kind 40 times, in a scattered order (7919 is prime).
  const names = (prefix: string): string[] => Array.from({ length: 20_000 }, (_, k) => `${prefix}${id((k * 7919) % GROUPS)}.${ORIGIN} A`);
  const ecs = ['-E', ECS_OPTION];
  return [
    { name: 'static', file: write('queries-static.txt', mix.filter((l) => !/^l[wh]\d/.test(l))), dnsperfArgs: [], signpostOnly: false,
      check: { name: 'h00001.example.test', ecs: false, allowed: ['203.0.113.1'] } },
    { name: 'static+ECS', file: join(out, 'queries-static.txt'), dnsperfArgs: ecs, signpostOnly: true,
      check: { name: 'h00001.example.test', ecs: true, allowed: ['203.0.113.1'] } },
    // make-zone.py's whole mix: 10 % of it lw/lh names (the kit's PowerDNS LUA and gdnsd figures).
    { name: 'mix', file: join(out, 'queries.txt'), dnsperfArgs: [], signpostOnly: false,
      check: { name: 'h00001.example.test', ecs: false, allowed: ['203.0.113.1'] } },
    { name: 'weighted', file: write('queries-weighted.txt', names('lw')), dnsperfArgs: [], signpostOnly: false,
      check: { name: 'lw00001.example.test', ecs: false, allowed: ['192.0.2.1', '192.0.2.2'] } },
    { name: 'failover', file: write('queries-failover.txt', names('lh')), dnsperfArgs: [], signpostOnly: false,
      check: { name: 'lh00001.example.test', ecs: false, allowed: ['127.0.0.1'] } },
    { name: 'geolocation+ECS', file: write('queries-geo.txt', names('g')), dnsperfArgs: ecs, signpostOnly: true,
      check: { name: 'g00001.example.test', ecs: true, allowed: [GEO_EXPECTED] } },
    { name: 'latency+ECS', file: write('queries-latency.txt', names('r')), dnsperfArgs: ecs, signpostOnly: true,
      check: { name: 'r00001.example.test', ecs: true, allowed: [LATENCY_EXPECTED] } },
  ];
}
