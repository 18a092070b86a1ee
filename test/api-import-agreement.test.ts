/**
 * `signpost zone import` and the Route 53 API agree: a master file with every record type Route 53
 * serves is listed by @aws-sdk/client-route-53 with Route 53's values (names with octal escapes
 * and a trailing dot, TXT strings quoted with octal escapes, Route 53's order); changes made
 * through the API show up in `zone export` as exactly those changes; and export -> import ->
 * export is a fixed point.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangeResourceRecordSetsCommand, GetChangeCommand, GetHostedZoneCommand, ListHostedZonesByNameCommand, ListResourceRecordSetsCommand,
  Route53Client, type Change, type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';

const ACCOUNT = '444444444444';
const KEY = { accessKeyId: 'AKIASIGNPOSTIMPORT01', secretAccessKey: 'aW1wb3J0LWFncmVlbWVudC1zZWNyZXQtMDAwMDAw' };
const HEX = '2bb183af5f22588179a53b0a98631fad1a292118e7f1b6d5f0f5c7de6b0a4b6e';

/** Every type Route 53 supports; wildcards, escaped owner names and TXT escapes (RFC 1035 decimal). */
const ZONE = String.raw`; every record type Route 53 serves
$ORIGIN example.com.
$TTL 3600
@             900 IN SOA ns1 hostmaster ( 2024010101 7200 900 1209600 300 )
@          172800 IN NS    ns1
@          172800 IN NS    ns2.example.net.
ns1               IN A     192.0.2.53
@                 IN A     192.0.2.1
@                 IN A     192.0.2.2
@                 IN AAAA  2001:DB8:0:0::1
@                 IN CAA   0 issue "letsencrypt.org"
@                 IN CAA   128 iodef "mailto:security@example.com"
@                 IN MX    10 mail
@                 IN MX    20 mail.example.net.
@                 IN SPF   "v=spf1 mx -all"
@                 IN TXT   "v=spf1 mx -all"
@                 IN TXT   "two" "strings; with a semicolon"
@                 IN HTTPS 1 . alpn=h2,h3 ipv4hint=192.0.2.1
www           300 IN CNAME @
mail              IN A     192.0.2.25
Mixed.Case        IN A     192.0.2.26
odd\032name       IN A     192.0.2.27
dot\.inside       IN A     192.0.2.28
txt               IN TXT   "quote \" inside" "back\\slash" "tab\009and\010newline" "caf\195\169" "x\255y" ""
*.apps            IN A     192.0.2.40
*.apps            IN TXT   "wildcard"
*                 IN MX    10 mail
sub               IN NS    ns.sub
sub               IN NS    ns2.example.net.
sub               IN DS    12345 13 2 ${HEX}
ns.sub            IN A     192.0.2.54
ptr               IN PTR   host.example.net.
_sip._udp         IN NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp.example.com.
_sip._tcp         IN SRV   10 60 5060 sip
sip               IN A     192.0.2.30
host              IN SSHFP 4 2 ${HEX}
_443._tcp.www     IN TLSA  3 1 1 ${HEX}
_8443._svc        IN SVCB  1 svc port=8443 alpn=h2
svc               IN AAAA  2001:db8::8443
`;

const UPPER = HEX.toUpperCase();
/**
 * What ListResourceRecordSets must show, in Route 53's order (labels reversed, compared as ASCII
 * of the escaped lower-case form: `\052` < `_` < letters). Names and TXT strings use Route 53's
 * octal escapes (`\052` is *, `\040` a space, `\056` a dot inside a label, `\011` a tab). Hex
 * fields come back upper-case, as RFC 4034/4255/6698 printers write them.
 */
