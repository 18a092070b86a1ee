/**
 * The Route 53 API through the real AWS SDK for JavaScript (@aws-sdk/client-route-53) against a
 * running Signpost: a whole zone's life, answers checked with dig, and the error cases parsed
 * into the SDK's own exception classes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Route53Client, CreateHostedZoneCommand, GetHostedZoneCommand, ListHostedZonesCommand, ListHostedZonesByNameCommand,
  ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand, GetChangeCommand, DeleteHostedZoneCommand,
  GetHostedZoneCountCommand, UpdateHostedZoneCommentCommand, CreateReusableDelegationSetCommand,
  GetReusableDelegationSetCommand, ListReusableDelegationSetsCommand, DeleteReusableDelegationSetCommand,
  GetReusableDelegationSetLimitCommand, GetHostedZoneLimitCommand, GetAccountLimitCommand, ChangeTagsForResourceCommand,
  ListTagsForResourceCommand, ListTagsForResourcesCommand,
  NoSuchHostedZone, InvalidChangeBatch, HostedZoneAlreadyExists, HostedZoneNotEmpty, InvalidInput, NoSuchChange,
  DelegationSetInUse, InvalidDomainName, type Change,
} from '@aws-sdk/client-route-53';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';

const KEY = { accessKeyId: 'AKIASIGNPOSTTEST0001', secretAccessKey: 'c2lnbnBvc3QtdGVzdC1zZWNyZXQtMDAwMDAwMDAwMDAw' };
const OTHER = { accessKeyId: 'AKIASIGNPOSTTEST0002', secretAccessKey: 'b3RoZXItYWNjb3VudC1zZWNyZXQtMDAwMDAwMDAwMDAw' };

let sp: Signpost;
let client: Route53Client;
let other: Route53Client;

function clientFor(credentials: typeof KEY, region = 'us-east-1'): Route53Client {
  return new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region, credentials, maxAttempts: 1 });
}

async function waitInsync(changeId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new GetChangeCommand({ Id: changeId }));
    if (out.ChangeInfo?.Status === 'INSYNC') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`change ${changeId} never became INSYNC`);
}

const upsert = (name: string, type: string, values: string[], ttl = 300): Change => ({
  Action: 'UPSERT', ResourceRecordSet: { Name: name, Type: type as never, TTL: ttl, ResourceRecords: values.map((Value) => ({ Value })) },
});

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  await signpost(['keys', 'create', '--account', '222222222222', '--access-key-id', OTHER.accessKeyId, '--secret-access-key', OTHER.secretAccessKey, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
  client = clientFor(KEY);
  other = clientFor(OTHER, 'eu-west-1');
});
afterAll(async () => {
  await sp?.stop();
});

describe('a hosted zone through the AWS SDK', () => {
  let zoneId = '';

  it('creates a zone with Route 53\'s SOA and NS and four name servers', async () => {
    const out = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'sdk-1', HostedZoneConfig: { Comment: 'sdk test', PrivateZone: false } }));
    zoneId = out.HostedZone!.Id!;
    expect(zoneId).toMatch(/^\/hostedzone\/Z[A-Z0-9]+$/);
    expect(out.HostedZone).toMatchObject({ Name: 'example.com.', CallerReference: 'sdk-1', ResourceRecordSetCount: 2, Config: { Comment: 'sdk test', PrivateZone: false } });
    expect(out.ChangeInfo?.Status).toBe('PENDING');
    expect(out.DelegationSet?.NameServers).toHaveLength(4);
    expect(out.Location).toContain(zoneId.replace('/hostedzone/', ''));
    await waitInsync(out.ChangeInfo!.Id!);
    const sets = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    const ns = sets.ResourceRecordSets!.find((s) => s.Type === 'NS')!;
    const soa = sets.ResourceRecordSets!.find((s) => s.Type === 'SOA')!;
    expect(ns.TTL).toBe(172800);
    expect(ns.ResourceRecords!.map((r) => r.Value)).toEqual(out.DelegationSet!.NameServers!.map((n) => `${n}.`));
    expect(soa.TTL).toBe(900);
    expect(soa.ResourceRecords![0]!.Value).toMatch(/ 1 7200 900 1209600 86400$/);
    const answer = digSections(await dig(sp.dnsPort, ['example.com.', 'SOA']));
    expect(answer.aa).toBe(true);
    expect(answer.answer).toHaveLength(1);
  });

  it('refuses a second zone with the same caller reference, and bad names', async () => {
    await expect(client.send(new CreateHostedZoneCommand({ Name: 'example.net', CallerReference: 'sdk-1' }))).rejects.toBeInstanceOf(HostedZoneAlreadyExists);
    await expect(client.send(new CreateHostedZoneCommand({ Name: 'my zone.example', CallerReference: 'sdk-space' }))).rejects.toBeInstanceOf(InvalidDomainName);
    await expect(client.send(new CreateHostedZoneCommand({ Name: '*.example.org', CallerReference: 'sdk-wild' }))).rejects.toBeInstanceOf(InvalidDomainName);
  });

  it('upserts records of several types that dig then sees', async () => {
    const out = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Comment: 'several types', Changes: [
      upsert('www.example.com', 'A', ['192.0.2.1', '192.0.2.2']),
      upsert('www.example.com.', 'AAAA', ['2001:db8::1']),
      upsert('example.com.', 'MX', ['10 mail.example.com.']),
      upsert('mail.example.com.', 'A', ['192.0.2.25']),
      upsert('example.com.', 'TXT', ['"v=spf1 -all"', '"hello world"']),
      upsert('example.com.', 'CAA', ['0 issue "letsencrypt.org"']),
      upsert('alias.example.com.', 'CNAME', ['www.example.com']),
      upsert('_sip._tcp.example.com.', 'SRV', ['10 5 5060 sip.example.com.']),
    ] } }));
    expect(out.ChangeInfo).toMatchObject({ Status: 'PENDING', Comment: 'several types' });
    await waitInsync(out.ChangeInfo!.Id!);
    const www = digSections(await dig(sp.dnsPort, ['www.example.com.', 'A']));
    expect(www.answer.map((r) => r.split(' ').pop()).sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(digSections(await dig(sp.dnsPort, ['alias.example.com.', 'A'])).answer).toHaveLength(3);
    expect(digSections(await dig(sp.dnsPort, ['example.com.', 'MX'])).additional).toEqual(['mail.example.com. 300 IN A 192.0.2.25']);
    expect(digSections(await dig(sp.dnsPort, ['example.com.', 'TXT'])).answer).toHaveLength(2);
  });

  it('lists record sets in Route 53\'s order, page by page', async () => {
    const seen: string[] = [];
    let next: { StartRecordName?: string; StartRecordType?: never } = {};
    for (let page = 0; page < 20; page++) {
      const out = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 3, ...next }));
      seen.push(...out.ResourceRecordSets!.map((s) => `${s.Name} ${s.Type}`));
      if (!out.IsTruncated) break;
      next = { StartRecordName: out.NextRecordName!, StartRecordType: out.NextRecordType as never };
    }
    expect(seen).toEqual([
      'example.com. CAA', 'example.com. MX', 'example.com. NS', 'example.com. SOA', 'example.com. TXT',
      '_sip._tcp.example.com. SRV', 'alias.example.com. CNAME', 'mail.example.com. A', 'www.example.com. A', 'www.example.com. AAAA',
    ]);
  });

  it('rejects a bad batch whole, with Route 53\'s messages, and changes nothing', async () => {
    const before = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    const err = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
      upsert('new.example.com.', 'A', ['192.0.2.9']),
      { Action: 'CREATE', ResourceRecordSet: { Name: 'www.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.1' }] } },
      upsert('alias.example.com.', 'TXT', ['"x"']),
    ] } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidChangeBatch);
    expect((err as Error).message).toContain("Tried to create resource record set [name='www.example.com.', type='A'] but it already exists");
    expect((err as Error).message).toContain('conflicting RRSet of type  CNAME');
    const after = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(after.ResourceRecordSets).toEqual(before.ResourceRecordSets);
  });

  it('gets, counts, comments, tags and lists the zone', async () => {
    expect((await client.send(new GetHostedZoneCommand({ Id: zoneId }))).HostedZone?.Name).toBe('example.com.');
    expect((await client.send(new GetHostedZoneCountCommand({}))).HostedZoneCount).toBe(1);
    expect((await client.send(new UpdateHostedZoneCommentCommand({ Id: zoneId, Comment: 'renamed' }))).HostedZone?.Config?.Comment).toBe('renamed');
    const bare = zoneId.replace('/hostedzone/', '');
    await client.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: bare, AddTags: [{ Key: 'team', Value: 'dns' }, { Key: 'env', Value: 'test' }] }));
    await client.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: bare, RemoveTagKeys: ['env'] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: bare }))).ResourceTagSet?.Tags).toEqual([{ Key: 'team', Value: 'dns' }]);
    expect((await client.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [bare] }))).ResourceTagSets).toHaveLength(1);
    expect((await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }))).HostedZones?.[0]?.Id).toBe(zoneId);
    expect((await client.send(new GetHostedZoneLimitCommand({ HostedZoneId: zoneId, Type: 'MAX_RRSETS_BY_ZONE' })))).toMatchObject({ Limit: { Value: 10000 }, Count: 10 });
    expect((await client.send(new GetAccountLimitCommand({ Type: 'MAX_HOSTED_ZONES_BY_OWNER' })))).toMatchObject({ Limit: { Value: 500 }, Count: 1 });
  });

  it('keeps accounts apart', async () => {
    expect((await other.send(new ListHostedZonesCommand({}))).HostedZones).toEqual([]);
    await expect(other.send(new GetHostedZoneCommand({ Id: zoneId }))).rejects.toBeInstanceOf(NoSuchHostedZone);
    await expect(other.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [upsert('x.example.com.', 'A', ['192.0.2.3'])] } })))
      .rejects.toBeInstanceOf(NoSuchHostedZone);
  });

  it('parses errors into the SDK\'s classes', async () => {
    await expect(client.send(new GetHostedZoneCommand({ Id: 'ZNOSUCHZONE0000000000' }))).rejects.toBeInstanceOf(NoSuchHostedZone);
    await expect(client.send(new GetChangeCommand({ Id: 'CNOSUCHCHANGE00000000' }))).rejects.toBeInstanceOf(NoSuchChange);
    await expect(client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordType: 'A' }))).rejects.toBeInstanceOf(InvalidInput);
    const bad = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: { ...KEY, secretAccessKey: 'wrong' }, maxAttempts: 1 });
    await expect(bad.send(new ListHostedZonesCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const unknown = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x' }, maxAttempts: 1 });
    await expect(unknown.send(new ListHostedZonesCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('reusable delegation sets hold a zone\'s name servers', async () => {
    const created = await client.send(new CreateReusableDelegationSetCommand({ CallerReference: 'set-1' }));
    const setId = created.DelegationSet!.Id!;
    expect(created.DelegationSet?.NameServers).toHaveLength(4);
    const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.org', CallerReference: 'sdk-2', DelegationSetId: setId }));
    expect(zone.DelegationSet?.NameServers).toEqual(created.DelegationSet?.NameServers);
    expect((await client.send(new GetReusableDelegationSetCommand({ Id: setId }))).DelegationSet?.Id).toBe(setId);
    expect((await client.send(new ListReusableDelegationSetsCommand({}))).DelegationSets).toHaveLength(1);
    expect((await client.send(new GetReusableDelegationSetLimitCommand({ DelegationSetId: setId, Type: 'MAX_ZONES_BY_REUSABLE_DELEGATION_SET' })))).toMatchObject({ Count: 1, Limit: { Value: 100 } });
    await expect(client.send(new DeleteReusableDelegationSetCommand({ Id: setId }))).rejects.toBeInstanceOf(DelegationSetInUse);
    await client.send(new DeleteHostedZoneCommand({ Id: zone.HostedZone!.Id! }));
    await client.send(new DeleteReusableDelegationSetCommand({ Id: setId }));
  });

  it('will not delete a zone with records, then deletes it once emptied', async () => {
    await expect(client.send(new DeleteHostedZoneCommand({ Id: zoneId }))).rejects.toBeInstanceOf(HostedZoneNotEmpty);
    const sets = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    const changes: Change[] = sets.ResourceRecordSets!.filter((s) => s.Type !== 'SOA' && s.Type !== 'NS').map((s) => ({ Action: 'DELETE', ResourceRecordSet: s }));
    const out = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
    await waitInsync(out.ChangeInfo!.Id!);
    expect(digSections(await dig(sp.dnsPort, ['www.example.com.', 'A'])).rcode).toBe('NXDOMAIN');
    const deleted = await client.send(new DeleteHostedZoneCommand({ Id: zoneId }));
    await waitInsync(deleted.ChangeInfo!.Id!);
    expect(digSections(await dig(sp.dnsPort, ['example.com.', 'SOA'])).rcode).toBe('REFUSED');
  });
});
