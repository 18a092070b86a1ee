/**
 * Requests for services Signpost does not have reach `POST /` when a client is given one
 * endpoint for everything; they are answered 501 NotImplemented in their own protocol.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { createTestApi, TEST_HOST, TEST_KEYS, TEST_NOW, type TestApi } from './testing.ts';

let api: TestApi;
beforeEach(async () => { api = await createTestApi(); });
afterEach(async () => { await api.close(); });

async function signed(service: string, headers: Record<string, string>, body: string) {
  const signer = new SignatureV4({ service, region: 'us-east-1', sha256: Sha256,
    credentials: { accessKeyId: TEST_KEYS.a.accessKeyId, secretAccessKey: TEST_KEYS.a.secretAccessKey } });
  const req = await signer.sign({ method: 'POST', protocol: 'http:', hostname: TEST_HOST, path: '/', query: {}, headers: { host: TEST_HOST, ...headers }, body }, { signingDate: TEST_NOW });
  return api.app.inject({ method: 'POST', url: '/', headers: req.headers, payload: body });
}

describe('requests for other AWS services', () => {
  it('a JSON-protocol operation (route53domains ListDomains) is NotImplemented in JSON, naming it', async () => {
    const res = await signed('route53domains', { 'x-amz-target': 'Route53Domains_v20140515.ListDomains', 'content-type': 'application/x-amz-json-1.1' }, '{}');
    expect(res.statusCode).toBe(501);
    expect(res.headers['content-type']).toMatch(/^application\/x-amz-json-1\.1/);
    expect(JSON.parse(res.body)).toEqual({ __type: 'NotImplemented', message: 'The route53domains operation ListDomains is not offered by Signpost (it offers Route 53, and EC2\'s VPC operations)' });
  });

  it('unsigned, the service is read from the target', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/', headers: { host: TEST_HOST, 'x-amz-target': 'Route53Resolver.ListResolverRules' }, payload: '{}' });
    expect([res.statusCode, JSON.parse(res.body).message]).toEqual([501, 'The Route53Resolver operation ListResolverRules is not offered by Signpost (it offers Route 53, and EC2\'s VPC operations)']);
  });

  it('a Query-protocol operation (sts GetCallerIdentity) is NotImplemented in Query XML', async () => {
    const res = await signed('sts', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=GetCallerIdentity&Version=2011-06-15');
    expect(res.statusCode).toBe(501);
    expect(res.body).toMatch(/<ErrorResponse><Error><Type>Sender<\/Type><Code>NotImplemented<\/Code><Message>The sts operation GetCallerIdentity is not offered by Signpost \(it offers Route 53, and EC2's VPC operations\)<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('a target without a service names none', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/', headers: { host: TEST_HOST, 'x-amz-target': 'NoDot' }, payload: '{}' });
    expect(JSON.parse(res.body).message).toMatch(/^The unknown service operation NoDot is not offered/);
  });

  it('EC2 and Route 53 signatures are still EC2\'s business, X-Amz-Target or not', async () => {
    const ec2Target = await signed('ec2', { 'x-amz-target': 'Foo.Bar', 'content-type': 'application/x-www-form-urlencoded' }, 'Action=DescribeVpcs&Version=2016-11-15');
    expect(ec2Target.statusCode).toBe(200);
    const ec2 = await signed('ec2', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=DescribeVpcs&Version=2016-11-15');
    expect(ec2.statusCode).toBe(200);
    const r53 = await signed('route53', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=DescribeVpcs&Version=2016-11-15');
    expect([r53.statusCode, /<Code>([^<]+)/.exec(r53.body)?.[1]]).toEqual([403, 'SignatureDoesNotMatch']);
  });
});
