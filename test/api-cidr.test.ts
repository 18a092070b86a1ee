/**
 * CIDR collections through the real clients against a running Signpost: the AWS SDK for
 * JavaScript and the AWS CLI v2 (/usr/bin/aws) each take collections through every operation
 * and every error case, parsed into the client's own error names. A change of blocks that a
 * zone's IP-based record sets use gives that zone a new version, which the DNS node loads: the
 * change id ChangeCidrCollection returns reaches INSYNC through GetChange.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  Route53Client, CreateCidrCollectionCommand, ChangeCidrCollectionCommand, ListCidrCollectionsCommand, ListCidrLocationsCommand,
  ListCidrBlocksCommand, DeleteCidrCollectionCommand, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand, GetChangeCommand,
  paginateListCidrBlocks, type CidrCollectionChange, type Change,
} from '@aws-sdk/client-route-53';
import { signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';

const run = promisify(execFile);
const KEY = { accessKeyId: 'AKIASIGNPOSTCIDR0001', secretAccessKey: 'Y2lkci10ZXN0LXNlY3JldC0wMDAwMDAwMDAwMDAwMDAw' };
const UNKNOWN = '0e548232-8f42-4e8c-bbda-81b6bf5e71ca';

let sp: Signpost;
let client: Route53Client;

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
});
afterAll(async () => {
  await sp?.stop();
});

/** Runs the AWS CLI v2; returns the parsed JSON, or the error code the CLI reports (exit status 254/252). */
async function aws(args: string[]): Promise<any> {
  try {
    const { stdout } = await run('/usr/bin/aws', ['route53', ...args, '--endpoint-url', `http://127.0.0.1:${sp.httpPort}`, '--output', 'json'], {
      env: {
        PATH: process.env.PATH, HOME: sp.dataDir, AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey,
        AWS_DEFAULT_REGION: 'eu-west-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_MAX_ATTEMPTS: '1',
      },
    });
    return stdout.trim() ? JSON.parse(stdout) : {};
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? err);
    const code = /An error occurred \(([A-Za-z]+)\)/.exec(stderr)?.[1];
    return { error: code ?? stderr };
  }
}

/** The error name the SDK gives for `p`, or 'ok'. */
async function sdkError(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'ok', (err: { name?: string }) => err.name ?? String(err));
}

const put = (LocationName: string, ...CidrList: string[]): CidrCollectionChange => ({ Action: 'PUT', LocationName, CidrList });
const del = (LocationName: string, ...CidrList: string[]): CidrCollectionChange => ({ Action: 'DELETE_IF_EXISTS', LocationName, CidrList });
const ipRecord = (action: 'CREATE' | 'DELETE', collectionId: string, location: string, name = 'ip.example.com'): Change => ({
  Action: action,
  ResourceRecordSet: {
    Name: name, Type: 'A', SetIdentifier: location === '*' ? 'default' : location, TTL: 60,
    ResourceRecords: [{ Value: location === '*' ? '192.0.2.99' : '192.0.2.10' }], CidrRoutingConfig: { CollectionId: collectionId, LocationName: location },
  },
});

async function waitInsync(changeId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await client.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo?.Status === 'INSYNC') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`change ${changeId} never became INSYNC`);
}

