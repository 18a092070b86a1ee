/**
 * The EC2 endpoint in-process: requests signed for service ec2 as the SDK signs them, EC2's
 * response and error layouts, and the element names of the botocore ec2 2016-11-15 model
 * (`Vpc` members by their locationName; lists as `item`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { createTestApi, TEST_HOST, TEST_KEYS, TEST_NOW, type TestApi, type TestKey } from '../testing.ts';
import { parseParams } from './protocol.ts';

let api: TestApi;
beforeEach(async () => { api = await createTestApi(); });
afterEach(async () => { await api.close(); });

async function call(params: Record<string, string>, opts: { service?: string; region?: string; key?: TestKey } = {}) {
  const key = opts.key ?? TEST_KEYS.a;
  const body = new URLSearchParams({ Version: '2016-11-15', ...params }).toString();
  const signer = new SignatureV4({ service: opts.service ?? 'ec2', region: opts.region ?? 'eu-west-1', sha256: Sha256,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } });
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: TEST_HOST, path: '/', query: {},
    headers: { host: TEST_HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }, { signingDate: TEST_NOW });
  return api.app.inject({ method: 'POST', url: '/', headers: signed.headers, payload: body });
}

/** The model's Vpc members (locationName), in the order the model lists them. */
const VPC_MEMBERS = ['ownerId', 'instanceTenancy', 'ipv6CidrBlockAssociationSet', 'cidrBlockAssociationSet', 'isDefault', 'tagSet', 'vpcId', 'state', 'cidrBlock', 'dhcpOptionsId'];

