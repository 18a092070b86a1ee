// Routing-policy and alias sets that Signpost's copy of example.com gets on top of the master
// file (Knot cannot express them). Every question they answer is left out of the comparison;
// every other question must still get Knot's answer: groups must not disturb static answers,
// negative answers, wildcards or the caches around them.
import { openStore } from '../../src/store/index.ts';
import { parseMasterFile } from '../../src/zone/master-file.ts';
import { nameFromText } from '../../src/dns/index.ts';
import type { RecordSetRow } from '../../src/store/types.ts';
import type { Query } from './queries.ts';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

function row(line: string, setIdentifier: string, routing: object): RecordSetRow {
  const [r] = parseMasterFile(line, { origin: nameFromText('example.com.') });
  const alias = 'alias' in routing;
  return {
    name: line.split(/\s+/)[0]!.toLowerCase(), type: r!.type, setIdentifier, ttl: alias ? 0 : r!.ttl,
    rdata: alias ? [] : [hex(r!.rdata)], routing: JSON.stringify(routing),
  };
}

/** The extra sets (stored names, absolute). */
export const POLICY_ROWS: RecordSetRow[] = [
  row('ptr.example.com. 300 IN TXT "one"', 'w1', { weight: 1 }),
  row('ptr.example.com. 300 IN TXT "two"', 'w2', { weight: 1 }),
  row('*.mixed-wild.example.com. 300 IN SRV 0 0 80 www.example.com.', 'main', { failover: 'PRIMARY' }),
  row('*.mixed-wild.example.com. 300 IN SRV 0 0 8080 www.example.com.', 'spare', { failover: 'SECONDARY' }),
  row('pol.example.com. 300 IN A 192.0.2.1', '', { alias: { hostedZoneId: 'any', dnsName: 'www.example.com.', evaluateTargetHealth: false } }),
  ...[1, 2, 3].map((i) => row(`x.pol.example.com. 60 IN A 192.0.2.${i}`, `m${i}`, { multiValueAnswer: true })),
];

/** True for a question a policy set answers (left out of the comparison). */
export function isPolicyQuestion(q: Query): boolean {
  const name = q.qname.toLowerCase();
  // No CNAME in the zone points at these names, so no other question reaches them.
  if (name === 'ptr.example.com.') return q.qtype === 'TXT' || q.qtype === 'ANY';
  if (name.endsWith('.mixed-wild.example.com.')) return q.qtype === 'SRV' || q.qtype === 'ANY';
  return name === 'pol.example.com.' || name.endsWith('.pol.example.com.');
}

/** Adds the policy sets to example.com. in the data directory. */
export async function addPolicySets(dataDir: string): Promise<void> {
  const store = openStore(dataDir);
  try {
    const zone = (await store.findZonesByName('example.com.'))[0];
    if (!zone) throw new Error('example.com. was not imported');
    await store.applyChange(zone.id, { deletes: [], puts: POLICY_ROWS, comment: 'policy sets for the differential test' });
  } finally {
    await store.close();
  }
}
