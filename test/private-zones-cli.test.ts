/**
 * Issue 8 through the real AWS CLI v2 (route53 and ec2) and `signpost vpc`: split horizon on
 * loopback (dig -b 127.0.0.2 inside the VPC, -b 127.0.0.3 outside), the EC2 VPC operations,
 * and the cross-account flow (account A's zone, account B's VPC, authorization, association).
 * Every operation runs once through the CLI (a CLI call costs seconds on a loaded machine); the
 * error cases are in private-zones-sdk.test.ts and the golden files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';

const run = promisify(execFile);
const A = { id: 'AKIAPRIVATECLI00001A', secret: 'cHJpdmF0ZS1jbGktc2VjcmV0LWEtMDAwMDAwMDAw', account: '111111111111' };
const B = { id: 'AKIAPRIVATECLI00002B', secret: 'cHJpdmF0ZS1jbGktc2VjcmV0LWItMDAwMDAwMDAw', account: '222222222222' };
const VPC_A = 'vpc-0a0000000000000a1';
let sp: Signpost;

/** Runs /usr/bin/aws SERVICE ARGS as `who`; returns parsed JSON, or throws with the CLI's stderr. */
async function aws(who: typeof A, service: 'route53' | 'ec2', args: string[], region = 'us-east-1'): Promise<any> {
  const { stdout } = await run('/usr/bin/aws', [service, ...args, '--endpoint-url', `http://127.0.0.1:${sp.httpPort}`, '--output', 'json'], {
    env: {
      PATH: process.env.PATH, HOME: sp.dataDir, AWS_ACCESS_KEY_ID: who.id, AWS_SECRET_ACCESS_KEY: who.secret, AWS_DEFAULT_REGION: region,
      AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_MAX_ATTEMPTS: '1',
    },
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}

/** The error code the CLI reports for a failing call. */
async function awsError(who: typeof A, service: 'route53' | 'ec2', args: string[]): Promise<string> {
  try {
    await aws(who, service, args);
  } catch (err) {
    return /An error occurred \(([^)]+)\)/.exec(String((err as { stderr?: string }).stderr))?.[1] ?? String(err);
  }
  throw new Error(`aws ${service} ${args.join(' ')} succeeded`);
}

/** Upserts A records (name -> address) in one batch; resolves once `from` sees the first. */
async function upsertA(who: typeof A, zoneId: string, records: [string, string][], from: string): Promise<void> {
  const batch = JSON.stringify({ Changes: records.map(([name, address]) => ({ Action: 'UPSERT', ResourceRecordSet: { Name: name, Type: 'A', TTL: 60, ResourceRecords: [{ Value: address }] } })) });
  await aws(who, 'route53', ['change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', batch]);
  // A CLI call takes seconds on a loaded machine; dig tells as much, sooner (GetChange has its own tests).
  await eventually(async () => expect((await lookupFrom(from, records[0]![0])).answer).toEqual([records[0]![1]]));
}

/** The A answers for `name` asked from source address `from`, and the rcode. */
async function lookupFrom(from: string, name: string, tcp = false): Promise<{ rcode: string; answer: string[] }> {
  const out = await dig(sp.dnsPort, ['-b', from, name, 'A', ...(tcp ? ['+tcp'] : [])]);
  return { rcode: /status: (\w+)/.exec(out)?.[1] ?? '?', answer: digSections(out).answer.map((l) => l.split(/\s+/).at(-1)!) };
}

/** Waits until a DNS answer reflects a change made outside Route 53 (EC2 or `signpost vpc`). */
async function eventually(fn: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= 40) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  for (const k of [A, B]) await signpost(['keys', 'create', '--account', k.account, '--access-key-id', k.id, '--secret-access-key', k.secret, '--data-dir', dataDir]);
  const made = await signpost(['vpc', 'create', '--region', 'us-east-1', '--cidr', '127.0.0.2/32', '--cidr', 'fd00:8::/64', '--vpc-id', VPC_A, '--account', A.account, '--data-dir', dataDir]);
  expect(made.stdout).toBe(`created VPC ${VPC_A} in us-east-1 (account ${A.account}): 127.0.0.2/32, fd00:8::/64\n`);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
}, 60_000);
afterAll(async () => {
  await sp?.stop();
});

