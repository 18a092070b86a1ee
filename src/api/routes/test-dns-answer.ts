/**
 * TestDNSAnswer: what the DNS server would answer for a record name and type, for a resolver
 * address and an EDNS client subnet. It compiles the zone exactly as a DNS node does (kept per
 * zone version) and runs the same engine (answer/test-answer.ts), with the health snapshot and
 * the geolocation data the DNS nodes use. Beside Route 53's elements the response carries a
 * Signpost extension, <SignpostExplanation>, that SDKs ignore: the zone, the client as the
 * engine took it, and for each routing choice the candidates and why each was chosen or withheld.
 */
import { rrTypeFromString, type LowerName } from '../../dns/index.ts';
import type { ZoneIndex } from '../../zone/zone-index.ts';
import { loadZoneIndex } from '../../store/load-zone-index.ts';
import type { ZoneRow } from '../../store/index.ts';
import { ALL_HEALTHY } from '../../answer/health.ts';
import { testAnswer, type SimulatedClient } from '../../answer/test-answer.ts';
import { parseIp } from '../../zone/cidr-table.ts';
import { apiError } from '../errors.ts';
import { xmlDocument, type OutElement } from '../xml.ts';
import type { ApiContext, Handler } from '../context.ts';
import { R53_TYPES } from '../record-sets/model.ts';
import { storedNameFromR53 } from '../record-sets/r53-names.ts';
import { ownedZone } from './hosted-zones.ts';

/** Compiled zones by id, for the zone version they were compiled from. */
const compiled = new Map<string, ZoneIndex>();
const MAX_COMPILED = 64;

async function zoneIndex(ctx: ApiContext, zone: ZoneRow): Promise<ZoneIndex> {
  const have = compiled.get(zone.id);
  if (have && have.version === zone.version) return have;
  const index = await loadZoneIndex(ctx.store, zone);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(zone.id, index);
  return index;
}

function ip(value: string, what: string): string {
  if (!parseIp(value)) throw apiError('InvalidInput', `Invalid request: ${what} '${value}' is not an IP address`);
  return value;
}

function client(q: Record<string, string | undefined>): SimulatedClient {
  const out: SimulatedClient = {};
  if (q.resolverip !== undefined) out.resolverIp = ip(q.resolverip, 'ResolverIP');
  if (q.edns0clientsubnetip !== undefined) {
    const address = ip(q.edns0clientsubnetip, 'EDNS0ClientSubnetIP');
    const v6 = address.includes(':');
    const text = q.edns0clientsubnetmask ?? (v6 ? '64' : '24');
    const prefix = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(prefix >= 0 && prefix <= (v6 ? 128 : 32))) throw apiError('InvalidInput', `Invalid request: EDNS0ClientSubnetMask '${text}' is out of range for the address`);
    out.subnet = { address, prefix };
  } else if (q.edns0clientsubnetmask !== undefined) {
    throw apiError('InvalidInput', 'Invalid request: EDNS0ClientSubnetMask needs EDNS0ClientSubnetIP');
  }
  return out;
}

export const testDnsAnswer: Handler = async (ctx, req) => {
  const q = req.query;
  for (const [param, name] of [['hostedzoneid', 'HostedZoneId'], ['recordname', 'RecordName'], ['recordtype', 'RecordType']] as const) {
    if (q[param] === undefined || q[param] === '') throw apiError('InvalidInput', `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  const type = q.recordtype!;
  if (!(R53_TYPES as readonly string[]).includes(type)) {
    throw apiError('InvalidInput', `1 validation error detected: Value '${type}' at 'recordType' failed to satisfy constraint: Member must satisfy enum value set: [${R53_TYPES.join(', ')}]`);
  }
  const zone = await ownedZone(ctx, req.accountId, q.hostedzoneid!);
  // As Route 53's: which private zone a client sees depends on its VPC, not on a resolver address.
  if (zone.privateZone) throw apiError('InvalidInput', `Invalid request: TestDNSAnswer supports public hosted zones only; ${zone.id} is a private hosted zone`);
  const who = client(q);
  let stored: string;
  try {
    stored = storedNameFromR53(q.recordname!);
  } catch {
    throw apiError('InvalidInput', `Invalid request: RecordName '${q.recordname}' is not a domain name`);
  }
  if (!(stored === zone.name || stored.endsWith(`.${zone.name}`))) {
    throw apiError('InvalidInput', `Invalid request: RecordName ${stored} is not in the hosted zone ${zone.name}`);
  }
  const index = await zoneIndex(ctx, zone);
  const health = (await ctx.routing?.health()) ?? ALL_HEALTHY;
  const t = testAnswer(index, stored, rrTypeFromString(type)!, who, ctx.routing?.services ?? {}, health);
  const nameserver = nameServerOf(index);
  const explanation: OutElement[] = [
    ['Zone', `${zone.name} (${zone.id}, version ${zone.version})`],
    ['Client', t.client],
    ['Scope', t.scope],
    ['Choices', t.trace.map((c): OutElement => ['Choice', [
      ['Name', c.name], ['Type', c.type], ['Policy', c.policy], ['Client', c.client], ['Note', c.note || undefined],
      ['Members', c.members.map((m): OutElement => ['Member', [['SetIdentifier', m.setIdentifier], ['Healthy', m.healthy], ['Chosen', m.chosen], ['Reason', m.reason]]])],
    ]])],
  ];
  return {
    status: 200,
    xml: xmlDocument('TestDNSAnswerResponse', [
      ['Nameserver', nameserver], ['RecordName', stored], ['RecordType', type],
      ['RecordData', t.values.map((v): OutElement => ['RecordDataEntry', v])],
      ['ResponseCode', t.rcode], ['Protocol', 'UDP'],
      ['SignpostExplanation', explanation],
    ]),
  };
};

/** The first name server of the zone's apex NS set (the server that "answered"). */
function nameServerOf(zone: ZoneIndex): string {
  const ns = zone.nodes.get(zone.apex as LowerName)?.rrsets.get(2);
  const rdata = ns?.rdatas[0];
  if (!rdata) return '';
  let out = '';
  for (let i = 0; rdata[i]! > 0; i += rdata[i]! + 1) out += `${new TextDecoder().decode(rdata.subarray(i + 1, i + 1 + rdata[i]!))}.`;
  return out.replace(/\.$/, '');
}