describe('the EC2 endpoint', () => {
  it('CreateVpc answers in EC2\'s namespace with the model\'s element names', async () => {
    const res = await call({ Action: 'CreateVpc', CidrBlock: '10.1.2.3/16', Ipv6CidrBlock: 'fd00:1::/56', 'TagSpecification.1.ResourceType': 'vpc', 'TagSpecification.1.Tag.1.Key': 'Name', 'TagSpecification.1.Tag.1.Value': 'a&b' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<CreateVpcResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><vpc>/);
    const vpc = /<vpc>(.*)<\/vpc>/.exec(res.body)![1]!;
    // Every member of the model's Vpc, and nothing the model does not have.
    const MODEL = new Set([...VPC_MEMBERS, 'item', 'key', 'value', 'associationId', 'cidrBlockState', 'ipv6CidrBlock', 'ipv6CidrBlockState', 'networkBorderGroup']);
    const names = new Set([...vpc.matchAll(/<(\w+)>/g)].map((m) => m[1]!));
    expect(VPC_MEMBERS.filter((n) => !names.has(n))).toEqual([]);
    expect([...names].filter((n) => !MODEL.has(n))).toEqual([]);
    expect(vpc).toContain('<cidrBlock>10.1.0.0/16</cidrBlock>'); // host bits cleared, as EC2 does
    expect(vpc).toContain('<tagSet><item><key>Name</key><value>a&amp;b</value></item></tagSet>');
    expect(vpc).toMatch(/<ipv6CidrBlockAssociationSet><item><associationId>vpc-cidr-assoc-[0-9a-f]{17}<\/associationId><ipv6CidrBlock>fd00:1::\/56<\/ipv6CidrBlock><ipv6CidrBlockState><state>associated<\/state><\/ipv6CidrBlockState><networkBorderGroup>eu-west-1<\/networkBorderGroup><\/item><\/ipv6CidrBlockAssociationSet>/);
    const [row] = await api.store.listVpcs();
    expect(row).toMatchObject({ region: 'eu-west-1', accountId: TEST_KEYS.a.accountId });
  });

  it('errors come in EC2\'s layout with EC2\'s codes', async () => {
    const unknown = await call({ Action: 'RunInstances' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action RunInstances is not valid for this web service .*<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
    expect(unknown.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const cases: [Record<string, string>, string, number][] = [
      [{ Action: 'CreateVpc' }, 'MissingParameter', 400],
      [{ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16', InstanceTenancy: 'dedicated' }, 'UnsupportedOperation', 400],
      [{ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16', Ipv4IpamPoolId: 'ipam-pool-1' }, 'UnknownParameter', 400],
      [{ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16', DryRun: 'true' }, 'DryRunOperation', 412],
      [{ Action: 'DeleteVpc', VpcId: 'vpc-00000000000000000' }, 'InvalidVpcID.NotFound', 400],
      [{ Action: 'DescribeVpcs', 'VpcId.1': 'subnet-1' }, 'InvalidVpcID.Malformed', 400],
      [{ Action: 'DescribeVpcs', MaxResults: '2' }, 'InvalidParameterValue', 400],
      [{ Action: 'DisassociateVpcCidrBlock', AssociationId: 'vpc-cidr-assoc-00000000000000000' }, 'InvalidVpcCidrBlockAssociationID.NotFound', 400],
      [{ Action: 'CreateTags', 'ResourceId.1': 'i-1234', 'Tag.1.Key': 'a' }, 'InvalidID', 400],
    ];
    for (const [params, code, status] of cases) {
      const res = await call(params);
      expect([res.statusCode, /<Code>([^<]+)<\/Code>/.exec(res.body)?.[1]], JSON.stringify(params)).toEqual([status, code]);
    }
    expect(await api.store.listVpcs()).toEqual([]);
  });

  it('signatures: service ec2 only, unknown keys are AuthFailure, unsigned is MissingAuthenticationToken', async () => {
    const route53Signed = await call({ Action: 'DescribeVpcs' }, { service: 'route53' });
    expect([route53Signed.statusCode, /<Code>([^<]+)/.exec(route53Signed.body)?.[1]]).toEqual([403, 'SignatureDoesNotMatch']);
    const unknown = await call({ Action: 'DescribeVpcs' }, { key: { ...TEST_KEYS.a, accessKeyId: 'AKIANOSUCHKEY0000000' } });
    expect([unknown.statusCode, /<Code>([^<]+)/.exec(unknown.body)?.[1]]).toEqual([401, 'AuthFailure']);
    const unsigned = await api.app.inject({ method: 'POST', url: '/', headers: { host: TEST_HOST }, payload: 'Action=DescribeVpcs' });
    expect([unsigned.statusCode, /<Code>([^<]+)/.exec(unsigned.body)?.[1]]).toEqual([401, 'MissingAuthenticationToken']);
  });

  it('VPCs are per account and per region', async () => {
    const made = await call({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' });
    const id = /<vpcId>([^<]+)/.exec(made.body)![1]!;
    const mine = await call({ Action: 'DescribeVpcs' });
    expect(mine.body).toContain(`<vpcId>${id}</vpcId>`);
    expect((await call({ Action: 'DescribeVpcs' }, { region: 'us-east-1' })).body).toContain('<vpcSet></vpcSet>');
    expect((await call({ Action: 'DescribeVpcs' }, { key: TEST_KEYS.b })).body).toContain('<vpcSet></vpcSet>');
    expect(/<Code>([^<]+)/.exec((await call({ Action: 'DeleteVpc', VpcId: id }, { key: TEST_KEYS.b })).body)?.[1]).toBe('InvalidVpcID.NotFound');
  });

  it('reads flattened lists in index order and refuses repeated parameters', () => {
    const p = parseParams('Filter.2.Name=b&Filter.1.Name=a&Filter.1.Value.2=y&Filter.1.Value.1=x&VpcId.10=j&VpcId.2=i');
    expect(p.indexes('Filter')).toEqual([1, 2]);
    expect(p.list('Filter.1.Value')).toEqual(['x', 'y']);
    expect(p.list('VpcId')).toEqual(['i', 'j']);
    expect(() => parseParams('A=1&A=2')).toThrow(/more than once/);
    expect(() => parseParams('VpcId.x=1').indexes('VpcId')).toThrow(/not a valid list member/);
  });
});