describe('CIDR collections through the AWS SDK for JavaScript', () => {
  let id = '';
  let zoneId = '';

  it('creates a collection at version 1, and a retry with the same caller reference gets the same one', async () => {
    const out = await client.send(new CreateCidrCollectionCommand({ Name: 'sdk-offices', CallerReference: 'sdk-1' }));
    id = out.Collection!.Id!;
    expect(out.Collection).toEqual({ Arn: `arn:aws:route53:::cidrcollection/${id}`, Id: id, Name: 'sdk-offices', Version: 1 });
    expect(out.Location).toBe(`http://127.0.0.1:${sp.httpPort}/2013-04-01/cidrcollection/${id}`); // the host the request went to (issue 9)
    const again = await client.send(new CreateCidrCollectionCommand({ Name: 'sdk-offices', CallerReference: 'sdk-1' }));
    expect(again.Collection?.Id).toBe(id);
  });

  it('puts blocks by location, lists collections, locations and blocks, and pages through blocks', async () => {
    await client.send(new ChangeCidrCollectionCommand({ Id: id, CollectionVersion: 1, Changes: [put('paris', '192.0.2.0/24', '2001:DB8:1::/48'), put('rome', '198.51.100.0/24')] }));
    const listed = await client.send(new ListCidrCollectionsCommand({}));
    expect(listed.CidrCollections?.find((c) => c.Id === id)).toMatchObject({ Name: 'sdk-offices', Version: 2 });
    expect((await client.send(new ListCidrLocationsCommand({ CollectionId: id }))).CidrLocations).toEqual([{ LocationName: 'paris' }, { LocationName: 'rome' }]);
    const paris = await client.send(new ListCidrBlocksCommand({ CollectionId: id, LocationName: 'paris' }));
    expect(paris.CidrBlocks).toEqual([{ CidrBlock: '192.0.2.0/24', LocationName: 'paris' }, { CidrBlock: '2001:db8:1::/48', LocationName: 'paris' }]);
    const blocks: string[] = [];
    for await (const page of paginateListCidrBlocks({ client, pageSize: 1 }, { CollectionId: id })) {
      expect(page.CidrBlocks!.length).toBeLessThanOrEqual(1);
      blocks.push(...page.CidrBlocks!.map((b) => `${b.LocationName} ${b.CidrBlock}`));
    }
    expect(blocks).toEqual(['paris 192.0.2.0/24', 'paris 2001:db8:1::/48', 'rome 198.51.100.0/24']);
  });

  it('IP-based record sets must name an existing collection and location', async () => {
    const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'sdk-cidr-zone' }));
    zoneId = zone.HostedZone!.Id!;
    const send = (changes: Change[]) => client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
    expect(await sdkError(send([ipRecord('CREATE', UNKNOWN, 'paris')]))).toBe('NoSuchCidrCollectionException');
    expect(await sdkError(send([ipRecord('CREATE', id, 'oslo')]))).toBe('NoSuchCidrLocationException');
    const ok = await send([ipRecord('CREATE', id, 'paris'), ipRecord('CREATE', id, '*')]);
    await waitInsync(ok.ChangeInfo!.Id!);
  });

  it('a change of blocks the zone uses gives the zone a new version, which the DNS node serves (GetChange reaches INSYNC)', async () => {
    const before = await zoneVersion(zoneId);
    const out = await client.send(new ChangeCidrCollectionCommand({ Id: id, Changes: [put('paris', '203.0.113.0/24')] }));
    expect(out.Id).toMatch(/^\/change\/C[A-Z0-9]+$/);
    expect(await zoneVersion(zoneId)).toBe(before + 1);
    await waitInsync(out.Id!);
  });

  it('answers every error case with Route 53\'s error', async () => {
    const change = (Changes: CidrCollectionChange[], CollectionVersion?: number, Id = id) =>
      client.send(new ChangeCidrCollectionCommand({ Id, Changes, ...(CollectionVersion !== undefined ? { CollectionVersion } : {}) }));
    const cases: [string, () => Promise<unknown>, string][] = [
      ['same name, other caller reference', () => client.send(new CreateCidrCollectionCommand({ Name: 'sdk-offices', CallerReference: 'sdk-2' })), 'CidrCollectionAlreadyExistsException'],
      ['a bad name', () => client.send(new CreateCidrCollectionCommand({ Name: 'sdk offices', CallerReference: 'sdk-3' })), 'InvalidInput'],
      ['a stale CollectionVersion', () => change([put('paris', '10.0.0.0/8')], 1), 'CidrCollectionVersionMismatchException'],
      ['a block with host bits', () => change([put('paris', '10.1.0.0/8')]), 'InvalidInput'],
      ['a block longer than /24', () => change([put('paris', '10.1.2.0/25')]), 'InvalidInput'],
      ['0.0.0.0/0', () => change([put('paris', '0.0.0.0/0')]), 'InvalidInput'],
      ['a block in two locations', () => change([put('rome', '192.0.2.0/24')]), 'CidrBlockInUseException'],
      ['the last blocks of a location in use', () => change([del('paris', '192.0.2.0/24', '2001:db8:1::/48', '203.0.113.0/24')]), 'CidrBlockInUseException'],
      ['an unknown collection', () => change([put('paris', '10.0.0.0/8')], undefined, UNKNOWN), 'NoSuchCidrCollectionException'],
      ['locations of an unknown collection', () => client.send(new ListCidrLocationsCommand({ CollectionId: UNKNOWN })), 'NoSuchCidrCollectionException'],
      ['blocks of an unknown location', () => client.send(new ListCidrBlocksCommand({ CollectionId: id, LocationName: 'oslo' })), 'NoSuchCidrLocationException'],
      ['a token from another listing', () => client.send(new ListCidrCollectionsCommand({ NextToken: 'bm90LWEtdG9rZW4' })), 'InvalidPaginationToken'],
      ['deleting a collection with blocks', () => client.send(new DeleteCidrCollectionCommand({ Id: id })), 'CidrCollectionInUseException'],
      ['deleting an unknown collection', () => client.send(new DeleteCidrCollectionCommand({ Id: UNKNOWN })), 'NoSuchCidrCollectionException'],
    ];
    for (const [what, p, code] of cases) expect(await sdkError(p()), what).toBe(code);
    expect((await client.send(new ListCidrBlocksCommand({ CollectionId: id }))).CidrBlocks).toHaveLength(4);
  });

  it('refuses a sixth collection, and deletes a collection once nothing uses it and it is empty', async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i++) made.push((await client.send(new CreateCidrCollectionCommand({ Name: `sdk-more-${i}`, CallerReference: `sdk-more-${i}` }))).Collection!.Id!);
    expect(await sdkError(client.send(new CreateCidrCollectionCommand({ Name: 'sdk-sixth', CallerReference: 'sdk-sixth' })))).toBe('LimitsExceeded');
    for (const m of made) await client.send(new DeleteCidrCollectionCommand({ Id: m }));

    await client.send(new ChangeCidrCollectionCommand({ Id: id, Changes: [del('rome', '198.51.100.0/24'), del('paris', '192.0.2.0/24', '2001:db8:1::/48', '203.0.113.0/24')] }))
      .then(() => { throw new Error('emptied a location in use'); }, (err: Error) => expect(err.name).toBe('CidrBlockInUseException'));
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [ipRecord('DELETE', id, 'paris')] } }));
    await client.send(new ChangeCidrCollectionCommand({ Id: id, Changes: [del('rome', '198.51.100.0/24'), del('paris', '192.0.2.0/24', '2001:db8:1::/48', '203.0.113.0/24')] }));
    expect(await sdkError(client.send(new DeleteCidrCollectionCommand({ Id: id })))).toBe('CidrCollectionInUseException'); // the '*' record set
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [ipRecord('DELETE', id, '*')] } }));
    await client.send(new DeleteCidrCollectionCommand({ Id: id }));
    expect((await client.send(new ListCidrCollectionsCommand({}))).CidrCollections?.map((c) => c.Id)).not.toContain(id);
  });
});