describe('private zones with the AWS CLI v2', () => {
  let publicId = '';
  let privateId = '';

  it('split horizon: the same name answers differently inside and outside the VPC, over UDP and TCP', async () => {
    publicId = (await aws(A, 'route53', ['create-hosted-zone', '--name', 'example.com', '--caller-reference', 'public-1'])).HostedZone.Id;
    const created = await aws(A, 'route53', ['create-hosted-zone', '--name', 'example.com', '--caller-reference', 'private-1',
      '--vpc', `VPCRegion=us-east-1,VPCId=${VPC_A}`, '--hosted-zone-config', 'PrivateZone=true,Comment=inside']);
    privateId = created.HostedZone.Id;
    expect(created.HostedZone.Config).toEqual({ Comment: 'inside', PrivateZone: true });
    expect(created.VPC).toEqual({ VPCRegion: 'us-east-1', VPCId: VPC_A });
    expect(created.DelegationSet).toBeUndefined();
    await upsertA(A, publicId, [['www.example.com', '192.0.2.1'], ['only-public.example.com', '192.0.2.2']], '127.0.0.3');
    await upsertA(A, privateId, [['www.example.com', '10.0.0.1']], '127.0.0.2');
    for (const tcp of [false, true]) {
      expect(await lookupFrom('127.0.0.2', 'www.example.com', tcp)).toEqual({ rcode: 'NOERROR', answer: ['10.0.0.1'] });
      expect(await lookupFrom('127.0.0.3', 'www.example.com', tcp)).toEqual({ rcode: 'NOERROR', answer: ['192.0.2.1'] });
    }
    // Route 53's private SOA and NS.
    const soa = digSections(await dig(sp.dnsPort, ['-b', '127.0.0.2', 'example.com', 'SOA'])).answer;
    expect(soa).toEqual(['example.com. 900 IN SOA ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400']);
    const ns = digSections(await dig(sp.dnsPort, ['-b', '127.0.0.2', 'example.com', 'NS'])).answer.map((l) => l.split(/\s+/).at(-1)).sort();
    expect(ns).toEqual(['ns-0.awsdns-00.com.', 'ns-1024.awsdns-00.org.', 'ns-1536.awsdns-00.co.uk.', 'ns-512.awsdns-00.net.']);
    // A name only the public zone has: NXDOMAIN from the private zone inside.
    expect((await lookupFrom('127.0.0.2', 'only-public.example.com')).rcode).toBe('NXDOMAIN');
    expect((await lookupFrom('127.0.0.3', 'only-public.example.com')).answer).toEqual(['192.0.2.2']);
    const zone = await aws(A, 'route53', ['get-hosted-zone', '--id', privateId]);
    expect(zone.VPCs).toEqual([{ VPCRegion: 'us-east-1', VPCId: VPC_A }]);
    const listed = await aws(A, 'route53', ['list-hosted-zones']);
    expect(listed.HostedZones.map((z: any) => z.Config.PrivateZone).sort()).toEqual([false, true]);
  }, 300_000);

  it('the EC2 VPC operations: create with tags, describe with filters, blocks, tags, delete', async () => {
    const vpc = (await aws(A, 'ec2', ['create-vpc', '--cidr-block', '127.0.0.5/32', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=team,Value=dns}]'])).Vpc;
    expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpc).toMatchObject({ CidrBlock: '127.0.0.5/32', OwnerId: A.account, State: 'available', IsDefault: false, Tags: [{ Key: 'team', Value: 'dns' }] });
    const byTag = await aws(A, 'ec2', ['describe-vpcs', '--filters', 'Name=tag:team,Values=dns']);
    expect(byTag.Vpcs.map((v: any) => v.VpcId)).toEqual([vpc.VpcId]);
    const added = await aws(A, 'ec2', ['associate-vpc-cidr-block', '--vpc-id', vpc.VpcId, '--cidr-block', '127.0.0.6/32']);
    expect(added.CidrBlockAssociation).toMatchObject({ CidrBlock: '127.0.0.6/32', CidrBlockState: { State: 'associated' } });
    await aws(A, 'ec2', ['create-tags', '--resources', vpc.VpcId, '--tags', 'Key=env,Value=lab']);
    await aws(A, 'ec2', ['delete-tags', '--resources', vpc.VpcId, '--tags', 'Key=team']);
    const again = (await aws(A, 'ec2', ['describe-vpcs', '--vpc-ids', vpc.VpcId])).Vpcs[0];
    expect(again.Tags).toEqual([{ Key: 'env', Value: 'lab' }]);
    expect(again.CidrBlockAssociationSet.map((c: any) => c.CidrBlock)).toEqual(['127.0.0.5/32', '127.0.0.6/32']);
    const removed = await aws(A, 'ec2', ['disassociate-vpc-cidr-block', '--association-id', added.CidrBlockAssociation.AssociationId]);
    expect(removed.CidrBlockAssociation.CidrBlockState.State).toBe('disassociating');
    // A VPC a private zone uses cannot go; an unused one can.
    expect(await awsError(A, 'ec2', ['delete-vpc', '--vpc-id', VPC_A])).toBe('DependencyViolation');
    await aws(A, 'ec2', ['delete-vpc', '--vpc-id', vpc.VpcId]);
  }, 300_000);

  it('cross-account: B\'s VPC joins A\'s private zone only after A authorizes it', async () => {
    const vpcB = (await aws(B, 'ec2', ['create-vpc', '--cidr-block', '127.0.0.4/32'])).Vpc.VpcId;
    const vpcArg = `VPCRegion=us-east-1,VPCId=${vpcB}`;
    expect(await awsError(B, 'route53', ['associate-vpc-with-hosted-zone', '--hosted-zone-id', privateId, '--vpc', vpcArg])).toBe('NotAuthorizedException');
    const auth = await aws(A, 'route53', ['create-vpc-association-authorization', '--hosted-zone-id', privateId, '--vpc', vpcArg]);
    expect(auth.VPC).toEqual({ VPCRegion: 'us-east-1', VPCId: vpcB });
    expect((await aws(A, 'route53', ['list-vpc-association-authorizations', '--hosted-zone-id', privateId])).VPCs).toEqual([{ VPCRegion: 'us-east-1', VPCId: vpcB }]);
    expect((await lookupFrom('127.0.0.4', 'www.example.com')).answer).toEqual(['192.0.2.1']);
    const assoc = await aws(B, 'route53', ['associate-vpc-with-hosted-zone', '--hosted-zone-id', privateId, '--vpc', vpcArg, '--comment', 'from B']);
    expect(assoc.ChangeInfo.Status).toBe('PENDING');
    await eventually(async () => expect((await lookupFrom('127.0.0.4', 'www.example.com')).answer).toEqual(['10.0.0.1']));
    const byVpc = await aws(B, 'route53', ['list-hosted-zones-by-vpc', '--vpc-id', vpcB, '--vpc-region', 'us-east-1']);
    expect(byVpc.HostedZoneSummaries).toEqual([{ HostedZoneId: privateId.replace('/hostedzone/', ''), Name: 'example.com.', Owner: { OwningAccount: A.account } }]);
    // Removing the authorization keeps the association (as in Route 53).
    await aws(A, 'route53', ['delete-vpc-association-authorization', '--hosted-zone-id', privateId, '--vpc', vpcArg]);
    // The VPC's owner may disassociate.
    await aws(B, 'route53', ['disassociate-vpc-from-hosted-zone', '--hosted-zone-id', privateId, '--vpc', vpcArg]);
    await eventually(async () => expect((await lookupFrom('127.0.0.4', 'www.example.com')).answer).toEqual(['192.0.2.1']));
    expect(await awsError(A, 'route53', ['disassociate-vpc-from-hosted-zone', '--hosted-zone-id', privateId, '--vpc', `VPCRegion=us-east-1,VPCId=${VPC_A}`])).toBe('LastVPCAssociation');
  }, 300_000);

  it('signpost vpc list shows the zones; delete is refused while a zone uses the VPC', async () => {
    const list = (await signpost(['vpc', 'list', '--data-dir', sp.dataDir])).stdout;
    expect(list).toMatch(new RegExp(`${VPC_A}\\s+us-east-1\\s+${A.account}\\s+127\\.0\\.0\\.2/32,fd00:8::/64\\s+example\\.com\\.`));
    await expect(signpost(['vpc', 'delete', VPC_A, '--data-dir', sp.dataDir])).rejects.toMatchObject({ stderr: expect.stringContaining('is associated with private hosted zones') });
    await expect(signpost(['vpc', 'create', '--region', 'us-east-1', '--cidr', '10.0.0.0/33', '--data-dir', sp.dataDir])).rejects.toMatchObject({ stderr: expect.stringContaining('at most 32') });
    // A block another VPC has too is accepted (EC2 allows it), with a warning: its clients are in neither.
    const twin = await signpost(['vpc', 'create', '--region', 'eu-west-1', '--cidr', '127.0.0.2/32', '--data-dir', sp.dataDir]);
    expect(twin.stderr).toContain(`warning: ${VPC_A} has the block 127.0.0.2/32 too: DNS clients in it are taken to be in neither VPC`);
    await eventually(async () => expect(sp.output()).toContain(`have the same block 127.0.0.2/32: its clients are taken to be in none of them`));
    await signpost(['vpc', 'delete', /created VPC (vpc-\S+)/.exec(twin.stdout)![1]!, '--data-dir', sp.dataDir]);
  }, 30_000);
});
