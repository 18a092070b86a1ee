/**
 * The record form's state and its translation to and from a ResourceRecordSet, and the change
 * batch that saves it. Numbers are sent as typed: validation is the API's, with its messages.
 */
import type { Change, ResourceRecordSet, RRType } from '@aws-sdk/client-route-53';
import { policyOf, recordKey, type Policy } from './records.ts';

/** Everything the form can hold; fields for other policies are kept but not sent. */
export type RecordForm = {
  name: string; type: string; ttl: string; values: string;
  alias: boolean; aliasZoneId: string; aliasDnsName: string; evaluateTargetHealth: boolean;
  policy: Policy; setIdentifier: string; healthCheckId: string;
  weight: string; region: string; failover: string;
  continent: string; country: string; subdivision: string;
  cidrCollectionId: string; cidrLocation: string;
  proximityKind: 'region' | 'coordinates' | 'localZone'; proximityRegion: string; latitude: string; longitude: string; localZoneGroup: string; bias: string;
};

/** Returns an empty form for a new record in zone `zoneId`. */
export function emptyForm(zoneId: string): RecordForm {
  return {
    name: '', type: 'A', ttl: '300', values: '', alias: false, aliasZoneId: zoneId, aliasDnsName: '', evaluateTargetHealth: false,
    policy: 'simple', setIdentifier: '', healthCheckId: '', weight: '', region: '', failover: 'PRIMARY',
    continent: '', country: '', subdivision: '', cidrCollectionId: '', cidrLocation: '',
    proximityKind: 'region', proximityRegion: '', latitude: '', longitude: '', localZoneGroup: '', bias: '',
  };
}

/** Returns `name` made absolute within `zone` ("" and "@" are the apex). */
export function absoluteName(name: string, zone: string): string {
  const n = name.trim();
  if (n === '' || n === '@') return zone;
  if (n.endsWith('.')) return n;
  const z = zone.replace(/\.$/, '');
  return n.toLowerCase() === z.toLowerCase() || n.toLowerCase().endsWith(`.${z.toLowerCase()}`) ? `${n}.` : `${n}.${zone}`;
}

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
const str = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/**
 * Returns the record set the form describes. Throws when a routing policy was chosen without the
 * fields that make it one: sent without them, the set would quietly become a simple record.
 */
export function formToRecordSet(f: RecordForm, zone: string): ResourceRecordSet {
  if (f.policy !== 'simple' && str(f.setIdentifier) === undefined) throw new Error(`A ${f.policy} record needs a Record ID (SetIdentifier), which tells the records of one name apart.`);
  if (f.policy === 'weighted' && num(f.weight) === undefined) throw new Error('A weighted record needs a Weight (0 to 255).');
  if (f.policy === 'latency' && str(f.region) === undefined) throw new Error('A latency record needs a Region.');
  const r: ResourceRecordSet = { Name: absoluteName(f.name, zone), Type: f.type as RRType };
  if (f.alias) {
    r.AliasTarget = { HostedZoneId: f.aliasZoneId.trim(), DNSName: absoluteName(f.aliasDnsName, zone), EvaluateTargetHealth: f.evaluateTargetHealth };
  } else {
    const ttl = num(f.ttl);
    if (ttl !== undefined) r.TTL = ttl;
    r.ResourceRecords = f.values.split('\n').map((v) => v.trim()).filter(Boolean).map((Value) => ({ Value }));
  }
  if (f.policy !== 'simple') {
    const id = str(f.setIdentifier);
    if (id !== undefined) r.SetIdentifier = id;
    const hc = str(f.healthCheckId);
    if (hc !== undefined) r.HealthCheckId = hc;
  }
  applyPolicy(r, f);
  return r;
}