const EXPECTED: [name: string, type: string, ttl: number, values: string[]][] = [
  ['example.com.', 'A', 3600, ['192.0.2.1', '192.0.2.2']],
  ['example.com.', 'AAAA', 3600, ['2001:db8::1']],
  ['example.com.', 'CAA', 3600, ['0 issue "letsencrypt.org"', '128 iodef "mailto:security@example.com"']],
  ['example.com.', 'HTTPS', 3600, ['1 . alpn="h2,h3" ipv4hint=192.0.2.1']],
  ['example.com.', 'MX', 3600, ['10 mail.example.com.', '20 mail.example.net.']],
  ['example.com.', 'NS', 172800, ['ns1.example.com.', 'ns2.example.net.']],
  ['example.com.', 'SOA', 900, ['ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300']],
  ['example.com.', 'SPF', 3600, ['"v=spf1 mx -all"']],
  ['example.com.', 'TXT', 3600, ['"v=spf1 mx -all"', '"two" "strings; with a semicolon"']],
  ['\\052.example.com.', 'MX', 3600, ['10 mail.example.com.']],
  ['_8443._svc.example.com.', 'SVCB', 3600, ['1 svc.example.com. alpn="h2" port=8443']],
  ['_sip._tcp.example.com.', 'SRV', 3600, ['10 60 5060 sip.example.com.']],
  ['_sip._udp.example.com.', 'NAPTR', 3600, ['100 10 "S" "SIP+D2U" "" _sip._udp.example.com.']],
  ['\\052.apps.example.com.', 'A', 3600, ['192.0.2.40']],
  ['\\052.apps.example.com.', 'TXT', 3600, ['"wildcard"']],
  ['mixed.case.example.com.', 'A', 3600, ['192.0.2.26']],
  ['dot\\056inside.example.com.', 'A', 3600, ['192.0.2.28']],
  ['host.example.com.', 'SSHFP', 3600, [`4 2 ${UPPER}`]],
  ['mail.example.com.', 'A', 3600, ['192.0.2.25']],
  ['ns1.example.com.', 'A', 3600, ['192.0.2.53']],
  ['odd\\040name.example.com.', 'A', 3600, ['192.0.2.27']],
  ['ptr.example.com.', 'PTR', 3600, ['host.example.net.']],
  ['sip.example.com.', 'A', 3600, ['192.0.2.30']],
  ['sub.example.com.', 'DS', 3600, [`12345 13 2 ${UPPER}`]],
  ['sub.example.com.', 'NS', 3600, ['ns.sub.example.com.', 'ns2.example.net.']],
  ['ns.sub.example.com.', 'A', 3600, ['192.0.2.54']],
  ['svc.example.com.', 'AAAA', 3600, ['2001:db8::8443']],
  ['txt.example.com.', 'TXT', 3600, [String.raw`"quote \" inside" "back\\slash" "tab\011and\012newline" "caf\303\251" "x\377y" ""`]],
  ['www.example.com.', 'CNAME', 300, ['example.com.']],
  ['_443._tcp.www.example.com.', 'TLSA', 3600, [`3 1 1 ${UPPER}`]],
];

/** The API changes of the round trip, and the export lines they must add and remove. */
const CHANGES: Change[] = [
  { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com', Type: 'CNAME', TTL: 600, ResourceRecords: [{ Value: 'mail.example.com' }] } },
  { Action: 'UPSERT', ResourceRecordSet: { Name: 'new.example.com.', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: String.raw`"said \"hi\"" "caf\303\251"` }] } },
  { Action: 'UPSERT', ResourceRecordSet: { Name: '\\052.new.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.77' }] } },
  { Action: 'DELETE', ResourceRecordSet: { Name: '*.apps.example.com.', Type: 'TXT', TTL: 3600, ResourceRecords: [{ Value: '"wildcard"' }] } },
  { Action: 'DELETE', ResourceRecordSet: { Name: 'sip.example.com.', Type: 'A', TTL: 3600, ResourceRecords: [{ Value: '192.0.2.30' }] } },
];
const ADDED = [
  // The value was submitted without its trailing dot: the export keeps that spelling beside the rdata (issue 9).
  'www.example.com. 600 IN CNAME mail.example.com. ; signpost {"value":"mail.example.com"}',
  String.raw`new.example.com. 60 IN TXT "said \"hi\"" "caf\195\169"`,
  '*.new.example.com. 60 IN A 192.0.2.77',
];
const REMOVED = [
  'www.example.com. 300 IN CNAME example.com.',
  '*.apps.example.com. 3600 IN TXT "wildcard"',
  'sip.example.com. 3600 IN A 192.0.2.30',
];

let sp: Signpost;
let dataDir: string;
let client: Route53Client;
let zoneId = '';

async function exportZone(): Promise<string> {
  return (await signpost(['zone', 'export', 'example.com.', '--data-dir', dataDir])).stdout;
}

async function importZone(text: string, name: string): Promise<string> {
  const file = join(dataDir, name);
  writeFileSync(file, text);
  return (await signpost(['zone', 'import', 'example.com.', file, '--data-dir', dataDir, '--account', ACCOUNT, '--keep-apex-records'])).stdout;
}