/** The zone's version, from the unauthenticated /status endpoint. */
async function zoneVersion(zoneId: string): Promise<number> {
  const status = await (await fetch(`http://127.0.0.1:${sp.httpPort}/status`)).json() as { zones: { id: string; version: number }[] };
  return status.zones.find((z) => `/hostedzone/${z.id}` === zoneId || z.id === zoneId)!.version;
}

describe('CIDR collections through the AWS CLI v2', () => {
  // Each CLI run costs about a second of CPU, more on a busy machine: generous time limits,
  // setup and cleanup through the SDK, and the error cases run side by side.
  const CLI_TIMEOUT = 300_000;

  it('runs a collection through every operation and error case', async () => {
    const created = await aws(['create-cidr-collection', '--name', 'cli-offices', '--caller-reference', 'cli-1']);
    const id: string = created.Collection.Id;
    expect(created.Collection).toEqual({ Arn: `arn:aws:route53:::cidrcollection/${id}`, Id: id, Name: 'cli-offices', Version: 1 });
    await aws(['change-cidr-collection', '--id', id, '--collection-version', '1', '--changes',
      JSON.stringify([put('paris', '192.0.2.0/24', '2001:db8:1::/48'), put('rome', '198.51.100.0/24')])]);
    expect((await aws(['list-cidr-collections'])).CidrCollections).toContainEqual({ Arn: `arn:aws:route53:::cidrcollection/${id}`, Id: id, Name: 'cli-offices', Version: 2 });
    expect((await aws(['list-cidr-locations', '--collection-id', id])).CidrLocations).toEqual([{ LocationName: 'paris' }, { LocationName: 'rome' }]);
    // --page-size makes the CLI fetch one block per request and follow NextToken itself.
    expect((await aws(['list-cidr-blocks', '--collection-id', id, '--page-size', '1'])).CidrBlocks).toEqual([
      { CidrBlock: '192.0.2.0/24', LocationName: 'paris' }, { CidrBlock: '2001:db8:1::/48', LocationName: 'paris' }, { CidrBlock: '198.51.100.0/24', LocationName: 'rome' },
    ]);
    expect((await aws(['list-cidr-blocks', '--collection-id', id, '--location-name', 'rome'])).CidrBlocks).toEqual([{ CidrBlock: '198.51.100.0/24', LocationName: 'rome' }]);

    const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.net', CallerReference: 'cli-cidr-zone' }));
    const batch = (changes: Change[]) => ['change-resource-record-sets', '--hosted-zone-id', zone.HostedZone!.Id!, '--change-batch', JSON.stringify({ Changes: changes })];
    const ok = await aws(batch([ipRecord('CREATE', id, 'rome', 'ip.example.net')]));
    expect(ok.ChangeInfo.Status).toBe('PENDING');

    const cases: [string, string[], string][] = [
      ['same name, other caller reference', ['create-cidr-collection', '--name', 'cli-offices', '--caller-reference', 'cli-2'], 'CidrCollectionAlreadyExistsException'],
      ['a bad name', ['create-cidr-collection', '--name', 'cli offices', '--caller-reference', 'cli-3'], 'InvalidInput'],
      ['a stale version', ['change-cidr-collection', '--id', id, '--collection-version', '1', '--changes', JSON.stringify([put('paris', '10.0.0.0/8')])], 'CidrCollectionVersionMismatchException'],
      ['host bits', ['change-cidr-collection', '--id', id, '--changes', JSON.stringify([put('paris', '10.0.0.1/8')])], 'InvalidInput'],
      ['a block in two locations', ['change-cidr-collection', '--id', id, '--changes', JSON.stringify([put('rome', '192.0.2.0/24')])], 'CidrBlockInUseException'],
      ['the last block of a location in use', ['change-cidr-collection', '--id', id, '--changes', JSON.stringify([del('rome', '198.51.100.0/24')])], 'CidrBlockInUseException'],
      ['an unknown collection', ['change-cidr-collection', '--id', UNKNOWN, '--changes', JSON.stringify([put('paris', '10.0.0.0/8')])], 'NoSuchCidrCollectionException'],
      ['locations of an unknown collection', ['list-cidr-locations', '--collection-id', UNKNOWN], 'NoSuchCidrCollectionException'],
      ['an unknown location', ['list-cidr-blocks', '--collection-id', id, '--location-name', 'oslo'], 'NoSuchCidrLocationException'],
      ['a bad token', ['list-cidr-collections', '--starting-token', 'bm90LWEtdG9rZW4'], 'InvalidPaginationToken'],
      ['deleting a collection in use', ['delete-cidr-collection', '--id', id], 'CidrCollectionInUseException'],
      ['deleting an unknown collection', ['delete-cidr-collection', '--id', UNKNOWN], 'NoSuchCidrCollectionException'],
      ['a record set naming an unknown collection', batch([ipRecord('CREATE', UNKNOWN, 'rome', 'ip2.example.net')]), 'NoSuchCidrCollectionException'],
      ['a record set naming an unknown location', batch([ipRecord('CREATE', id, 'oslo', 'ip2.example.net')]), 'NoSuchCidrLocationException'],
    ];
    const errors = await Promise.all(cases.map(([, args]) => aws(args).then((out) => out.error ?? 'ok')));
    expect(errors).toEqual(cases.map(([, , code]) => code));

    // A change of blocks that ip.example.net uses: the zone gets a new version, served by the DNS node.
    const moved = await aws(['change-cidr-collection', '--id', id, '--changes', JSON.stringify([put('rome', '203.0.113.0/24')])]);
    await aws(['wait', 'resource-record-sets-changed', '--id', moved.Id]);
    expect((await aws(['get-change', '--id', moved.Id])).ChangeInfo.Status).toBe('INSYNC');

    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone.HostedZone!.Id!, ChangeBatch: { Changes: [ipRecord('DELETE', id, 'rome', 'ip.example.net')] } }));
    await client.send(new ChangeCidrCollectionCommand({ Id: id, Changes: [del('paris', '192.0.2.0/24', '2001:db8:1::/48'), del('rome', '198.51.100.0/24', '203.0.113.0/24')] }));
    expect(await aws(['delete-cidr-collection', '--id', id])).toEqual({});
    expect((await client.send(new ListCidrCollectionsCommand({}))).CidrCollections?.map((c) => c.Id)).not.toContain(id);
  }, CLI_TIMEOUT);

  it('refuses a sixth collection of an account with LimitsExceeded', async () => {
    const made: string[] = [];
    const have = (await client.send(new ListCidrCollectionsCommand({}))).CidrCollections!.length;
    for (let i = have; i < 5; i++) made.push((await client.send(new CreateCidrCollectionCommand({ Name: `cli-more-${i}`, CallerReference: `cli-more-${i}` }))).Collection!.Id!);
    expect((await aws(['create-cidr-collection', '--name', 'cli-sixth', '--caller-reference', 'cli-sixth'])).error).toBe('LimitsExceeded');
    for (const m of made) await client.send(new DeleteCidrCollectionCommand({ Id: m }));
  }, CLI_TIMEOUT);
});