function applyPolicy(r: ResourceRecordSet, f: RecordForm): void {
  switch (f.policy) {
    case 'simple': return;
    case 'weighted': { const w = num(f.weight); if (w !== undefined) r.Weight = w; return; }
    case 'latency': { const g = str(f.region); if (g !== undefined) r.Region = g as never; return; }
    case 'failover': r.Failover = f.failover as never; return;
    case 'multivalue': r.MultiValueAnswer = true; return;
    case 'geolocation': {
      if (f.country === '*') { r.GeoLocation = { CountryCode: '*' }; return; }
      const geo: NonNullable<ResourceRecordSet['GeoLocation']> = {};
      if (str(f.continent)) geo.ContinentCode = f.continent.trim();
      if (str(f.country)) geo.CountryCode = f.country.trim();
      if (str(f.subdivision)) geo.SubdivisionCode = f.subdivision.trim();
      r.GeoLocation = geo;
      return;
    }
    case 'ip': r.CidrRoutingConfig = { CollectionId: f.cidrCollectionId.trim(), LocationName: f.cidrLocation.trim() }; return;
    case 'geoproximity': {
      const p: NonNullable<ResourceRecordSet['GeoProximityLocation']> = {};
      if (f.proximityKind === 'region' && str(f.proximityRegion)) p.AWSRegion = f.proximityRegion.trim();
      if (f.proximityKind === 'localZone' && str(f.localZoneGroup)) p.LocalZoneGroup = f.localZoneGroup.trim();
      if (f.proximityKind === 'coordinates') p.Coordinates = { Latitude: f.latitude.trim(), Longitude: f.longitude.trim() };
      const bias = num(f.bias);
      if (bias !== undefined) p.Bias = bias;
      r.GeoProximityLocation = p;
      return;
    }
  }
}

/** Returns the form for editing an existing record set. */
export function recordSetToForm(r: ResourceRecordSet, zoneId: string): RecordForm {
  const f = emptyForm(zoneId);
  const geo = r.GeoLocation ?? {};
  const prox = r.GeoProximityLocation ?? {};
  return {
    ...f,
    name: r.Name ?? '', type: r.Type ?? 'A', ttl: r.TTL === undefined ? '' : String(r.TTL),
    values: (r.ResourceRecords ?? []).map((v) => v.Value ?? '').join('\n'),
    alias: r.AliasTarget !== undefined, aliasZoneId: r.AliasTarget?.HostedZoneId ?? zoneId,
    aliasDnsName: r.AliasTarget?.DNSName ?? '', evaluateTargetHealth: r.AliasTarget?.EvaluateTargetHealth ?? false,
    policy: policyOf(r), setIdentifier: r.SetIdentifier ?? '', healthCheckId: r.HealthCheckId ?? '',
    weight: r.Weight === undefined ? '' : String(r.Weight), region: r.Region ?? '', failover: r.Failover ?? 'PRIMARY',
    continent: geo.ContinentCode ?? '', country: geo.CountryCode ?? '', subdivision: geo.SubdivisionCode ?? '',
    cidrCollectionId: r.CidrRoutingConfig?.CollectionId ?? '', cidrLocation: r.CidrRoutingConfig?.LocationName ?? '',
    proximityKind: prox.Coordinates ? 'coordinates' : prox.LocalZoneGroup ? 'localZone' : 'region',
    proximityRegion: prox.AWSRegion ?? '', latitude: prox.Coordinates?.Latitude ?? '', longitude: prox.Coordinates?.Longitude ?? '',
    localZoneGroup: prox.LocalZoneGroup ?? '', bias: prox.Bias === undefined ? '' : String(prox.Bias),
  };
}

/**
 * Returns the changes that save `next` in place of `old` (undefined for a new record): an UPSERT
 * when the identity is unchanged, else DELETE then CREATE in one all-or-nothing batch.
 */
export function changesFor(old: ResourceRecordSet | undefined, next: ResourceRecordSet): Change[] {
  if (!old) return [{ Action: 'CREATE', ResourceRecordSet: next }];
  if (recordKey(old) === recordKey(next)) return [{ Action: 'UPSERT', ResourceRecordSet: next }];
  return [{ Action: 'DELETE', ResourceRecordSet: old }, { Action: 'CREATE', ResourceRecordSet: next }];
}

/** What each type's values look like, for the form's hint. */
export const VALUE_HINTS: Record<string, string> = {
  A: '192.0.2.1', AAAA: '2001:db8::1', CAA: '0 issue "letsencrypt.org"', CNAME: 'www.example.com',
  DS: '12345 13 2 1F987CC6583E92DF0890718C42…', HTTPS: '1 . alpn="h2,h3"', MX: '10 mail.example.com',
  NAPTR: '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.', NS: 'ns1.example.com', PTR: 'host.example.com',
  SOA: 'ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 86400', SPF: '"v=spf1 -all"',
  SRV: '10 5 5060 sip.example.com', SSHFP: '1 2 123456789abcdef…', SVCB: '1 svc.example.com. port=8443',
  TLSA: '3 1 1 0123456789abcdef…', TXT: '"hello world"',
};