/** Every record set of the zone, page by page (pages of 7, to cross a few page boundaries). */
async function listAll(): Promise<ResourceRecordSet[]> {
  const out: ResourceRecordSet[] = [];
  let next: { StartRecordName?: string; StartRecordType?: never; StartRecordIdentifier?: string } = {};
  for (let page = 0; page < 50; page++) {
    const r = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 7, ...next }));
    out.push(...r.ResourceRecordSets!);
    if (!r.IsTruncated) return out;
    next = { StartRecordName: r.NextRecordName!, StartRecordType: r.NextRecordType as never, ...(r.NextRecordIdentifier ? { StartRecordIdentifier: r.NextRecordIdentifier } : {}) };
  }
  throw new Error('the listing did not end within 50 pages');
}

const asRows = (sets: ResourceRecordSet[]) => sets.map((s) => [s.Name, s.Type, s.TTL, s.ResourceRecords?.map((r) => r.Value)]);
const lines = (text: string) => new Set(text.split('\n').filter((l) => l !== ''));
const minus = (a: Set<string>, b: Set<string>) => [...a].filter((l) => !b.has(l)).sort();

beforeAll(async () => {
  dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', ACCOUNT, '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  expect(await importZone(ZONE, 'every.zone')).toMatch(/^created zone example\.com\. \(id Z[A-Z0-9]+\): 36 records, version 1\n$/);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
});
afterAll(async () => {
  await sp?.stop();
});

describe('zone import and the Route 53 API agree', () => {
  let exported = '';

  it('the imported zone belongs to the --account and is found by name', async () => {
    const zones = await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }));
    expect(zones.HostedZones?.map((z) => z.Name)).toEqual(['example.com.']);
    zoneId = zones.HostedZones![0]!.Id!;
    const zone = await client.send(new GetHostedZoneCommand({ Id: zoneId }));
    expect(zone.HostedZone).toMatchObject({ Name: 'example.com.', ResourceRecordSetCount: EXPECTED.length });
  });

  it('ListResourceRecordSets shows every record with Route 53\'s names, values and order', async () => {
    expect(asRows(await listAll())).toEqual(EXPECTED);
  });

  it('starting a listing at an escaped wildcard name works', async () => {
    const r = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: '*.apps.example.com', StartRecordType: 'TXT', MaxItems: 1 }));
    expect(asRows(r.ResourceRecordSets!)).toEqual([['\\052.apps.example.com.', 'TXT', 3600, ['"wildcard"']]]);
    expect(r.NextRecordName).toBe('mixed.case.example.com.');
  });

  it('UPSERT and DELETE through the API show up in zone export as exactly those changes', async () => {
    exported = await exportZone();
    const out = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Comment: 'round trip', Changes: CHANGES } }));
    const after = await exportZone();
    expect(minus(lines(after), lines(exported))).toEqual([...ADDED].sort());
    expect(minus(lines(exported), lines(after))).toEqual([...REMOVED].sort());
    for (let i = 0; i < 200; i++) {
      if ((await client.send(new GetChangeCommand({ Id: out.ChangeInfo!.Id! }))).ChangeInfo?.Status === 'INSYNC') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(digSections(await dig(sp.dnsPort, ['x.new.example.com.', 'A'])).answer).toEqual(['x.new.example.com. 60 IN A 192.0.2.77']);
    expect(digSections(await dig(sp.dnsPort, ['new.example.com.', 'TXT'])).answer).toEqual([String.raw`new.example.com. 60 IN TXT "said \"hi\"" "caf\195\169"`]);
  });

  it('every set as listed is accepted back verbatim: DELETE and CREATE of each changes nothing', async () => {
    const before = await exportZone();
    const listed = await listAll();
    const changes: Change[] = listed.flatMap((s): Change[] => s.Name === 'example.com.' && (s.Type === 'SOA' || s.Type === 'NS')
      ? [{ Action: 'UPSERT', ResourceRecordSet: s }]
      : [{ Action: 'DELETE', ResourceRecordSet: s }, { Action: 'CREATE', ResourceRecordSet: s }]);
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
    expect(await exportZone()).toBe(before);
    expect(await listAll()).toEqual(listed);
  });

  it('export -> import -> export is unchanged, and the API lists the same sets', async () => {
    const before = await exportZone();
    const listed = await listAll();
    expect(await importZone(before, 'exported.zone')).toMatch(/^nothing to change in zone example\.com\. /);
    expect(await exportZone()).toBe(before);
    expect(await listAll()).toEqual(listed);
  });
});
